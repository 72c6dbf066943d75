"""The day a response counts on in the kept tallies: the UK local day it was submitted, as a date
filter reads it (``analysis.filters``: "from 1 March" means from midnight UK time)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, case, cast, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.types import Date, String

from survey.storage.models import Response

LOCAL_TIME = ZoneInfo("Europe/London")


def local_day(moment: dt.datetime) -> dt.date:
    """The UK local day of an aware moment."""
    return moment.astimezone(LOCAL_TIME).date()


def response_days(executor: Session | Connection, response_ids: Iterable[int]) -> dict[int, dt.date]:
    """The local day each response was submitted on."""
    ids = sorted(set(response_ids))
    days = {}
    table = Response.__table__
    for start in range(0, len(ids), 500):  # a bounded IN list on every database
        batch = ids[start : start + 500]
        for response_id, submitted_at in executor.execute(
            select(table.c.id, table.c.submitted_at).where(table.c.id.in_(batch))
        ):
            days[response_id] = local_day(submitted_at)
    return days


def local_day_sql(column: Any, dialect: str, first: dt.datetime, last: dt.datetime) -> Any:
    """SQL for the local day of ``column`` (a UTC timestamp), for moments from ``first`` to ``last``.

    PostgreSQL knows the time zone; SQLite stores naive UTC text and knows none, so the hour added in
    British Summer Time is worked out here for each summer between the two moments."""
    if dialect == "postgresql":
        return cast(func.timezone(LOCAL_TIME.key, column), Date)
    summers = [
        (start.strftime("%Y-%m-%d %H:%M:%S"), end.strftime("%Y-%m-%d %H:%M:%S"))
        for start, end in _summers(first.year, last.year)
    ]
    if not summers:
        return func.date(column)
    shift = case(
        *(
            ((column >= literal(start, String)) & (column < literal(end, String)), literal("+1 hours"))
            for start, end in summers
        ),
        else_=literal("+0 hours"),
    )
    return func.date(column, shift)


def _summers(first_year: int, last_year: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """The UTC moments each summer time began and ended, found from the zone's own rules."""
    summers = []
    for year in range(first_year, last_year + 1):
        moment, end = dt.datetime(year, 1, 1, tzinfo=dt.UTC), dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
        began = None
        while moment < end:
            summer = bool(moment.astimezone(LOCAL_TIME).dst())
            if summer and began is None:
                began = moment
            elif not summer and began is not None:
                summers.append((began.replace(tzinfo=None), moment.replace(tzinfo=None)))
                began = None
            moment += dt.timedelta(hours=1)
        if began is not None:
            summers.append((began.replace(tzinfo=None), end.replace(tzinfo=None)))
    return summers
