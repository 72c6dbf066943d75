"""Everything the Strategic Assessment summary shows, gathered once for the HTML and PDF renderers.

The summary is the report (:class:`analysis.report.Report`, its comparison included) plus responses by week,
cross-tabs of the feelings-of-safety questions by the main equality groups, free-text themes
(officers only) and, when asked, the change since an earlier consultation. The **public** variant
applies disclosure control to every figure (weekly counts and cross-tabs included, with secondary
suppression) and has no free text, no themes and no confidence intervals (an interval computed from
a hidden count would hint at it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from analysis.crosstabs import Crosstab, crosstab, public_table
from analysis.disclosure import display as show_count
from analysis.disclosure import protect_counts
from analysis.filters import NO_FILTER, ResponseFilter
from analysis.free_text import FreeTextQuery, free_text_items
from analysis.intervals import format_percent
from analysis.report import Report
from analysis.report.consultation import consultation_report
from analysis.report.models import QuestionChange
from analysis.themes import ThemeResult, find_themes
from analysis.trend import weekly_trend
from survey.consultations import definition_of
from survey.definitions.definition import Definition
from survey.question_types import Tally
from survey.storage.models import Consultation

SUMMARY_GROUPS = ("about_age_band", "about_gender", "about_ethnicity", "about_disability")
"""The equality groups the summary cross-tabs by, when the consultation asks them."""
THEME_SAMPLE_LIMIT = 5000

METHOD_NOTES = (
    "Percentages are of the people who answered each question (its base), not of everyone who "
    "responded; a question someone skipped, or was not asked, does not count them.",
    "Multiple-choice questions count options, not combinations: someone who chose three options is "
    "counted under each, so those percentages add up to more than 100.",
    "Ranking questions show the percentage who put each option at each position; the mean rank is "
    "the average position among those who ranked it (1 = first); the points score gives the first "
    "place as many points as there are places, the next one fewer, down to 1 for the last.",
    "The net score of a feelings-of-safety question is the percentage who feel safe (very or fairly) "
    "minus the percentage who feel unsafe (a bit or very); 'Don't know' is in the base.",
    "Cross-tab ranges are 95% Wilson score intervals: with small groups they are wide, and a "
    "difference between groups whose ranges overlap may be chance.",
    "A change since an earlier consultation is marked as significant when the 95% interval of the "
    "difference (Newcombe's method) does not include zero.",
    "Responses come from an open consultation, not a random sample: they describe the people who "
    "took part, who may differ from the area's population.",
)
PUBLIC_NOTES = (
    "To protect the people who took part, counts from 1 to 9 are not published (shown as [c]) and "
    "every other count is rounded to the nearest 5; further figures are hidden where a total would "
    "reveal a hidden one. Percentages are worked out from the published figures. What people wrote "
    "in their own words is not published.",
)


@dataclass(frozen=True)
class TableView:
    """A table ready to render: caption, header row, body rows (first cell a row header)."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    note: str = ""


@dataclass
class Summary:
    report: Report
    weeks: list[tuple[str, int | None]]
    """(Week beginning, responses); a count hidden by disclosure control is ``None``."""
    crosstabs: dict[str, list[TableView]] = field(default_factory=dict)
    """Question id -> its cross-tabs."""
    themes: dict[str, ThemeResult] = field(default_factory=dict)
    notes: tuple[str, ...] = METHOD_NOTES

    @property
    def public(self) -> bool:
        """Whether this is the public variant (disclosure control applied)."""
        return self.report.public

    @property
    def changes(self) -> tuple[QuestionChange, ...]:
        """The comparison's questions (none in the public variant, or without an earlier consultation)."""
        return () if self.report.comparison is None else self.report.comparison.questions

    @property
    def earlier_title(self) -> str | None:
        """The title of the consultation compared with, if any."""
        return None if self.report.comparison is None else self.report.comparison.earlier_title


def build_summary(
    session: Session,
    consultation: Consultation,
    *,
    public: bool = False,
    response_filter: ResponseFilter = NO_FILTER,
    earlier: Consultation | None = None,
    generated_at: dt.datetime | None = None,
) -> Summary:
    """Gather the summary of one consultation (officer or public variant)."""
    definition = definition_of(consultation)
    report = consultation_report(session, consultation, public=public, response_filter=response_filter,
                                 earlier=earlier, generated_at=generated_at)
    weeks = weekly_trend(session, consultation, response_filter)
    counts = [week.responses for week in weeks]
    if public:
        protected = protect_counts({str(i): n for i, n in enumerate(counts)}).counts
        shown: list[int | None] = [protected[str(i)] for i in range(len(counts))]
    else:
        shown = list(counts)
    summary = Summary(
        report=report,
        weeks=[(week.week_start.strftime("%-d %b %Y"), n) for week, n in zip(weeks, shown, strict=True)],
        notes=METHOD_NOTES + (PUBLIC_NOTES if public else ()),
    )
    summary.crosstabs = _crosstabs(session, consultation, definition, response_filter, public)
    if not public:
        summary.themes = _themes(session, consultation, definition, response_filter)
    return summary


def _crosstabs(
    session: Session, consultation: Consultation, definition: Definition, response_filter: ResponseFilter,
    public: bool,
) -> dict[str, list[TableView]]:
    ids = {question.id for question in definition.questions}
    groups = [group for group in SUMMARY_GROUPS if group in ids]
    tables: dict[str, list[TableView]] = {}
    for question in definition.questions:
        if question.tally != Tally.SCALE:
            continue
        for group in groups:
            table = crosstab(session, consultation, definition, question.id, group, response_filter)
            if sum(table.column_bases.values()) == 0:
                continue
            view = _public_view(table) if public else _officer_view(table)
            tables.setdefault(question.id, []).append(view)
    return tables


def _officer_view(table: Crosstab) -> TableView:
    columns = [(value, label) for value, label in table.columns if table.column_bases[value]]
    rows = []
    for row, label in table.rows:
        cells = [label]
        for column, _label in columns:
            cell = table.cell(row, column)
            interval = "" if cell.low is None else f" ({cell.low:.1f}% to {cell.high:.1f}%)"
            cells.append(f"{cell.percent:.1f}%{interval}")
        rows.append(cells)
    rows.append(["Base (answered)", *(f"{table.column_bases[c]:,}" for c, _l in columns)])
    return TableView(caption=f"{table.question_text} By: {table.by_text}",
                     header=["Answer", *(label for _v, label in columns)], rows=rows,
                     note="Percentages of each group's base, with 95% intervals. Groups nobody answered "
                          "as are left out.")


def _public_view(table: Crosstab) -> TableView:
    protected = public_table(table)
    header = ["Answer", *(str(label) for label in protected.columns), "Total"]
    rows = []
    for index, label in enumerate(protected.rows):
        cells = [str(label)]
        for column in protected.columns:
            share = format_percent(protected.percent_of_column(label, column))
            cells.append(f"{show_count(protected.cell(label, column))} ({share})")
        cells.append(show_count(protected.row_totals[index]))
        rows.append(cells)
    rows.append(["Total", *(show_count(total) for total in protected.column_totals),
                 show_count(protected.grand_total)])
    return TableView(caption=f"{table.question_text} By: {table.by_text}", header=header, rows=rows,
                     note="Published counts with the percentage of each group's published total; "
                          "[c] = not published to protect the people who took part.")


def _themes(
    session: Session, consultation: Consultation, definition: Definition, response_filter: ResponseFilter
) -> dict[str, ThemeResult]:
    themes = {}
    for question in definition.questions:
        if question.tally != Tally.TEXT:
            continue
        query = FreeTextQuery(question_ids=(question.id,))
        items, total = free_text_items(session, consultation, definition, query, response_filter,
                                       limit=THEME_SAMPLE_LIMIT)
        themes[question.id] = find_themes(items, base=total)
    return themes
