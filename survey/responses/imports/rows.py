"""What every spreadsheet reader shares: rows of strings, trimmed and held to the row and column limits."""

from __future__ import annotations

from collections.abc import Iterable

from survey.responses.csv_import import MAX_ROWS, ImportFileError
from survey.responses.imports import texts

MAX_COLUMNS = 1_000

Records = list[list[str]]


def limited(rows: Iterable[list[str]]) -> Records:
    """The rows with trailing empty cells and rows dropped, refused past the row and column limits."""
    records: Records = []
    pending_blank = 0
    for cells in rows:
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) > MAX_COLUMNS:
            raise ImportFileError(texts.TOO_MANY_COLUMNS.format(limit=MAX_COLUMNS))
        if not cells:
            pending_blank += 1
            continue
        if len(records) + pending_blank + 1 > MAX_ROWS + 1:
            raise ImportFileError(texts.TOO_MANY_ROWS.format(limit=MAX_ROWS))
        records.extend([] for _ in range(pending_blank))
        pending_blank = 0
        records.append(cells)
        if len(records) > MAX_ROWS + 1:
            raise ImportFileError(texts.TOO_MANY_ROWS.format(limit=MAX_ROWS))
    return records


def column_name(index: int) -> str:
    """The spreadsheet's name of the 0-based column ``index``: 0 is A, 26 is AA."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name
