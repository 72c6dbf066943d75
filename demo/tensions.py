"""Demo community tensions and events of risk: a few tension entries over the last 12 weeks in the
demo's wards, and the events a borough plans for (Halloween and bonfire night, school holidays, a
football fixture, exam results day).

Entries need wards: when the demo partnership has none yet they are left out, and a later run of
the demo adds them once wards are loaded. Each part is added once (a partnership that already has
entries, or events, keeps its own). The narratives are invented.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.storage.models import Partnership, RiskEvent, TensionEntry, Ward
from survey.tensions.assessment import local_today
from survey.tensions.entries import TensionValues, close_entry, create_entry, partnership_wards
from survey.tensions.events import EventValues, create_event, record_debrief
from survey.vocabulary import EventType, RiskRating, TensionCategory, TensionLevel

# (ward position, weeks ago, category, level, source, narrative, weeks until closed or None)
_ENTRIES = [
    (
        0,
        10,
        TensionCategory.GROUP_CONFLICT,
        TensionLevel.HIGH,
        "Neighbourhood policing team",
        "Two groups of young people have clashed twice near the bus station; a youth worker says it follows "
        "a dispute on social media.",
        3,
    ),
    (
        0,
        3,
        TensionCategory.ANTI_SOCIAL_BEHAVIOUR,
        TensionLevel.MEDIUM,
        "Housing officer",
        "Residents report groups gathering in the stairwells of the estate most evenings.",
        None,
    ),
    (
        1,
        5,
        TensionCategory.ONLINE_RUMOUR,
        TensionLevel.MEDIUM,
        "Council communications team",
        "A false claim about an attack at the market is being shared in local groups.",
        1,
    ),
    (
        1,
        1,
        TensionCategory.PROTEST,
        TensionLevel.LOW,
        "Community engagement officer",
        "A peaceful protest about the closure of the library is planned for Saturday.",
        None,
    ),
    (
        2,
        2,
        TensionCategory.SERIOUS_VIOLENCE,
        TensionLevel.CRITICAL,
        "Police duty inspector",
        "A stabbing on the high street last weekend. Friends of the victim are angry and there are fears "
        "of a reprisal.",
        None,
    ),
    (
        3,
        8,
        TensionCategory.HATE_INCIDENTS,
        TensionLevel.MEDIUM,
        "Community leader",
        "Graffiti targeting the mosque; worshippers are worried about Friday prayers.",
        2,
    ),
]
# Approximate English school holidays: (name, first day, last day) as (month, day) pairs.
_SCHOOL_HOLIDAYS = [
    ("February half term", (2, 16), (2, 20)),
    ("Easter holidays", (3, 30), (4, 10)),
    ("May half term", (5, 25), (5, 29)),
    ("Summer holidays", (7, 22), (9, 2)),
    ("October half term", (10, 26), (10, 30)),
    ("Christmas holidays", (12, 19), (1, 3)),
]


def load_demo_tensions(session: Session, partnership: Partnership, today: dt.date | None = None) -> None:
    """Add the demo's tension entries (if it has wards and no entries) and events (if it has none)."""
    today = today or local_today()
    wards = partnership_wards(session, partnership.id)
    if wards and not _has(session, TensionEntry, partnership):
        _add_entries(session, partnership, wards, today)
    if not _has(session, RiskEvent, partnership):
        _add_events(session, partnership, wards[0] if wards else None, today)


def _has(session: Session, model: type[TensionEntry] | type[RiskEvent], partnership: Partnership) -> bool:
    query = select(func.count()).select_from(model).where(model.partnership_id == partnership.id)
    return bool(session.scalar(query))


def _add_entries(session: Session, partnership: Partnership, wards: list[Ward], today: dt.date) -> None:
    for position, weeks_ago, category, level, source, narrative, closed_after in _ENTRIES:
        ward = wards[position % len(wards)]
        day = today - dt.timedelta(weeks=weeks_ago, days=2)
        review = day + dt.timedelta(weeks=2) if closed_after is None else None
        values = TensionValues(
            day, ward.id, category, level, source, narrative, max(review, today) if review else None
        )
        entry, _new = create_entry(session, partnership.id, values, officer_id=None)
        if closed_after is not None:
            close_entry(session, entry, day + dt.timedelta(weeks=closed_after))


def _next_school_holiday(today: dt.date) -> tuple[str, dt.date, dt.date]:
    for year in (today.year - 1, today.year, today.year + 1):
        for name, (start_month, start_day), (end_month, end_day) in _SCHOOL_HOLIDAYS:
            start = dt.date(year, start_month, start_day)
            end = dt.date(year + (end_month < start_month), end_month, end_day)
            if end >= today:
                return name, start, end
    raise AssertionError("unreachable: there is always a next holiday")


def _next_exam_results_day(today: dt.date) -> dt.date:
    # GCSE results come out on the third or fourth Thursday of August.
    for year in (today.year, today.year + 1):
        day = dt.date(year, 8, 20)
        day += dt.timedelta(days=(3 - day.weekday()) % 7)
        if day >= today:
            return day
    raise AssertionError("unreachable")


def _add_events(session: Session, partnership: Partnership, ward: Ward | None, today: dt.date) -> None:
    ward_id = ward.id if ward else None
    halloween, bonfire = dt.date(today.year, 10, 31), dt.date(today.year, 11, 5)
    holiday, holiday_start, holiday_end = _next_school_holiday(today)
    saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 + 7)
    events = [
        EventValues(
            "Halloween and bonfire night",
            EventType.HALLOWEEN_BONFIRE,
            halloween,
            bonfire,
            RiskRating.HIGH,
            "Community safety team",
            place="Riverside Park and the High Street",
            ward_id=ward_id,
            expected_attendance=4000,
            mitigations="Dispersal order around the park; test purchases of "
            "fireworks; extra youth outreach on both nights; CCTV monitored live.",
        ),
        EventValues(
            holiday,
            EventType.SCHOOL_HOLIDAYS,
            holiday_start,
            holiday_end,
            RiskRating.MEDIUM,
            "Youth service",
            place="Across the borough",
            mitigations="Extended opening at the youth centres; detached youth work in the evenings.",
        ),
        EventValues(
            "Home derby fixture",
            EventType.FOOTBALL,
            saturday,
            saturday,
            RiskRating.HIGH,
            "Police events team",
            place="The stadium and the station approach",
            ward_id=ward_id,
            expected_attendance=25000,
            mitigations="Segregated routes to the station; licensed premises briefed; alcohol restrictions.",
        ),
        EventValues(
            "GCSE results day",
            EventType.EXAM_RESULTS,
            _next_exam_results_day(today),
            _next_exam_results_day(today),
            RiskRating.LOW,
            "Schools partnership",
            place="Town centre",
            mitigations="Youth workers in the town centre in the afternoon and evening.",
        ),
    ]
    for values in events:
        event, _new = create_event(session, partnership.id, values, officer_id=None)
        if event.ends_on < today:
            record_debrief(
                session,
                event,
                "Busier than last year but no serious incidents. The dispersal "
                "order was used twice; keep the extra outreach next year.",
            )
