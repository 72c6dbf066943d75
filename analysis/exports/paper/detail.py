"""The detail of the paper: one part per question (chart, table, cross-tabs, themes), the changes
since an earlier consultation and the method notes, as blocks of the document model."""

from __future__ import annotations

import dataclasses
from typing import Any

from analysis.charts import bar_chart, png_bytes, trend_chart
from analysis.disclosure import FOOTNOTE
from analysis.exports.dates import date_in_words, week_in_words
from analysis.exports.html import figure
from analysis.exports.paper.model import Block, Bullets, Heading, Picture, Table, Text
from analysis.intervals import format_percent
from analysis.report.models import (
    DateQuestionReport,
    FreeTextQuestionReport,
    LocationQuestionReport,
    NumberQuestionReport,
    QuestionChange,
    QuestionReportBase,
    RankingQuestionReport,
    ScaleQuestionReport,
)
from analysis.summary import Summary, TableView
from analysis.themes import ThemeResult, quote
from survey.languages import english_name
from survey.question_types import Tally, tally_of

WIDEST = 6
"""Columns a cross-tab may have before it is turned round (groups down the side)."""


def picture(chart: Any, alt: str) -> Picture | None:
    """A matplotlib chart as a picture block (``None`` for no chart)."""
    if chart is None:
        return None
    width, height = chart.get_size_inches()
    return Picture(png=png_bytes(chart), width_inches=float(width), height_inches=float(height), alt=alt)


def footnoted(table: Table) -> Table:
    """The table with the footnote to ``[c]`` when any of its figures is hidden."""
    if FOOTNOTE in table.note or not any("[c]" in cell for row in table.rows for cell in row):
        return table
    return dataclasses.replace(table, note=" ".join(part for part in (table.note, FOOTNOTE) if part))


def weekly_blocks(summary: Summary) -> list[Block]:
    """Responses per week: chart and table (weeks begin on Monday)."""
    blocks: list[Block] = [Heading("Responses per week", 2)]
    chart = picture(trend_chart(summary.weeks), "Bar chart of responses per week; the figures are in the "
                                                "table that follows.")
    if chart is not None:
        blocks.append(chart)
    rows = tuple((week_in_words(label), figure(n)) for label, n in summary.weeks)
    if not rows:
        return [*blocks, Text("No responses yet.")]
    blocks.append(footnoted(Table("Responses per week (weeks begin on Monday, UK time)",
                                  ("Week beginning", "Responses"), rows)))
    return blocks


def question_blocks(summary: Summary, question: QuestionReportBase) -> list[Block]:
    """One question: its base, chart, table of figures, cross-tabs and (officers) themes."""
    line = f"Base: {figure(question.base)} answered this question."
    if tally_of(question.type) == Tally.OPTIONS:
        line += " People could choose more than one answer, so percentages add up to more than 100."
    if isinstance(question, ScaleQuestionReport):
        line += f" Net score (safe minus unsafe): {figure(question.net_score)} percentage points."
    blocks: list[Block] = [Heading(question.text, 2)]
    # A public chart keeps every answer in the question's own order, hidden ones marked [c].
    chart = picture(bar_chart(question, public=summary.public), f"Bar chart of the answers to "
                    f"'{question.text}'; the figures are in the table that follows.")
    blocks.append(Text(line, keep_with_next=chart is not None))
    if chart is not None:
        blocks.append(chart)
    if question.options:
        blocks += [footnoted(table) for table in _option_tables(question)]
    blocks += _extra_figures(question)
    blocks += [crosstab_table(view) for view in summary.crosstabs.get(question.id, [])]
    return blocks + _free_text(summary, question)


def crosstab_table(view: TableView) -> Table:
    """A cross-tab as a table: answers down the side and groups across, or (more groups than
    answers, and too many to sit side by side) turned round, so no column is too narrow to read."""
    grid = [list(view.header), *(list(row) for row in view.rows)]
    if len(view.header) > WIDEST and len(grid) < len(view.header):
        grid = [list(column) for column in zip(*grid, strict=True)]
        grid[0][0] = "Group"
    body = tuple(tuple(row) for row in grid[1:])
    return footnoted(Table(view.caption, tuple(grid[0]), body, note=view.note))


def _option_tables(question: QuestionReportBase) -> list[Table]:
    caption = f"{question.text} (base {figure(question.base)})"
    if not isinstance(question, RankingQuestionReport):
        rows = tuple((o.label, figure(o.count), format_percent(o.percent)) for o in question.options)
        return [Table(caption, ("Answer", "Number", "% of base"), rows)]
    # Two tables rather than one of nine narrow columns: a rank cell "123 (45.6%)" must not wrap.
    overall = tuple((o.label, figure(o.count), format_percent(o.percent),
                     "-" if o.mean_rank is None else figure(o.mean_rank), figure(o.points))
                    for o in question.options)
    positions = len(question.options[0].rank_counts)
    by_rank = tuple((o.label, *(f"{format_percent(p)} ({figure(n)})"
                                for n, p in zip(o.rank_counts, o.rank_percent, strict=True)))
                    for o in question.options)
    return [
        Table(caption, ("Answer", "Ranked it", "% of base", "Mean rank", "Points"), overall),
        Table(f"Places given, as % of the base (number in brackets): {question.text}",
              ("Answer", *(f"Ranked {i + 1}" for i in range(positions))), by_rank),
    ]


def _extra_figures(question: QuestionReportBase) -> list[Block]:
    if isinstance(question, NumberQuestionReport) and question.mean is not None:
        return [Text(f"Mean {figure(question.mean)}, lowest {figure(question.min)}, "
                     f"highest {figure(question.max)}.")]
    if isinstance(question, DateQuestionReport) and question.earliest and question.latest:
        return [Text(f"Earliest {date_in_words(question.earliest)}, "
                     f"latest {date_in_words(question.latest)}.")]
    if isinstance(question, LocationQuestionReport):
        return [Text(f"Pins dropped on the map: {figure(question.pins)}. "
                     f"Places described in words: {figure(question.described)}.")]
    return []


def _free_text(summary: Summary, question: QuestionReportBase) -> list[Block]:
    blocks: list[Block] = []
    sentiment = question.sentiment if isinstance(question, FreeTextQuestionReport) else None
    if sentiment:
        blocks.append(Text(f"Indicative sentiment (VADER): {sentiment.positive:,} positive, "
                           f"{sentiment.neutral:,} neutral, {sentiment.negative:,} negative. This is a rough "
                           "guide from a list of positive and negative words, not a measure of what people "
                           "think."))
    for code, count in summary.unscored.get(question.id, {}).items():
        blocks.append(Text(f"{count:,} answer(s) in {english_name(code)} not scored for sentiment: "
                           "the sentiment model reads English only."))
    english = summary.themes.get(question.id)
    if english is not None:
        blocks += _theme_blocks(english)
    for code, themes in summary.language_themes.get(question.id, {}).items():
        name = english_name(code)
        blocks.append(Heading(f"Answers in {name}", 3))
        blocks.append(Text(f"These answers were written in {name}, so their themes are found apart from the "
                           "others, in their own words."))
        blocks += _theme_blocks(themes)
    return blocks


def _theme_blocks(themes: ThemeResult) -> list[Block]:
    blocks: list[Block] = []
    if themes.urgent:
        # One response can have several urgent answers: name each reference once.
        references = ", ".join(dict.fromkeys(item.reference for item in themes.urgent))
        blocks.append(Text(f"{len(themes.urgent)} answer(s) flagged as urgent risk: read them first in the "
                           f"dashboard's free-text browser (references {references}). They are not quoted "
                           "here.", "lead"))
    if themes.key_phrases:
        blocks.append(Text("Key phrases: " + "; ".join(themes.key_phrases) + "."))
    if not themes.themes:
        blocks.append(Text(f"{themes.analysed} answer(s): too few to find themes; "
                           "read them in the dashboard."))
    for theme in themes.themes:
        blocks.append(Heading(f"Theme: {theme.name} ({theme.count} answers, {theme.share:.1f}%)", 3))
        blocks.append(Text("Key words and phrases: " + "; ".join(theme.key_phrases) + "."))
        blocks += [Text(f"“{quote(example.text)}”", "quote") for example in theme.examples]
    return blocks


def change_blocks(earlier_title: str, changes: tuple[QuestionChange, ...]) -> list[Block]:
    """The change since an earlier consultation, a table per question (officers only)."""
    blocks: list[Block] = [
        Heading(f"Change since {earlier_title}", 1),
        Text("A change is significant when its 95% interval (Newcombe's method) does not include zero; "
             "otherwise it may be chance."),
    ]
    for change in changes:
        rows = tuple((o.label, format_percent(o.percent), format_percent(o.earlier_percent),
                      f"{o.change:+.1f}",
                      "n/a" if o.low is None or o.high is None else f"{o.low:+.1f} to {o.high:+.1f}",
                      "Yes" if o.significant else "No") for o in change.options)
        blocks.append(Table(f"{change.text} (base now {figure(change.base)}, before "
                            f"{figure(change.earlier_base)})",
                            ("Answer", "Now", "Before", "Change (points)", "95% interval", "Significant"),
                            rows))
    return blocks


def notes_blocks(notes: tuple[str, ...]) -> list[Block]:
    """How the figures were produced."""
    return [Heading("How these figures were produced", 1), Bullets(tuple(notes))]
