"""Sentiment of free-text answers, scored once: when a response is stored, or soon after by the worker.

Two lexicon-based scorers, both offline and deterministic:

* TextBlob's pattern analyser gives ``polarity`` (-1 negative .. 1 positive) and ``subjectivity``
  (0 factual .. 1 opinion). Only :attr:`textblob.TextBlob.sentiment` is used: it needs no NLTK data,
  whereas ``.words``/``.sentences`` would need the punkt tokenizer and try to download it.
* VADER (Hutto and Gilbert, 2014), tuned for short informal text, gives ``compound`` (-1 .. 1). The
  ``label`` uses VADER's published thresholds: positive at ``compound >= 0.05``, negative at
  ``compound <= -0.05``, neutral between.

Scores are a rough guide for officers sorting many comments, never a judgement on one person's words,
and they are not published. Callers that want a different model (or a fake in tests) pass any object
with a ``score(text) -> SentimentScore`` method: see :class:`SentimentScorer`. A caller that must not
wait for scoring (a chat reply) passes :data:`SCORE_LATER` instead, and the background worker scores
the stored answers after the commit (``survey.responses.rescore``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

SentimentLabel = Literal["positive", "negative", "neutral"]

#: The languages the scorers were built for: TextBlob's and VADER's lexicons are English. Free text in any
#: other language is left unscored (a Welsh or Urdu comment would score as "neutral", which it is not),
#: and reports say how many such answers there are.
SENTIMENT_LANGUAGES = ("en",)

POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
_PLACES = 4


@dataclass(frozen=True, slots=True)
class SentimentScore:
    """The sentiment of one piece of free text; every score is rounded to 4 decimal places."""

    polarity: float
    """TextBlob polarity, -1 (negative) to 1 (positive)."""
    subjectivity: float
    """TextBlob subjectivity, 0 (factual) to 1 (opinion)."""
    compound: float
    """VADER compound score, -1 (most negative) to 1 (most positive)."""
    label: SentimentLabel
    """``positive``, ``negative`` or ``neutral``, from ``compound`` with VADER's thresholds."""


NEUTRAL = SentimentScore(polarity=0.0, subjectivity=0.0, compound=0.0, label="neutral")
"""The score of empty or whitespace-only text."""


class SentimentScorer(Protocol):
    """Anything that can score a piece of free text."""

    def score(self, text: str) -> SentimentScore:
        """Return the sentiment of ``text``."""
        ...


class ScoreLater:
    """The choice to leave scoring to the background worker: see :data:`SCORE_LATER`."""

    def __repr__(self) -> str:
        return "SCORE_LATER"


SCORE_LATER = ScoreLater()
"""Pass as ``scorer`` to store a response unscored and have the worker score it once it is committed."""

#: ``session.info`` key of a ``Callable[[int], object]`` that asks the worker to score a stored response
#: (by id): ``survey.worker.teller.attach_task_queue`` puts it there (``survey.responses.rescore`` uses it).
TELL_SCORER = "safer_voices.tell_scorer"


def sentiment_reads(language: str) -> bool:
    """Whether the sentiment scorers can read text written in ``language``."""
    return language in SENTIMENT_LANGUAGES


def label_for(compound: float) -> SentimentLabel:
    """Return VADER's label for a compound score: positive >= 0.05, negative <= -0.05, else neutral."""
    if compound >= POSITIVE_THRESHOLD:
        return "positive"
    if compound <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


@cache
def _vader() -> SentimentIntensityAnalyzer:
    # Loading VADER reads its 7,500-word lexicon from disk: do it once, on first use, not at import.
    # Scoring only reads the lexicon, so one shared analyser is safe across threads.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


class LexiconScorer:
    """The default scorer: TextBlob for polarity and subjectivity, VADER for the compound score."""

    def score(self, text: str) -> SentimentScore:
        """Return the sentiment of ``text``; empty or whitespace-only text is :data:`NEUTRAL`."""
        if not text or not text.strip():
            return NEUTRAL
        from textblob import TextBlob

        blob_sentiment = TextBlob(text).sentiment
        compound = round(_vader().polarity_scores(text)["compound"], _PLACES)
        return SentimentScore(
            polarity=round(float(blob_sentiment.polarity), _PLACES),
            subjectivity=round(float(blob_sentiment.subjectivity), _PLACES),
            compound=compound,
            label=label_for(compound),
        )


_DEFAULT = LexiconScorer()


def default_scorer() -> SentimentScorer:
    """Return the shared default scorer (:class:`LexiconScorer`)."""
    return _DEFAULT


def warm_up() -> None:
    """Load TextBlob and VADER's lexicon now. A server calls this before its workers fork, so they
    share what was loaded and no respondent's submit is the one that waits about a second for it."""
    _DEFAULT.score("Warm up the lexicons.")


def score_text(text: str, scorer: SentimentScorer | None = None) -> SentimentScore:
    """Return the sentiment of ``text`` using ``scorer``, or the default scorer when none is given."""
    return (scorer or _DEFAULT).score(text)
