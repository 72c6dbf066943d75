"""Events of risk: planned events and periods (Halloween, school holidays, fixtures, protests) with
their risk rating, mitigations, owner and a debrief after. Flush, never commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.storage.models import RiskEvent
from survey.storage.types import utcnow
from survey.tensions.entries import TensionError, partnership_ward
from survey.vocabulary import EventStatus, EventType, RiskRating

UPCOMING_DAYS = 28


@dataclass(frozen=True)
class EventValues:
    """What an officer gives for an event of risk."""

    title: str
    event_type: EventType
    starts_on: dt.date
    ends_on: dt.date
    risk_rating: RiskRating
    owner: str
    place: str | None = None
    ward_id: int | None = None
    expected_attendance: int | None = None
    mitigations: str = ""
    status: EventStatus = EventStatus.PLANNED


def _check(session: Session, partnership_id: int, values: EventValues) -> None:
    errors = {}
    if not values.title.strip():
        errors["title"] = "Enter the name of the event"
    elif len(values.title) > 200:
        errors["title"] = "Name must be 200 characters or fewer"
    if values.ends_on < values.starts_on:
        errors["ends_on"] = "End date must be on or after the start date"
    if values.ward_id is not None and partnership_ward(session, partnership_id, values.ward_id) is None:
        errors["ward_id"] = "Select a ward from the list"
    if not (values.place or "").strip() and values.ward_id is None:
        errors["place"] = "Enter the place, or select a ward"
    elif len(values.place or "") > 200:
        errors["place"] = "Place must be 200 characters or fewer"
    if values.expected_attendance is not None and values.expected_attendance < 0:
        errors["expected_attendance"] = "Expected attendance must be 0 or more"
    if not values.owner.strip():
        errors["owner"] = "Enter who owns the plan for this event"
    elif len(values.owner) > 200:
        errors["owner"] = "Owner must be 200 characters or fewer"
    if errors:
        raise TensionError(errors)


def create_event(
    session: Session,
    partnership_id: int,
    values: EventValues,
    *,
    officer_id: int | None,
    submission_key: str | None = None,
) -> tuple[RiskEvent, bool]:
    """Add an event of risk; returns it and whether it is new (a re-sent form finds the first)."""
    if submission_key:
        existing = session.scalar(
            select(RiskEvent).where(
                RiskEvent.submission_key == submission_key, RiskEvent.partnership_id == partnership_id
            )
        )
        if existing is not None:
            return existing, False
    _check(session, partnership_id, values)
    event = RiskEvent(
        partnership_id=partnership_id,
        created_by_officer_id=officer_id,
        submission_key=submission_key or None,
        **_columns(values),
    )
    session.add(event)
    session.flush()
    return event, True


def update_event(session: Session, event: RiskEvent, values: EventValues) -> RiskEvent:
    """Change an event's details and status."""
    _check(session, event.partnership_id, values)
    for name, value in _columns(values).items():
        setattr(event, name, value)
    event.updated_at = utcnow()
    session.flush()
    session.expire(event, ["ward"])  # the ward may have changed by id: load it afresh when asked
    return event


def record_debrief(session: Session, event: RiskEvent, debrief: str) -> RiskEvent:
    """Write what happened and what was learned; a planned or active event becomes done."""
    if not debrief.strip():
        raise TensionError({"debrief": "Enter the debrief"})
    event.debrief = debrief.strip()
    if event.status in (EventStatus.PLANNED, EventStatus.ACTIVE):
        event.status = EventStatus.DONE
    event.updated_at = utcnow()
    session.flush()
    return event


def partnership_event(session: Session, partnership_id: int, event_id: int) -> RiskEvent | None:
    """The partnership's event with ``event_id`` (``None`` for another partnership's)."""
    event = session.get(RiskEvent, event_id)
    return event if event is not None and event.partnership_id == partnership_id else None


def partnership_events(session: Session, partnership_id: int) -> list[RiskEvent]:
    """Every event of the partnership, the soonest first."""
    query = (
        select(RiskEvent)
        .where(RiskEvent.partnership_id == partnership_id)
        .order_by(RiskEvent.starts_on, RiskEvent.id)
    )
    return list(session.scalars(query))


def upcoming_events(
    session: Session,
    partnership_id: int,
    today: dt.date,
    *,
    days: int = UPCOMING_DAYS,
    ward_id: int | None = None,
) -> list[RiskEvent]:
    """Events under way or starting in the next ``days`` days (not cancelled or done), soonest first.

    With ``ward_id``, only events in that ward.
    """
    query = select(RiskEvent).where(
        RiskEvent.partnership_id == partnership_id,
        RiskEvent.starts_on <= today + dt.timedelta(days=days),
        RiskEvent.ends_on >= today,
        RiskEvent.status.in_([EventStatus.PLANNED, EventStatus.ACTIVE]),
    )
    if ward_id is not None:
        query = query.where(RiskEvent.ward_id == ward_id)
    return list(session.scalars(query.order_by(RiskEvent.starts_on, RiskEvent.id)))


def _columns(values: EventValues) -> dict[str, object]:
    return {
        "title": values.title.strip(),
        "event_type": EventType(values.event_type),
        "starts_on": values.starts_on,
        "ends_on": values.ends_on,
        "risk_rating": RiskRating(values.risk_rating),
        "owner": values.owner.strip(),
        "place": (values.place or "").strip() or None,
        "ward_id": values.ward_id,
        "expected_attendance": values.expected_attendance,
        "mitigations": (values.mitigations or "").strip(),
        "status": EventStatus(values.status),
    }
