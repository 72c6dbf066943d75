"""Reading board papers back as a person would see them: the PDF's text page by page (poppler's
``pdftotext -layout``, pages split at form feeds) and the Word file's parts (python-docx and its XML).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from analysis.exports.paper.model import Heading, Paper, Table
from tests.conftest import require_or_skip

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
SHORT_MONTH_DATE = re.compile(r"\b\d{1,2} (Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b")


def pdf_pages(pdf: bytes, folder: Path) -> list[str]:
    """The text of each page, laid out as on the page."""
    if shutil.which("pdftotext") is None:
        require_or_skip("pdftotext (Debian's poppler-utils) is needed to read the PDF")
    path = folder / "paper.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          timeout=120).stdout.decode("utf-8")
    return text.split("\f")[:-1]  # the text ends with a form feed after the last page


def lines(page: str) -> list[str]:
    """A page's lines that hold text, stripped."""
    return [line.strip() for line in page.splitlines() if line.strip()]


def body_lines(page: str, marking: str) -> list[str]:
    """A page's lines without the marking above and the marking and page number below."""
    found = lines(page)
    if found and found[0] == marking:
        found = found[1:]
    if found and found[-1].startswith(marking) and "Page " in found[-1]:
        found = found[:-1]
    return found


def _in_order(line: str, words: list[str]) -> bool:
    position = 0
    for word in words:
        found = re.search(rf"(?<!\S){re.escape(word)}(?!\S)", line[position:])
        if found is None:
            return False
        position += found.end()
    return True


def row_page(pages: list[str], row: tuple[str, ...]) -> int | None:
    """The page a table row is wholly on, or ``None``: a line holds the first word of every cell
    (cells are top-aligned) and the few lines from there hold the last word of every cell."""
    firsts = [cell.split()[0] for cell in row]
    lasts = [cell.split()[-1] for cell in row]
    for number, page in enumerate(pages, start=1):
        page_lines = page.splitlines()
        for index, line in enumerate(page_lines):
            if _in_order(line, firsts):
                below = "\n".join(page_lines[index:index + 20])
                if all(re.search(rf"(?<!\S){re.escape(word)}(?!\S)", below) for word in lasts):
                    return number
    return None


def tables(paper: Paper) -> list[Table]:
    """Every table of the paper."""
    return [block for block in paper.blocks() if isinstance(block, Table)]


def headings(paper: Paper) -> list[Heading]:
    """Every heading of the paper, in order."""
    return [block for block in paper.blocks() if isinstance(block, Heading)]


def ends_with_heading(page: str, marking: str, paper: Paper) -> str | None:
    """The heading a page ends with (its last line of text is part of a heading), if any."""
    body = body_lines(page, marking)
    last = " ".join(body[-1].split()) if body else ""
    if len(last) < 8:
        return None
    return next((heading.text for heading in headings(paper) if last in " ".join(heading.text.split())), None)


def word_document(docx: bytes):  # type: ignore[no-untyped-def]
    """The Word file read back with python-docx."""
    return Document(io.BytesIO(docx))


def field_instructions(element) -> list[str]:  # type: ignore[no-untyped-def]
    """The instructions of the fields in an XML element (``PAGE``, ``NUMPAGES``, ``TOC ...``)."""
    return [text.text.strip() for text in element.iter(qn("w:instrText"))]
