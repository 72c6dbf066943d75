"""Every export format, named once: adding a format is one entry in :data:`FORMATS`.

The command line's ``--format`` choices and its "needs -o FILE" check, the officers' download links
and their routes, and :func:`analysis.exports.build.export_report` all read this registry. A writer
takes an :class:`ExportSource` and asks it for the data it needs (raw rows, the report, the
summary, the paper), each made only when asked for; heavy renderers (openpyxl, reportlab,
python-docx, matplotlib) are imported by the writer that uses them, so listing the formats costs
nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from analysis.exports.dates import period_in_words
from analysis.exports.marking import Classification

if TYPE_CHECKING:  # each part is imported when a writer needs it: `safer-voices report --help` needs none
    from sqlalchemy.orm import Session

    from analysis.exports.paper.model import Paper
    from analysis.filters import ResponseFilter
    from analysis.report import Report
    from analysis.summary import Summary
    from survey.definitions.definition import Definition
    from survey.storage.models import Consultation

Body = bytes | Iterator[str]
"""What a writer returns: bytes, or (CSV) text chunks to stream."""


@dataclass
class ExportSource:
    """What a writer may ask for: one consultation, variant and filter, each part made on demand."""

    session: Session
    consultation: Consultation
    public: bool
    response_filter: ResponseFilter
    earlier: Consultation | None
    now: dt.datetime
    classification: Classification = Classification.OFFICIAL_SENSITIVE
    """The marking of a paper or workbook (:func:`analysis.exports.marking.classification_for`)."""

    @cached_property
    def definition(self) -> Definition:
        """The consultation's definition (its questions, in order)."""
        from survey.consultations import definition_of

        return definition_of(self.consultation)

    def raw_rows(self) -> Iterator[list[str]]:
        """The raw responses (header first), never for a public variant."""
        if self.public:
            raise ValueError("Raw responses are never published")
        from analysis.exports.raw import raw_rows

        return raw_rows(self.session, self.consultation, self.definition, self.response_filter)

    @cached_property
    def report(self) -> Report:
        """The report, with the comparison when an earlier consultation was given (officers only)."""
        from analysis.report.consultation import consultation_report

        return consultation_report(self.session, self.consultation, public=self.public,
                                   response_filter=self.response_filter, earlier=self.earlier,
                                   generated_at=self.now)

    @cached_property
    def summary(self) -> Summary:
        """The Strategic Assessment summary (the report, weeks, cross-tabs, themes)."""
        from analysis.summary import build_summary

        return build_summary(self.session, self.consultation, public=self.public,
                             response_filter=self.response_filter, earlier=self.earlier,
                             generated_at=self.now)

    @property
    def period_dates(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day covered: the filter's dates, else the consultation's own."""
        return (self.response_filter.since or self.consultation.opens_on,
                self.response_filter.until or self.consultation.closes_on)

    @cached_property
    def paper(self) -> Paper:
        """The board paper (cover, contents, key findings, detail) that the PDF and Word render."""
        from analysis.exports.paper.build import PaperContext, build_paper, group_tables

        weeks = [label for label, _count in self.summary.weeks]
        tables = group_tables(self.session, self.consultation, self.definition, self.response_filter)
        context = PaperContext(period=period_in_words(*self.period_dates, weeks=weeks),
                               classification=self.classification, group_tables=tables)
        return build_paper(self.summary, context)


@dataclass(frozen=True)
class ExportFormat:
    """One export format: how people and machines name it, whether it may be published, its writer."""

    name: str
    """As typed on the command line and in URLs: ``--format csv``, ``/export/csv``."""
    label: str
    """For people: the download link reads "{label}" (officers) or "Public {label}"."""
    media_type: str
    extension: str
    write: Callable[[ExportSource], Body]
    binary: bool = False
    """Not text: the command line writes it only to a file (``-o FILE``), never to the terminal."""
    public_refusal: str | None = None
    """Why there is no public variant (the error shown when one is asked for); ``None``: there is one."""
    marked: bool = False
    """Carries a classification marking (``--classification``): papers and workbooks, not data files."""
    file_stem: str = "{slug}-{public}{stamp}"
    """The download's name without extension: ``{slug}``, ``{public}`` ("public-" or "") and ``{stamp}``."""

    @property
    def public(self) -> bool:
        """Whether a public variant (disclosure control applied) exists."""
        return self.public_refusal is None

    def filename(self, slug: str, public: bool, now: dt.datetime) -> str:
        """The download's file name, e.g. ``fixture-public-20260401-0930.json``."""
        stamp = f"{now:%Y%m%d-%H%M}"
        stem = self.file_stem.format(slug=slug, public="public-" if public else "", stamp=stamp)
        return f"{stem}.{self.extension}"


def _json(source: ExportSource) -> Body:
    return source.report.json_text().encode("utf-8")


def _csv(source: ExportSource) -> Body:
    from analysis.exports.raw import csv_chunks

    return csv_chunks(source.raw_rows())


def _xlsx(source: ExportSource) -> Body:
    from analysis.exports.excel import report_workbook
    from analysis.summary import METHOD_NOTES, PUBLIC_NOTES

    notes = METHOD_NOTES + (PUBLIC_NOTES if source.public else ())
    return report_workbook(source.report, notes, None if source.public else source.raw_rows(),
                           classification=source.classification, period=period_in_words(*source.period_dates))


def _html(source: ExportSource) -> Body:
    from analysis.exports.html import summary_html

    return summary_html(source.summary, source.classification).encode("utf-8")


def _pdf(source: ExportSource) -> Body:
    from analysis.exports.paper.pdf import paper_pdf

    return paper_pdf(source.paper)


def _docx(source: ExportSource) -> Body:
    from analysis.exports.paper.word import paper_docx

    return paper_docx(source.paper)


FORMATS: dict[str, ExportFormat] = {export.name: export for export in (
    ExportFormat("json", "JSON", "application/json", "json", _json),
    ExportFormat("csv", "CSV (raw responses)", "text/csv; charset=utf-8", "csv", _csv,
                 public_refusal="Raw responses are never published: there is no public CSV. "
                                "Use the public JSON, Excel, HTML or PDF summary",
                 file_stem="{slug}-responses-{stamp}"),
    ExportFormat("xlsx", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
                 _xlsx, binary=True, marked=True),
    ExportFormat("html", "HTML summary", "text/html; charset=utf-8", "html", _html, marked=True),
    ExportFormat("pdf", "PDF summary", "application/pdf", "pdf", _pdf, binary=True, marked=True),
    ExportFormat("docx", "Word summary (DOCX)",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", _docx,
                 binary=True, marked=True),
)}
"""Every format, in the order they are offered."""


def marked_formats() -> list[str]:
    """The names of the formats that carry a classification marking, in order."""
    return [export.name for export in FORMATS.values() if export.marked]


def public_formats() -> list[ExportFormat]:
    """The formats with a public variant, in order."""
    return [export for export in FORMATS.values() if export.public]
