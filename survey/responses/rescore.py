"""Scoring stored sentiment: soon after a response is stored, and bringing it into line with the definition.

A chat reply must not wait for scoring, so the bot stores its reports unscored
(``scorer=SCORE_LATER``, :mod:`survey.responses.sentiment`) and :func:`score_after_commit` hands the
response's id to the background worker once the transaction commits; the worker's task calls
:func:`score_response`, and its catch-up job (:func:`score_unscored`) finds any answer still
unscored because the worker was down or its queue unreachable. Every other channel scores as it
stores (``survey.responses.store``).

:func:`rescore_sentiment` is for answers stored before that: before scoring existed, after the scorer
changes, or before a question's ``sentiment`` flag was changed. Answers to a question whose flag is
now off lose their scores, so a report never shows a figure the definition says measures nothing;
answers to a question whose flag is on are scored.

An answer is scored once however often it is asked for (a task run twice, the catch-up beside it):
its score is written only where it has none yet. Every change to a score reaches the kept tallies
(``survey.tallies.keep``) in the same transaction. Flushes, never commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from survey.consultations import definition_of
from survey.definitions.definition import Definition
from survey.question_types import Tally, scores_sentiment
from survey.responses.sentiment import SENTIMENT_LANGUAGES, TELL_SCORER, SentimentScorer, default_scorer
from survey.storage.after_commit import hand_over_after_commit
from survey.storage.models import Answer, Consultation, Response
from survey.storage.types import utcnow
from survey.tallies.keep import TALLIED_COLUMNS, add_to_tallies

#: How far back the catch-up looks (by when a response was stored); older gaps: ``sentiment rescore``.
CATCH_UP_LOOKBACK = dt.timedelta(days=2)
#: The most answers one catch-up run scores, so it never holds its transaction long; the next run goes on.
CATCH_UP_LIMIT = 2_000
_BATCH = 500
_TALLIED = [getattr(Answer, column) for column in TALLIED_COLUMNS]
_SCORES = ("sentiment_polarity", "sentiment_subjectivity", "sentiment_compound")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rescored:
    """What :func:`rescore_sentiment` did."""

    scored: int
    """Answers scored (to questions with ``sentiment: true``)."""
    cleared: int
    """Answers whose scores were removed (to free-text questions with ``sentiment`` off)."""


def awaits_scoring(definition: Definition, rows: Iterable[Mapping[str, Any]]) -> bool:
    """Whether any of these answer rows holds words that a question with ``sentiment: true`` scores."""
    scored = {question.id for question in definition.questions if scores_sentiment(question)}
    return any(row.get("text") and row["question_id"] in scored for row in rows)


def score_after_commit(session: Session, response_id: int) -> None:
    """Ask the worker to score the response once the session's transaction commits (nothing if it
    rolls back). A session with no :data:`TELL_SCORER` leaves it to the catch-up job, as does a queue
    that cannot be reached."""
    hand_over_after_commit(session, TELL_SCORER, [response_id], what="response",
                           fallback="its catch-up will score it")


def score_response(session: Session, response_id: int, *, scorer: SentimentScorer | None = None) -> int:
    """Score the unscored answers of one response to its consultation's sentiment questions; returns
    how many were scored (0 for a response deleted meanwhile, or scored already)."""
    response = session.get(Response, response_id)
    if response is None:
        return 0
    consultation = session.get_one(Consultation, response.consultation_id)
    question_ids = _sentiment_questions(consultation)
    if not question_ids:
        return 0
    query = _unscored(consultation.id, question_ids).where(Answer.response_id == response_id)
    return _score(session, consultation.id, query, scorer or default_scorer(), only_unscored=True)


def score_unscored(
    session: Session, *, now: dt.datetime | None = None, lookback: dt.timedelta = CATCH_UP_LOOKBACK,
    limit: int = CATCH_UP_LIMIT, scorer: SentimentScorer | None = None,
) -> int:
    """The catch-up: score answers to sentiment questions still unscored among the responses stored in
    the last ``lookback`` (at most ``limit`` of them; the next run goes on). Returns how many it scored.

    Each consultation is looked at through its responses' (consultation, time) index, so a run reads
    only what was stored recently, however many responses there are.
    """
    since = (now or utcnow()) - lookback
    recent = exists().where(Response.consultation_id == Consultation.id, Response.submitted_at >= since)
    scored = 0
    for consultation in session.scalars(select(Consultation).where(recent).order_by(Consultation.id)).all():
        question_ids = _sentiment_questions(consultation)
        if not question_ids or scored >= limit:
            continue
        recent_ids = select(Response.id).where(
            Response.consultation_id == consultation.id, Response.submitted_at >= since)
        query = _unscored(consultation.id, question_ids).where(Answer.response_id.in_(recent_ids))
        scored += _score(session, consultation.id, query, scorer or default_scorer(), only_unscored=True,
                         limit=limit - scored)
    if scored:
        logger.info("Scored the sentiment of %d answer(s) the worker had not scored yet.", scored)
    return scored


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
    scored = 0
    if scored_ids:
        query = (_unscored if not everything else _with_text)(consultation.id, scored_ids)
        scorer = scorer or default_scorer()
        scored = _score(session, consultation.id, query, scorer, only_unscored=not everything)
    return Rescored(scored=scored, cleared=_clear(session, consultation, unscored_ids))


def _sentiment_questions(consultation: Consultation) -> list[str]:
    return [question.id for question in definition_of(consultation).questions if scores_sentiment(question)]


def _with_text(consultation_id: int, question_ids: Sequence[str]) -> Select[Any]:
    # Only words in a language the scorers read (survey.responses.sentiment.SENTIMENT_LANGUAGES).
    readable = select(Response.id).where(Response.id == Answer.response_id,
                                         Response.language.in_(SENTIMENT_LANGUAGES)).exists()
    return select(Answer.id, *_TALLIED).where(
        Answer.consultation_id == consultation_id, Answer.question_id.in_(question_ids),
        Answer.text.is_not(None), readable,
    )


def _unscored(consultation_id: int, question_ids: Sequence[str]) -> Select[Any]:
    return _with_text(consultation_id, question_ids).where(Answer.sentiment_compound.is_(None))


def _score(
    session: Session, consultation_id: int, query: Select[Any], scorer: SentimentScorer, *,
    only_unscored: bool, limit: int | None = None,
) -> int:
    """Score the answers ``query`` finds, a batch at a time in id order; returns how many it changed.

    With ``only_unscored`` a score is written only where there is none yet, so an answer scored
    meanwhile (by the task run twice, or the catch-up beside it) is left alone and counted once.
    """
    scored, after_id = 0, 0
    while limit is None or scored < limit:
        size = _BATCH if limit is None else min(_BATCH, limit - scored)
        found = session.execute(query.where(Answer.id > after_id).order_by(Answer.id).limit(size)).all()
        if not found:
            break
        before, after = [], []
        for answer_id, *values in found:
            row = dict(zip(TALLIED_COLUMNS, values, strict=True))
            score = scorer.score(row["text"] or "")
            new = {"sentiment_polarity": score.polarity, "sentiment_subjectivity": score.subjectivity,
                   "sentiment_compound": score.compound}
            statement = update(Answer).where(Answer.id == answer_id)
            if only_unscored:
                statement = statement.where(Answer.sentiment_compound.is_(None))
            if session.execute(statement.values(**new)).rowcount:
                before.append(row)
                after.append({**row, **new})
            after_id = answer_id
        _to_tallies(session, consultation_id, before, after)
        scored += len(after)
    session.flush()
    return scored


def _clear(session: Session, consultation: Consultation, question_ids: list[str]) -> int:
    if not question_ids:
        return 0
    query = select(Answer.id, *_TALLIED).where(
        Answer.consultation_id == consultation.id, Answer.question_id.in_(question_ids),
        Answer.sentiment_compound.is_not(None) | Answer.sentiment_polarity.is_not(None),
    )
    found = session.execute(query.order_by(Answer.id)).all()
    before = [dict(zip(TALLIED_COLUMNS, values, strict=True)) for _, *values in found]
    for start in range(0, len(found), _BATCH):
        ids = [answer_id for answer_id, *_ in found[start : start + _BATCH]]
        session.execute(update(Answer).where(Answer.id.in_(ids)).values(dict.fromkeys(_SCORES))
                        .execution_options(synchronize_session="fetch"))
    _to_tallies(session, consultation.id, before, [{**row, **dict.fromkeys(_SCORES)} for row in before])
    return len(found)


def _to_tallies(session: Session, consultation_id: int, before: list[dict[str, Any]],
                after: list[dict[str, Any]]) -> None:
    """A changed score reaches the kept tallies as the row removed as it was and stored as it is now."""
    if before:
        add_to_tallies(session, consultation_id, before, sign=-1)
        add_to_tallies(session, consultation_id, after, sign=1)
