"""Dates as people read them in every export: "2 December 2026", never "2026-12-02" or "2 Dec 2026".

GOV.UK style writes dates in full with no ordinal suffix and no comma. Times are UK time
(Europe/London), the partnership's local time, with the 24-hour clock. Month names are spelt here
rather than taken from ``strftime("%B")``, which follows the server's locale.

Machine-readable files keep ISO 8601: the raw CSV (read back by the importer), the JSON report and
the raw-data sheet of the workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/London")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_SHORT_MONTHS = {month[:3]: month for month in MONTHS}


def date_in_words(day: dt.date) -> str:
    """``2 December 2026``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def local_day(moment: dt.datetime | str) -> dt.date:
    """The UK date of a moment (an aware datetime or an ISO 8601 text such as a report's ``generated_at``)."""
    return _local(moment).date()


def moment_in_words(moment: dt.datetime | str) -> str:
    """``2 December 2026 at 09:30 (UK time)``."""
    local = _local(moment)
    return f"{date_in_words(local.date())} at {local:%H:%M} (UK time)"


def _local(moment: dt.datetime | str) -> dt.datetime:
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if moment.tzinfo is None:  # stored times are UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(LOCAL_TIME)


def period_in_words(first: dt.date | None, last: dt.date | None, weeks: Sequence[str] = ()) -> str:
    """A consultation's period: ``1 March 2026 to 30 April 2026``, ``from 1 March 2026`` or
    ``up to 30 April 2026``. With no dates set, the weeks responses came in (``weeks``: the
    summary's week labels), if any are given."""
    if first and last:
        return f"{date_in_words(first)} to {date_in_words(last)}"
    if first:
        return f"from {date_in_words(first)}"
    if last:
        return f"up to {date_in_words(last)}"
    if weeks:
        return (f"no set dates (responses came in the weeks beginning {week_in_words(weeks[0])} "
                f"to {week_in_words(weeks[-1])})")
    return "no set dates"


def sentence_case(text: str) -> str:
    """The text with a capital first letter, for a value standing alone (``From 1 March 2026``)."""
    return text[:1].upper() + text[1:]


def week_in_words(label: str) -> str:
    """A week label of the summary (``2 Dec 2026``, or already ``2 December 2026``) in words."""
    day, _space, rest = label.partition(" ")
    month, _space, year = rest.partition(" ")
    return f"{day} {_SHORT_MONTHS.get(month, month)} {year}".strip()


def filters_in_words(filters: Mapping[str, str | Sequence[str]]) -> str:
    """A report's filters (``from``, ``to``, ``channels``, about-you answers) as one line:
    ``from 1 March 2026; to 31 March 2026; channels: paper, web``. Empty when there are none."""
    parts = []
    for key, value in filters.items():
        if key in ("from", "to") and isinstance(value, str):
            parts.append(f"{key} {date_in_words(dt.date.fromisoformat(value))}")
        else:
            shown = value if isinstance(value, str) else ", ".join(value)
            parts.append(f"{key.replace('_', ' ')}: {shown}")
    return "; ".join(parts)
