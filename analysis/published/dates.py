"""Dates as the public reads them: "3 December 2026", in UK time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/London")


def long_date(moment: dt.datetime) -> str:
    """``3 December 2026``: the day in UK time, in words."""
    return f"{moment.astimezone(LOCAL_TIME):%-d %B %Y}"


def iso_moment(moment: dt.datetime) -> str:
    """RFC 3339 in UTC, to the second, as Atom asks."""
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
