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

from analysis.crosstabs import BREAKDOWN_GROUPS, Crosstab, crosstab, public_breakdowns
from analysis.disclosure import FOOTNOTE, NOT_STATED, Publication, public_percent
from analysis.disclosure import display as show_count
from analysis.disclosure.figures import base_key, cell_key, group_total_key, option_key, rank_key
from analysis.filters import NO_FILTER, ResponseFilter
from analysis.free_text import FreeTextQuery, free_text_items
from analysis.intervals import format_percent
from analysis.languages import unscored_by_language
from analysis.report import Report
from analysis.report.consultation import consultation_report, public_figures
from analysis.report.models import QuestionChange
from analysis.tallies import tally_consultation
from analysis.themes import ThemeResult, find_themes, themes_by_language
from analysis.trend import weekly_trend
from survey.consultations import definition_of
from survey.definitions.definition import Definition
from survey.question_types import Tally, scores_sentiment
from survey.storage.models import Consultation

SUMMARY_GROUPS = BREAKDOWN_GROUPS
"""The groups the summary cross-tabs by, when the consultation asks them (the public breakdowns')."""
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
    "To protect the people who took part, counts from 1 to 9 are not published, and every other count "
    "is rounded to the nearest 5. Further figures are hidden where they would let someone work out a "
    "hidden count from totals or other figures, or show that everyone in a group gave the same answer. "
    "Every hidden figure is shown as [c], whatever the reason. Percentages are worked out from the "
    "published figures. What people wrote in their own words is not published.",
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
    """Question id -> the themes of its answers in English (absent when all are in other languages)."""
    language_themes: dict[str, dict[str, ThemeResult]] = field(default_factory=dict)
    """Question id -> language code -> the themes of its answers in that language (not English)."""
    unscored: dict[str, dict[str, int]] = field(default_factory=dict)
    """Question id -> language code -> its answers in that language, which sentiment cannot read."""
    notes: tuple[str, ...] = METHOD_NOTES
    publication: Publication | None = None
    """The public figures everything in the public variant is read from (``None`` for officers)."""

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
    if public:
        tallies = tally_consultation(session, consultation, definition, response_filter)
        publication = public_figures(session, consultation, response_filter, tallies=tallies)
        report = consultation_report(session, consultation, public=True, response_filter=response_filter,
                                     generated_at=generated_at, publication=publication, tallies=tallies)
        weeks = publication.weeks()
    else:
        publication = None
        report = consultation_report(session, consultation, response_filter=response_filter, earlier=earlier,
                                     generated_at=generated_at)
        weeks = [(week.week_start, week.responses)
                 for week in weekly_trend(session, consultation, response_filter)]
    summary = Summary(
        report=report,
        weeks=[(start.strftime("%-d %b %Y"), n) for start, n in weeks],
        notes=METHOD_NOTES + (PUBLIC_NOTES if public else ()),
        publication=publication,
    )
    if publication is not None:
        summary.crosstabs = _public_breakdowns(definition, publication)
    else:
        summary.crosstabs = _crosstabs(session, consultation, definition, response_filter)
        summary.themes, summary.language_themes = _themes(session, consultation, definition, response_filter)
        summary.unscored = {
            question.id: found for question in definition.questions if scores_sentiment(question)
            and (found := unscored_by_language(session, consultation, [question.id], response_filter))}
    return summary


def _crosstabs(
    session: Session, consultation: Consultation, definition: Definition, response_filter: ResponseFilter
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
            tables.setdefault(question.id, []).append(_officer_view(table))
    return tables


def _public_breakdowns(definition: Definition, publication: Publication) -> dict[str, list[TableView]]:
    tables: dict[str, list[TableView]] = {}
    for question_id, group_id in public_breakdowns(definition):
        if publication.get(base_key(question_id)) == 0:
            continue
        view = _public_view(definition, publication, question_id, group_id)
        tables.setdefault(question_id, []).append(view)
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


def _public_view(
    definition: Definition, publication: Publication, question_id: str, group_id: str
) -> TableView:
    """A published breakdown: counts, each with its percentage of the group's published total."""
    question, group = definition.question(question_id), definition.question(group_id)
    columns = [(option.value, option.label) for option in group.all_options] + [(NOT_STATED, "Not stated")]
    columns = [(value, label) for value, label in columns
               if publication.get(group_total_key(question_id, group_id, value)) != 0]
    totals = {value: publication.get(group_total_key(question_id, group_id, value)) for value, _l in columns}
    ranking = question.tally == Tally.RANKS
    rows = []
    for option in question.all_options:
        cells = [option.label]
        for value, _label in columns:
            count = publication.get(cell_key(question_id, group_id, option.value, value))
            cells.append(f"{show_count(count)} ({format_percent(public_percent(count, totals[value]))})")
        row_total = (rank_key(question_id, option.value, 1) if ranking
                     else option_key(question_id, option.value))
        cells.append(show_count(publication.get(row_total)))
        rows.append(cells)
    rows.append(["Total", *(show_count(totals[value]) for value, _l in columns),
                 show_count(publication.get(base_key(question_id)))])
    return TableView(caption=f"{question.text} By: {group.text}",
                     header=["Answer", *(label for _v, label in columns), "Total"], rows=rows,
                     note="Published counts with the percentage of each group's published total; "
                          "'Not stated' is people who did not answer the question about the group. "
                          + FOOTNOTE)


def _themes(
    session: Session, consultation: Consultation, definition: Definition, response_filter: ResponseFilter
) -> tuple[dict[str, ThemeResult], dict[str, dict[str, ThemeResult]]]:
    """Each free-text question's themes, found apart for each language (English, then the others)."""
    themes, other_languages = {}, {}
    for question in definition.questions:
        if question.tally != Tally.TEXT:
            continue
        # Themes quote answers as examples: none that may name someone before an officer has looked.
        query = FreeTextQuery(question_ids=(question.id,), hide_unreviewed_personal_data=True)
        items, total = free_text_items(session, consultation, definition, query, response_filter,
                                       limit=THEME_SAMPLE_LIMIT)
        others = len([item for item in items if item.language != "en"])
        by_language = themes_by_language(items, base=total - others)
        english = by_language.pop("en", None)
        if english is not None or not by_language:
            themes[question.id] = english or find_themes([], base=0)
        if by_language:
            other_languages[question.id] = by_language
    return themes, other_languages
