"""Per-question tallies, always with their base: SQL aggregates over the answer table.

The **base** of a question is the number of respondents who answered it, never every respondent:
someone who skipped a question (or was not shown it) is not in its base. Every percentage is of the
question's base, to one decimal place, halves up (:func:`analysis.intervals.percent`).

==================  ===========================================================================
question type       what is counted
==================  ===========================================================================
single choice       respondents per option (they add up to the base)
multiple choice     respondents per option: options, never combinations, so the percentages
                    add up to more than 100 (someone who ticks three options counts in three)
ranking             respondents who ranked the option at all, and at each rank position; the
                    **mean rank** (1 = first) among those who ranked it; the **points score**:
                    with up to R ranks, first gets R points, second R - 1, ... last 1, summed
                    over respondents (so with R = 5, first is worth 5 and fifth 1)
scale               respondents per point ("Don't know" included, and in the base); the **net
                    score** is (respondents at a positive point - at a negative point) / base,
                    in percentage points; the **mean score** leaves "Don't know" out
free text           the base, and sentiment scored when each answer was stored (questions with
                    ``sentiment: true`` only; indicative)
number, date        the base and mean / lowest / highest (number) or earliest / latest (date)
location            areas and landmarks chosen; pins dropped and places described in words
==================  ===========================================================================

Each question type says how it is tallied (its ``tally``, a :class:`survey.question_types.Tally`),
and this module dispatches on that, never on the type's name: a new type counted like an existing
one needs no change here.

An unfiltered report, or one of some days, reads the kept tallies (``survey.tallies``), kept up to
date as answers are stored, changed and removed: a few thousand rows whatever the number of
responses. Any other filter counts the answers of the responses that pass it with five queries
(``analysis.tally_readers``).
Only the questions' options' labels come from the definition; a stored option the definition no
longer has is still counted and shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from analysis.filters import NO_FILTER, ResponseFilter
from analysis.intervals import percent, round_half_up
from analysis.tally_readers import AnswerReader, KeptReader, SentimentSummary, reads_kept_tallies
from survey.definitions.definition import Definition, Question
from survey.question_types import Tally, scores_sentiment, tally_of
from survey.storage.models import Consultation

_RankKey = tuple[str, str | None, int | None]


@dataclass(frozen=True)
class OptionTally:
    """One option of one question: respondents who chose it and the percent of the question's base."""

    value: str
    label: str
    count: int
    percent: float
    rank_counts: tuple[int, ...] = ()
    """Ranking only: respondents who put it first, second, ... (one entry per rank position)."""
    rank_percent: tuple[float, ...] = ()
    """Ranking only: ``rank_counts`` as percentages of the base."""
    mean_rank: float | None = None
    """Ranking only: the average position among those who ranked it (2 decimals)."""
    points: int | None = None
    """Ranking only: the points score (see the module docstring)."""
    score: float | None = None
    """Scale only: the point's score (``None`` for "Don't know")."""


@dataclass(frozen=True)
class QuestionTally:
    id: str
    type: str
    text: str
    base: int
    options: tuple[OptionTally, ...] = ()
    about_you: bool = False
    net_score: float | None = None
    mean_score: float | None = None
    number_mean: float | None = None
    number_min: float | None = None
    number_max: float | None = None
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    pins: int | None = None
    described: int | None = None
    sentiment: SentimentSummary | None = None

    @property
    def tally(self) -> Tally:
        """How the question's type is tallied (reports dispatch on this); KeyError for an unknown type."""
        return tally_of(self.type)


@dataclass(frozen=True)
class ConsultationTallies:
    slug: str
    title: str
    responses: int
    questions: tuple[QuestionTally, ...]
    response_filter: ResponseFilter = field(default=NO_FILTER)

    def question(self, question_id: str) -> QuestionTally:
        return next(question for question in self.questions if question.id == question_id)


def count_responses(
    session: Session, consultation: Consultation, response_filter: ResponseFilter = NO_FILTER
) -> int:
    """How many responses the consultation has (that pass the filter)."""
    return _reader(session, consultation, response_filter).responses()


def _reader(
    session: Session, consultation: Consultation, response_filter: ResponseFilter
) -> AnswerReader | KeptReader:
    if reads_kept_tallies(response_filter):  # everything, or some days: whatever the number of responses
        return KeptReader(session, consultation.id, response_filter)
    return AnswerReader(session, consultation.id, response_filter)


def tally_consultation(
    session: Session,
    consultation: Consultation,
    definition: Definition,
    response_filter: ResponseFilter = NO_FILTER,
) -> ConsultationTallies:
    """Tally every question of the consultation (see the module docstring for what is counted)."""
    reader = _reader(session, consultation, response_filter)
    parts = reader.part_counts()
    def tallied_as(*tallies: Tally) -> list[str]:
        return [q.id for q in definition.questions if q.tally in tallies]

    respondents = reader.respondents(tallied_as(Tally.OPTIONS))
    numbers = reader.numbers(tallied_as(Tally.NUMBERS, Tally.DATES))
    # Only where the question asks for feelings or views: elsewhere a stored score measures nothing.
    sentiments = reader.sentiments([q.id for q in definition.questions if scores_sentiment(q)])
    places = reader.places(tallied_as(Tally.PLACES))
    questions = []
    for question in definition.questions:
        counts = parts.get(question.id, {})
        questions.append(
            _tally_question(question, counts, respondents, numbers, sentiments.get(question.id), places)
        )
    return ConsultationTallies(
        slug=consultation.slug,
        title=consultation.title,
        responses=reader.responses(),
        questions=tuple(questions),
        response_filter=response_filter,
    )


def _tally_question(
    question: Question,
    counts: Mapping[tuple[str | None, int | None], int],
    respondents: Mapping[str, int],
    numbers: Mapping[str, tuple[Any, ...]],
    sentiment: SentimentSummary | None,
    places: Mapping[str, tuple[int, int]],
) -> QuestionTally:
    common = {"id": question.id, "type": question.type, "text": question.text,
              "about_you": bool(getattr(question, "about_you", False))}
    match question.tally:
        case Tally.ONE_OPTION | Tally.SCALE:
            base = sum(counts.values())
            tally = QuestionTally(**common, base=base, options=_options(question, counts, base))
            return _with_scale(question, tally)
        case Tally.OPTIONS:
            base = respondents.get(question.id, 0)
            return QuestionTally(**common, base=base, options=_options(question, counts, base))
        case Tally.RANKS:
            base = sum(n for (_option, rank), n in counts.items() if rank == 1)
            return QuestionTally(**common, base=base, options=_ranking_options(question, counts, base))
        case Tally.NUMBERS:
            base, mean, low, high = numbers.get(question.id, (0, None, None, None))
            mean = None if mean is None else round_half_up(float(mean), 2)
            return QuestionTally(**common, base=base, number_mean=mean, number_min=low, number_max=high)
        case Tally.DATES:
            base, _mean, low, high = numbers.get(question.id, (0, None, None, None))
            return QuestionTally(**common, base=base, date_min=low, date_max=high)
        case Tally.PLACES:
            base = sum(counts.values())
            pins, described = places.get(question.id, (0, 0))
            return QuestionTally(**common, base=base, options=_options(question, counts, base), pins=pins,
                                 described=described)
    # Tally.TEXT: free text
    return QuestionTally(**common, base=sum(counts.values()), sentiment=sentiment)


def _labels(question: Question, counts: Mapping[tuple[str | None, int | None], int]) -> dict[str, str]:
    labels = {option.value: option.label for option in question.all_options}
    for option, _rank in counts:  # answers stored under an option the definition has since dropped
        if option is not None and option not in labels:
            labels[option] = option
    return labels


def _options(
    question: Question, counts: Mapping[tuple[str | None, int | None], int], base: int
) -> tuple[OptionTally, ...]:
    by_option: dict[str, int] = defaultdict(int)
    for (option, _rank), n in counts.items():
        if option is not None:
            by_option[option] += n
    scores = {option.value: option.score for option in question.all_options}
    return tuple(
        OptionTally(value=value, label=label, count=by_option[value], percent=percent(by_option[value], base),
                    score=scores.get(value) if question.tally == Tally.SCALE else None)
        for value, label in _labels(question, counts).items()
    )


def _ranking_options(
    question: Question, counts: Mapping[tuple[str | None, int | None], int], base: int
) -> tuple[OptionTally, ...]:
    positions = getattr(question, "rank", 1)
    options = []
    for value, label in _labels(question, counts).items():
        at = tuple(counts.get((value, rank), 0) for rank in range(1, positions + 1))
        ranked = sum(at)
        weighted = sum(rank * n for rank, n in enumerate(at, start=1))
        options.append(OptionTally(
            value=value, label=label, count=ranked, percent=percent(ranked, base),
            rank_counts=at, rank_percent=tuple(percent(n, base) for n in at),
            mean_rank=round_half_up(weighted / ranked, 2) if ranked else None,
            points=sum((positions + 1 - rank) * n for rank, n in enumerate(at, start=1)),
        ))
    return tuple(options)


def _with_scale(question: Question, tally: QuestionTally) -> QuestionTally:
    if question.tally != Tally.SCALE:
        return tally
    positive = sum(o.count for o in tally.options if o.score is not None and o.score > 0)
    negative = sum(o.count for o in tally.options if o.score is not None and o.score < 0)
    scored = [(o.count, o.score) for o in tally.options if o.score is not None]
    scored_n = sum(n for n, _score in scored)
    mean = round_half_up(sum(n * s for n, s in scored) / scored_n, 2) if scored_n else None
    net = percent(positive - negative, tally.base) if tally.base else None
    return QuestionTally(**{**tally.__dict__, "net_score": net, "mean_score": mean})
