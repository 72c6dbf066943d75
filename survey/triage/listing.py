"""The officers' reports list: place reports, worries and anything flagged urgent, one page at a time.

Read-only queries. The list carries no content of a report (no words, no place): an officer opens one
report by its anonymous reference, and that view is audited by the caller (``actions.record_opened``).
What is in the list: every place report and worry, from the web and the bot, and any consultation
response whose words raised an urgent flag.

An urgent report that is still new and that nobody has opened sits at the top whatever the sort, so it
cannot be missed under newer reports; once opened (or moved on from "new") it takes its place in the
order asked for.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from survey.storage.models import Answer, Consultation, Officer, Partnership, ReportNote, Response, Ward
from survey.triage.codes import stored_reference
from survey.vocabulary import Channel, DefinitionKind, ReportStatus

REPORT_KINDS = (DefinitionKind.PLACE_REPORT, DefinitionKind.WORRY)
AREA_QUESTION_ID = "about_area"
"""The "about you" area question (survey.question_types.about_you): the area filter reads its answer."""
LOCAL_TIME = ZoneInfo("Europe/London")
SEARCH_MAX_LENGTH = 200


class ReportSort(StrEnum):
    """The order of the list below the unopened urgent reports (which always come first)."""

    URGENT_FIRST = "urgent"
    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass(frozen=True)
class ReportQuery:
    """What an officer asked to see. Empty tuples and ``None`` mean "any".

    ``since`` and ``until`` are local days (Europe/London), both included. ``assigned_to`` is an
    officer id; ``unassigned`` asks for reports nobody owns (and wins over ``assigned_to``). ``text``
    is searched, case-insensitively, in every answer's words and in the reference.
    """

    statuses: tuple[ReportStatus, ...] = ()
    urgent: bool | None = None
    kinds: tuple[DefinitionKind, ...] = ()
    channels: tuple[Channel, ...] = ()
    area: str | None = None
    ward: str | None = None
    """A ward's code: reports whose map pin lies in that ward (``survey.wards``)."""
    since: dt.date | None = None
    until: dt.date | None = None
    assigned_to: int | None = None
    unassigned: bool = False
    text: str = ""
    sort: ReportSort = ReportSort.URGENT_FIRST

    def describe(self) -> dict[str, Any]:
        """The filters as plain data, for the command line's JSON and for audit details (no words:
        the search text is reported only as present)."""
        described: dict[str, Any] = {}
        if self.statuses:
            described["status"] = [status.value for status in self.statuses]
        if self.urgent is not None:
            described["urgent"] = self.urgent
        if self.kinds:
            described["kind"] = [kind.value for kind in self.kinds]
        if self.channels:
            described["channel"] = [channel.value for channel in self.channels]
        if self.area:
            described["area"] = self.area
        if self.ward:
            described["ward"] = self.ward
        if self.since:
            described["from"] = self.since.isoformat()
        if self.until:
            described["to"] = self.until.isoformat()
        if self.unassigned:
            described["assignee"] = "nobody"
        elif self.assigned_to is not None:
            described["assignee"] = self.assigned_to
        if self.text.strip():
            described["search"] = True
        return described


@dataclass(frozen=True)
class ReportItem:
    """One row of the list: what a report is and where it has got to, never what it says."""

    reference: str
    partnership_slug: str
    kind: DefinitionKind
    consultation_title: str
    channel: Channel
    urgent: bool
    risk_categories: tuple[str, ...]
    submitted_at: dt.datetime
    status: ReportStatus
    assignee_email: str | None
    opened: bool

    @property
    def waiting(self) -> bool:
        """Urgent, new and not yet opened by anyone: pinned to the top of the list."""
        return self.urgent and not self.opened and self.status == ReportStatus.NEW


@dataclass(frozen=True)
class ReportPage:
    """One page of the list. ``page`` is always between 1 and ``pages``, whatever was asked for."""

    items: list[ReportItem]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return pages_for(self.total, self.per_page)


def pages_for(total: int, per_page: int) -> int:
    """How many pages ``total`` rows fill: at least one, so an empty list is "page 1 of 1"."""
    return max(1, -(-total // per_page))


def split_categories(value: str | None) -> tuple[str, ...]:
    """Stored comma-separated risk categories as a tuple."""
    return tuple(filter(None, (value or "").split(",")))


def local_day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in UK local time, as an aware UTC datetime."""
    return dt.datetime.combine(day, dt.time(), tzinfo=LOCAL_TIME).astimezone(dt.UTC)


def _waiting() -> Any:
    """1 for an urgent report that is new and unopened, else 0 (a sort key that works everywhere)."""
    pinned = and_(Response.urgent.is_(True), Response.opened_at.is_(None),
                  Response.status == ReportStatus.NEW)
    return case((pinned, 1), else_=0)


def _searchable(typed: str) -> str:
    """What was typed without NUL characters, which PostgreSQL refuses in any text (none is stored)."""
    return typed.replace("\x00", "")


def _like(words: str) -> str:
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: Select[Any], wanted: ReportQuery) -> Select[Any]:  # noqa: C901 - one line per filter
    if wanted.statuses:
        query = query.where(Response.status.in_(wanted.statuses))
    if wanted.urgent is not None:
        query = query.where(Response.urgent.is_(wanted.urgent))
    if wanted.kinds:
        query = query.where(Consultation.kind.in_(wanted.kinds))
    if wanted.channels:
        query = query.where(Response.channel.in_(wanted.channels))
    if wanted.area:
        query = query.where(exists().where(Answer.response_id == Response.id,
                                           Answer.question_id == AREA_QUESTION_ID,
                                           Answer.option == _searchable(wanted.area)))
    if wanted.ward:
        query = query.where(exists().where(
            Answer.response_id == Response.id,
            Answer.ward_id.in_(select(Ward.id).where(Ward.code == wanted.ward,
                                                     Ward.partnership_id == Response.partnership_id))))
    if wanted.since:
        query = query.where(Response.submitted_at >= local_day_start(wanted.since))
    if wanted.until:
        query = query.where(Response.submitted_at < local_day_start(wanted.until + dt.timedelta(days=1)))
    if wanted.unassigned:
        query = query.where(Response.assigned_officer_id.is_(None))
    elif wanted.assigned_to is not None:
        query = query.where(Response.assigned_officer_id == wanted.assigned_to)
    words = _searchable(wanted.text).strip()[:SEARCH_MAX_LENGTH]
    if words:
        # ilike is ILIKE on PostgreSQL and lower() LIKE lower() on SQLite: case-insensitive on both.
        pattern = _like(words)
        query = query.where(or_(
            Response.reference.ilike(pattern, escape="\\"),
            exists().where(Answer.response_id == Response.id, Answer.text.ilike(pattern, escape="\\")),
        ))
    return query


def _ordered(query: Select[Any], sort: ReportSort) -> Select[Any]:
    match sort:
        case ReportSort.OLDEST:
            return query.order_by(_waiting().desc(), Response.submitted_at.asc(), Response.id.asc())
        case ReportSort.NEWEST:
            return query.order_by(_waiting().desc(), Response.submitted_at.desc(), Response.id.desc())
        case _:
            return query.order_by(_waiting().desc(), Response.urgent.desc(), Response.submitted_at.desc(),
                                  Response.id.desc())


def reports_query(partnership_id: int | None, wanted: ReportQuery = ReportQuery()) -> Select[Any]:  # noqa: B008
    """The rows of the list, filtered and sorted (every partnership's when ``partnership_id`` is None,
    which only the command line asks for)."""
    query = (
        select(Response, Consultation.kind, Consultation.title, Partnership.slug, Officer.email)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .join(Partnership, Partnership.id == Response.partnership_id)
        .outerjoin(Officer, Officer.id == Response.assigned_officer_id)
        .where(or_(Consultation.kind.in_(REPORT_KINDS), Response.urgent.is_(True)))
    )
    if partnership_id is not None:
        query = query.where(Response.partnership_id == partnership_id)
    return _ordered(_filtered(query, wanted), wanted.sort)


def list_reports(
    session: Session,
    partnership_id: int | None,
    wanted: ReportQuery = ReportQuery(),  # noqa: B008 - frozen, so a shared default is safe
    *,
    page: int = 1,
    per_page: int = 50,
) -> ReportPage:
    """One page of the reports ``wanted`` asks for. A page beyond the last gives the last page, and
    one before the first gives the first, so the page shown always exists."""
    query = reports_query(partnership_id, wanted)
    total = int(session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)
    page = min(max(1, page), pages_for(total, per_page))
    rows = session.execute(query.limit(per_page).offset((page - 1) * per_page))
    items = [_item(*row) for row in rows]
    return ReportPage(items=items, total=total, page=page, per_page=per_page)


def report_items(session: Session, query: Select[Any], limit: int) -> list[ReportItem]:
    """The first ``limit`` rows of a :func:`reports_query` (narrowed further, perhaps) as list items."""
    return [_item(*row) for row in session.execute(query.limit(limit))]


def _item(response: Response, kind: DefinitionKind, title: str, slug: str, email: str | None) -> ReportItem:
    return ReportItem(
        reference=response.reference, partnership_slug=slug, kind=kind, consultation_title=title,
        channel=response.channel, urgent=response.urgent,
        risk_categories=split_categories(response.risk_categories), submitted_at=response.submitted_at,
        status=response.status, assignee_email=email, opened=response.opened_at is not None,
    )


def report_by_reference(
    session: Session, reference: str, partnership_id: int | None = None
) -> Response | None:
    """The response with this reference (as typed), with its answers; ``None`` if there is none or,
    when ``partnership_id`` is given, if it belongs to another partnership."""
    query = (select(Response).options(selectinload(Response.answers))
             .where(Response.reference == (stored_reference(reference) or reference.strip().upper())))
    if partnership_id is not None:
        query = query.where(Response.partnership_id == partnership_id)
    return session.scalar(query)


def report_notes(session: Session, response: Response) -> list[ReportNote]:
    """The internal notes on a report, oldest first (never shown to the reporter)."""
    query = (select(ReportNote).where(ReportNote.response_id == response.id)
             .order_by(ReportNote.created_at, ReportNote.id))
    return list(session.scalars(query))


def area_values(session: Session, partnership_id: int) -> list[str]:
    """The areas named in the partnership's reports' "about you" area answers, for the area filter."""
    query = (
        select(Answer.option).distinct()
        .join(Response, Response.id == Answer.response_id)
        .where(Response.partnership_id == partnership_id, Answer.question_id == AREA_QUESTION_ID,
               Answer.option.is_not(None))
        .order_by(Answer.option)
    )
    return [value for value in session.scalars(query) if value]
