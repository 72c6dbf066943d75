"""The questionnaire as a PDF to print (reportlab): the partnership's name, the title and intro, how
to answer online (a QR code and the address), how to fill it in, the privacy notice, then every
question numbered with its instruction, its boxes or lines, and its conditions in words.

Text is real text in DejaVu Sans (selectable, read aloud, searchable), the title, author, subject and
language are in the PDF's metadata, and each section is in its outline. Standard print is 12 point,
the least RNIB's clear print guidance allows; large print is 16 point and up (its range is 16 to
18) with bigger boxes, one option per line, no italics and nothing but black on white. A question
is kept on one page with its boxes where it fits.
"""

from __future__ import annotations

import io
import math
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from analysis.exports.paper.pdf_pages import BOLD, FONT, NumberedCanvas, register_fonts
from analysis.exports.questionnaire import texts
from analysis.exports.questionnaire.drawing import Box, QRCode, RuledLines
from analysis.exports.questionnaire.questions import (
    Area,
    Boxes,
    Lines,
    PaperQuestion,
    Questionnaire,
    ScaleRow,
    WriteIn,
)

MARGIN = 2 * cm
WIDTH = A4[0] - 2 * MARGIN
STANDARD_SIZE, LARGE_SIZE = 12.0, 16.0
TWO_COLUMNS_FROM = 9
"""A standard-print list this long is set in two columns; large print keeps one option a line."""
_NO_PADDING = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING")]


def questionnaire_pdf(questionnaire: Questionnaire) -> bytes:
    """Render the questionnaire as PDF bytes."""
    size = LARGE_SIZE if questionnaire.large_print else STANDARD_SIZE
    buffer = io.BytesIO()
    kind = f"{texts.LARGE_PRINT} paper questionnaire" if questionnaire.large_print else "Paper questionnaire"
    document = _Template(
        buffer,
        size,
        title=questionnaire.title,
        author=questionnaire.partnership,
        subject=kind,
        creator="Safer Voices",
        lang=questionnaire.language,
    )
    story = _opening(questionnaire, size)
    for section in questionnaire.sections:
        # The section's heading goes in its first question's KeepTogether: keepWithNext alone gives
        # way to a KeepTogether that follows, and leaves the heading at the foot of a page.
        heading = [_Heading(section.title, _styles(size)["h2"])] if section.title else []
        for question in section.questions:
            story += [KeepTogether([*heading, *_question(question, size)]), Spacer(1, size)]
            heading = []
    story += [_paragraph(texts.THANK_YOU, size, "h2"), _paragraph(texts.RETURN, size)]
    canvas = type("QuestionnaireCanvas", (NumberedCanvas,), {"number_size": _footer_size(size)})
    document.build(story, canvasmaker=canvas)
    return buffer.getvalue()


def _footer_size(size: float) -> float:
    """Small print at the foot of a standard page; nothing smaller than the body in large print."""
    return size if size >= LARGE_SIZE else size * 0.85


def _opening(questionnaire: Questionnaire, size: float) -> list[Any]:
    story: list[Any] = [_paragraph(questionnaire.partnership, size, "partnership")]
    if questionnaire.large_print:
        story.append(_paragraph(texts.LARGE_PRINT, size, "partnership"))
    story.append(_Heading(questionnaire.title, _styles(size)["h1"]))
    story += _paragraphs(questionnaire.intro, size)
    if questionnaire.return_by:
        story.append(_paragraph(texts.RETURN_BY.format(date=questionnaire.return_by), size, "instruction"))
    online = [_paragraph(texts.ONLINE, size), _paragraph(questionnaire.online_url, size, "instruction")]
    qr_size = size * (9 if questionnaire.large_print else 8)
    table = Table(
        [[QRCode(questionnaire.online_url, qr_size), online]],
        colWidths=[qr_size + size, WIDTH - qr_size - size],
        hAlign="LEFT",
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *_NO_PADDING]))
    story += [_Heading(texts.ONLINE_TITLE, _styles(size)["h2"]), table]
    story.append(_Heading(texts.HOW_TO_TITLE, _styles(size)["h2"]))
    story += [Paragraph(escape(line), _styles(size)["bullet"], bulletText="\u2022") for line in texts.HOW_TO]
    story.append(_Heading(texts.PRIVACY_TITLE, _styles(size)["h2"]))
    return story + _paragraphs(questionnaire.privacy_notice, size)


def _question(question: PaperQuestion, size: float) -> list[Any]:
    parts: list[Any] = [_paragraph(texts.QUESTION.format(number=question.number), size, "label")]
    if question.only_if:
        parts.append(_paragraph(question.only_if, size, "condition"))
    parts.append(_paragraph(question.text, size, "question"))
    if question.hint:
        parts.append(_paragraph(question.hint, size, "hint"))
    parts += [_paragraph(line, size, "instruction") for line in question.instructions]
    for area in question.areas:
        parts += _area(area, size)
    if question.go_to:
        parts.append(_paragraph(question.go_to, size, "condition"))
    return parts


def _area(area: Area, size: float) -> list[Any]:
    match area:
        case Boxes():
            label = [_paragraph(area.label, size, "instruction")] if area.label else []
            # "Other" is the last option: the line to specify it goes straight under the boxes, where a
            # second column would otherwise make every row beside it tall.
            write_in = (
                [
                    _paragraph(texts.PLEASE_SPECIFY.format(label=other), size),
                    Spacer(1, size * 0.8),
                    RuledLines(1, size * 2),
                ]
                if (other := next(iter(area.write_in), None))
                else []
            )
            return [*label, _boxes(area, size), *write_in]
        case ScaleRow(labels=labels):
            return [_scale(labels, size)]
        case Lines(count=count, label=label):
            heading = [_paragraph(label, size, "instruction")] if label else []
            return [*heading, Spacer(1, size * 0.6), RuledLines(count, size * 2.4)]
        case WriteIn(parts=parts):
            return [_write_in(parts, size)]
    raise TypeError(f"no layout for {area!r}")


def _boxes(boxes: Boxes, size: float) -> Table:
    box = size * (1.7 if boxes.mark == "number" else 1.3)
    cells = [[Box(box), _paragraph(label, size)] for label in boxes.options]
    columns = 2 if len(cells) >= TWO_COLUMNS_FROM and size == STANDARD_SIZE else 1
    rows_per_column = math.ceil(len(cells) / columns)
    data = []
    for row in range(rows_per_column):
        line: list[Any] = []
        for column in range(columns):
            index = column * rows_per_column + row
            line += cells[index] if index < len(cells) else ["", ""]
        data.append(line)
    column_width = WIDTH / columns
    table = Table(
        data, colWidths=[box + size * 0.8, column_width - box - size * 0.8] * columns, hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *_NO_PADDING,
                ("TOPPADDING", (0, 0), (-1, -1), size * 0.25),
                ("BOTTOMPADDING", (0, 0), (-1, -1), size * 0.25),
            ]
        )
    )
    return table


def _scale(labels: tuple[str, ...], size: float) -> Table:
    box = size * 1.3
    table = Table(
        [[_paragraph(label, size, "centred") for label in labels], [Box(box) for _ in labels]],
        colWidths=[WIDTH / len(labels)] * len(labels),
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("ALIGN", (0, 1), (-1, 1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), size * 0.25),
            ]
        )
    )
    return table


def _write_in(parts: tuple[tuple[str, int], ...], size: float) -> Table:
    box = size * 1.7
    widths = [box * count + size for _, count in parts]
    table = Table(
        [[_paragraph(label, size) for label, _ in parts], [Box(box, count) for _, count in parts]],
        colWidths=widths,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                *_NO_PADDING,
                ("TOPPADDING", (0, 0), (-1, -1), size * 0.25),
            ]
        )
    )
    return table


def _paragraphs(text: str, size: float) -> list[Paragraph]:
    return [_paragraph(" ".join(part.split()), size) for part in text.split("\n\n") if part.strip()]


def _paragraph(text: str, size: float, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: the definition's words are never markup)."""
    return Paragraph(escape(text), _styles(size)[style])


class _Heading(Paragraph):
    """A heading that goes into the PDF's outline (its bookmarks) when it is placed."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__(escape(text), style)
        self.outline = text


class _Template(BaseDocTemplate):
    """A4 pages; the title at the foot of each, beside "Page N of M", so loose pages go back together."""

    def __init__(self, target: Any, size: float, *, title: str, **metadata: Any) -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=title,
            **metadata,
        )
        self.footer, self.footer_size, self._outlines = title, _footer_size(size), 0
        frame = Frame(MARGIN, MARGIN, WIDTH, A4[1] - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._foot)])

    def _foot(self, canvas: Canvas, _document: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, self.footer_size)
        canvas.drawString(MARGIN, 0.9 * cm, self.footer)
        canvas.restoreState()

    def afterFlowable(self, flowable: Any) -> None:
        if isinstance(flowable, _Heading):
            self._outlines += 1
            key = f"section-{self._outlines}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline, key, level=0, closed=False)


@cache
def _styles(size: float) -> dict[str, ParagraphStyle]:
    """The questionnaire's styles at a body size: left aligned, generous leading, black on white."""
    register_fonts()
    body = ParagraphStyle(
        "q-body",
        fontName=FONT,
        fontSize=size,
        leading=size * 1.4,
        spaceAfter=size * 0.5,
        textColor=colors.black,
    )

    def bold(name: str, scale: float = 1.0, **extra: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name, parent=body, fontName=BOLD, fontSize=size * scale, leading=size * scale * 1.3, **extra
        )

    return {
        "body": body,
        "partnership": ParagraphStyle("q-partnership", parent=body, fontSize=size * 1.15, leading=size * 1.5),
        "h1": bold("q-h1", 1.8, spaceAfter=size),
        "h2": bold("q-h2", 1.35, spaceBefore=size, spaceAfter=size * 0.6, keepWithNext=1),
        "label": bold("q-label", 1.0, spaceAfter=size * 0.2),
        "question": bold("q-question", 1.15, spaceAfter=size * 0.4),
        "hint": ParagraphStyle("q-hint", parent=body, textColor=colors.HexColor("#383f43")),
        "instruction": bold("q-instruction", spaceAfter=size * 0.4),
        "condition": bold(
            "q-condition",
            borderWidth=1.5,
            borderColor=colors.black,
            borderPadding=size * 0.4,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.9,
        ),
        "centred": ParagraphStyle("q-centred", parent=body, alignment=TA_CENTER, spaceAfter=size * 0.2),
        "bullet": ParagraphStyle(
            "q-bullet",
            parent=body,
            leftIndent=size * 1.2,
            bulletIndent=size * 0.2,
            bulletFontName=FONT,
            bulletFontSize=size,
        ),
    }
