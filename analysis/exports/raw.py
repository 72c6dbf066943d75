"""Raw responses, one row per response, in the CSV import format (:mod:`survey.responses.csv_import`).

Columns: ``reference``, ``channel``, ``submitted_at`` (ISO 8601, UTC), then one column per question
headed by its id, each cell written by :func:`survey.runner.navigation.to_cell`; an empty cell is "not
answered". The importer reads ``channel`` and ``submitted_at`` back and gives each response a new
reference, so an export re-imported into a consultation running the same definition gives the same
answers.

A definition with a location question (a place report) ends with ``ward_code`` and ``ward_name``:
the ward its pin lies in (:mod:`survey.wards`), empty outside every ward or without a pin. The
importer skips both (:data:`DERIVED_COLUMNS`): it works the ward out again from the pin.

Every text cell passes through :func:`analysis.spreadsheet_safety.safe_cell` (a cell starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'``), except cells that are
numbers by construction: number answers and map pins, which the formatter writes as plain decimals
(``-3.5``, ``-0.1276``) and which no spreadsheet reads as a formula.

Words flagged at submit as perhaps holding someone's personal details, and not yet reviewed by an
officer (``survey.responses.personal_data``), are written as :data:`WITHHELD`, never as they are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.filters import NO_FILTER, ResponseFilter, restrict_responses
from analysis.free_text import unreviewed_kinds
from analysis.spreadsheet_safety import safe_cell
from survey.answers import AnswerPart
from survey.definitions.definition import Definition, Question
from survey.responses.csv_import import DERIVED_COLUMNS
from survey.runner.navigation import to_cell
from survey.storage.models import Answer, Consultation, Response, Ward

#: In place of words that may hold someone's personal details, until an officer has reviewed them.
WITHHELD = "[held back: may contain personal details; an officer must review it first]"
RESPONSE_COLUMNS = ("reference", "channel", "submitted_at")
WARD_COLUMNS = DERIVED_COLUMNS
_DECIMALS = re.compile(r"-?\d+(\.\d+)?(e[+-]?\d+)?(,-?\d+(\.\d+)?(e[+-]?\d+)?)?")
_BATCH = 2000


def header(definition: Definition) -> list[str]:
    return [*RESPONSE_COLUMNS, *(question.id for question in definition.questions),
            *(WARD_COLUMNS if _has_location(definition) else ())]


def _has_location(definition: Definition) -> bool:
    return any(question.type == "location" for question in definition.questions)


def raw_rows(
    session: Session,
    consultation: Consultation,
    definition: Definition,
    response_filter: ResponseFilter = NO_FILTER,
    *,
    safe: bool = True,
) -> Iterator[list[str]]:
    """The header, then one row per response, oldest first (cells made formula-safe when ``safe``)."""
    yield [safe_cell(cell) if safe else cell for cell in header(definition)]
    questions = definition.questions
    wards = _ward_names(session, consultation) if _has_location(definition) else None
    query = (
        select(Response.id, Response.reference, Response.channel, Response.submitted_at, Answer.question_id,
               Answer.option, Answer.rank, Answer.number, Answer.date, Answer.text, Answer.latitude,
               Answer.longitude, Answer.ward_id, Answer.personal_data, Answer.personal_data_reviewed_at)
        .outerjoin(Answer, Answer.response_id == Response.id)
        .where(Response.consultation_id == consultation.id)
        .order_by(Response.submitted_at, Response.id, Answer.id)
        .execution_options(yield_per=_BATCH)
    )
    current: tuple[Any, ...] | None = None
    parts: dict[str, list[AnswerPart]] = {}
    ward: tuple[str, str] = ("", "")
    for row in session.execute(restrict_responses(query, consultation.id, response_filter)):
        if current is None or row[0] != current[0]:
            if current is not None:
                yield _row(current, parts, questions, safe, ward if wards is not None else None)
            current, parts, ward = tuple(row[:4]), {}, ("", "")
        if wards is not None and row[12] is not None and not ward[0]:
            ward = wards.get(row[12], ("", ""))
        if row[4] is not None:
            parts.setdefault(row[4], []).append(AnswerPart(
                option=row[5], rank=row[6], number=row[7], date=row[8],
                text=WITHHELD if row[9] and unreviewed_kinds(row[13], row[14]) else row[9],
                latitude=row[10], longitude=row[11]))
    if current is not None:
        yield _row(current, parts, questions, safe, ward if wards is not None else None)


def _ward_names(session: Session, consultation: Consultation) -> dict[int, tuple[str, str]]:
    query = select(Ward.id, Ward.code, Ward.name).where(Ward.partnership_id == consultation.partnership_id)
    return {ward_id: (code, name) for ward_id, code, name in session.execute(query)}


def _row(response: tuple[Any, ...], parts: dict[str, list[AnswerPart]], questions: list[Question],
         safe: bool, ward: tuple[str, str] | None = None) -> list[str]:
    _id, reference, channel, submitted_at = response
    cells = [reference, getattr(channel, "value", str(channel)), submitted_at.isoformat()]
    for question in questions:
        cell = to_cell(question, tuple(parts.get(question.id, ())))
        cells.append(_safe(question, cell) if safe else cell)
    if ward is not None:  # a place report: its ward (names come from an uploaded file: made safe)
        cells += [safe_cell(value) if safe else value for value in ward]
    return cells


def _safe(question: Question, cell: str) -> str:
    if question.type in ("number", "location") and _DECIMALS.fullmatch(cell):
        return cell
    return safe_cell(cell)


def csv_chunks(rows: Iterator[list[str]], *, batch: int = 500) -> Iterator[str]:
    """The rows as CSV text (RFC 4180, CRLF line ends, a UTF-8 byte-order mark for Excel), in chunks."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for count, row in enumerate(rows, start=1):
        writer.writerow(row)
        if count % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def responses_csv(
    session: Session, consultation: Consultation, definition: Definition,
    response_filter: ResponseFilter = NO_FILTER,
) -> str:
    """The whole raw-responses CSV as one string (see :func:`csv_chunks` to stream it)."""
    return "".join(csv_chunks(raw_rows(session, consultation, definition, response_filter)))
