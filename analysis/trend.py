"""Responses week by week.

**Weeks** run Monday to Sunday in UK local time. The database groups responses by UTC hour (portable
SQL on SQLite and PostgreSQL, and at most 168 groups a week); each hour is then placed in its local
day exactly, because the UK's offsets from UTC are whole hours. Weeks with no responses between the
first and the last are included as zeros, so a chart's gaps are real.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.filters import LOCAL_TIME, NO_FILTER, ResponseFilter, restrict_responses
from survey.storage.models import Consultation, Response


@dataclass(frozen=True)
class WeekCount:
    week_start: dt.date
    """The Monday the week starts on (UK local time)."""
    responses: int
    by_channel: dict[str, int] = field(default_factory=dict)


def weekly_trend(
    session: Session, consultation: Consultation, response_filter: ResponseFilter = NO_FILTER
) -> list[WeekCount]:
    """Responses per week (and per channel), from the first week with a response to the last."""
    hour = _utc_hour(session)
    query = (
        select(hour, Response.channel, func.count())
        .where(Response.consultation_id == consultation.id)
        .group_by(hour, Response.channel)
    )
    weeks: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for hour_text, channel, n in session.execute(restrict_responses(query, consultation.id, response_filter)):
        utc = dt.datetime.strptime(str(hour_text), "%Y-%m-%d %H").replace(tzinfo=dt.UTC)
        local_day = utc.astimezone(LOCAL_TIME).date()
        monday = local_day - dt.timedelta(days=local_day.weekday())
        weeks[monday][getattr(channel, "value", str(channel))] += int(n)
    if not weeks:
        return []
    result = []
    week, last = min(weeks), max(weeks)
    while week <= last:
        channels = dict(sorted(weeks.get(week, {}).items()))
        result.append(WeekCount(week_start=week, responses=sum(channels.values()), by_channel=channels))
        week += dt.timedelta(days=7)
    return result


def _utc_hour(session: Session):  # type: ignore[no-untyped-def]
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", Response.submitted_at), "YYYY-MM-DD HH24")
    # SQLite stores UTCDateTime as naive UTC text, "YYYY-MM-DD HH:MM:SS.ffffff".
    return func.strftime("%Y-%m-%d %H", Response.submitted_at)
