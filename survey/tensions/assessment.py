"""The weekly assessment per ward: for each week (Monday to Sunday, UK time) the highest level of
the tension entries open that week, the count of place reports and bot worries placed in the ward,
and the rise flag against the ward's own baseline (``survey.tensions.rise``).

A report is counted once in a week for each ward one of its location answers falls in
(``Answer.ward_id``). Weeks before the partnership's first place report or worry are not counted as
weeks of zero, so a new partnership is not judged until it has enough weeks behind it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.storage.models import Answer, Consultation, Response, TensionEntry, Ward
from survey.tensions.entries import partnership_wards
from survey.tensions.rise import BASELINE_WEEKS, RiseCheck, check_week
from survey.vocabulary import DefinitionKind, TensionLevel

LOCAL_TIME = ZoneInfo("Europe/London")
SHOWN_WEEKS = 12
#: The kinds of consultation whose responses are counted: place reports and worries told to the bot.
COUNTED_KINDS = (DefinitionKind.PLACE_REPORT, DefinitionKind.WORRY)


@dataclass(frozen=True)
class WardWeek:
    """One week of one ward."""

    week_start: dt.date
    level: TensionLevel | None  # the highest level of the entries open that week
    open_entries: int
    count: int
    check: RiseCheck


@dataclass(frozen=True)
class WardAssessment:
    """A ward's weeks, oldest first (the last is the current week)."""

    ward: Ward
    weeks: list[WardWeek]

    @property
    def latest(self) -> WardWeek:
        return self.weeks[-1]


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def local_today() -> dt.date:
    return dt.datetime.now(LOCAL_TIME).date()


def reports_began(session: Session, partnership_id: int) -> dt.date | None:
    """The Monday of the week the partnership's first place report or worry arrived."""
    first = session.scalar(
        select(func.min(Response.submitted_at))
        .join(Consultation, Response.consultation_id == Consultation.id)
        .where(Consultation.partnership_id == partnership_id, Consultation.kind.in_(COUNTED_KINDS))
    )
    return None if first is None else week_start(first.astimezone(LOCAL_TIME).date())


def weekly_counts(
    session: Session, partnership_id: int, first_week: dt.date, ward_ids: Iterable[int] | None = None
) -> dict[int, dict[dt.date, int]]:
    """Reports per ward per week from ``first_week`` on: ``{ward_id: {monday: count}}``."""
    since = dt.datetime.combine(first_week, dt.time(), LOCAL_TIME)
    query = (
        select(Answer.ward_id, Response.id, Response.submitted_at)
        .join(Response, Answer.response_id == Response.id)
        .join(Consultation, Response.consultation_id == Consultation.id)
        .where(
            Consultation.partnership_id == partnership_id,
            Consultation.kind.in_(COUNTED_KINDS),
            Answer.ward_id.is_not(None),
            Response.submitted_at >= since,
        )
        .distinct()
    )
    if ward_ids is not None:
        query = query.where(Answer.ward_id.in_(list(ward_ids)))
    counts: dict[int, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for ward_id, _response_id, submitted_at in session.execute(query):
        counts[ward_id][week_start(submitted_at.astimezone(LOCAL_TIME).date())] += 1
    return counts


def _levels(entries: list[TensionEntry], monday: dt.date) -> tuple[TensionLevel | None, int]:
    sunday = monday + dt.timedelta(days=6)
    open_levels = [
        entry.level
        for entry in entries
        if entry.entry_date <= sunday and (entry.closed_on is None or entry.closed_on >= monday)
    ]
    return max(open_levels, key=lambda level: level.rank, default=None), len(open_levels)


def assess_wards(
    session: Session,
    partnership_id: int,
    wards: list[Ward],
    today: dt.date | None = None,
    *,
    weeks: int = SHOWN_WEEKS,
) -> list[WardAssessment]:
    """The last ``weeks`` weeks (to the current one) of each of ``wards``."""
    current = week_start(today or local_today())
    mondays = [current - dt.timedelta(weeks=back) for back in range(weeks + BASELINE_WEEKS, -1, -1)]
    began = reports_began(session, partnership_id)
    first_index = len(mondays) if began is None else max(0, (began - mondays[0]).days // 7)
    ward_ids = [ward.id for ward in wards]
    counts = weekly_counts(session, partnership_id, mondays[0], ward_ids)
    entries_by_ward: dict[int, list[TensionEntry]] = defaultdict(list)
    entry_query = select(TensionEntry).where(
        TensionEntry.partnership_id == partnership_id, TensionEntry.ward_id.in_(ward_ids)
    )
    for entry in session.scalars(entry_query):
        entries_by_ward[entry.ward_id or 0].append(entry)
    assessments = []
    for ward in wards:
        series = [counts.get(ward.id, {}).get(monday, 0) for monday in mondays]
        rows = []
        for index in range(len(mondays) - weeks, len(mondays)):
            level, open_entries = _levels(entries_by_ward[ward.id], mondays[index])
            check = check_week(series, index, first_week=first_index)
            rows.append(WardWeek(mondays[index], level, open_entries, series[index], check))
        assessments.append(WardAssessment(ward, rows))
    return assessments


def borough_assessment(
    session: Session, partnership_id: int, today: dt.date | None = None, *, weeks: int = SHOWN_WEEKS
) -> list[WardAssessment]:
    """Every ward of the partnership, by name."""
    return assess_wards(
        session, partnership_id, partnership_wards(session, partnership_id), today, weeks=weeks
    )
