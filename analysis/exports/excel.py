"""The report as an Excel workbook: contents, notes, a sheet per question, and (officers) the raw data.

**Contents** names the consultation, partnership, period, marking and variant and links to every
sheet with the question it holds and its base; **Notes** says what the base is, the period,
the disclosure rules of this variant and how the figures were produced. Each question has a sheet
named by its wording, with a styled header row, panes frozen below it, percentages as numbers
formatted as percentages, and counts as numbers, so they sort and sum. The marking is printed at
the top and bottom of every page of every sheet.

Every cell holding text (answers, option labels, question wording) has been through
:func:`analysis.spreadsheet_safety.safe_cell`, so nothing a respondent or author typed can become
a formula. A suppressed figure in the public variant is the text ``[c]``. The public variant has no
raw-data sheet. Characters that cannot be stored in an ``.xlsx`` file at all (control characters
other than tab and line breaks) are dropped. The raw-data sheet keeps ISO 8601 times, as the CSV
does, so it can be read back by a program; dates shown to people are in words.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl import Workbook

from analysis.disclosure import FOOTNOTE
from analysis.exports.dates import filters_in_words, moment_in_words, sentence_case
from analysis.exports.excel_sheets import (
    Styled,
    header,
    share,
    sheet_names,
    widths,
    write_sheet,
)
from analysis.exports.html import has_hidden
from analysis.exports.marking import Classification, classification_for, handling_note
from analysis.report.models import (
    NumberQuestionReport,
    QuestionReportBase,
    RankedOptionReport,
    RankingQuestionReport,
    Report,
    ScaleQuestionReport,
)

BASE_NOTE = ("The base of a question is the number of people who answered it. Every percentage is of "
             "its question's base, not of everyone who responded.")


def _question_rows(question: QuestionReportBase, public: bool) -> tuple[list[list[Any]], str]:
    """The sheet of one question, and the cell to freeze panes at (below its header row)."""
    rows: list[list[Any]] = [[Styled(question.text, "title")], ["Question id", question.id],
                             ["Base (answered this question)", question.base]]
    if isinstance(question, ScaleQuestionReport):
        rows.append(["Net score (safe minus unsafe, percentage points)", question.net_score])
    if isinstance(question, NumberQuestionReport) and not public:
        rows.append(["Mean", question.mean, "Lowest", question.min, "Highest", question.max])
    rows.append([])
    if not question.options:
        return rows, f"A{len(rows) + 1}"
    names = ["Answer", "Value", "Number", "% of base"]
    if isinstance(question, RankingQuestionReport):
        positions = len(question.options[0].rank_counts)
        names += [f"Ranked {i + 1}" for i in range(positions)]
        names += [f"% ranked {i + 1}" for i in range(positions)]
        names += ["Mean rank", "Points"]
    rows.append(header(names))
    freeze = f"B{len(rows) + 1}"
    for option in question.options:
        cells: list[Any] = [Styled(option.label, "label"), option.value, option.count, share(option.percent)]
        if isinstance(option, RankedOptionReport):
            cells += list(option.rank_counts) + [share(p) for p in option.rank_percent]
            cells += [option.mean_rank if option.mean_rank is not None else "-", option.points]
        rows.append(cells)
    if public and has_hidden(question):
        rows += [[], [Styled(FOOTNOTE, "wrap")]]
    return rows, freeze


def _contents_rows(data: Report, marking: Classification, period: str,
                   sheets: list[tuple[str, str, int | None | str]]) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [Styled(marking.value, "marking")], [Styled(data.title, "title")],
        [Styled("Partnership", "label"), data.partnership or ""],
        [Styled("Period", "label"), sentence_case(period)],
        [Styled("Produced", "label"), moment_in_words(data.generated_at)],
        [Styled("Responses", "label"), data.responses],
        [Styled("Variant", "label"), "Public: disclosure control applied" if data.public
         else "Officers: exact figures"],
        [Styled("Classification", "label"), marking.value],
        [Styled("Handling", "label"), Styled(handling_note(data.public, marking, data.partnership), "wrap")],
    ]
    if data.filters:
        rows.append([Styled("Filters", "label"), filters_in_words(data.filters)])
    rows += [[], header(["Sheet", "What it holds", "Base"])]
    rows += [[Styled(name, "link", link=name), about, base] for name, about, base in sheets]
    return rows


def _notes_rows(data: Report, marking: Classification, period: str, notes: Iterable[str]) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [Styled(marking.value, "marking")], [Styled("Notes", "title")],
        [Styled("Base", "label"), Styled(BASE_NOTE, "wrap")],
        [Styled("Period", "label"), sentence_case(period)],
        [Styled("Produced", "label"), moment_in_words(data.generated_at)],
        [Styled("Disclosure", "label"),
         Styled(handling_note(data.public, marking, data.partnership), "wrap")],
    ]
    if data.filters:
        rows.append([Styled("Filters", "label"), Styled(filters_in_words(data.filters), "wrap")])
    rows += [[Styled("Method" if index == 0 else "", "label"), Styled(note, "wrap")]
             for index, note in enumerate(notes)]
    return rows


def report_workbook(
    data: Report, notes: Iterable[str], raw_rows: Iterable[list[str]] | None = None, *,
    classification: Classification | None = None, period: str = "no set dates",
) -> bytes:
    """The workbook as ``.xlsx`` bytes: ``data`` from :func:`analysis.report.build_report`, the method
    notes (with the disclosure rules, public), (officers only) the raw rows from
    :func:`analysis.exports.raw.raw_rows`, the marking and the period in words."""
    marking = classification_for(data.public, classification)
    questions = list(zip(sheet_names([question.text for question in data.questions]), data.questions,
                         strict=True))
    listed: list[tuple[str, str, int | None | str]] = [
        ("Notes", "What the base is, the period, the disclosure rules and how the figures were produced", "")]
    listed += [(name, question.text, question.base) for name, question in questions]
    raw = None if data.public or raw_rows is None else iter(raw_rows)
    if raw is not None:
        listed.append(("Raw data", "Every response, one a row (exact: for officers only)", ""))
    book = Workbook(write_only=True)
    contents = _contents_rows(data, marking, period, listed)
    write_sheet(book, "Contents", contents, marking=marking.value, column_widths=widths(contents, first=32))
    write_sheet(book, "Notes", _notes_rows(data, marking, period, notes), marking=marking.value,
                column_widths={"A": 16, "B": 100})
    for name, question in questions:
        rows, freeze = _question_rows(question, data.public)
        write_sheet(book, name, rows, marking=marking.value, freeze=freeze,
                    column_widths=widths(rows[1:], first=40))
    if raw is not None:
        _raw_sheet(book, raw, marking.value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _raw_sheet(book: Workbook, raw: Iterator[list[str]], marking: str) -> None:
    names = next(raw, [])
    column_widths = widths([names])
    write_sheet(book, "Raw data", _with_header(names, raw), marking=marking, freeze="B2",
                column_widths={letter: max(width, 14.0) for letter, width in column_widths.items()})


def _with_header(names: list[str], rows: Iterator[list[str]]) -> Iterator[list[Any]]:
    yield header(names)
    yield from rows
