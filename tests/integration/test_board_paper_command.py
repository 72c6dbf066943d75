"""`safer-voices report SLUG --format pdf|docx` of the demo consultation, end to end through the
command: cover, contents, a one-page summary, pages marked top and bottom and numbered "Page N of M",
dates in words, and (read back with `pdftotext -layout`) no table row split over a page."""

from __future__ import annotations

import datetime as dt
import re

from analysis.exports.formats import ExportSource
from analysis.exports.marking import Classification
from analysis.exports.paper.model import SUMMARY_TITLE
from analysis.filters import NO_FILTER
from demo.loader import demo_consultation
from demo.responses import generate_demo_responses
from tests.factories import make_partnership
from tests.papers import (
    ISO_DATE,
    body_lines,
    field_instructions,
    lines,
    pdf_pages,
    row_page,
    tables,
    word_document,
)

SLUG = "community-safety-2026"
NOW = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


def _demo(db_session):  # type: ignore[no-untyped-def]
    partnership = make_partnership(db_session, "demo", "Demo Borough Community Safety Partnership")
    consultation = demo_consultation(db_session, partnership, "community-safety", SLUG)
    generate_demo_responses(db_session, consultation, count=120, now=NOW)
    return consultation


def test_the_public_pdf_is_a_board_paper_with_no_row_split(runner, db_session, tmp_path):
    consultation = _demo(db_session)
    output = tmp_path / "paper.pdf"
    result = runner.invoke(args=["report", SLUG, "--format", "pdf", "--public", "-o", str(output)])
    assert result.exit_code == 0, result.output
    pages = pdf_pages(output.read_bytes(), tmp_path)
    cover = " ".join(" ".join(lines(pages[0])).split())
    assert "Public summary of results" in cover and "Classification OFFICIAL" in cover
    assert body_lines(pages[1], "OFFICIAL")[0] == "Contents"
    assert body_lines(pages[2], "OFFICIAL")[0] == SUMMARY_TITLE
    for number, page in enumerate(pages, start=1):
        found = lines(page)
        assert found[0] == "OFFICIAL", number
        assert re.fullmatch(rf"OFFICIAL\s+Page {number} of {len(pages)}", found[-1]), found[-1]
    text = "\n".join(pages)
    assert re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
                     r"November|December) \d{4}\b", text) and not ISO_DATE.search(text)
    paper = ExportSource(session=db_session, consultation=consultation, public=True,
                         response_filter=NO_FILTER, earlier=None, now=NOW,
                         classification=Classification.OFFICIAL).paper
    rows = [row for table in tables(paper) for row in table.rows]
    assert len(rows) > 50
    assert [row for row in rows if row_page(pages, row) is None] == []


def test_the_docx_is_the_same_paper_for_word(runner, db_session, tmp_path):
    _demo(db_session)
    output = tmp_path / "paper.docx"
    result = runner.invoke(args=["report", SLUG, "--format", "docx", "-o", str(output)])
    assert result.exit_code == 0, result.output
    document = word_document(output.read_bytes())
    [section] = document.sections
    assert [p.text for p in section.header.paragraphs] == ["OFFICIAL-SENSITIVE"]
    assert field_instructions(section.footer._element) == ["PAGE", "NUMPAGES"]
    texts = [p.text for p in document.paragraphs]
    assert texts[1:3] == ["Community safety consultation", "Summary for the Strategic Assessment"]
    assert any(instruction.startswith("TOC") for instruction in field_instructions(document.element))
    assert SUMMARY_TITLE in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
