"""Exports: raw responses (CSV, Excel), the Strategic Assessment summary (HTML) and the board paper
(PDF and Word, one document model in :mod:`analysis.exports.paper`).

Each format is named once, in :mod:`analysis.exports.formats`. Each exporter is a pure function of
data read through :mod:`analysis`; the caller (the CLI or a web view) writes the audit event,
because only it knows who asked. Markings are decided in :mod:`analysis.exports.marking` and dates
are written in words by :mod:`analysis.exports.dates`.
"""
