"""Counting the kept tallies again from the answers: ``safer-voices tallies rebuild``, the migration
that made the tallies, and a bulk load that writes answers without :func:`survey.tallies.keep.
add_to_tallies` (the benchmark's generator).

A rebuild replaces a consultation's totals with a full recount and drops its deltas, in the caller's
transaction. On PostgreSQL it first takes a lock that lets no submit write a delta until it commits
(a submit already writing one is waited for), so nothing stored meanwhile is counted twice or lost;
submits wait for the rebuild, never the reverse. SQLite lets one writer in at a time anyway.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, case, delete, func, select, text
from sqlalchemy.orm import Session

from survey.storage.models import Answer, Consultation, Response
from survey.storage.models.tallies import MEASURES, TallyDelta, TallyTotal
from survey.tallies.fold import add_to_totals, dialect_name
from survey.tallies.keep import (
    CONSULTATION,
    NEGATIVE_THRESHOLD,
    NO_OPTION,
    NO_RANK,
    POSITIVE_THRESHOLD,
    Key,
    key_of,
)

_QUESTION_MEASURES = (
    "number_n",
    "number_sum",
    "pins",
    "described",
    "scored",
    "positive",
    "negative",
    "compound_sum",
    "polarity_n",
    "polarity_sum",
    "subjectivity_n",
    "subjectivity_sum",
)


def rebuild_tallies(
    session: Session | Connection, consultation_ids: list[int] | None = None
) -> dict[int, int]:
    """Recount the tallies of these consultations (every one when ``None``) from their answers;
    returns how many responses each has. Flushes, never commits."""
    if dialect_name(session) == "postgresql":
        session.execute(text("LOCK TABLE tally_delta IN SHARE ROW EXCLUSIVE MODE"))
    if consultation_ids is None:
        consultation_ids = list(session.scalars(select(Consultation.__table__.c.id).order_by("id")))
    delta, total = TallyDelta.__table__, TallyTotal.__table__
    counted = {}
    for consultation_id in consultation_ids:
        session.execute(delete(delta).where(delta.c.consultation_id == consultation_id))
        session.execute(delete(total).where(total.c.consultation_id == consultation_id))
        rows = recount(session, consultation_id)
        add_to_totals(session, rows)
        counted[consultation_id] = sum(row["responses"] for row in rows)
    return counted


def recount(session: Session | Connection, consultation_id: int) -> list[dict[str, Any]]:
    """The consultation's tallies counted from its answers, as rows of the totals."""
    answer = Answer.__table__
    mine = answer.c.consultation_id == consultation_id
    measures: dict[Key, dict[str, Any]] = defaultdict(lambda: dict.fromkeys(MEASURES, 0))
    parts = select(answer.c.question_id, answer.c.option, answer.c.rank, func.count()).where(mine)
    for question_id, option, rank, n in session.execute(
        parts.group_by(answer.c.question_id, answer.c.option, answer.c.rank)
    ):
        measures[key_of(question_id, option, rank)]["parts"] = int(n)
    for question_id, *values in session.execute(_question_measures(mine)):
        measures[key_of(question_id, None, None)].update(
            {name: value or 0 for name, value in zip(_QUESTION_MEASURES, values, strict=True)}
        )
    pairs = select(answer.c.question_id, answer.c.response_id).where(mine).distinct().subquery()
    for question_id, n in session.execute(
        select(pairs.c.question_id, func.count()).group_by(pairs.c.question_id)
    ):
        measures[key_of(question_id, None, None)]["respondents"] = int(n)
    response = Response.__table__
    count = session.execute(
        select(func.count()).select_from(response).where(response.c.consultation_id == consultation_id)
    ).scalar()
    measures[(CONSULTATION, NO_OPTION, NO_RANK)]["responses"] = int(count or 0)
    return [
        {
            "consultation_id": consultation_id,
            "question_id": question_id,
            "option": option,
            "rank": rank,
            **values,
        }
        for (question_id, option, rank), values in measures.items()
    ]


def _question_measures(mine: Any) -> Any:
    answer = Answer.__table__
    compound = answer.c.sentiment_compound
    return (
        select(
            answer.c.question_id,
            func.count(answer.c.number),
            func.sum(answer.c.number),
            func.count(answer.c.latitude),
            func.count(answer.c.text),
            func.count(compound),
            func.sum(case((compound >= POSITIVE_THRESHOLD, 1), else_=0)),
            func.sum(case((compound <= NEGATIVE_THRESHOLD, 1), else_=0)),
            func.sum(compound),
            func.count(answer.c.sentiment_polarity),
            func.sum(answer.c.sentiment_polarity),
            func.count(answer.c.sentiment_subjectivity),
            func.sum(answer.c.sentiment_subjectivity),
        )
        .where(mine)
        .group_by(answer.c.question_id)
    )
