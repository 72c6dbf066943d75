"""Statistical disclosure control for figures that leave the partnership (the ONS "10-5 rule").

A consultation's public figures come from :func:`publishable`, which protects everything published
about it together: counts from 1 to 9 are hidden and every other count is rounded to the nearest 5
(:mod:`~analysis.disclosure.rules`); a zero that would reveal that a whole group gave one answer is
hidden with the rest of its line, and more figures are hidden so that no hidden count can be worked
out from totals or other figures (:mod:`~analysis.disclosure.suppression`); then every hidden count
is checked against everything published, earlier publications included, by integer linear
programming, and more is hidden until none can be narrowed to a value from 1 to 9
(:mod:`~analysis.disclosure.audit`). Every hidden figure is shown as ``[c]`` with :data:`FOOTNOTE`;
primary and secondary suppression look the same. Percentages are worked out from the published
figures (:func:`public_percent`).

:func:`protect_counts` and :func:`protect_table` protect a single free-standing question or cross-tab
(:mod:`~analysis.disclosure.tables`).
"""

from analysis.disclosure.figures import NOT_STATED, Key, Line, Publication
from analysis.disclosure.publication import BREAKDOWN_TALLIES, BreakdownCounts, publishable
from analysis.disclosure.rules import (
    CONFIDENTIAL,
    FOOTNOTE,
    ROUNDING_NOTE,
    THRESHOLD,
    Published,
    display,
    public_percent,
    round_to_5,
    round_to_base,
)
from analysis.disclosure.tables import ProtectedCounts, ProtectedTable, protect_counts, protect_table

__all__ = [
    "BREAKDOWN_TALLIES",
    "CONFIDENTIAL",
    "FOOTNOTE",
    "NOT_STATED",
    "ROUNDING_NOTE",
    "THRESHOLD",
    "BreakdownCounts",
    "Key",
    "Line",
    "ProtectedCounts",
    "ProtectedTable",
    "Publication",
    "Published",
    "display",
    "protect_counts",
    "protect_table",
    "public_percent",
    "publishable",
    "round_to_5",
    "round_to_base",
]
