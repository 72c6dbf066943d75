"""Protection against formula injection ("CSV injection") in exported cells.

Officers open exports in Excel or LibreOffice. A free-text answer such as ``=HYPERLINK("http://evil",
"Click")`` or ``@SUM(1+1)*cmd|' /C calc'!A0`` would be run as a formula when the file is opened. Any
text cell that starts with a character a spreadsheet treats as the start of a formula (OWASP's list:
``=``, ``+``, ``-``, ``@``, tab and carriage return) is prefixed with an apostrophe, which spreadsheets
read as "this is text".

Only strings are changed. Numbers stay numbers, so ``-3`` passed as an ``int`` is left alone and sorts
and sums as a number; the same figure passed as the string ``"-3"`` becomes ``"'-3"``, so exporters
should pass numbers as numbers. Pass every cell of every export through :func:`safe_cell` or
:func:`safe_row`, headers included (a question's wording is author text too).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet treat a text cell as a formula (OWASP)."""

_T = TypeVar("_T")


def safe_cell(value: _T) -> _T:
    """Return ``value`` made safe to put in a spreadsheet cell.

    A string starting with one of :data:`FORMULA_TRIGGERS` gets a leading ``'``; anything else
    (other strings, numbers, dates, ``None``) is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value  # type: ignore[return-value]
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Return a list of the values of one row, each passed through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]
