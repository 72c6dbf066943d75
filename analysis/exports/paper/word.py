"""The paper as a Word document (python-docx), for officers who edit board papers in Word.

The same cover, contents, summary and detail as the PDF. Every page's header and footer carry the
marking, and the footer "Page N of M" (PAGE and NUMPAGES fields). The contents is a TOC field over
the level-1 and level-2 headings, written out in full so it reads before Word updates it (Word is
asked to update fields on opening, which adds the page numbers). A section starts a page; headings
keep with the next paragraph; table rows never split across pages, the header row repeats, and a
table short enough to fit on a page is kept on one.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt, RGBColor
from docx.styles.style import BaseStyle

from analysis.exports.paper.columns import fit_columns
from analysis.exports.paper.model import CONTENTS_TITLE, Bullets, Cover, Heading, Paper, Picture, Table, Text
from analysis.exports.paper.word_fields import (
    add_field,
    begin_field,
    describe_picture,
    end_field,
    keep_row_whole,
    repeat_as_header,
    set_language,
    update_fields_on_open,
)

BLACK = RGBColor(0x0B, 0x0C, 0x0C)
GREY = RGBColor(0x50, 0x5A, 0x5F)
FONT = "Arial"
KEEP_WHOLE_ROWS = 25
"""A table with at most this many rows is kept on one page (a longer one splits between rows)."""
_TEXT_WIDTH_INCHES = 6.6
_TEXT_WIDTH_CM = 17.0
_CELL_PADDING_CM = 0.45
_ARIAL_EM_CM = 0.6 / 72 * 2.54
"""An Arial character is about 0.6 of its size wide on average (a generous estimate: digits are 0.56)."""


def paper_docx(paper: Paper) -> bytes:
    """Render the paper as ``.docx`` bytes."""
    document = Document()
    _set_up(document, paper)
    _cover(document, paper.cover)
    _contents(document, paper)
    for block in paper.blocks():
        match block:
            case Heading():
                _heading(document, block)
            case Text():
                _text(document, block)
            case Bullets(items=items):
                for item in items:
                    document.add_paragraph(item, style="List Bullet")
            case Table():
                _table(document, block)
            case Picture():
                _picture(document, block)
    update_fields_on_open(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _font(style: BaseStyle, size: float | None = None, *, colour: RGBColor = BLACK) -> None:
    style.font.name = FONT
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # else the theme's wins
        fonts.attrib.pop(qn(theme), None)
    style.font.color.rgb = colour
    if size is not None:
        style.font.size = Pt(size)


def _set_up(document: WordDocument, paper: Paper) -> None:
    properties = document.core_properties
    properties.title, properties.author = paper.title, paper.cover.partnership
    properties.subject, properties.keywords = paper.cover.kind, paper.marking
    properties.language = paper.language
    set_language(document, paper.language)
    styles = document.styles
    _font(styles["Normal"], 10.5)
    for level, size in ((1, 16), (2, 13), (3, 11)):
        _font(styles[f"Heading {level}"], size)
        styles[f"Heading {level}"].paragraph_format.keep_with_next = True
    _font(styles["Title"], 24)
    _font(styles["Caption"], 9)
    styles["Caption"].paragraph_format.keep_with_next = True
    cell = styles.add_style("Table text", WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = styles["Normal"]
    cell.font.size = Pt(9)
    cell.paragraph_format.space_after = Pt(0)
    for level in (1, 2):
        entry = styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
        entry.base_style = styles["Normal"]
        entry.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        entry.paragraph_format.space_after = Pt(3)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run(paper.marking).bold = True
    stops = styles["Footer"].paragraph_format.tab_stops  # the template's are for US Letter
    stops.clear_all()
    stops.add_tab_stop(Cm(8.5), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
    footer = section.footer.paragraphs[0]
    footer.add_run("\t")
    footer.add_run(paper.marking).bold = True
    footer.add_run("\tPage ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    add_field(footer, "NUMPAGES", "1")


def _cover(document: WordDocument, cover: Cover) -> None:
    partnership = document.add_paragraph()
    partnership.paragraph_format.space_before = Cm(3)
    run = partnership.add_run(cover.partnership)
    run.font.size, run.font.color.rgb = Pt(14), GREY
    document.add_paragraph(cover.title, style="Title")
    kind = document.add_paragraph().add_run(cover.kind)
    kind.font.size = Pt(16)
    facts = (("Partnership", cover.partnership), ("Period", cover.period), ("Date", cover.date),
             ("Classification", cover.classification.value))
    table = document.add_table(rows=len(facts), cols=2)
    table.style = document.styles["Table Grid"]
    for row, (label, value) in zip(table.rows, facts, strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].text = value
        keep_row_whole(row)
    handling = document.add_paragraph()
    handling.paragraph_format.space_before = Pt(18)
    handling.add_run(f"{cover.classification.value}. ").bold = True
    handling.add_run(cover.handling)
    for line in cover.details:
        document.add_paragraph(line)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document: WordDocument, paper: Paper) -> None:
    document.add_paragraph(CONTENTS_TITLE, style="TOC Heading")
    entries = paper.contents()
    first = document.add_paragraph(style="TOC 1")
    begin_field(first, 'TOC \\o "1-2" \\h \\z \\u')
    paragraph = first
    for index, heading in enumerate(entries):
        if index:
            paragraph = document.add_paragraph(style=f"TOC {heading.level}")
        elif heading.level != 1:
            paragraph.style = document.styles[f"TOC {heading.level}"]
        paragraph.add_run(heading.text)
    end_field(paragraph)


def _heading(document: WordDocument, heading: Heading) -> None:
    paragraph = document.add_heading(heading.text, min(heading.level, 3))
    paragraph.paragraph_format.keep_with_next = True
    if heading.level == 1:
        paragraph.paragraph_format.page_break_before = True


def _text(document: WordDocument, text: Text) -> None:
    paragraph = document.add_paragraph(style="Quote" if text.style == "quote" else None)
    run = paragraph.add_run(text.text)
    if text.style == "lead":
        run.bold = True
    elif text.style == "note":
        run.font.size, run.font.color.rgb = Pt(9), GREY
    if text.keep_with_next:
        paragraph.paragraph_format.keep_with_next = True


def _layout(table: Table) -> tuple[float, list[float]]:
    """Type size (points) and column widths (cm), as the PDF's but with Arial's widths estimated:
    Word's own automatic widths break a long word such as "Homelessness" in a narrow column."""
    for size in (9.0, 8.0, 7.0):
        per_character = size * _ARIAL_EM_CM

        def measure(text: str, bold: bool, per_character: float = per_character) -> float:
            return len(text) * per_character * (1.08 if bold else 1.0)

        widths = fit_columns(table, measure, _TEXT_WIDTH_CM, _CELL_PADDING_CM)
        if widths is not None:
            return size, widths
    return 7.0, [_TEXT_WIDTH_CM / len(table.header)] * len(table.header)


def _table(document: WordDocument, table: Table) -> None:
    document.add_paragraph(table.caption, style="Caption")
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    size, widths = _layout(table)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Cm(width)
    keep_together = len(table.rows) <= KEEP_WHOLE_ROWS
    for index, (row, values) in enumerate(zip(grid.rows, (table.header, *table.rows), strict=True)):
        keep_row_whole(row)
        if index == 0:
            repeat_as_header(row)
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Cm(widths[column])  # Word reads each cell's width, not the column's
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles["Table text"]
            run = paragraph.add_run(value)
            run.bold = index == 0 or column == 0
            if size != 9.0:
                run.font.size = Pt(size)
            # Each row kept with the next holds a short table on one page (Word's own way).
            paragraph.paragraph_format.keep_with_next = keep_together and index < len(table.rows)
    if table.note:
        _text(document, Text(table.note, "note"))
    else:
        document.add_paragraph().paragraph_format.space_after = Pt(0)


def _picture(document: WordDocument, picture: Picture) -> None:
    run = document.add_paragraph().add_run()
    run.add_picture(io.BytesIO(picture.png), width=Inches(min(_TEXT_WIDTH_INCHES, picture.width_inches)))
    describe_picture(run, picture.alt)
