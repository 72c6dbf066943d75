"""One entry point for every export format, shared by the CLI and the dashboard.

The caller records the audit event (:func:`audit_details` gives its details: format, variant and
filters, never any content), because only the caller knows who asked.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from analysis.exports import EXPORT_FORMATS, MEDIA_TYPES, RAW_FORMATS
from analysis.exports.raw import csv_chunks, raw_rows
from analysis.filters import NO_FILTER, ResponseFilter
from analysis.report import report_data
from analysis.tallies import tally_consultation
from survey.consultations import definition_of
from survey.storage.models import Consultation

EXPORT_ACTION = "report_exported"


class ExportError(ValueError):
    """An export that cannot be made, in words the person asking can act on."""


@dataclass(frozen=True)
class ExportFile:
    filename: str
    media_type: str
    body: bytes | Iterator[str]
    """Bytes, or (CSV) text chunks to stream."""

    def as_bytes(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return "".join(self.body).encode("utf-8")


def audit_details(fmt: str, public: bool, response_filter: ResponseFilter, via: str) -> dict[str, object]:
    return {"format": fmt, "public": public, "filters": response_filter.describe(), "via": via}


def export_report(
    session: Session,
    consultation: Consultation,
    fmt: str,
    *,
    public: bool = False,
    response_filter: ResponseFilter = NO_FILTER,
    earlier: Consultation | None = None,
    now: dt.datetime | None = None,
) -> ExportFile:
    """Make one export of the consultation. Raises :class:`ExportError` for a format that does not
    exist or a public variant of raw responses (raw data is never published)."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"Choose a format from: {', '.join(EXPORT_FORMATS)}")
    if public and fmt in RAW_FORMATS:
        raise ExportError("Raw responses are never published: there is no public CSV. "
                          "Use the public JSON, Excel, HTML or PDF summary")
    now = now or dt.datetime.now(dt.UTC)
    stem = f"{consultation.slug}-{'public-' if public else ''}{now:%Y%m%d-%H%M}"
    filename = f"{stem}.{fmt}" if fmt != "csv" else f"{consultation.slug}-responses-{now:%Y%m%d-%H%M}.csv"
    definition = definition_of(consultation)
    if fmt == "csv":
        body: bytes | Iterator[str] = csv_chunks(raw_rows(session, consultation, definition, response_filter))
    elif fmt in ("json", "xlsx"):
        tallies = tally_consultation(session, consultation, definition, response_filter)
        data = report_data(tallies, public=public, partnership=consultation.partnership.name,
                           generated_at=now)
        if fmt == "json":
            body = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        else:
            from analysis.exports.excel import report_workbook
            from analysis.summary import METHOD_NOTES, PUBLIC_NOTES

            rows = None if public else raw_rows(session, consultation, definition, response_filter)
            body = report_workbook(data, METHOD_NOTES + (PUBLIC_NOTES if public else ()), rows)
    else:
        from analysis.summary import build_summary

        summary = build_summary(session, consultation, public=public, response_filter=response_filter,
                                earlier=earlier, generated_at=now)
        if fmt == "html":
            from analysis.exports.html import summary_html

            body = summary_html(summary).encode("utf-8")
        else:
            from analysis.exports.pdf import summary_pdf

            body = summary_pdf(summary)
    return ExportFile(filename=filename, media_type=MEDIA_TYPES[fmt], body=body)
