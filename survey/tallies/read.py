"""Reading the kept tallies: the totals (or the totals of the days asked for) plus the deltas not
folded yet, a few thousand rows at most whatever the number of responses; and the lowest and
highest numbers and dates, which no count can keep under deletion, read with one index seek each
(``ix_answer_number``, ``ix_answer_date``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from survey.storage.models import Answer
from survey.storage.models.tallies import MEASURES, TallyDay, TallyDelta, TallyTotal
from survey.tallies.keep import CONSULTATION, NO_OPTION, NO_RANK

PartKey = tuple[str | None, int | None]


@dataclass(frozen=True)
class KeptTallies:
    """A consultation's kept tallies."""

    responses: int
    parts: dict[str, dict[PartKey, int]] = field(default_factory=dict)
    """Answer rows by question, then by (option, rank); ``None`` where a part has none."""
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The measures of each question that has answers (respondents, number_n, number_sum, pins, ...)."""


def kept_tallies(
    session: Session, consultation_id: int, since: dt.date | None = None, until: dt.date | None = None
) -> KeptTallies:
    """The consultation's tallies as kept: what a full recount of its answers would find; of the
    responses submitted from ``since`` to ``until`` (UK local days, both included) if given."""
    days = since is not None or until is not None

    def measured(table: Any) -> Any:
        query = select(table.c.question_id, table.c.option, table.c.rank, *(table.c[m] for m in MEASURES))
        query = query.where(table.c.consultation_id == consultation_id)
        if since is not None:
            query = query.where(table.c.day >= since)
        if until is not None:
            query = query.where(table.c.day <= until)
        return query

    folded = TallyDay.__table__ if days else TallyTotal.__table__
    both = union_all(measured(folded), measured(TallyDelta.__table__)).subquery()
    query = select(both.c.question_id, both.c.option, both.c.rank, *(func.sum(both.c[m]) for m in MEASURES))
    responses = 0
    parts: dict[str, dict[PartKey, int]] = defaultdict(dict)
    questions: dict[str, dict[str, Any]] = {}
    for question_id, option, rank, *values in session.execute(
        query.group_by(both.c.question_id, both.c.option, both.c.rank)
    ):
        measures = dict(zip(MEASURES, (value or 0 for value in values), strict=True))
        if question_id == CONSULTATION:
            responses += int(measures["responses"])
            continue
        if measures["parts"]:
            parts[question_id][
                (None if option == NO_OPTION else option, None if rank == NO_RANK else rank)
            ] = int(measures["parts"])
        if option == NO_OPTION and rank == NO_RANK:
            questions[question_id] = measures
    answered = {question_id for question_id, counts in parts.items() if counts}
    return KeptTallies(
        responses=responses,
        parts=dict(parts),
        questions={question_id: m for question_id, m in questions.items() if question_id in answered},
    )


def value_ranges(
    session: Session, consultation_id: int, question_ids: list[str]
) -> dict[str, tuple[float | None, float | None, dt.date | None, dt.date | None]]:
    """The lowest and highest number and the earliest and latest date answered to each question."""
    ranges = {}
    for question_id in question_ids:
        row = session.execute(
            select(
                _seek(consultation_id, question_id, Answer.number, func.min),
                _seek(consultation_id, question_id, Answer.number, func.max),
                _seek(consultation_id, question_id, Answer.date, func.min),
                _seek(consultation_id, question_id, Answer.date, func.max),
            )
        ).one()
        ranges[question_id] = (row[0], row[1], row[2], row[3])
    return ranges


def _seek(consultation_id: int, question_id: str, column: Any, pick: Any) -> Any:
    """``min`` or ``max`` of a column of the question's answers: one seek of its partial index."""
    return (
        select(pick(column))
        .where(
            Answer.consultation_id == consultation_id, Answer.question_id == question_id, column.is_not(None)
        )
        .scalar_subquery()
    )
