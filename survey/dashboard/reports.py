"""New and urgent reports for the dashboard: what arrived since the officer last signed in (or in
the last 24 hours, whichever reaches further back), urgent first, and any urgent report nobody has
opened yet however old it is, so a report from before the weekend cannot slip off the list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from survey.storage.models import AuditEvent, Response
from survey.triage.listing import ReportItem, ReportQuery, ReportSort, report_items, reports_query
from survey.vocabulary import ReportStatus

#: However recently the officer last signed in, "new" reaches back at least this far.
AT_LEAST = dt.timedelta(hours=24)
#: The audit action written at each sign-in (webapp.auth): the one before the current session
#: marks "since you last signed in" (the officer record keeps only the latest sign-in).
SIGN_IN_ACTION = "sign_in"


@dataclass(frozen=True)
class ReportWindow:
    """Where "new" starts: ``since``, which is the officer's previous sign-in when that is more than
    24 hours ago, otherwise 24 hours ago. ``last_sign_in`` is their previous sign-in, if known."""

    since: dt.datetime
    last_sign_in: dt.datetime | None

    @property
    def from_last_sign_in(self) -> bool:
        return self.last_sign_in is not None and self.since == self.last_sign_in


@dataclass(frozen=True)
class NewReports:
    """The first ``len(items)`` of ``total`` reports to show. ``urgent`` counts the urgent ones of
    all ``total``, ``waiting`` the urgent ones nobody has opened yet."""

    window: ReportWindow
    items: list[ReportItem]
    total: int
    urgent: int
    waiting: int


def report_window(
    session: Session, officer_id: int, session_began: dt.datetime | None, now: dt.datetime
) -> ReportWindow:
    """The window of "new" for an officer whose current session began at ``session_began``."""
    floor = now - AT_LEAST
    previous = None
    if session_began is not None:
        previous = session.scalar(
            select(func.max(AuditEvent.at)).where(
                AuditEvent.officer_id == officer_id,
                AuditEvent.action == SIGN_IN_ACTION,
                AuditEvent.at < session_began,
            )
        )
    since = previous if previous is not None and previous < floor else floor
    return ReportWindow(since=since, last_sign_in=previous)


def _unopened_urgent(table: Any) -> Any:
    return and_(table.urgent.is_(True), table.opened_at.is_(None), table.status == ReportStatus.NEW)


def _count(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def new_and_urgent_reports(
    session: Session, partnership_id: int, window: ReportWindow, *, limit: int = 10
) -> NewReports:
    """Place reports, worries and urgent consultation answers that arrived in ``window``, and
    urgent ones from before it that nobody has opened: unopened urgent first, then urgent, then
    newest. Two statements: the counts, and the first ``limit`` rows."""
    query = reports_query(partnership_id, ReportQuery(sort=ReportSort.URGENT_FIRST)).where(
        or_(Response.submitted_at >= window.since, _unopened_urgent(Response))
    )
    listed = query.order_by(None).subquery()
    total, urgent, waiting = session.execute(
        select(
            func.count(), _count(listed.c.urgent.is_(True)), _count(_unopened_urgent(listed.c))
        ).select_from(listed)
    ).one()
    return NewReports(
        window=window,
        items=report_items(session, query, limit),
        total=int(total),
        urgent=int(urgent),
        waiting=int(waiting),
    )
