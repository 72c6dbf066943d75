"""Counting the kept tallies again from the answers: ``safer-voices tallies rebuild``, the migration
that made the tallies, and a bulk load that writes answers without :func:`survey.tallies.keep.
add_to_tallies` (the benchmark's generator).

A rebuild replaces a consultation's totals with a full recount and drops its deltas, in the caller's
transaction. On PostgreSQL it first takes a lock that lets no submit write a delta until it commits
(a submit already writing one is waited for), so nothing stored meanwhile is counted twice or lost;
submits wait for the rebuild, never the reverse. SQLite lets one writer in at a time anyway.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, case, delete, func, select, text
from sqlalchemy.orm import Session

from survey.storage.models import Answer, Consultation, Response
from survey.storage.models.tallies import MEASURES, TallyDay, TallyDelta, TallyTotal
from survey.tallies.days import local_day_sql
from survey.tallies.fold import KEY, add_to_totals, dialect_name, summed
from survey.tallies.keep import (
    CONSULTATION,
    NEGATIVE_THRESHOLD,
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
    counted = {}
    for consultation_id in consultation_ids:
        for table in (TallyDelta.__table__, TallyTotal.__table__, TallyDay.__table__):
            session.execute(delete(table).where(table.c.consultation_id == consultation_id))
        days = recount(session, consultation_id)
        add_to_totals(session, days, TallyDay.__table__)
        add_to_totals(session, summed(days, KEY), TallyTotal.__table__)
        counted[consultation_id] = sum(row["responses"] for row in days)
    return counted


def recount(session: Session | Connection, consultation_id: int) -> list[dict[str, Any]]:
    """The consultation's tallies counted from its answers, as rows of the days' totals."""
    answer, response = Answer.__table__, Response.__table__
    theirs = response.c.consultation_id == consultation_id
    first, last = session.execute(
        select(func.min(response.c.submitted_at), func.max(response.c.submitted_at)).where(theirs)
    ).one()
    if first is None:
        return []
    day = local_day_sql(response.c.submitted_at, dialect_name(session), first, last).label("day")
    joined = answer.join(response, response.c.id == answer.c.response_id)
    mine = answer.c.consultation_id == consultation_id
    measures: dict[Key, dict[str, Any]] = defaultdict(lambda: dict.fromkeys(MEASURES, 0))
    key = (answer.c.question_id, answer.c.option, answer.c.rank)
    parts = select(day, *key, func.count()).select_from(joined).where(mine).group_by(day, *key)
    for on, question_id, option, rank, n in session.execute(parts):
        measures[key_of(_date(on), question_id, option, rank)]["parts"] = int(n)
    for on, question_id, *values in session.execute(_question_measures(day, joined, mine)):
        measures[key_of(_date(on), question_id, None, None)].update(
            {name: value or 0 for name, value in zip(_QUESTION_MEASURES, values, strict=True)}
        )
    pairs = select(day, answer.c.question_id, answer.c.response_id).select_from(joined).where(mine).distinct()
    pairs = pairs.subquery()
    for on, question_id, n in session.execute(
        select(pairs.c.day, pairs.c.question_id, func.count()).group_by(pairs.c.day, pairs.c.question_id)
    ):
        measures[key_of(_date(on), question_id, None, None)]["respondents"] = int(n)
    for on, n in session.execute(select(day, func.count()).select_from(response).where(theirs).group_by(day)):
        measures[key_of(_date(on), CONSULTATION, None, None)]["responses"] = int(n)
    return [
        {
            "consultation_id": consultation_id,
            "day": on,
            "question_id": question_id,
            "option": option,
            "rank": rank,
            **values,
        }
        for (on, question_id, option, rank), values in measures.items()
    ]


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _question_measures(day: Any, joined: Any, mine: Any) -> Any:
    answer = Answer.__table__
    compound = answer.c.sentiment_compound
    return (
        select(
            day,
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
        .select_from(joined)
        .where(mine)
        .group_by(day, answer.c.question_id)
    )
