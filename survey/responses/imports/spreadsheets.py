"""Reading an uploaded file into rows of strings: CSV, Excel (.xlsx) or OpenDocument (.ods).

Every format ends as what :func:`survey.responses.csv_import.read_records` gives for a CSV: a list of
rows, each a list of cell strings, row 1 the header. The same limits hold for all: the file at most
:data:`MAX_FILE_BYTES`, at most :data:`MAX_ROWS` data rows. A formula cell is refused (a formula's
answer is not something a respondent wrote). Spreadsheets are zip files of XML: the XML is parsed with
defusedxml (no entities, no external references) and no part may unpack to more than
:data:`MAX_UNPACKED_BYTES` (a "zip bomb" is refused before it is read).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import PurePath

from survey.responses.csv_import import MAX_FILE_BYTES, ImportFileError, decode_csv, read_records
from survey.responses.imports import texts
from survey.responses.imports.rows import Records, column_name, limited

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
SUFFIXES = (".csv", ".xlsx", ".ods")

def read_table(data: bytes, filename: str, sheet: str | None = None) -> Records:
    """The rows of ``data`` (by ``filename``'s suffix); ``sheet`` names a sheet, else the first one.

    Raises :class:`ImportFileError` saying what is wrong (size, format, a formula and where it is).
    """
    if len(data) > MAX_FILE_BYTES:
        size, limit = len(data) / 2**20, MAX_FILE_BYTES // 2**20
        raise ImportFileError(texts.FILE_TOO_BIG.format(size=size, limit=limit))
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".csv":
        if sheet:
            raise ImportFileError(texts.SHEET_OF_CSV)
        return read_records(decode_csv(data).removeprefix("\ufeff"))
    if suffix not in (".xlsx", ".ods"):
        raise ImportFileError(texts.UNKNOWN_SUFFIX.format(name=PurePath(filename).name))
    archive = open_archive(data)
    if suffix == ".ods":
        from survey.responses.imports.ods import read_ods

        return read_ods(archive, sheet)
    return _read_xlsx(data, sheet)


def open_archive(data: bytes) -> zipfile.ZipFile:
    """The spreadsheet's zip, checked not to unpack to more than :data:`MAX_UNPACKED_BYTES`."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFileError(texts.NOT_A_SPREADSHEET) from None
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise ImportFileError(texts.UNPACKS_TOO_BIG)
    return archive


def _read_xlsx(data: bytes, sheet: str | None) -> Records:
    import openpyxl
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # openpyxl parses safely only when defusedxml is installed
        raise ImportFileError(texts.UNSAFE_XML)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same to an officer
        raise ImportFileError(texts.NOT_A_SPREADSHEET) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise ImportFileError(texts.NO_SUCH_SHEET.format(sheet=sheet, sheets=", ".join(book.sheetnames)))
        worksheet = book[sheet] if sheet is not None else book.worksheets[0]
        return limited(_xlsx_rows(worksheet.iter_rows()))
    finally:
        book.close()


def _xlsx_rows(rows: Iterable[tuple[object, ...]]) -> Iterator[list[str]]:
    for number, row in enumerate(rows, start=1):
        cells = []
        for index, cell in enumerate(row):
            if getattr(cell, "data_type", None) == "f":
                raise ImportFileError(texts.FORMULA.format(row=number, column=column_name(index)))
            cells.append(cell_text(getattr(cell, "value", None)))
        yield cells


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a CSV would hold (times in ISO 8601, whole numbers without .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)
