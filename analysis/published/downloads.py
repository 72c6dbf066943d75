"""The published figures as files anyone may reuse under the Open Government Licence v3.0.

Both files carry the licence, the publisher and the publication date, and only the snapshot's
figures: a suppressed figure is ``[c]`` in the CSV and ``null`` in the JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator

from analysis.report.models import QuestionReportBase, RankedOptionReport, Report
from analysis.spreadsheet_safety import safe_cell

LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
SUPPRESSED_NOTE = ("[c]: a figure hidden to protect the people who answered (fewer than 10, or a figure "
                   "from which a hidden one could be worked out). Other counts are rounded to the nearest 5.")
CSV_HEADER = ("question_id", "question", "base", "answer", "measure", "value", "published", "publisher",
              "licence")


def attribution(report: Report) -> str:
    """The attribution statement the licence asks reusers to give."""
    publisher = report.partnership or "the partnership"
    return f"Contains public sector information from {publisher} licensed under the {LICENCE_NAME}."


def published_json(report: Report, published_at: dt.datetime) -> str:
    """The published figures as JSON: licence and publication details, then the frozen report."""
    document = {
        "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
        "attribution": attribution(report),
        "publisher": report.partnership,
        "published_at": published_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "notes": [SUPPRESSED_NOTE, "Percentages are of the people who answered each question (its base)."],
        "report": report.as_json(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def published_csv(report: Report, published_at: dt.datetime) -> str:
    """The published figures as one tidy table: a row per question, answer and measure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    stamp = published_at.astimezone(dt.UTC).isoformat(timespec="seconds")
    for row in _rows(report):
        writer.writerow([safe_cell(cell) for cell in row] + [stamp, report.partnership or "", LICENCE_NAME])
    return buffer.getvalue()


def _rows(report: Report) -> Iterator[list[str]]:
    yield ["", "All responses", "", "", "responses", _cell(report.responses)]
    for question in report.questions:
        for option in question.options:
            for measure, value in _measures(option):
                yield [question.id, question.text, _cell(question.base), option.label, measure, _cell(value)]
        yield from _question_measures(question)


def _measures(option: object) -> Iterator[tuple[str, int | float | None]]:
    yield "count", getattr(option, "count", None)
    yield "percent", getattr(option, "percent", None)
    if isinstance(option, RankedOptionReport):
        for position, count in enumerate(option.rank_counts, start=1):
            yield f"ranked_{position}_count", count
        for position, share in enumerate(option.rank_percent, start=1):
            yield f"ranked_{position}_percent", share
        yield "mean_rank", option.mean_rank
        yield "points", option.points


def _question_measures(question: QuestionReportBase) -> Iterator[list[str]]:
    for measure in ("net_score", "mean_score"):
        if measure in question.model_fields_set:
            value = getattr(question, measure)
            yield [question.id, question.text, _cell(question.base), "", measure, _cell(value)]


def _cell(value: int | float | None) -> str:
    if value is None:
        return "[c]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
