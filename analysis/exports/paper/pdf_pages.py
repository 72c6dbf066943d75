"""What every page of the PDF paper carries, whatever is on it: the marking at the top and the
bottom, "Page N of M", and the document template that records headings for the contents.

"Page N of M" needs the number of pages before any page is written out, so the canvas keeps each
finished page and draws the numbers when the document is saved (the usual reportlab recipe).
"""

from __future__ import annotations

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
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

MARGIN = 2 * cm
WIDTH = A4[0] - 2 * MARGIN
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


@cache
def register_fonts() -> None:
    """DejaVu Sans (matplotlib's font: any character a person typed) as :data:`FONT` and :data:`BOLD`;
    no italic, which is harder to read (italic text is set upright)."""
    import matplotlib

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paper's paragraph styles, in DejaVu Sans (:func:`register_fonts`)."""
    register_fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName=FONT, fontSize=9.5, leading=13)
    grey = colors.HexColor("#505a5f")

    def heading(name: str, size: float, before: float) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, fontName=BOLD, fontSize=size, leading=size * 1.25,
                              spaceBefore=before, spaceAfter=6, keepWithNext=1)

    return {
        "body": body,
        "lead": ParagraphStyle("lead", parent=body, fontName=BOLD),
        "note": ParagraphStyle("note", parent=body, fontSize=8, leading=10, textColor=grey),
        "head-cell": ParagraphStyle("head-cell", parent=body, fontName=BOLD),
        "caption": ParagraphStyle("caption", parent=body, fontName=BOLD, fontSize=8.5, leading=11,
                                  spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=12, textColor=colors.HexColor("#383f43")),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=3),
        "h1": heading("h1", 16, 0),
        "h2": heading("h2", 12.5, 12),
        "h3": heading("h3", 10.5, 8),
        "cover-partnership": ParagraphStyle("cover-partnership", parent=body, fontSize=12, leading=16,
                                            textColor=grey, spaceBefore=3 * cm),
        "cover-title": ParagraphStyle("cover-title", parent=body, fontName=BOLD, fontSize=24, leading=30,
                                      spaceBefore=12, spaceAfter=6),
        "cover-kind": ParagraphStyle("cover-kind", parent=body, fontSize=15, leading=20, spaceAfter=24),
        "cover-handling": ParagraphStyle("cover-handling", parent=body, borderWidth=1.5,
                                         borderColor=colors.black, borderPadding=6, spaceBefore=18,
                                         spaceAfter=18),
        "toc-1": ParagraphStyle("toc-1", parent=body, fontName=BOLD, leading=13, spaceBefore=4),
        "toc-2": ParagraphStyle("toc-2", parent=body, leftIndent=14, firstLineIndent=0, leading=12),
    }


@cache
def cell_style(size: float, *, bold: bool) -> ParagraphStyle:
    """The style of a table cell at ``size`` points (a wide table is set smaller)."""
    return ParagraphStyle(f"cell-{size}-{bold}", parent=styles()["body"], fontName=BOLD if bold else FONT,
                          fontSize=size, leading=size * 1.25)


def paragraph(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped: what people typed is never markup)."""
    return Paragraph(escape(text), styles()[style])


class HeadingParagraph(Paragraph):
    """A heading: recorded in the contents (levels 1 and 2) and the PDF's outline when it is placed."""

    def __init__(self, text: str, level: int) -> None:
        super().__init__(escape(text), styles()[f"h{level}"])
        self.text, self.level = text, level


class PaperTemplate(BaseDocTemplate):
    """A4 pages with room above and below the frame for the marking and the page number."""

    def __init__(self, target: Any, marking: str, **metadata: Any) -> None:
        super().__init__(target, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, **metadata)
        self.marking = marking
        frame = Frame(MARGIN, MARGIN, WIDTH, A4[1] - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._mark)])
        self._headings = 0

    def _mark(self, canvas: Canvas, _document: Any) -> None:
        canvas.saveState()
        canvas.setFont(BOLD, 10)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 1.1 * cm, self.marking)
        canvas.drawCentredString(A4[0] / 2, 0.9 * cm, self.marking)
        canvas.restoreState()

    def afterFlowable(self, flowable: Any) -> None:
        if isinstance(flowable, HeadingParagraph) and flowable.level <= 2:
            self._headings += 1
            key = f"heading-{self._headings}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.text, key, level=flowable.level - 1, closed=True)
            self.notify("TOCEntry", (flowable.level - 1, escape(flowable.text), self.page, key))

    def beforeDocument(self) -> None:
        self._headings = 0


class NumberedCanvas(Canvas):
    """Draws "Page N of M" at the foot of each page once the number of pages is known."""

    number_size = 9.0
    """The page number's type size (a large-print document sets it larger)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self.setFont(FONT, self.number_size)
            self.drawRightString(A4[0] - MARGIN, 0.9 * cm, f"Page {number} of {total}")
            super().showPage()
        super().save()
