"""The Strategic Assessment summary as one self-contained HTML file (charts inline as SVG).

The file carries its own small stylesheet and needs nothing from the network, so it can be
attached to a board paper or opened from a shared drive. Every chart is followed by its data table
and has an accessible name; headings and table captions follow GOV.UK patterns.
"""

from __future__ import annotations

from collections.abc import Sequence

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from analysis.charts import bar_chart, svg_markup, trend_chart
from analysis.disclosure import FOOTNOTE
from analysis.exports.dates import filters_in_words, moment_in_words, week_in_words
from analysis.exports.marking import Classification, classification_for, handling_note
from analysis.intervals import format_percent
from analysis.report.models import QuestionReportBase
from analysis.summary import Summary
from analysis.themes import quote
from survey.languages import english_name

_ENVIRONMENT = Environment(
    loader=PackageLoader("analysis.exports", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def figure(value: int | float | None) -> str:
    """A count or score for a table cell: ``None`` (suppressed) is ``[c]``."""
    if value is None:
        return "[c]"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def question_chart(question: QuestionReportBase, public: bool = False) -> Markup | None:
    """The question's chart as inline SVG, or ``None`` when it has none (``public``: see
    :func:`analysis.charts.bar_chart`)."""
    chart = bar_chart(question, public=public)
    if chart is None:
        return None
    return Markup(svg_markup(chart, f"Chart: {question.text}", chart_id=f"chart-{question.id}"))


def weekly_chart(weeks: Sequence[tuple[str, int | None]]) -> Markup | None:
    """Responses per week as inline SVG (``(week label, count)`` pairs), or ``None`` with no weeks."""
    chart = trend_chart(weeks)
    if chart is None:
        return None
    return Markup(svg_markup(chart, "Chart: responses per week", chart_id="chart-weeks"))


def has_hidden(question: QuestionReportBase) -> bool:
    """Whether any figure of the question is hidden (``[c]``), so its table needs the footnote."""
    return question.base is None or any(
        option.count is None or None in getattr(option, "rank_counts", ()) for option in question.options)


def summary_html(summary: Summary, classification: Classification | None = None) -> str:
    """Render the summary (officer or public variant) as a complete HTML document, with the marking
    (by default OFFICIAL when public, OFFICIAL-SENSITIVE for officers) at its top and bottom."""
    _ENVIRONMENT.globals.update(figure=figure, percent=format_percent, quote=quote,
                                question_chart=question_chart, week_in_words=week_in_words,
                                has_hidden=has_hidden, footnote=FOOTNOTE, language_name=english_name)
    marking = classification_for(summary.public, classification)
    data = summary.report
    return _ENVIRONMENT.get_template("summary.html").render(
        summary=summary, data=data, weekly_chart=weekly_chart(summary.weeks), marking=marking.value,
        handling=handling_note(summary.public, marking, data.partnership),
        produced=moment_in_words(data.generated_at), filters=filters_in_words(data.filters),
    )
