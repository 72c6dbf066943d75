"""The Strategic Assessment summary as a PDF (reportlab), with the same figures as the HTML.

Charts are matplotlib PNGs; every chart is followed by its data table. Text is set in DejaVu Sans,
the font matplotlib ships, so any character a respondent or author typed can be shown (reportlab's
built-in fonts cover Latin-1 only). The PDF is tagged with its title and language in its metadata.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from analysis.charts import bar_chart, png_bytes, trend_chart
from analysis.exports.html import figure
from analysis.intervals import format_percent
from analysis.report.models import (
    FreeTextQuestionReport,
    QuestionReportBase,
    RankingQuestionReport,
    ScaleQuestionReport,
)
from analysis.summary import Summary, TableView
from analysis.themes import quote
from survey.question_types import Tally, tally_of

_WIDTH = A4[0] - 4 * cm


@cache
def _styles() -> dict[str, ParagraphStyle]:
    import matplotlib

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                  italic="DejaVuSans", boldItalic="DejaVuSans-Bold")
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="DejaVuSans", fontSize=9.5, leading=13)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10,
                                textColor=colors.HexColor("#505a5f")),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=10),
        "h1": ParagraphStyle("h1", parent=base["Title"], fontName="DejaVuSans-Bold", fontSize=18, leading=22,
                             alignment=0),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontName="DejaVuSans-Bold", fontSize=13,
                             leading=16),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName="DejaVuSans-Bold", fontSize=10.5),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=12, textColor=colors.HexColor("#383f43")),
        "marking": ParagraphStyle("marking", parent=body, fontName="DejaVuSans-Bold", borderWidth=1.5,
                                  borderColor=colors.black, borderPadding=4, spaceAfter=10),
    }


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


def _table(caption: str, header: list[str], rows: list[list[str]]) -> KeepTogether:
    styles = _styles()
    data = [[Paragraph(f"<b>{escape(cell)}</b>", styles["cell"]) for cell in header]]
    data += [[Paragraph(escape(cell), styles["cell"]) for cell in row] for row in rows]
    first = 0.34 * _WIDTH
    others = (_WIDTH - first) / max(1, len(header) - 1)
    table = Table(data, colWidths=[first] + [others] * (len(header) - 1), repeatRows=1)
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#b1b4b6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 1), (0, -1), "DejaVuSans-Bold"),
    ]))
    return KeepTogether([Paragraph(f"<b>{escape(caption)}</b>", styles["cell"]), Spacer(1, 3), table,
                         Spacer(1, 8)])


def _chart(chart: Any) -> Image | None:
    if chart is None:
        return None
    width_in, height_in = chart.get_size_inches()
    scale = min(1.0, _WIDTH / (width_in * 72))
    return Image(io.BytesIO(png_bytes(chart)), width=width_in * 72 * scale, height=height_in * 72 * scale)


def _question_rows(question: QuestionReportBase) -> tuple[list[str], list[list[str]]]:
    header = ["Answer", "Number", "% of base"]
    ranking = isinstance(question, RankingQuestionReport)
    if ranking:
        header += [f"Rank {i + 1}" for i in range(len(question.options[0].rank_counts))]
        header += ["Mean rank", "Points"]
    rows = []
    for option in question.options:
        row = [option.label, figure(option.count), format_percent(option.percent)]
        if ranking:
            row += [f"{figure(n)} ({format_percent(p)})" for n, p in zip(option.rank_counts,
                                                                       option.rank_percent, strict=True)]
            mean_rank = "-" if option.mean_rank is None else figure(option.mean_rank)
            row += [mean_rank, figure(option.points)]
        rows.append(row)
    return header, rows


def _question(summary: Summary, question: QuestionReportBase) -> list[Any]:
    flow: list[Any] = [_p(question.text, "h2")]
    line = f"Base: {figure(question.base)} answered this question."
    if tally_of(question.type) == Tally.OPTIONS:
        line += " People could choose more than one answer, so percentages add up to more than 100."
    if isinstance(question, ScaleQuestionReport):
        line += f" Net score (safe minus unsafe): {figure(question.net_score)} percentage points."
    flow.append(_p(line))
    chart = _chart(bar_chart(question))
    if chart is not None:
        flow.append(chart)
    if question.options:
        header, rows = _question_rows(question)
        flow.append(_table(f"{question.text} (base {figure(question.base)})", header, rows))
    for view in summary.crosstabs.get(question.id, []):
        flow += _crosstab(view)
    flow += _free_text(summary, question)
    return flow


def _crosstab(view: TableView) -> list[Any]:
    return [_table(view.caption, view.header, view.rows), _p(view.note, "small"), Spacer(1, 6)]


def _free_text(summary: Summary, question: QuestionReportBase) -> list[Any]:
    flow: list[Any] = []
    sentiment = question.sentiment if isinstance(question, FreeTextQuestionReport) else None
    if sentiment:
        flow.append(_p(f"Sentiment (VADER): {sentiment.positive:,} positive, "
                       f"{sentiment.neutral:,} neutral, {sentiment.negative:,} negative."))
    themes = summary.themes.get(question.id)
    if themes is None:
        return flow
    if themes.urgent:
        # One response can have several urgent answers: name each reference once.
        references = ", ".join(dict.fromkeys(item.reference for item in themes.urgent))
        flow.append(_p(f"{len(themes.urgent)} answer(s) flagged as urgent risk: read them first in the "
                       f"dashboard's free-text browser (references {references}). They are not quoted here."))
    if themes.key_phrases:
        flow.append(_p("Key phrases: " + "; ".join(themes.key_phrases) + "."))
    for theme in themes.themes:
        flow.append(_p(f"Theme: {theme.name} ({theme.count} answers)", "h3"))
        flow.append(_p("Key words and phrases: " + "; ".join(theme.key_phrases) + "."))
        flow += [_p(f"“{quote(example.text)}”", "quote") for example in theme.examples]
    return flow


def summary_pdf(summary: Summary) -> bytes:
    """Render the summary (officer or public variant) as PDF bytes."""
    data = summary.report
    buffer = io.BytesIO()
    kind = "public summary of results" if summary.public else "summary for the Strategic Assessment"
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                                 bottomMargin=2 * cm, title=f"{data.title}: {kind}",
                                 author=data.partnership or "", lang="en-GB")
    flow: list[Any] = []
    if not summary.public:
        marking = f"OFFICIAL-SENSITIVE: for officers of {data.partnership}; do not publish"
        flow.append(_p(marking, "marking"))
    flow += [_p(data.partnership or "", "small"), _p(f"{data.title}: {kind}", "h1"),
             _p(f"Responses: {figure(data.responses)}. Produced {data.generated_at} (UTC).")]
    if data.filters:
        matching = "; ".join(f"{key} = {value}" for key, value in data.filters.items())
        flow.append(_p(f"Only responses matching: {matching}"))
    flow.append(_p("Responses per week", "h2"))
    chart = _chart(trend_chart(summary.weeks))
    if chart is not None:
        flow.append(chart)
    flow.append(_table("Responses per week (weeks begin on Monday, UK time)", ["Week beginning", "Responses"],
                       [[label, figure(n)] for label, n in summary.weeks]))
    for question in data.questions:
        flow += _question(summary, question)
    for change in summary.changes:
        rows = [[o.label, format_percent(o.percent), format_percent(o.earlier_percent), f"{o.change:+.1f}",
                 "Yes" if o.significant else "No"] for o in change.options]
        flow.append(_table(f"Change since {summary.earlier_title}: {change.text}",
                           ["Answer", "Now", "Before", "Change (points)", "Significant"], rows))
    flow.append(_p("How these figures were produced", "h2"))
    flow += [_p(f"• {note}") for note in summary.notes]
    document.build(flow)
    return buffer.getvalue()
