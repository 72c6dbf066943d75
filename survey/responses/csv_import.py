"""Importing responses from a CSV file: paper batches typed into a spreadsheet, other tools' exports,
and this platform's own raw-responses export.

The format (see the README's "Consultations" section):

* row 1 is the header; each later row is one response;
* one column per question, headed by the question id (or by another name that a column mapping turns
  into a question id); each cell is written as the question type's ``to_cell`` writes it: multiple
  choice and ranking values joined with ``;`` (ranking in rank order, first = rank 1), an empty cell
  means "not answered"; ``other:<words>`` is the "Other - please specify" option only where the
  question has ``other: true`` (elsewhere ``other`` is an ordinary option value);
* optional columns the exporter writes: ``reference`` (ignored: every stored response gets a new
  anonymous reference), ``channel`` (``web``, ``paper``, ``import``, ``bot`` or ``chat``; an empty
  cell means the ``channel`` argument) and ``submitted_at`` (ISO 8601; a time without an offset is UTC; an
  empty cell means now);
* any other column is an error unless the mapping says ``ignore``;
* a cell starting with ``'`` and then ``=``, ``+``, ``-``, ``@``, a tab or a carriage return loses
  the ``'``: that is how the export stops spreadsheets running a cell as a formula, and undoing it
  makes an export import back to exactly the answers it came from. Nothing else is changed.

Every cell is read with the question type's ``from_cell`` and every row checked with the answer
step's rules (:func:`survey.runner.step.check_response`), so a row is accepted exactly when a
respondent could have given those answers on the web or to the bot: a required question answered, a
map pin inside the consultation's partnership's boundary. An answer to a question the row's other
answers hide is an error, not silently dropped. A row whose cells are all empty is not a response:
it is skipped and counted in :attr:`ImportResult.blank_rows`. By default one bad row stores
nothing; with ``skip_invalid=True`` the good rows are stored and the bad ones reported. Nothing
commits here: the caller owns the transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from survey.answers import Answer
from survey.consultations import definition_of
from survey.definitions.definition import Definition, Question
from survey.question_types import AnswerError
from survey.responses.csv_mapping import ColumnMapping, MappingError, load_mapping
from survey.responses.store import NewResponse, store_responses
from survey.runner.step import AnswerContext, answer_context, check_response
from survey.storage.models import Consultation
from survey.vocabulary import Channel

__all__ = [
    "DERIVED_COLUMNS",
    "EXTRA_COLUMNS",
    "MAX_CELL_LENGTH",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "ColumnMapping",
    "ImportFileError",
    "ImportResult",
    "MappingError",
    "RowError",
    "decode_csv",
    "import_records",
    "import_responses",
    "read_records",
    "load_mapping",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
"""Data rows (the header not counted). A year's consultation is 150 to 5,000 responses."""
PROGRESS_ROWS = 500
MAX_CELL_LENGTH = 10_000
"""Characters in one cell; question limits (free text at most 5,000) apply on top."""
EXTRA_COLUMNS = ("reference", "channel", "submitted_at")
# Columns an export adds that are worked out again on import (a place report's ward, from its pin).
DERIVED_COLUMNS = ("ward_code", "ward_name")
HEADER_ROW = 1
# A spreadsheet reads a cell starting with one of these as a formula, so exports write a ' before them.
_FORMULA_TRIGGERS = frozenset("=+-@\t\r")


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
class ImportResult:
    """``stored`` responses were added; ``errors`` lists every problem found, in file order."""

    stored: int = 0
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    """Data rows read (blank rows included)."""
    blank_rows: list[int] = field(default_factory=list)
    """Rows whose cells were all empty: not responses, so neither stored nor errors."""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        """What was stored and skipped, in whole sentences: ``Stored 3 responses. Skipped 1 blank row.``"""
        stored = f"Stored {self.stored} response." if self.stored == 1 else f"Stored {self.stored} responses."
        if not self.blank_rows:
            return stored
        if len(self.blank_rows) == 1:
            return f"{stored} Skipped 1 blank row."
        return f"{stored} Skipped {len(self.blank_rows)} blank rows."

    @property
    def rejected_rows(self) -> list[int]:
        """The data rows with at least one error, in order."""
        return sorted({error.row for error in self.errors if error.row > HEADER_ROW})


class ImportFileError(ValueError):
    """The file as a whole cannot be read (size, encoding, not CSV); nothing was stored."""


def decode_csv(data: bytes) -> str:
    """The text of an uploaded CSV: UTF-8 with or without the byte-order mark Excel writes.

    Raises :class:`ImportFileError` for a file over :data:`MAX_FILE_BYTES` or one that is not UTF-8.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(_too_big(len(data)))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(
            "The file is UTF-16 (Excel's 'Unicode text'). "
            "Save it as 'CSV UTF-8 (Comma delimited)' and try again"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"The file is not UTF-8 (the first problem is on line {line}). "
            "In Excel choose 'Save as' and 'CSV UTF-8 (Comma delimited)', then try again"
        ) from None


def _too_big(size: int) -> str:
    return (
        f"The file is {size / 1024 / 1024:.1f} MB; the most that can be imported at once is "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB. Split it into smaller files"
    )


@dataclass(frozen=True)
class _Column:
    index: int
    header: str
    question: Question | None = None
    extra: str | None = None


@dataclass(frozen=True)
class _Rules:
    """What every row is read and checked against."""

    definition: Definition
    mapping: ColumnMapping
    channel: Channel
    now: dt.datetime
    context: AnswerContext


@dataclass
class _Row:
    number: int
    answers: dict[str, Answer]
    channel: Channel
    submitted_at: dt.datetime | None


def import_responses(
    session: Session,
    consultation: Consultation,
    csv_text: str,
    *,
    skip_invalid: bool = False,
    channel: Channel = Channel.IMPORT,
    mapping: ColumnMapping | Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Check every row of ``csv_text`` and store the responses (format in the module docstring).

    ``mapping`` is a :class:`ColumnMapping` (from :func:`load_mapping`) or just its ``columns``:
    ``{"their header": question_id or "ignore"}``. With header errors nothing is read further. Row
    errors store nothing unless ``skip_invalid``. Raises :class:`ImportFileError` when the file as a
    whole cannot be read. ``now`` (default: the real time) is for rejecting future ``submitted_at``.
    """
    if len(csv_text) > MAX_FILE_BYTES or len(csv_text.encode("utf-8")) > MAX_FILE_BYTES:
        raise ImportFileError(_too_big(len(csv_text.encode("utf-8"))))
    records = read_records(csv_text.removeprefix("\ufeff"))
    return import_records(
        session, consultation, records, skip_invalid=skip_invalid, channel=channel, mapping=mapping, now=now
    )


def import_records(
    session: Session,
    consultation: Consultation,
    records: Sequence[Sequence[str]],
    *,
    skip_invalid: bool = False,
    channel: Channel = Channel.IMPORT,
    mapping: ColumnMapping | Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
    first_row: int = HEADER_ROW + 1,
    known_errors: Sequence[RowError] = (),
    progress: Callable[[int, int], object] | None = None,
) -> ImportResult:
    """:func:`import_responses` for rows already read (a spreadsheet, another tool's export translated).

    ``records[0]`` is the header. ``first_row`` is the file's own number of ``records[1]`` (a file with
    two header rows starts at 3). ``known_errors`` are problems found before (while translating another
    tool's cells): their rows are not stored, and they count like any other error. ``progress`` is
    called with (rows checked, rows) every :data:`PROGRESS_ROWS` rows, for a page that shows it.
    """
    mapping = mapping if isinstance(mapping, ColumnMapping) else ColumnMapping(columns=dict(mapping or {}))
    result = ImportResult(rows=max(len(records) - 1, 0))
    if not records or not any(cell.strip() for cell in records[0]):
        result.errors.append(RowError(HEADER_ROW, None, "The file is empty: row 1 must name the columns"))
        return result
    if result.rows > MAX_ROWS:
        raise ImportFileError(
            f"The file has {result.rows:,} rows of responses; the most that can be imported at once is "
            f"{MAX_ROWS:,}. Split it into smaller files"
        )
    definition = definition_of(consultation)
    columns, header_errors = _read_header(records[0], definition, mapping)
    if header_errors:
        result.errors.extend(header_errors)
        return result
    now = now or dt.datetime.now(dt.UTC)
    rules = _Rules(definition, mapping, channel, now, answer_context(consultation.partnership))
    failed = {error.row for error in known_errors}
    reported = {(error.row, error.column) for error in known_errors}
    result.errors.extend(known_errors)
    good: list[_Row] = []
    for number, cells in enumerate(records[1:], start=first_row):
        if progress is not None and (number - first_row) % PROGRESS_ROWS == 0:
            progress(number - first_row, result.rows)
        if not any(cell.strip() for cell in cells):
            result.blank_rows.append(number)
            continue
        row, errors = _read_row(number, cells, len(records[0]), columns, rules)
        result.errors.extend(error for error in errors if (error.row, error.column) not in reported)
        if row is not None and number not in failed:
            good.append(row)
    result.errors.sort(key=lambda error: error.row)
    if result.errors and not skip_invalid:
        return result
    _store(session, consultation, definition, good)
    result.stored = len(good)
    return result


def read_records(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    try:
        for cells in reader:
            records.append(cells)
            if len(records) > MAX_ROWS + 1:
                break  # enough to say the file is too long
    except csv.Error as error:
        raise ImportFileError(f"Line {reader.line_num} is not valid CSV ({error})") from None
    return records


def _read_header(
    cells: Sequence[str], definition: Definition, mapping: ColumnMapping
) -> tuple[list[_Column], list[RowError]]:
    columns: list[_Column] = []
    errors: list[RowError] = []
    seen: dict[str, str] = {}
    question_ids = {question.id for question in definition.questions}
    for index, raw in enumerate(cells):
        header = raw.strip()
        if not header:
            errors.append(RowError(HEADER_ROW, f"{index + 1}", "The column has no name"))
            continue
        target = mapping.columns.get(header, header)
        if target == "ignore" or (target in DERIVED_COLUMNS and target not in question_ids):
            continue
        if target in EXTRA_COLUMNS:
            column = _Column(index, header, extra=target)
        else:
            try:
                column = _Column(index, header, question=definition.question(target))
            except KeyError:
                errors.append(RowError(HEADER_ROW, header, _unknown_column(header, target)))
                continue
        if target in seen:
            errors.append(RowError(HEADER_ROW, header, f"'{seen[target]}' is already read as {target}"))
            continue
        seen[target] = header
        columns.append(column)
    errors.extend(RowError(HEADER_ROW, column, reason) for column, reason in mapping.problems(definition))
    if not errors and not any(column.question for column in columns):
        errors.append(RowError(HEADER_ROW, None, "No column is a question of this consultation"))
    return columns, errors


def _unknown_column(header: str, target: str) -> str:
    if target != header:
        return f"The mapping file sends it to '{target}', which is not a question of this consultation"
    return (
        "Not a question of this consultation. Name the column by its question id, or map it to one "
        "(or to 'ignore') in a mapping file"
    )


def _read_row(
    number: int,
    cells: Sequence[str],
    width: int,
    columns: Sequence[_Column],
    rules: _Rules,
) -> tuple[_Row | None, list[RowError]]:
    errors: list[RowError] = []
    # Fewer cells than columns is how some tools end a row early (the rest are "not answered"); more
    # would be answers with no column to say what they are.
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        reason = f"The row has {len(cells)} cells but the header has {width} columns"
        errors.append(RowError(number, None, reason))
    row = _Row(number, {}, rules.channel, None)
    headers: dict[str, str] = {}
    for column in columns:
        cell = cells[column.index] if column.index < len(cells) else ""
        if len(cell) > MAX_CELL_LENGTH:
            reason = f"The cell is longer than {MAX_CELL_LENGTH:,} characters"
            errors.append(RowError(number, column.header, reason))
            continue
        try:
            if column.question is not None:
                cell = rules.mapping.translate(column.question, _unescape_formula(cell))
                row.answers[column.question.id] = column.question.from_cell(cell)
                headers[column.question.id] = column.header
            elif column.extra == "channel" and cell.strip():
                row.channel = _channel(cell)
            elif column.extra == "submitted_at" and cell.strip():
                row.submitted_at = _timestamp(cell, rules.now)
        except (AnswerError, ValueError) as error:
            errors.append(RowError(number, column.header, str(error)))
    if not errors:
        _clean, problems = check_response(rules.definition, row.answers, rules.context)
        errors = [RowError(number, headers.get(qid, qid), reason) for qid, reason in problems.items()]
    return (None if errors else row), errors


def _unescape_formula(cell: str) -> str:
    """Undo the export's spreadsheet protection: ``'=x`` was ``=x`` (see the module docstring)."""
    if cell.startswith("'") and cell[1:2] in _FORMULA_TRIGGERS:
        return cell[1:]
    return cell


def _channel(cell: str) -> Channel:
    try:
        return Channel(cell.strip())
    except ValueError:
        raise ValueError(f"Channel must be one of {', '.join(c.value for c in Channel)}") from None


def _timestamp(cell: str, now: dt.datetime) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(cell.strip())
    except ValueError:
        raise ValueError("Enter the time in ISO 8601 form, for example 2026-03-01T14:30:00Z") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    if value > now:
        raise ValueError("The time is in the future")
    return value


def _store(
    session: Session, consultation: Consultation, definition: Definition, rows: Sequence[_Row]
) -> None:
    store_responses(
        session, consultation, definition,
        [NewResponse(row.answers, row.channel, row.submitted_at) for row in rows],
    )
