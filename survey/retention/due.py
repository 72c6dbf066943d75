"""What falls due next: how much of each kind the retention run will reach in the coming days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.retention.anonymise import due_responses, due_tension_entries, tension_day
from survey.retention.policy import (
    KIND_LABELS,
    DataKind,
    end_of_day,
    local_date,
    months_after,
    months_before,
    periods_of,
)
from survey.retention.run import RESPONSE_KINDS
from survey.storage.models import AuditEvent, Partnership, Response, TensionEntry


@dataclass(frozen=True)
class RetentionDue:
    """``count`` records of one kind reach the end of their period by ``within`` days from now; the
    first of them on ``due_on`` (today for any the run has not reached yet)."""

    kind: DataKind
    label: str
    count: int
    due_on: dt.date


def falls_due(
    session: Session, partnership_id: int, today: dt.date, within_days: int = 30
) -> list[RetentionDue]:
    """Per kind of data (in the policy's order, kinds with nothing due left out): how many of the
    partnership's records the retention run will anonymise or delete within ``within_days`` of
    ``today``, and when the first falls due."""
    partnership = session.get(Partnership, partnership_id)
    if partnership is None:
        return []
    periods = periods_of(session, partnership)
    horizon = today + dt.timedelta(days=within_days)
    found = []
    for kind in DataKind:
        months = periods.months(kind)
        count, first = _due(session, partnership_id, kind, months_before(horizon, months))
        if count:
            found.append(
                RetentionDue(kind, KIND_LABELS[kind], count, max(today, months_after(first, months)))
            )
    return found


def _due(session: Session, partnership_id: int, kind: DataKind, last_day: dt.date) -> tuple[int, dt.date]:
    """How many of ``kind`` dated ``last_day`` or earlier are not yet dealt with, and the earliest date."""
    if kind in RESPONSE_KINDS:
        ids = due_responses(partnership_id, RESPONSE_KINDS[kind], end_of_day(last_day)).subquery()
        count, earliest = session.execute(
            select(func.count(Response.id), func.min(Response.submitted_at)).where(
                Response.id.in_(select(ids))
            )
        ).one()
        return int(count), local_date(earliest) if earliest else last_day
    if kind is DataKind.TENSION_NARRATIVES:
        count, earliest = session.execute(
            select(func.count(TensionEntry.id), func.min(tension_day())).where(
                due_tension_entries(partnership_id, last_day)
            )
        ).one()
        return int(count), earliest or last_day
    count, earliest = session.execute(
        select(func.count(AuditEvent.id), func.min(AuditEvent.at)).where(
            AuditEvent.partnership_id == partnership_id, AuditEvent.at < end_of_day(last_day)
        )
    ).one()
    return int(count), local_date(earliest) if earliest else last_day
