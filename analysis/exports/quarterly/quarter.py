"""Calendar quarters, as a board update names them: ``2026Q3`` is 1 July to 30 September 2026."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analysis.exports.dates import MONTHS, date_in_words

_PATTERN = re.compile(r"^(\d{4})\s*-?\s*Q([1-4])$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2026Q3`` (or ``2026-Q3``); a ``ValueError`` saying what to write otherwise."""
        match = _PATTERN.match(text.strip())
        if match is None:
            raise ValueError(f"'{text}' is not a quarter: write the year and the quarter, for example 2026Q3 "
                             "(Q1 is January to March)")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """The quarter ``day`` falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last(self) -> dt.date:
        following = self.next.first
        return following - dt.timedelta(days=1)

    @property
    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    @property
    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def months(self) -> str:
        """``July to September 2026``."""
        return f"{MONTHS[3 * self.number - 3]} to {MONTHS[3 * self.number - 1]} {self.year}"

    @property
    def period(self) -> str:
        """``1 July 2026 to 30 September 2026``."""
        return f"{date_in_words(self.first)} to {date_in_words(self.last)}"
