"""Responses this week against last week, and the open consultations' response rates.

Weeks begin on Monday at midnight UK time. "This week" runs from that Monday to now, so on a Monday
morning it has barely begun; "last week" is the whole of the week before.

A consultation has no target number of responses and no population stored with it, so its rate is
responses per day since it opened (its opening date if set, otherwise the day it was created),
today counted as a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from survey.storage.models import Consultation, Response
from survey.triage.listing import LOCAL_TIME, local_day_start
from survey.vocabulary import ConsultationStatus, DefinitionKind


@dataclass(frozen=True)
class WeekCounts:
    """One consultation's responses this week so far and last week."""

    slug: str
    title: str
    kind: DefinitionKind
    status: ConsultationStatus
    this_week: int
    last_week: int

    @property
    def change(self) -> int:
        return self.this_week - self.last_week


@dataclass(frozen=True)
class WeeklyResponses:
    """Each consultation that is open or had a response in the two weeks, most responses first."""

    this_week_began: dt.date
    last_week_began: dt.date
    rows: list[WeekCounts]

    @property
    def this_week(self) -> int:
        return sum(row.this_week for row in self.rows)

    @property
    def last_week(self) -> int:
        return sum(row.last_week for row in self.rows)


@dataclass(frozen=True)
class ConsultationRate:
    """An open consultation's responses so far and per day since ``opened_on``; ``opened_on`` is
    the day it was created when it has no opening date (``from_creation``). Before it opens, the
    rate is ``None``."""

    slug: str
    title: str
    kind: DefinitionKind
    responses: int
    opened_on: dt.date
    from_creation: bool
    closes_on: dt.date | None
    today: dt.date

    @property
    def days_open(self) -> int:
        return max(0, (self.today - self.opened_on).days + 1)

    @property
    def per_day(self) -> float | None:
        return self.responses / self.days_open if self.days_open else None

    @property
    def days_left(self) -> int | None:
        return None if self.closes_on is None else (self.closes_on - self.today).days


def week_began(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LOCAL_TIME).date()


def weekly_responses(session: Session, partnership_id: int, now: dt.datetime) -> WeeklyResponses:
    """Responses this week so far and last week, per consultation, in one statement."""
    this_monday = week_began(local_date(now))
    last_monday = this_monday - dt.timedelta(days=7)
    this_start, last_start = local_day_start(this_monday), local_day_start(last_monday)
    this_week = func.coalesce(func.sum(case((Response.submitted_at >= this_start, 1), else_=0)), 0)
    last_week = func.coalesce(func.sum(case((Response.submitted_at < this_start, 1), else_=0)), 0)
    in_the_two_weeks = (
        (Response.consultation_id == Consultation.id)
        & (Response.submitted_at >= last_start)
        & (Response.submitted_at <= now)
    )
    query = (
        select(
            Consultation.slug,
            Consultation.title,
            Consultation.kind,
            Consultation.status,
            this_week,
            last_week,
        )
        .outerjoin(Response, in_the_two_weeks)
        .where(Consultation.partnership_id == partnership_id)
        .group_by(
            Consultation.id, Consultation.slug, Consultation.title, Consultation.kind, Consultation.status
        )
    )
    rows = [
        WeekCounts(slug, title, kind, status, int(this), int(last))
        for slug, title, kind, status, this, last in session.execute(query)
        if status == ConsultationStatus.OPEN or this or last
    ]
    rows.sort(key=lambda row: (-row.this_week, -row.last_week, row.title))
    return WeeklyResponses(this_week_began=this_monday, last_week_began=last_monday, rows=rows)


def open_consultation_rates(session: Session, partnership_id: int, today: dt.date) -> list[ConsultationRate]:
    """Each open consultation's responses so far and per day, in one statement, soonest closing first."""
    columns = (
        Consultation.slug,
        Consultation.title,
        Consultation.kind,
        Consultation.opens_on,
        Consultation.closes_on,
        Consultation.created_at,
    )
    query = (
        select(*columns, func.count(Response.id))
        .outerjoin(Response, Response.consultation_id == Consultation.id)
        .where(Consultation.partnership_id == partnership_id, Consultation.status == ConsultationStatus.OPEN)
        .group_by(Consultation.id, *columns)
    )
    rates = [
        ConsultationRate(
            slug=slug,
            title=title,
            kind=kind,
            responses=int(count),
            opened_on=opens_on or local_date(created_at),
            from_creation=opens_on is None,
            closes_on=closes_on,
            today=today,
        )
        for slug, title, kind, opens_on, closes_on, created_at, count in session.execute(query)
    ]
    rates.sort(key=lambda rate: (rate.closes_on or dt.date.max, rate.title))
    return rates
