"""Reading an OpenDocument spreadsheet (.ods, LibreOffice Calc) into rows of strings.

``content.xml`` is parsed with defusedxml. A row or cell may stand for many (``number-rows-repeated``,
``number-columns-repeated``): Calc writes the empty rest of a sheet as one row repeated a million
times, so repeated empty rows and cells are only counted, and become real rows or cells only when
something follows them; repeats are always bounded by the row and column limits.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from survey.responses.csv_import import MAX_ROWS, ImportFileError
from survey.responses.imports import texts
from survey.responses.imports.rows import MAX_COLUMNS, Records, column_name, limited

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def read_ods(archive: zipfile.ZipFile, sheet: str | None) -> Records:
    """The rows of the sheet named ``sheet`` (or the first) of an opened .ods file."""
    try:
        content = archive.read("content.xml")
        root = ElementTree.fromstring(content)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        raise ImportFileError(texts.NOT_A_SPREADSHEET) from None
    except Exception:  # defusedxml refuses entities and external references with its own errors
        raise ImportFileError(texts.UNSAFE_XML) from None
    tables = root.findall(f"{_OFFICE}body/{_OFFICE}spreadsheet/{_TABLE}table")
    if not tables:
        raise ImportFileError(texts.NOT_A_SPREADSHEET)
    names = [table.get(f"{_TABLE}name", "") for table in tables]
    if sheet is not None and sheet not in names:
        raise ImportFileError(texts.NO_SUCH_SHEET.format(sheet=sheet, sheets=", ".join(names)))
    table = tables[names.index(sheet) if sheet is not None else 0]
    return limited(_rows(table))


def _rows(table: Element) -> Iterator[list[str]]:
    number = 0
    for row in table.iter(f"{_TABLE}table-row"):
        cells = _cells(row, number + 1)
        repeat = _repeat(row, "rows")
        number += repeat
        if not any(cells):
            yield from ([] for _ in range(min(repeat, MAX_ROWS + 2)))
            continue
        if number > MAX_ROWS + 1:
            raise ImportFileError(texts.TOO_MANY_ROWS.format(limit=MAX_ROWS))
        for _ in range(repeat):
            yield list(cells)


def _cells(row: Element, number: int) -> list[str]:
    cells: list[str] = []
    pending_empty = 0
    for cell in row:
        if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            continue
        repeat = _repeat(cell, "columns")
        if cell.get(f"{_TABLE}formula") is not None:
            where = column_name(len(cells) + pending_empty)
            raise ImportFileError(texts.FORMULA.format(row=number, column=where))
        value = _value(cell)
        if not value:
            pending_empty += repeat
            continue
        if len(cells) + pending_empty + repeat > MAX_COLUMNS:
            raise ImportFileError(texts.TOO_MANY_COLUMNS.format(limit=MAX_COLUMNS))
        cells.extend([""] * pending_empty + [value] * repeat)
        pending_empty = 0
    return cells


def _repeat(element: Element, what: str) -> int:
    try:
        return max(1, int(element.get(f"{_TABLE}number-{what}-repeated", "1")))
    except ValueError:
        return 1


def _value(cell: Element) -> str:
    kind = cell.get(f"{_OFFICE}value-type")
    if kind in ("float", "percentage", "currency"):
        text = cell.get(f"{_OFFICE}value", "")
        return text[:-2] if text.endswith(".0") else text
    if kind == "date":
        return cell.get(f"{_OFFICE}date-value", "")
    if kind == "boolean":
        return "TRUE" if cell.get(f"{_OFFICE}boolean-value") == "true" else "FALSE"
    return "\n".join(_paragraph(p) for p in cell.findall(f"{_TEXT}p"))


def _paragraph(paragraph: Element) -> str:
    parts = [paragraph.text or ""]
    for child in paragraph:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * _repeat_spaces(child))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _repeat_spaces(element: Element) -> int:
    try:
        return min(max(1, int(element.get(f"{_TEXT}c", "1"))), 10_000)
    except ValueError:
        return 1
