"""A ward's weeks as a chart: reports per week (bars), the usual number (a dashed line), weeks with
an unusual rise (marked "Rise") and the highest open tension level (a coloured strip above).

The page shows the same figures as a table beside it; the chart is drawn on the server as SVG
(``analysis.charts.svg_markup``), so it needs no JavaScript.
"""

from __future__ import annotations

import matplotlib
from matplotlib.figure import Figure

from analysis.charts import PALETTE, TEXT_COLOUR, svg_markup
from survey.tensions.assessment import WardAssessment, WardWeek
from survey.vocabulary import TensionLevel

LEVEL_COLOURS = {
    None: "#f3f2f1",
    TensionLevel.LOW: "#cce2d8",
    TensionLevel.MEDIUM: "#fff7bf",
    TensionLevel.HIGH: "#fcd6c3",
    TensionLevel.CRITICAL: "#d4351c",
}
#: Behind bars a lighter red, so a critical week's bars still stand out.
SHADES = {**LEVEL_COLOURS, TensionLevel.CRITICAL: "#f09b8d"}
_RC = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "svg.fonttype": "none",
    "axes.edgecolor": "#b1b4b6",
    "text.color": TEXT_COLOUR,
}


def ward_figure(assessment: WardAssessment) -> Figure:
    """The chart of ``assessment``'s weeks."""
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(7.5, 3.4))
        figure.subplots_adjust(left=0.1, right=0.97, bottom=0.2, top=0.93, hspace=0.15)
        levels, counts = figure.subplots(2, 1, sharex=True, height_ratios=[1, 6])
        weeks = assessment.weeks
        positions = list(range(len(weeks)))
        labels = [week.week_start.strftime("%-d %b") for week in weeks]
        for position, week in zip(positions, weeks, strict=True):
            levels.bar(position, 1, width=0.95, color=LEVEL_COLOURS[week.level], edgecolor="#b1b4b6")
            if week.level is not None:
                levels.text(
                    position,
                    0.5,
                    week.level.label[0],
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="#ffffff" if week.level is TensionLevel.CRITICAL else TEXT_COLOUR,
                )
        levels.set_yticks([0.5], ["Level"])
        levels.set_ylim(0, 1)
        levels.tick_params(axis="both", length=0)
        levels.spines[["top", "right", "left", "bottom"]].set_visible(False)
        values = [week.count for week in weeks]
        counts.bar(positions, values, color=PALETTE[0], label="Reports")
        baseline = [
            week.check.baseline if week.check.baseline is not None else float("nan") for week in weeks
        ]
        counts.plot(
            positions, baseline, color=PALETTE[3], linestyle="--", linewidth=1.5, label="Usual a week"
        )
        top = max([*values, *(b for b in baseline if b == b), 1])
        for position, week in zip(positions, weeks, strict=True):
            if week.check.flagged:
                counts.text(
                    position,
                    week.count + top * 0.03,
                    "Rise",
                    ha="center",
                    va="bottom",
                    fontsize=8,
                    fontweight="bold",
                    color="#d4351c",
                )
        counts.set_ylim(0, top * 1.25)
        counts.set_ylabel("Reports")
        counts.set_xticks(positions, labels, rotation=45, ha="right")
        counts.set_xlabel("Week beginning")
        counts.spines[["top", "right"]].set_visible(False)
        counts.legend(loc="upper left", frameon=False, fontsize=8, ncols=2)
        return figure


def ward_chart(assessment: WardAssessment, *, chart_id: str = "ward-chart") -> str:
    """The chart as inline SVG markup with an accessible name."""
    title = (
        f"Reports a week in {assessment.ward.name} over {len(assessment.weeks)} weeks, with the usual "
        "number, weeks of unusual rise and the highest open tension level. The table below gives the figures."
    )
    return svg_markup(ward_figure(assessment), title, chart_id=chart_id)


def borough_figure(assessments: list[WardAssessment], *, columns: int = 3) -> Figure | None:
    """Small multiples: one small chart per ward, the same scale in each, weeks shaded by level and
    flagged weeks marked with a black triangle above their bar."""
    if not assessments:
        return None
    rows = -(-len(assessments) // columns)
    with matplotlib.rc_context({**_RC, "font.size": 8}):
        figure = Figure(figsize=(7.5, 1.55 * rows + 0.3))
        figure.subplots_adjust(
            left=0.06, right=0.98, bottom=0.3 / (1.55 * rows + 0.3), top=0.95, hspace=0.6, wspace=0.2
        )
        top = max(max(week.count for week in assessment.weeks) for assessment in assessments) or 1
        grid = figure.subplots(rows, columns, sharey=True, squeeze=False)
        for place, axes in enumerate(grid.flat):
            if place >= len(assessments):
                axes.set_visible(False)
                continue
            assessment = assessments[place]
            for position, week in enumerate(assessment.weeks):
                if week.level is not None:
                    axes.axvspan(position - 0.5, position + 0.5, color=SHADES[week.level], linewidth=0)
            axes.bar(
                range(len(assessment.weeks)), [week.count for week in assessment.weeks], color=PALETTE[0]
            )
            flagged = [(n, week.count) for n, week in enumerate(assessment.weeks) if week.check.flagged]
            if flagged:
                axes.plot(
                    [n for n, _ in flagged],
                    [count + top * 0.12 for _, count in flagged],
                    linestyle="none",
                    marker="v",
                    markersize=6,
                    color=TEXT_COLOUR,
                )
            axes.set_title(assessment.ward.name, fontsize=8, loc="left")
            axes.set_ylim(0, top * 1.3)
            axes.set_xlim(-0.5, len(assessment.weeks) - 0.5)
            axes.set_xticks(
                [0, len(assessment.weeks) - 1], [_short(assessment.weeks[0]), _short(assessment.latest)]
            )
            axes.spines[["top", "right"]].set_visible(False)
        return figure


def _short(week: WardWeek) -> str:
    return week.week_start.strftime("%-d %b")


def borough_chart(assessments: list[WardAssessment]) -> str | None:
    """The small multiples as inline SVG markup with an accessible name (``None`` without wards)."""
    figure = borough_figure(assessments)
    if figure is None:
        return None
    weeks = len(assessments[0].weeks)
    title = (
        f"Reports a week in each ward over {weeks} weeks. A black triangle marks a week with an unusual "
        "rise; the shading behind a week is its highest open tension level. The table gives this "
        "week's figures."
    )
    return svg_markup(figure, title, chart_id="borough-chart")
