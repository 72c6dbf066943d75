"""The paper as a PDF (reportlab): cover, contents with page numbers, summary, then the detail.

Every page has the marking at its top and bottom and "Page N of M" at its foot
(:mod:`~analysis.exports.paper.pdf_pages`). A section (level-1 heading) starts a page; every heading
is kept on the page of what follows it (``keepWithNext``); a table repeats its header row on each
page and splits only between rows (``splitInRow=0``), and one that fits on a page is kept whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Image, PageBreak, Paragraph, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.tableofcontents import TableOfContents

from analysis.exports.paper.columns import fit_columns
from analysis.exports.paper.model import (
    CONTENTS_TITLE,
    Block,
    Bullets,
    Cover,
    Heading,
    Paper,
    Picture,
    Table,
    Text,
)
from analysis.exports.paper.pdf_pages import (
    BOLD,
    FONT,
    WIDTH,
    HeadingParagraph,
    NumberedCanvas,
    PaperTemplate,
    cell_style,
    paragraph,
    styles,
)

_RULE = colors.HexColor("#b1b4b6")
_PADDING = 8.0
_CELL_SIZES = (8.0, 7.0, 6.0)


def paper_pdf(paper: Paper) -> bytes:
    """Render the paper as PDF bytes."""
    buffer = io.BytesIO()
    document = PaperTemplate(buffer, paper.marking, title=paper.title, author=paper.cover.partnership,
                             subject=f"{paper.marking}: {paper.cover.kind}", lang=paper.language)
    contents = TableOfContents(levelStyles=[styles()["toc-1"], styles()["toc-2"]], dotsMinLevel=0,
                               tableStyle=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                      ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                                      ("TOPPADDING", (0, 0), (-1, -1), 1),
                                                      ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story: list[Any] = [*_cover(paper.cover), PageBreak(), paragraph(CONTENTS_TITLE, "h1"), contents]
    story += _flow(paper.blocks())
    document.multiBuild(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def _cover(cover: Cover) -> list[Any]:
    facts = [("Partnership", cover.partnership), ("Period", cover.period), ("Date", cover.date),
             ("Classification", cover.classification.value)]
    table = PdfTable([[paragraph(label, "head-cell"), paragraph(value)] for label, value in facts],
                     colWidths=[4 * cm, WIDTH - 4 * cm], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [paragraph(cover.partnership, "cover-partnership"), paragraph(cover.title, "cover-title"),
            paragraph(cover.kind, "cover-kind"), table,
            paragraph(f"{cover.classification.value}. {cover.handling}", "cover-handling"),
            *(paragraph(line) for line in cover.details)]


def _flow(blocks: Iterable[Block]) -> list[Any]:
    story: list[Any] = []
    for block in blocks:
        match block:
            case Heading(text=text, level=level):
                if level == 1:
                    story.append(PageBreak())
                story.append(HeadingParagraph(text, min(level, 3)))
            case Text(text=text, style=style, keep_with_next=keep):
                flowable = paragraph(text, style)
                if keep:
                    flowable.keepWithNext = 1
                story.append(flowable)
            case Bullets(items=items):
                story += [Paragraph(paragraph(item).text, styles()["bullet"], bulletText="•")
                          for item in items]
            case Table():
                story += _table(block)
            case Picture():
                story.append(_picture(block))
    return story


def _picture(picture: Picture) -> Image:
    scale = min(1.0, WIDTH / (picture.width_inches * 72))
    image = Image(io.BytesIO(picture.png), width=picture.width_inches * 72 * scale,
                  height=picture.height_inches * 72 * scale)
    return image


def _table(table: Table) -> list[Any]:
    size, widths = _layout(table)
    cell, head = cell_style(size, bold=False), cell_style(size, bold=True)
    data = [[Paragraph(paragraph(text).text, head) for text in table.header]]
    data += [[Paragraph(paragraph(text).text, head if column == 0 else cell)
              for column, text in enumerate(row)] for row in table.rows]
    body = PdfTable(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=0, hAlign="LEFT")
    body.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, _RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PADDING / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING / 2),
    ]))
    # The caption keeps with the table (and a heading before it with both), so reportlab holds them
    # together: on one page when they fit, else from the top of a page, the table split between rows.
    # (Not a KeepTogether of our own: one nested in the heading's gives way, leaving the heading behind.)
    parts: list[Any] = [paragraph(table.caption, "caption"), body]
    if table.note:
        parts.append(paragraph(table.note, "note"))
    return [*parts, Spacer(1, 8)]


def _measure(text: str, bold: bool, *, size: float) -> float:
    return stringWidth(text, BOLD if bold else FONT, size)


def _layout(table: Table) -> tuple[float, list[float]]:
    """The type size and column widths (:func:`~analysis.exports.paper.columns.fit_columns`),
    set smaller for a table too wide to fit at 8 points."""
    for size in _CELL_SIZES:
        widths = fit_columns(table, partial(_measure, size=size), WIDTH, _PADDING + 1)
        if widths is not None:
            return size, widths
    return _CELL_SIZES[-1], [WIDTH / len(table.header)] * len(table.header)
