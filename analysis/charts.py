"""Charts drawn on the server with matplotlib: SVG for web pages and HTML, PNG for the PDF.

Every chart has its data table beside it in whatever shows it (screen readers read the table; the
chart is an image of it), and an accessible name. The SVG is made safe for a strict Content Security
Policy (``style-src 'self'``): matplotlib writes ``style="..."`` attributes and a ``<style>`` element,
both of which such a policy blocks in an HTML page, so :func:`svg_markup` turns every declaration
into the equivalent SVG presentation attribute (``fill="#1d70b8"``), which a policy does not govern.
Figures are made with :class:`matplotlib.figure.Figure`, never pyplot, so there is no global state
shared between web requests.
"""

from __future__ import annotations

import functools
import io
import re
import textwrap
from collections.abc import Callable, Sequence
from html import escape
from typing import ParamSpec, TypeVar

from matplotlib.figure import Figure

from analysis.report.models import QuestionReportBase, RankingQuestionReport, ScaleQuestionReport

# GOV.UK design system colours: blue, dark blue, turquoise, orange, purple, green, pink, brown.
PALETTE = ("#1d70b8", "#003078", "#28a197", "#f47738", "#4c2c92", "#00703c", "#d53880", "#b58840")
TEXT_COLOUR = "#0b0c0c"
P = ParamSpec("P")
R = TypeVar("R")
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)
_PROLOGUE = re.compile(r"^.*?(?=<svg)", re.S)
_SVG_SIZE = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')
_RC = {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"], "font.size": 10,
       "svg.fonttype": "none", "axes.edgecolor": "#b1b4b6", "text.color": TEXT_COLOUR}


def _styled(build: Callable[P, R]) -> Callable[P, R]:
    """Draw with the house style: fonts are fixed when text is created, so the whole build runs in it."""

    @functools.wraps(build)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        import matplotlib

        with matplotlib.rc_context(_RC):
            return build(*args, **kwargs)

    return wrapped


def _figure(rows: int, *, top_inches: float = 0.15) -> Figure:
    # Fixed margins rather than constrained layout: as good for bars with wrapped labels, and half
    # the drawing time, which matters on a dashboard that draws a chart per question.
    height = max(1.6, 0.42 * rows + 0.75 + top_inches)
    figure = Figure(figsize=(7.5, height))
    figure.subplots_adjust(left=0.37, right=0.96, bottom=0.6 / height, top=1 - top_inches / height)
    return figure


def _wrap(label: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(label, width)[:3]) or label


def _has_hidden(question: QuestionReportBase) -> bool:
    for option in question.options:
        if option.count is None or None in getattr(option, "rank_counts", ()):
            return True
    return False


@_styled
def bar_chart(question: QuestionReportBase, *, public: bool | None = None) -> Figure | None:
    """Percent of the base per option for one question of a :class:`~analysis.report.Report`
    (``None`` for a question without options or base).

    Officers' choice charts are ranked by size. Public charts (``public``; by default, a question with
    any hidden figure) keep every option in the question's own order, the top priority first for a
    ranking, and show a hidden figure as ``[c]`` where its bar would be: a hidden figure cannot be
    placed by size without saying something about it, and dropping it would misstate the question.
    """
    options = list(question.options)
    if not options or not question.base:
        return None
    if public is None:
        public = _has_hidden(question)
    if isinstance(question, RankingQuestionReport):
        return ranking_chart(question, public=public)
    if not public and not isinstance(question, ScaleQuestionReport):  # a scale keeps its order
        options.sort(key=lambda option: -(option.percent or 0))
    options.reverse()  # barh draws from the bottom up
    figure = _figure(len(options))
    axes = figure.add_subplot()
    values = [option.percent or 0.0 for option in options]
    bars = axes.barh([_wrap(option.label) for option in options], values, color=PALETTE[0])
    axes.bar_label(bars, labels=[_percent_label(option.percent) for option in options], padding=3,
                   color=TEXT_COLOUR)
    _percent_axis(axes, max(values), f"% of the {question.base:,} who answered")
    return figure


def _percent_label(value: float | None) -> str:
    return "[c]" if value is None else f"{value:.1f}%"


@_styled
def ranking_chart(question: RankingQuestionReport, *, public: bool | None = None) -> Figure:
    """Each option's share of the base at each rank position, stacked (first on the left), the top
    priority at the top. Officers' options are ordered by points; a public report lists its options
    in priority order already (its points may be hidden), and a hidden share is named after the bar
    ("[c]: 3rd, 5th") rather than drawn at a size it is not."""
    if public is None:
        public = _has_hidden(question)
    options = list(question.options)
    if not public:
        options.sort(key=lambda option: (-(option.points or 0), option.value))
    options.reverse()  # barh draws from the bottom up
    figure = _figure(len(options), top_inches=0.75)
    axes = figure.add_subplot()
    labels = [_wrap(option.label) for option in options]
    positions = len(options[0].rank_percent) if options else 0
    left = [0.0] * len(options)
    for rank in range(positions):
        values = [option.rank_percent[rank] or 0.0 for option in options]
        axes.barh(labels, values, left=left, color=PALETTE[rank % len(PALETTE)], label=_ordinal(rank + 1))
        left = [a + b for a, b in zip(left, values, strict=True)]
    largest = max(left or [0])
    for row, option in enumerate(options):
        hidden = [_ordinal(rank + 1) for rank, value in enumerate(option.rank_percent) if value is None]
        if hidden:
            axes.text(left[row] + largest * 0.01 + 0.5, row, f"[c]: {', '.join(hidden)}", va="center",
                      fontsize=8, color=TEXT_COLOUR)
    axes.legend(loc="lower right", frameon=False, ncols=min(positions, 5), fontsize=8,
                bbox_to_anchor=(1, 1.0), title="Rank given")
    room = 1.35 if any(None in option.rank_percent for option in options) else 1.0
    _percent_axis(axes, largest * room, f"% of the {question.base or 0:,} who answered, by rank given")
    return figure


@_styled
def trend_chart(weeks: Sequence[tuple[str, int | None]]) -> Figure | None:
    """Responses per week, from ``(week label, count)``; a hidden (``None``) count has no bar and is
    marked ``[c]`` in its place."""
    if not weeks:
        return None
    figure = Figure(figsize=(7.5, 2.8))
    figure.subplots_adjust(left=0.1, right=0.97, bottom=0.42 if len(weeks) > 6 else 0.22, top=0.95)
    axes = figure.add_subplot()
    axes.bar([label for label, _n in weeks], [n or 0 for _label, n in weeks], color=PALETTE[0])
    for position, (_label, n) in enumerate(weeks):
        if n is None:
            axes.text(position, 0, "[c]", ha="center", va="bottom", fontsize=8, color=TEXT_COLOUR)
    axes.set_ylabel("Responses")
    axes.set_xlabel("Week beginning")
    axes.tick_params(axis="x", labelrotation=45 if len(weeks) > 6 else 0)
    axes.spines[["top", "right"]].set_visible(False)
    return figure


def _percent_axis(axes, largest: float, label: str) -> None:  # type: ignore[no-untyped-def]
    axes.set_xlim(0, max(10.0, min(100.0, largest * 1.18 + 4)))
    axes.set_xlabel(label)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", length=0)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def svg_markup(figure: Figure, title: str, *, chart_id: str = "chart") -> str:
    """The chart as an inline ``<svg role="img">`` element with a ``<title>``, and no style
    attributes or elements (see the module docstring)."""
    import matplotlib

    with matplotlib.rc_context({**_RC, "svg.hashsalt": chart_id}):
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1))
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = _STYLE_ATTRIBUTE.sub(lambda match: _as_attributes(match.group(1)), svg)
    title_id = f"{chart_id}-title"
    svg = _SVG_SIZE.sub(
        rf'<svg\1 width="100%" role="img" aria-labelledby="{title_id}" stroke-linejoin="round" '
        r'stroke-linecap="butt" focusable="false"',
        svg, count=1,
    )
    opening_end = svg.index(">") + 1
    return f'{svg[:opening_end]}<title id="{escape(title_id)}">{escape(title)}</title>{svg[opening_end:]}'


def _as_attributes(style: str) -> str:
    attributes = []
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and name.strip():
            attributes.append(f' {name.strip()}="{escape(value.strip(), quote=True)}"')
    return "".join(attributes)


def png_bytes(figure: Figure, dpi: int = 150) -> bytes:
    """The chart as a PNG (for the PDF)."""
    import matplotlib

    with matplotlib.rc_context({**_RC, "svg.fonttype": "path"}):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
