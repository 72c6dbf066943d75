"""One entry point for every export format, shared by the CLI and the dashboard.

The formats and their writers are in :mod:`analysis.exports.formats`. The caller records the audit
event (:func:`audit_details` gives its details: format, variant and filters, never any content),
because only the caller knows who asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from analysis.exports.formats import FORMATS, ExportSource, marked_formats
from analysis.exports.marking import Classification, classification_for
from analysis.filters import NO_FILTER, ResponseFilter
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
    classification: Classification | None = None
    """The marking it carries (papers and workbooks); ``None`` for a data file."""

    def as_bytes(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return "".join(self.body).encode("utf-8")


def audit_details(fmt: str, public: bool, response_filter: ResponseFilter, via: str,
                  classification: Classification | None = None) -> dict[str, object]:
    """What the audit event of an export records: format, variant, filters, how it was asked for and
    (a paper or workbook: :attr:`ExportFile.classification`) the marking it was given."""
    details: dict[str, object] = {"format": fmt, "public": public, "filters": response_filter.describe(),
                                  "via": via}
    if classification is not None:
        details["classification"] = classification.value
    return details


def export_report(
    session: Session,
    consultation: Consultation,
    fmt: str,
    *,
    public: bool = False,
    response_filter: ResponseFilter = NO_FILTER,
    earlier: Consultation | None = None,
    now: dt.datetime | None = None,
    classification: Classification | str | None = None,
) -> ExportFile:
    """Make one export of the consultation, marked ``classification`` if it is a paper or workbook
    (by default OFFICIAL when public, else OFFICIAL-SENSITIVE: see :mod:`analysis.exports.marking`).

    Raises :class:`ExportError` for a format that does not exist, a public variant of a format that
    has none (raw data is never published), a public export marked OFFICIAL-SENSITIVE, or a marking
    asked for on a format that carries none."""
    export = FORMATS.get(fmt)
    if export is None:
        raise ExportError(f"Choose a format from: {', '.join(FORMATS)}")
    if public and export.public_refusal is not None:
        raise ExportError(export.public_refusal)
    if classification is not None and not export.marked:
        raise ExportError(f"A {fmt} file carries no classification marking: only "
                          f"{', '.join(marked_formats())} are marked")
    try:
        marking = classification_for(public, classification)
    except ValueError as error:
        raise ExportError(str(error)) from None
    now = now or dt.datetime.now(dt.UTC)
    source = ExportSource(session=session, consultation=consultation, public=public,
                          response_filter=response_filter, earlier=earlier, now=now, classification=marking)
    return ExportFile(filename=export.filename(consultation.slug, public, now), media_type=export.media_type,
                      body=export.write(source), classification=marking if export.marked else None)
