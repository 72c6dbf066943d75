"""Published results: a frozen, dated snapshot of a consultation's public report, what it says in
words, and its downloads under the Open Government Licence.

:mod:`~analysis.published.snapshot` makes the snapshot (the public report, with disclosure control,
from :func:`analysis.report.consultation.consultation_report`) and reads it back;
:mod:`~analysis.published.findings` writes the key findings in words; and
:mod:`~analysis.published.downloads` gives the CSV and JSON files. Pages and files are made from the
snapshot only, never from the responses again, so later responses cannot be differenced against it.
"""

from analysis.published.snapshot import publish, snapshot_report

__all__ = ["publish", "snapshot_report"]
