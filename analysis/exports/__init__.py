"""Exports: raw responses (CSV, Excel) and the Strategic Assessment summary (HTML, PDF).

Each format is named once, in :mod:`analysis.exports.formats`. Each exporter is a pure function of
data read through :mod:`analysis`; the caller (the CLI or a web view) writes the audit event,
because only it knows who asked.
"""
