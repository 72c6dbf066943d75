"""Board papers of the demo consultation, read back as a reader sees them: the PDF page by page
with pdftotext, the Word file with python-docx. Both have a cover, contents, a one-page summary of
key findings and the detail; every page is marked at top and bottom and numbered "Page N of M";
no table row is split across pages, no page ends with a heading and dates are in words."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from docx.oxml.ns import qn
from sqlalchemy.orm import Session

from analysis.exports.formats import ExportSource
from analysis.exports.marking import Classification
from analysis.exports.paper.model import SUMMARY_TITLE, Paper
from analysis.exports.paper.pdf import paper_pdf
from analysis.exports.paper.word import paper_docx
from analysis.filters import NO_FILTER
from demo.loader import demo_consultation
from demo.responses import generate_demo_responses
from tests.factories import make_partnership
from tests.papers import (
    ISO_DATE,
    SHORT_MONTH_DATE,
    body_lines,
    ends_with_heading,
    field_instructions,
    headings,
    lines,
    pdf_pages,
    row_page,
    tables,
    word_document,
)

NOW = dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Made:
    paper: Paper
    pages: list[str]
    docx: bytes


@pytest.fixture(scope="module")
def demo(engine, tmp_path_factory) -> dict[str, Made]:  # type: ignore[no-untyped-def]
    """The demo consultation (300 responses) compared with last year's (200), as officer and public papers.

    Made once for the module (each paper takes seconds) and rolled back afterwards."""
    connection = engine.connect()
    transaction = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        partnership = make_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        consultation = demo_consultation(session, partnership, "community-safety", "community-safety-2026")
        consultation.opens_on, consultation.closes_on = dt.date(2026, 10, 5), dt.date(2026, 11, 30)
        earlier = demo_consultation(session, partnership, "community-safety", "community-safety-2025")
        earlier.title = "Community safety consultation 2025"
        generate_demo_responses(session, consultation, count=300, now=NOW)
        generate_demo_responses(session, earlier, count=200, seed=7, now=NOW - dt.timedelta(days=365))
        made = {}
        for variant, public in (("officer", False), ("public", True)):
            source = ExportSource(session=session, consultation=consultation, public=public,
                                  response_filter=NO_FILTER, earlier=None if public else earlier, now=NOW,
                                  classification=Classification.OFFICIAL if public
                                  else Classification.OFFICIAL_SENSITIVE)
            paper = source.paper
            folder = tmp_path_factory.mktemp(variant)
            made[variant] = Made(paper, pdf_pages(paper_pdf(paper), folder), paper_docx(paper))
        yield made
    finally:
        session.close()
        transaction.rollback()
        connection.close()


def _pages_of(pages: list[str], marking: str, texts: list[str]) -> list[int]:
    """The page each text, in order, first starts a line on after the one before (past the contents)."""
    found, number = [], 3
    for text in texts:
        start = " ".join(text.split())[:40]
        while not any(" ".join(line.split()).startswith(start)
                      for line in body_lines(pages[number - 1], marking)):
            number += 1
        found.append(number)
    return found


class TestPdfPaper:
    def test_cover_names_consultation_partnership_period_date_and_marking(self, demo):
        cover = " ".join(" ".join(lines(demo["officer"].pages[0])).split())
        for expected in ("Community safety consultation", "Summary for the Strategic Assessment",
                         "Partnership Demo Borough Community Safety Partnership",
                         "Period 5 October 2026 to 30 November 2026", "Date 2 December 2026",
                         "Classification OFFICIAL-SENSITIVE", "do not publish"):
            assert expected in cover

    def test_contents_lists_each_section_and_question_with_the_page_it_is_on(self, demo):
        made = demo["officer"]
        contents = [" ".join(line.split()) for line in body_lines(made.pages[1], "OFFICIAL-SENSITIVE")]
        assert contents[0] == "Contents"
        listed = made.paper.contents()
        assert len(listed) > 20 and listed[0].text == SUMMARY_TITLE
        entries = [next(line for line in contents if line.startswith(h.text[:40])) for h in listed]
        shown = [int(re.search(r"(\d+)$", entry).group(1)) for entry in entries]
        assert shown == _pages_of(made.pages, "OFFICIAL-SENSITIVE", [heading.text for heading in listed])

    def test_summary_of_key_findings_is_the_one_page_after_the_contents(self, demo):
        pages = demo["officer"].pages
        summary = body_lines(pages[2], "OFFICIAL-SENSITIVE")
        assert summary[0] == SUMMARY_TITLE
        text = " ".join(" ".join(summary).split())
        assert "Top priorities" in text and "Anti-social behaviour: put first by" in text
        assert re.search(r"How would you rank these issues by their impact on community safety\? "
                         r"\(base \d+", text)
        assert "Biggest changes since Community safety consultation 2025" in text
        assert "Groups whose answers stand out" in text
        assert body_lines(pages[3], "OFFICIAL-SENSITIVE")[0] == "About this consultation"

    @pytest.mark.parametrize("variant, marking", [("officer", "OFFICIAL-SENSITIVE"), ("public", "OFFICIAL")])
    def test_every_page_is_marked_at_top_and_bottom_and_numbered(self, demo, variant, marking):
        pages = demo[variant].pages
        assert len(pages) > 10
        for number, page in enumerate(pages, start=1):
            found = lines(page)
            assert found[0] == marking, number
            assert re.fullmatch(rf"{marking}\s+Page {number} of {len(pages)}", found[-1]), found[-1]

    @pytest.mark.parametrize("variant", ["officer", "public"])
    def test_no_table_row_is_split_across_pages(self, demo, variant):
        made = demo[variant]
        checked = 0
        for table in tables(made.paper):
            for row in table.rows:
                assert row_page(made.pages, row) is not None, (table.caption, row)
                checked += 1
        assert checked > 150

    @pytest.mark.parametrize("variant, marking", [("officer", "OFFICIAL-SENSITIVE"), ("public", "OFFICIAL")])
    def test_no_page_ends_with_a_heading(self, demo, variant, marking):
        made = demo[variant]
        assert [(number, heading) for number, page in enumerate(made.pages, start=1)
                if (heading := ends_with_heading(page, marking, made.paper))] == []

    def test_dates_are_in_words(self, demo):
        text = "\n".join(demo["officer"].pages)
        assert ISO_DATE.findall(text) == [] and SHORT_MONTH_DATE.findall(text) == []
        assert "Produced 2 December 2026 at 09:30 (UK time)" in text and "5 October 2026" in text

    def test_public_paper_is_official_with_no_free_text_and_no_comparison(self, demo):
        text = "\n".join(demo["public"].pages)
        assert "OFFICIAL-SENSITIVE" not in text and "Public summary of results" in text
        assert "What would make you feel safer?" not in text and "Biggest changes" not in text
        assert "[c]" in text and "counts from 1 to 9 are not shown" in text


class TestWordPaper:
    @pytest.mark.parametrize("variant, marking", [("officer", "OFFICIAL-SENSITIVE"), ("public", "OFFICIAL")])
    def test_every_page_has_the_marking_in_header_and_footer_and_page_n_of_m(self, demo, variant, marking):
        document = word_document(demo[variant].docx)
        [section] = document.sections
        assert [p.text for p in section.header.paragraphs] == [marking]
        [footer] = section.footer.paragraphs
        assert footer.text.split("\t")[1:] == [marking, "Page 1 of 1"]  # shown until Word counts the pages
        assert field_instructions(section.footer._element) == ["PAGE", "NUMPAGES"]
        assert not section.different_first_page_header_footer

    def test_cover_then_a_contents_field_listing_the_pdfs_headings(self, demo):
        made = demo["officer"]
        document = word_document(made.docx)
        texts = [p.text for p in document.paragraphs]
        assert texts[:3] == ["Demo Borough Community Safety Partnership", "Community safety consultation",
                             "Summary for the Strategic Assessment"]
        cover = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
        assert cover == [["Partnership", "Demo Borough Community Safety Partnership"],
                         ["Period", "5 October 2026 to 30 November 2026"], ["Date", "2 December 2026"],
                         ["Classification", "OFFICIAL-SENSITIVE"]]
        instructions = field_instructions(document.element)
        assert any(instruction.startswith('TOC \\o "1-2"') for instruction in instructions)
        written = [p.text for p in document.paragraphs if p.style.name in ("TOC 1", "TOC 2")]
        assert written == [heading.text for heading in made.paper.contents()]
        settings = document.settings.element
        assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"

    def test_same_headings_in_the_same_order_as_the_pdf(self, demo):
        made = demo["officer"]
        document = word_document(made.docx)
        in_word = [(p.text, int(p.style.name[-1])) for p in document.paragraphs
                   if p.style.name.startswith("Heading")]
        assert in_word == [(heading.text, min(heading.level, 3)) for heading in headings(made.paper)]

    def test_headings_keep_with_next_and_sections_start_a_page(self, demo):
        document = word_document(demo["officer"].docx)
        found = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert found and all(p.paragraph_format.keep_with_next for p in found)
        sections = [p for p in found if p.style.name == "Heading 1"]
        assert sections[0].text == SUMMARY_TITLE
        assert all(p.paragraph_format.page_break_before for p in sections)

    def test_table_rows_cannot_split_and_header_rows_repeat(self, demo):
        document = word_document(demo["officer"].docx)
        assert len(document.tables) > 30
        for number, table in enumerate(document.tables):
            for index, row in enumerate(table.rows):
                properties = row._tr.trPr
                assert properties is not None and properties.find(qn("w:cantSplit")) is not None
                if index == 0 and number > 0:  # the cover's facts have no header row
                    assert properties.find(qn("w:tblHeader")) is not None

    def test_tables_have_set_column_widths_that_hold_their_longest_word(self, demo):
        document = word_document(demo["officer"].docx)
        for table in document.tables[1:]:
            assert table.autofit is False  # Word's automatic widths break long words in narrow columns
            for row in table.rows:
                for cell in row.cells:
                    longest = max((len(word) for word in cell.text.split()), default=0)
                    assert cell.width is not None and cell.width.cm >= longest * 0.17, cell.text

    def test_charts_have_alternative_text_and_the_language_is_british_english(self, demo):
        document = word_document(demo["officer"].docx)
        described = [element.get("descr") for element in document.element.iter(qn("wp:docPr"))]
        assert len(described) > 10 and all(text and "Bar chart" in text for text in described)
        assert document.core_properties.language == "en-GB"

    def test_dates_are_in_words(self, demo):
        document = word_document(demo["officer"].docx)
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        text = "\n".join([p.text for p in document.paragraphs] + cells)
        assert ISO_DATE.findall(text) == [] and SHORT_MONTH_DATE.findall(text) == []
        assert "2 December 2026" in text and "30 November 2026" in text

    def test_public_word_paper_has_no_free_text(self, demo):
        document = word_document(demo["public"].docx)
        text = "\n".join(p.text for p in document.paragraphs)
        assert "What would make you feel safer?" not in text and "OFFICIAL-SENSITIVE" not in text
