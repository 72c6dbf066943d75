"""Bringing stored sentiment into line with the definition: backfill, re-score, or clear.

Sentiment is normally scored once, when a response is stored (:func:`survey.responses.store.store_response`),
and only for free-text questions with ``sentiment: true``. This is for answers stored before that:
before scoring existed, after the scorer changes, or before a question's ``sentiment`` flag was
changed. Answers to a question whose flag is now off lose their scores, so a report never shows a
figure the definition says measures nothing; answers to a question whose flag is on are scored.
Flushes, never commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from survey.consultations import definition_of
from survey.question_types import Tally, scores_sentiment
from survey.responses.sentiment import SentimentScorer, default_scorer
from survey.storage.models import Answer, Consultation

_BATCH = 500


@dataclass(frozen=True)
class Rescored:
    """What :func:`rescore_sentiment` did."""

    scored: int
    """Answers scored (to questions with ``sentiment: true``)."""
    cleared: int
    """Answers whose scores were removed (to free-text questions with ``sentiment`` off)."""


def rescore_sentiment(
    session: Session,
    consultation: Consultation,
    *,
    everything: bool = False,
    scorer: SentimentScorer | None = None,
) -> Rescored:
    """Score the answers to the consultation's sentiment questions that have no score yet (every one
    when ``everything``), and clear the scores of answers to its other free-text questions."""
    questions = [q for q in definition_of(consultation).questions if q.tally == Tally.TEXT]
    scored_ids = [q.id for q in questions if scores_sentiment(q)]
    unscored_ids = [q.id for q in questions if not scores_sentiment(q)]
    return Rescored(
        scored=_score(session, consultation, scored_ids, everything, scorer or default_scorer()),
        cleared=_clear(session, consultation, unscored_ids),
    )


def _score(
    session: Session, consultation: Consultation, question_ids: list[str], everything: bool,
    scorer: SentimentScorer,
) -> int:
    if not question_ids:
        return 0
    query = select(Answer).where(
        Answer.consultation_id == consultation.id, Answer.question_id.in_(question_ids),
        Answer.text.is_not(None),
    )
    if not everything:
        query = query.where(Answer.sentiment_compound.is_(None))
    scored = 0
    for answer in session.scalars(query.order_by(Answer.id).execution_options(yield_per=_BATCH)):
        score = scorer.score(answer.text or "")
        answer.sentiment_polarity = score.polarity
        answer.sentiment_subjectivity = score.subjectivity
        answer.sentiment_compound = score.compound
        scored += 1
        if scored % _BATCH == 0:
            session.flush()
    session.flush()
    return scored


def _clear(session: Session, consultation: Consultation, question_ids: list[str]) -> int:
    if not question_ids:
        return 0
    statement = (
        update(Answer)
        .where(Answer.consultation_id == consultation.id, Answer.question_id.in_(question_ids),
               Answer.sentiment_compound.is_not(None) | Answer.sentiment_polarity.is_not(None))
        .values(sentiment_polarity=None, sentiment_subjectivity=None, sentiment_compound=None)
        .execution_options(synchronize_session="fetch")
    )
    return int(session.execute(statement).rowcount or 0)
