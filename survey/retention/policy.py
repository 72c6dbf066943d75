"""A partnership's retention policy: how many months it keeps each kind of data.

The default is the privacy notice's promise (24 months), or the partnership's ``retention_months``
where an installation set one. The officer page saves a :class:`RetentionPolicy` row, and the public
privacy notice reads the same periods (:func:`periods_of`), so the promise and the setting agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from survey.storage.models import Partnership, RetentionPolicy
from survey.storage.types import utcnow

#: What the shipped privacy notices promise: answers are deleted after two years.
DEFAULT_MONTHS = 24
MIN_MONTHS = 1
MAX_MONTHS = 120
LOCAL_TIME = ZoneInfo("Europe/London")


class DataKind(enum.StrEnum):
    """The kinds of data with a retention period of their own."""

    FREE_TEXT = "free_text"
    PLACE_REPORTS = "place_reports"
    WORRIES = "worries"
    TENSION_NARRATIVES = "tension_narratives"
    AUDIT_LOG = "audit_log"


KIND_LABELS = {
    DataKind.FREE_TEXT: "Consultation answers",
    DataKind.PLACE_REPORTS: "Place reports",
    DataKind.WORRIES: "Worries",
    DataKind.TENSION_NARRATIVES: "Tension narratives",
    DataKind.AUDIT_LOG: "Audit log",
}

#: What happens to each kind when its period ends, in words for officers and the privacy notice.
KIND_OUTCOMES = {
    DataKind.FREE_TEXT: "The words people wrote are deleted, with their references and check codes. "
    "The options they chose are kept, so results can still be counted and compared year on year.",
    DataKind.PLACE_REPORTS: "The words are deleted, with references and check codes, and each map pin "
    "is moved to the middle of its map square. The ward and the options chosen are kept.",
    DataKind.WORRIES: "The words are deleted, with references, check codes and any reply. The topic "
    "chosen is kept.",
    DataKind.TENSION_NARRATIVES: "The narrative is deleted; the date, ward, category and level are kept. "
    "The period counts from the day an entry was closed, or recorded if it is still open.",
    DataKind.AUDIT_LOG: "Entries older than this are deleted.",
}


@dataclass(frozen=True)
class RetentionPeriods:
    """Months kept, per kind. ``saved`` is False while the partnership still uses the defaults."""

    free_text: int
    place_reports: int
    worries: int
    tension_narratives: int
    audit_log: int
    saved: bool = False

    def months(self, kind: DataKind) -> int:
        return int(getattr(self, kind.value))

    def by_kind(self) -> dict[DataKind, int]:
        return {kind: self.months(kind) for kind in DataKind}


def default_months(partnership: Partnership) -> int:
    """The months every kind is kept until the partnership saves a policy of its own."""
    return partnership.retention_months or DEFAULT_MONTHS


def periods_of(session: Session, partnership: Partnership) -> RetentionPeriods:
    """The partnership's retention periods (its saved policy, or the default for every kind)."""
    row = session.get(RetentionPolicy, partnership.id)
    if row is None:
        months = default_months(partnership)
        return RetentionPeriods(months, months, months, months, months)
    return RetentionPeriods(
        free_text=row.free_text_months,
        place_reports=row.place_reports_months,
        worries=row.worries_months,
        tension_narratives=row.tension_narratives_months,
        audit_log=row.audit_log_months,
        saved=True,
    )


def check_months(months: dict[DataKind, int]) -> dict[DataKind, str]:
    """Problems with proposed periods, by kind, in GOV.UK wording (empty when all can be saved)."""
    problems = {}
    for kind in DataKind:
        value = months.get(kind)
        if value is None or not MIN_MONTHS <= value <= MAX_MONTHS:
            problems[kind] = (
                f"{KIND_LABELS[kind]} must be kept for between {MIN_MONTHS} and {MAX_MONTHS} months"
            )
    return problems


def save_periods(
    session: Session, partnership: Partnership, months: dict[DataKind, int], *, officer_id: int | None
) -> RetentionPeriods:
    """Save the partnership's periods (checked with :func:`check_months` first). Flushes only."""
    problems = check_months(months)
    if problems:
        raise ValueError("; ".join(problems.values()))
    row = session.get(RetentionPolicy, partnership.id)
    if row is None:
        row = RetentionPolicy(partnership_id=partnership.id)
        session.add(row)
    for kind in DataKind:
        setattr(row, f"{kind.value}_months", months[kind])
    row.updated_by_officer_id = officer_id
    row.updated_at = utcnow()
    session.flush()
    return periods_of(session, partnership)


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` moved back ``months`` calendar months (the 31st becomes the month's last day)."""
    return months_after(day, -months)


def months_after(day: dt.date, months: int) -> dt.date:
    """``day`` moved on ``months`` calendar months (the 31st becomes the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def end_of_day(day: dt.date) -> dt.datetime:
    """The first moment after ``day`` in London time: what was stored before it is from ``day`` or earlier."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=LOCAL_TIME)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL_TIME).date()
