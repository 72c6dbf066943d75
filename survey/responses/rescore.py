"""Backfilling sentiment: score free-text answers stored before scoring existed (or re-score all).

Sentiment is normally scored once, when a response is stored (:func:`survey.responses.store.store_response`);
this is for answers stored before that, or after the scorer changes. Flushes, never commits.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.consultations import definition_of
from survey.question_types import Tally
from survey.responses.sentiment import SentimentScorer, default_scorer
from survey.storage.models import Answer, Consultation

_BATCH = 500


def rescore_sentiment(
    session: Session,
    consultation: Consultation,
    *,
    everything: bool = False,
    scorer: SentimentScorer | None = None,
) -> int:
    """Score the consultation's free-text answers that have no sentiment yet (every one when
    ``everything``); return how many were scored."""
    scorer = scorer or default_scorer()
    free_text = [q.id for q in definition_of(consultation).questions if q.tally == Tally.TEXT]
    if not free_text:
        return 0
    query = select(Answer).where(
        Answer.consultation_id == consultation.id, Answer.question_id.in_(free_text), Answer.text.is_not(None)
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
