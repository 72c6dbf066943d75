"""Reading the dates people type into an action plan's spreadsheet."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_IN_WORDS = re.compile(r"^(\d{1,2})\s+([a-z]+)\s+(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
DATE_HINT = "Enter a date such as 2026-12-02, 2 December 2026 or 02/12/2026"


def read_date(text: str) -> dt.date:
    """The date in ``text``: ISO (``2026-12-02``), in words (``2 December 2026``, ``2 Dec 2026``) or
    UK numeric (``02/12/2026``, day first). Raises ``ValueError`` with a sentence saying what to enter."""
    value = " ".join(text.strip().lower().split())
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        if match := _IN_WORDS.match(value):
            month = _month(match.group(2))
            return dt.date(int(match.group(3)), month, int(match.group(1)))
        if match := _DAY_MONTH_YEAR.match(value):
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a real date. {DATE_HINT}") from None
    raise ValueError(f"'{text.strip()}' is not a date. {DATE_HINT}")


def _month(name: str) -> int:
    for number, month in enumerate(MONTHS, start=1):
        if len(name) >= 3 and month.startswith(name):
            return number
    raise ValueError(name)
