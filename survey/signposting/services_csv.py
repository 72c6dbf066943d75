"""Local services in and out of a CSV file: one row per service.

The columns (row 1 names them, in any order; ``name``, ``description`` and ``topics`` are needed,
the others may be left out)::

    name,description,topics,min_age,max_age,phone,text,website,hours,areas

* ``name``: a name the partnership already uses changes that service (case does not matter); any
  other adds one. Services not in the file are left as they are;
* ``topics``: what it helps with, separated by ``;``: the topic codes (``bullying;knives_weapons``)
  or their words on the Get help page;
* ``min_age``, ``max_age``: whole numbers, or empty for any age;
* ``areas``: ward names or codes separated by ``;``, or empty (or ``whole area``) for the whole area.

A cell that starts with ``'`` and then ``=``, ``+``, ``-``, ``@``, a tab or a carriage return loses
the ``'`` (the export writes it so that spreadsheets never run a formula). Every row is checked
before anything is stored: one problem anywhere stores nothing, and every problem is reported by row
and column (the header is row 1). Nothing commits here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from survey.signposting.local_store import (
    ServiceFields,
    add_service,
    change_service,
    check_fields,
    fields_of,
    local_services,
    ward_names,
)
from survey.signposting.services import HelpTopic
from survey.storage.models import LocalService

__all__ = ["COLUMNS", "RowError", "ServicesFileError", "ServicesImport", "export_rows", "import_services"]

COLUMNS = (
    "name",
    "description",
    "topics",
    "min_age",
    "max_age",
    "phone",
    "text",
    "website",
    "hours",
    "areas",
)
REQUIRED = ("name", "description", "topics")
WHOLE_AREA = "whole area"
SEPARATOR = ";"
MAX_ROWS = 1_000
MAX_FILE_BYTES = 5 * 1024 * 1024
HEADER_ROW = 1
_FORMULA_TRIGGERS = frozenset("=+-@\t\r")
# The CSV column each field's problem is reported in.
_COLUMN_OF = {"text_message": "text", "ward_codes": "areas"}


class ServicesFileError(ValueError):
    """The file as a whole cannot be read (too big, not CSV); nothing was stored."""


# The same shape as survey.responses.csv_import.RowError (importing it would tie signposting to
# responses, which reaches signposting through safeguarding: a cycle).
@dataclass(frozen=True)
class RowError:
    """What is wrong, where: ``row`` is the file's own row number (the header is row 1)."""

    row: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.reason}"


@dataclass
class ServicesImport:
    """What an import did, or every problem that stopped it (then nothing was stored)."""

    errors: list[RowError] = field(default_factory=list)
    added: int = 0
    changed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        """In a sentence: ``Added 2 services and changed 1.``"""
        added = "1 service" if self.added == 1 else f"{self.added} services"
        return f"Added {added} and changed {self.changed}."


def export_rows(session: Session, partnership_id: int) -> Iterator[list[str]]:
    """The header, then one row per local service, as :func:`import_services` reads them back.

    The cells are raw text: the caller makes them safe for a spreadsheet.
    """
    names = ward_names(session, partnership_id)
    yield list(COLUMNS)
    for row in local_services(session, partnership_id):
        yield [
            row.name,
            row.description,
            SEPARATOR.join(row.topics),
            "" if row.min_age is None else str(row.min_age),
            "" if row.max_age is None else str(row.max_age),
            row.phone,
            row.text_message,
            row.website,
            row.hours,
            SEPARATOR.join(names.get(code, code) for code in row.ward_codes) or WHOLE_AREA,
        ]


def import_services(session: Session, partnership_id: int, csv_text: str) -> ServicesImport:
    """Read every row of ``csv_text`` and, only if none has a problem, add or change the services.

    Raises :class:`ServicesFileError` when the file as a whole cannot be read (too big, not CSV).
    """
    if len(csv_text.encode("utf-8")) > MAX_FILE_BYTES:
        raise ServicesFileError(
            f"The file is too big: the most that can be imported is {MAX_FILE_BYTES // 1024 // 1024} MB"
        )
    records = _records(csv_text.removeprefix("\ufeff"))
    result = ServicesImport()
    if not records or not any(cell.strip() for cell in records[0]):
        result.errors.append(
            RowError(HEADER_ROW, None, f"The file is empty: row 1 must name the columns {','.join(COLUMNS)}")
        )
        return result
    if len(records) - 1 > MAX_ROWS:
        raise ServicesFileError(f"The file has more than {MAX_ROWS:,} rows; split it into smaller files")
    columns, result.errors = _header(records[0])
    if result.errors:
        return result
    wards = ward_names(session, partnership_id)
    rows: list[ServiceFields] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(records[1:], start=HEADER_ROW + 1):
        if not any(cell.strip() for cell in cells):
            continue
        values, errors = _row(number, cells, columns, len(records[0]), wards)
        key = values.name.casefold()
        if key and key in seen:
            errors.append(RowError(number, "name", f"The same service is already in row {seen[key]}"))
        seen.setdefault(key, number)
        result.errors.extend(errors)
        rows.append(values)
    if not result.errors and not rows:
        reason = "The file has no services: add a row for each service"
        result.errors.append(RowError(HEADER_ROW, None, reason))
    if not result.errors:
        _store(session, partnership_id, rows, result)
    return result


def _records(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        return list(reader)
    except csv.Error as error:
        raise ServicesFileError(f"Line {reader.line_num} is not valid CSV ({error})") from None


def _header(cells: list[str]) -> tuple[dict[str, int], list[RowError]]:
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, raw in enumerate(cells):
        name = raw.strip().lower()
        if not name:
            errors.append(RowError(HEADER_ROW, str(index + 1), "The column has no name"))
        elif name not in COLUMNS:
            errors.append(
                RowError(
                    HEADER_ROW,
                    raw.strip(),
                    f"Not a column of the services file. The columns are {','.join(COLUMNS)}",
                )
            )
        elif name in columns:
            errors.append(RowError(HEADER_ROW, name, "The column is named twice"))
        else:
            columns[name] = index
    errors.extend(
        RowError(HEADER_ROW, name, "The column is missing: every services file needs it")
        for name in REQUIRED
        if name not in columns and not errors
    )
    return columns, errors


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    cell = cells[index] if index is not None and index < len(cells) else ""
    if cell.startswith("'") and cell[1:2] in _FORMULA_TRIGGERS:
        cell = cell[1:]
    return cell.strip()


_TOPIC_BY_WORD = {word: topic for topic in HelpTopic for word in (topic.value, topic.label.casefold())}


def _row(
    number: int, cells: list[str], columns: dict[str, int], width: int, wards: Mapping[str, str]
) -> tuple[ServiceFields, list[RowError]]:
    errors: list[RowError] = []
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        reason = f"The row has {len(cells)} cells but the header has {width} columns"
        errors.append(RowError(number, None, reason))
    values = {name: _cell(cells, columns, name) for name in COLUMNS}
    topics: list[HelpTopic] = []
    for word in _split(values["topics"]):
        topic = _TOPIC_BY_WORD.get(word.casefold())
        if topic is None:
            reason = f"'{word}' is not a topic. Use the topic codes listed on the import page, separated by ;"
            errors.append(RowError(number, "topics", reason))
        else:
            topics.append(topic)
    ages: dict[str, int | None] = {}
    for name in ("min_age", "max_age"):
        ages[name] = None
        if values[name]:
            try:
                ages[name] = int(values[name])
            except ValueError:
                errors.append(RowError(number, name, "Age must be a whole number, like 11, or left empty"))
    codes = _ward_codes(number, values["areas"], wards, errors)
    fields = ServiceFields(
        values["name"],
        values["description"],
        tuple(topics),
        ages["min_age"],
        ages["max_age"],
        values["phone"],
        values["text"],
        values["website"],
        values["hours"],
        codes,
    ).tidied()
    problems = check_fields(fields, wards)
    errors.extend(
        RowError(number, _COLUMN_OF.get(name, name), reason)
        for name, reason in problems.items()
        if not (name == "topics" and any(e.column == "topics" for e in errors))
        and not (name in ages and any(e.column == name for e in errors))
    )
    return fields, errors


def _ward_codes(number: int, cell: str, wards: Mapping[str, str], errors: list[RowError]) -> tuple[str, ...]:
    if cell.casefold() == WHOLE_AREA:
        return ()
    by_word = {word.casefold(): code for code, name in wards.items() for word in (code, name)}
    codes = []
    for word in _split(cell):
        code = by_word.get(word.casefold())
        if code is None:
            errors.append(
                RowError(
                    number,
                    "areas",
                    f"'{word}' is not one of your wards. Write ward names or "
                    f"codes separated by {SEPARATOR}, or leave it empty for "
                    f"the whole area",
                )
            )
        else:
            codes.append(code)
    return tuple(codes)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]


def _store(session: Session, partnership_id: int, rows: list[ServiceFields], result: ServicesImport) -> None:
    by_name: dict[str, LocalService] = {}
    for row in local_services(session, partnership_id):
        by_name.setdefault(row.name.casefold(), row)
    for values in rows:
        existing = by_name.get(values.name.casefold())
        if existing is None:
            by_name[values.name.casefold()] = add_service(session, partnership_id, values)[0]
            result.added += 1
        elif fields_of(existing) != values and change_service(session, existing, values):
            result.changed += 1
