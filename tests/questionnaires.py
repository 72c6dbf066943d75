"""Reading a printed questionnaire back: its text in reading order, its metadata, and the size of
every word on its pages (poppler's pdftotext and pdfinfo, as tests/papers.py reads board papers)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require_or_skip
from tests.papers import pdf_pages

QUESTION_HEADING = re.compile(r"Question (\d+)\b")


def pdf_text(pdf: bytes, folder: Path) -> str:
    """The whole text, pages joined, every run of whitespace one space."""
    return " ".join(" ".join(pdf_pages(pdf, folder)).split())


def pdf_title(pdf: bytes, folder: Path) -> str:
    """The Title in the PDF's metadata."""
    if shutil.which("pdfinfo") is None:
        require_or_skip("pdfinfo (Debian's poppler-utils) is needed to read the PDF's metadata")
    path = folder / "questionnaire-info.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, timeout=60).stdout
    match = re.search(r"^Title:\s*(.*)$", info.decode("utf-8"), re.MULTILINE)
    return match.group(1).strip() if match else ""


def word_heights(pdf: bytes, folder: Path) -> list[float]:
    """The height of every word's box on every page, in points (its type size, or up to 1.16 times it)."""
    path = folder / "questionnaire-words.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftotext") is None:
        require_or_skip("pdftotext (Debian's poppler-utils) is needed to read the PDF")
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode("utf-8")
    boxes = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', html)
    return [float(bottom) - float(top) for top, bottom in boxes]


def numbered_questions(text: str) -> list[int]:
    """The question numbers in the order the form prints them."""
    return [int(number) for number in QUESTION_HEADING.findall(text)]
