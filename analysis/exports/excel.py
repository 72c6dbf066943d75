"""The report as an Excel workbook: a summary sheet, a sheet per question, and the raw data.

Every cell holding text (answers, option labels, question wording) is written as a string that has
been through :func:`analysis.spreadsheet_safety.safe_cell`, so nothing a respondent or author typed
can become a formula; counts and percentages are numbers, so they sort and sum. A suppressed figure
in the public variant is the text ``[c]``. The public variant has no raw-data sheet.
Characters that cannot be stored in an ``.xlsx`` file at all (control characters other than tab
and line breaks) are dropped.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from analysis.report.models import (
    NumberQuestionReport,
    QuestionReportBase,
    RankedOptionReport,
    RankingQuestionReport,
    Report,
    ScaleQuestionReport,
)
from analysis.spreadsheet_safety import safe_cell

SUPPRESSED = "[c]"
_SHEET_NAME_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _value(value: Any) -> Any:
    if value is None:
        return SUPPRESSED
    if isinstance(value, str):
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _row(values: Iterable[Any]) -> list[Any]:
    return [_value(value) for value in values]


def _sheet_name(question_id: str, used: set[str]) -> str:
    name = question_id.translate(_SHEET_NAME_FORBIDDEN)[:31]
    suffix = 2
    while name.lower() in used or name.lower() in {"summary", "raw data"}:
        name = f"{question_id[:27]}_{suffix}"
        suffix += 1
    used.add(name.lower())
    return name


def _question_rows(question: QuestionReportBase, public: bool) -> Iterator[list[Any]]:
    yield _row([question.text])
    yield _row(["Question id", question.id])
    yield _row(["Base (answered this question)", question.base])
    if isinstance(question, ScaleQuestionReport):
        yield _row(["Net score (safe minus unsafe, percentage points)", question.net_score])
    if isinstance(question, NumberQuestionReport) and not public:
        yield _row(["Mean", question.mean, "Lowest", question.min, "Highest", question.max])
    yield []
    if not question.options:
        return
    ranking = isinstance(question, RankingQuestionReport)
    header = ["Answer", "Value", "Number", "% of base"]
    if ranking:
        positions = len(question.options[0].rank_counts)
        header += [f"Ranked {i + 1}" for i in range(positions)]
        header += [f"% ranked {i + 1}" for i in range(positions)]
        header += ["Mean rank", "Points"]
    yield _row(header)
    for option in question.options:
        cells = [option.label, option.value, option.count, option.percent]
        if isinstance(option, RankedOptionReport):
            cells += list(option.rank_counts) + list(option.rank_percent)
            cells += [option.mean_rank if option.mean_rank is not None else "-", option.points]
        yield _row(cells)


def report_workbook(
    data: Report, notes: Iterable[str], raw_rows: Iterable[list[str]] | None = None
) -> bytes:
    """The workbook as ``.xlsx`` bytes: ``data`` from :func:`analysis.report.build_report`, the method
    notes, and (officers only) the raw rows from :func:`analysis.exports.raw.raw_rows`."""
    book = Workbook(write_only=True)
    summary = book.create_sheet("Summary")
    if not data.public:
        summary.append(_row(["OFFICIAL-SENSITIVE: for officers of the partnership; do not publish"]))
    details = (("Consultation", data.title), ("Slug", data.consultation),
               ("Partnership", data.partnership or ""), ("Produced (UTC)", data.generated_at),
               ("Responses", data.responses), ("Public variant", "yes" if data.public else "no"))
    for label, value in details:
        summary.append(_row([label, value]))
    for key, value in data.filters.items():
        summary.append(_row([f"Filter: {key}", value if isinstance(value, str) else ", ".join(value)]))
    summary.append([])
    summary.append(_row(["How these figures were produced"]))
    for note in notes:
        summary.append(_row([note]))
    used: set[str] = set()
    for question in data.questions:
        sheet = book.create_sheet(_sheet_name(question.id, used))
        for row in _question_rows(question, data.public):
            sheet.append(row)
    if raw_rows is not None and not data.public:
        sheet = book.create_sheet("Raw data")
        for row in raw_rows:
            sheet.append(_row(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
