"""The officers' reports inbox: place reports, worries and anything flagged urgent, urgent first.

Read-only queries over one partnership's responses. Content is never part of the list; an officer
opens one response by its anonymous reference (and the web app audits that view).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from survey.storage.models import Consultation, Response
from survey.vocabulary import DefinitionKind

REPORT_KINDS = (DefinitionKind.PLACE_REPORT, DefinitionKind.WORRY)


class InboxFilter(StrEnum):
    """What the inbox shows: everything, one kind of report, or urgent items only."""

    ALL = "all"
    URGENT = "urgent"
    WORRY = "worry"
    PLACE_REPORT = "place_report"


@dataclass(frozen=True)
class InboxItem:
    reference: str
    kind: DefinitionKind
    consultation_title: str
    channel: str
    urgent: bool
    risk_categories: tuple[str, ...]
    submitted_at: object


@dataclass(frozen=True)
class InboxPage:
    items: list[InboxItem]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _inbox_query(partnership_id: int, show: InboxFilter) -> Select:
    query = (
        select(Response, Consultation)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .where(Response.partnership_id == partnership_id)
    )
    match show:
        case InboxFilter.URGENT:
            return query.where(Response.urgent.is_(True))
        case InboxFilter.WORRY | InboxFilter.PLACE_REPORT:
            return query.where(Consultation.kind == DefinitionKind(show.value))
        case _:
            return query.where(or_(Consultation.kind.in_(REPORT_KINDS), Response.urgent.is_(True)))


def inbox(
    session: Session, partnership_id: int, *, show: InboxFilter = InboxFilter.ALL, page: int = 1,
    per_page: int = 50,
) -> InboxPage:
    """One page of the partnership's reports: urgent ones first, then newest first.

    "All" is every place report and worry plus any consultation response flagged urgent.
    """
    query = _inbox_query(partnership_id, show)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = max(1, page)
    rows = session.execute(
        query.order_by(Response.urgent.desc(), Response.submitted_at.desc(), Response.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    items = [
        InboxItem(
            reference=response.reference,
            kind=consultation.kind,
            consultation_title=consultation.title,
            channel=response.channel.value,
            urgent=response.urgent,
            risk_categories=tuple(filter(None, (response.risk_categories or "").split(","))),
            submitted_at=response.submitted_at,
        )
        for response, consultation in rows
    ]
    return InboxPage(items=items, total=total, page=page, per_page=per_page)


def partnership_response(session: Session, partnership_id: int, reference: str) -> Response | None:
    """The response with this reference if it belongs to this partnership; ``None`` otherwise."""
    return session.scalar(
        select(Response)
        .options(selectinload(Response.answers))
        .where(Response.reference == reference, Response.partnership_id == partnership_id)
    )


def flag_urgent(session: Session, response: Response, categories: set[str] | frozenset[str]) -> None:
    """Mark a response urgent with these risk categories added (the bot heard them during the report).

    Flushes, never commits.
    """
    known = set(filter(None, (response.risk_categories or "").split(",")))
    response.urgent = True
    response.risk_categories = ",".join(sorted(known | set(categories)))[:200]
    session.flush()
