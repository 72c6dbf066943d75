"""How the workbook's sheets are written: readable, unique sheet names, styled header rows, frozen
panes, column widths, percentage formats, the marking in every sheet's printed header and footer.

The workbook is written in openpyxl's write-only mode (a raw-data sheet can be large), in which a
sheet's frozen panes and column widths must be set before its first row, so each sheet's rows are
laid out first (:class:`Styled` marks the cells that need a style) and written in one go.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from analysis.spreadsheet_safety import safe_cell

SUPPRESSED = "[c]"
PERCENT_FORMAT = "0.0%"
SHEET_NAME_LIMIT = 31
RESERVED_NAMES = ("Contents", "Notes", "Raw data", "History")
"""Sheets the workbook always has (and "History", which Excel keeps for itself)."""
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_STYLES: dict[str, dict[str, Any]] = {
    "title": {"font": Font(bold=True, size=14)},
    "marking": {"font": Font(bold=True, size=12)},
    "header": {"font": Font(bold=True), "fill": PatternFill("solid", fgColor="DEE0E2"),
               "alignment": Alignment(wrap_text=True, vertical="top")},
    "label": {"font": Font(bold=True), "alignment": Alignment(vertical="top")},
    "percent": {"number_format": PERCENT_FORMAT},
    "wrap": {"alignment": Alignment(wrap_text=True, vertical="top")},
    "link": {"font": Font(color="1D70B8", underline="single")},
}
MAX_WIDTH = 60


@dataclass(frozen=True)
class Styled:
    """A cell with a style from :data:`_STYLES`, and (``link``) a link to another sheet."""

    value: Any
    style: str
    link: str | None = None


def text(value: Any) -> Any:
    """A cell's value: ``None`` (suppressed) is ``[c]``; text is made safe and stripped of characters
    an ``.xlsx`` file cannot hold; numbers stay numbers."""
    if value is None:
        return SUPPRESSED
    if isinstance(value, str):
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def share(percent: float | None) -> Any:
    """A percentage (0 to 100) as a fraction shown as ``12.5%``, or ``[c]`` when suppressed."""
    return SUPPRESSED if percent is None else Styled(round(percent / 100, 6), "percent")


def header(values: Iterable[str]) -> list[Styled]:
    """A styled header row."""
    return [Styled(value, "header") for value in values]


def sheet_names(titles: Sequence[str]) -> list[str]:
    """A sheet name for each question's wording: at most 31 characters, cut at a word, none of
    ``[]:*?/\\``, not starting or ending with an apostrophe, unique (Excel ignores case) and none of
    :data:`RESERVED_NAMES`. Questions whose names would clash keep the end of their wording too
    ("How safe do you…during the day", "How safe do you…after dark"); a number settles the rest."""
    words = [" ".join(_FORBIDDEN.sub(" ", title).split()).strip("' ") or "Question" for title in titles]
    names = [_cut(text, SHEET_NAME_LIMIT) for text in words]
    clashing = Counter(name.lower() for name in names)
    names = [_head_and_tail(text) if clashing[name.lower()] > 1 else name for name, text in zip(names, words,
                                                                                                  strict=True)]
    taken = {name.lower() for name in RESERVED_NAMES}
    unique = []
    for name, text in zip(names, words, strict=True):
        number = 2
        while name.lower() in taken:
            suffix = f" ({number})"
            name = f"{_cut(text, SHEET_NAME_LIMIT - len(suffix))}{suffix}"
            number += 1
        taken.add(name.lower())
        unique.append(name)
    return unique


def _head_and_tail(text: str) -> str:
    if len(text) <= SHEET_NAME_LIMIT:
        return text
    tail = _cut_from_end(text, 15)
    return f"{_cut(text, SHEET_NAME_LIMIT - len(tail) - 1)}…{tail}"


def _cut(words: str, limit: int) -> str:
    if len(words) <= limit:
        return words
    cut = words[:limit + 1].rsplit(" ", 1)[0] if " " in words[:limit + 1] else words[:limit]
    return cut[:limit].rstrip("' ")


def _cut_from_end(words: str, limit: int) -> str:
    tail = words[-limit - 1:]
    return (tail.split(" ", 1)[1] if " " in tail else tail[-limit:]).strip("' ")


def widths(rows: list[list[Any]], *, first: int | None = None) -> dict[str, float]:
    """Column widths from the longest value in each column (at most :data:`MAX_WIDTH` characters)."""
    longest: dict[int, int] = {}
    for row in rows:
        for index, value in enumerate(row):
            if isinstance(value, Styled) and value.style in ("title", "marking"):
                continue  # a sheet's title may run across the empty cells beside it
            shown = value.value if isinstance(value, Styled) else value
            size = 8 if isinstance(shown, float) else len(str(shown))
            longest[index] = max(longest.get(index, 0), size)
    found = {get_column_letter(index + 1): float(min(MAX_WIDTH, max(9, size + 2)))
             for index, size in longest.items()}
    if first is not None:
        found["A"] = float(first)
    return found


def write_sheet(book: Workbook, name: str, rows: Iterable[list[Any]], *, marking: str,
                freeze: str | None = None, column_widths: dict[str, float] | None = None) -> None:
    """Add a sheet and write its rows (plain values or :class:`Styled`), with the marking at the top
    and bottom of every printed page and "Page N of M" at the foot."""
    sheet = book.create_sheet(name)
    if freeze:
        sheet.freeze_panes = freeze
    for letter, width in (column_widths or {}).items():
        sheet.column_dimensions[letter].width = width
    sheet.oddHeader.center.text = marking
    sheet.oddFooter.center.text = marking
    sheet.oddFooter.right.text = "Page &P of &N"
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _cell(sheet: Any, value: Any) -> Any:
    if not isinstance(value, Styled):
        return text(value)
    cell = WriteOnlyCell(sheet, text(value.value))
    for attribute, setting in _STYLES[value.style].items():
        setattr(cell, attribute, setting)
    if value.link is not None:
        quoted = value.link.replace("'", "''")
        cell.hyperlink = Hyperlink(ref="A1", location=f"'{quoted}'!A1", display=str(value.value))
    return cell
