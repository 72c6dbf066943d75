"""Exports: raw responses (CSV, Excel) and the Strategic Assessment summary (HTML, PDF).

Each exporter is a pure function of data read through :mod:`analysis`; the caller (the CLI or a web
view) writes the audit event, because only it knows who asked.
"""

from __future__ import annotations

EXPORT_FORMATS = ("json", "csv", "xlsx", "html", "pdf")
RAW_FORMATS = ("csv",)
"""Formats that are raw responses, never available in a public variant."""
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}
