"""The report: a consultation's tallies as typed objects, for officers or (disclosure-controlled) the public.

:class:`~analysis.report.models.Report` is the contract: ``safer-voices report CONSULTATION --format
json`` prints its JSON (:meth:`~analysis.report.models.Report.json_text`), every export (Excel,
HTML, PDF) and the officers' results page render the same object, so the figures in every format
agree, and ``analysis/report/report.schema.json`` is its JSON Schema, generated from the types by
:mod:`analysis.report.schema` (a test keeps the committed file equal to the generated one). Shape::

    {"consultation": "<slug>", "title": ..., "partnership": ..., "public": false,
     "generated_at": "<ISO 8601 UTC>", "filters": {...}, "responses": N,
     "questions": [{"id", "type", "text", "base", "about_you",
                    "options": [{"value", "label", "count", "percent",
                                 "rank_counts": [...], "rank_percent": [...],   # ranking only
                                 "mean_rank", "points",                          # ranking only
                                 "score"}],                                      # scale only
                    "net_score", "mean_score",        # scale only
                    "mean", "min", "max",             # number only (officers)
                    "earliest", "latest",             # date only (officers)
                    "pins", "described",              # location only
                    "sentiment": {...}}],             # free text only (officers)
     "comparison": {"earlier", "earlier_title",       # only with --compare (officers)
                    "questions": [{"id", "text", "base", "earlier_base",
                                   "options": [{"value", "label", "percent", "earlier_percent",
                                                "change", "low", "high", "significant"}]}]}}

``percent`` is of the question's ``base`` (respondents who answered it), one decimal, halves up.

Modules: :mod:`~analysis.report.models` (the types), :mod:`~analysis.report.build` (the officer and
public variants from the tallies; the public rules are described there),
:mod:`~analysis.report.comparison` (``--compare``), :mod:`~analysis.report.consultation` (a
consultation's report read from the database, and its public figures: one protected
:class:`~analysis.disclosure.Publication` that every public report and download reads) and
:mod:`~analysis.report.schema`. A public report lists ranking options top priority first and
carries ``notes`` (the footnote to every ``[c]``).
"""

from analysis.report.build import PUBLIC_THRESHOLD, build_report, report_data
from analysis.report.models import Comparison, Report

__all__ = ["PUBLIC_THRESHOLD", "Comparison", "Report", "build_report", "report_data"]
