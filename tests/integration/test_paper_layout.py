"""The paper's page layout under stress, with papers made to break it: a table three pages long
whose rows wrap onto several lines, and forty headings each followed by a table of a different
length, so that headings fall at every height on the page. Read back with pdftotext and python-docx."""

from __future__ import annotations

import re

import pytest
from docx.oxml.ns import qn

from analysis.exports.marking import Classification
from analysis.exports.paper.model import Cover, Heading, Paper, Table, Text
from analysis.exports.paper.pdf import paper_pdf
from analysis.exports.paper.word import KEEP_WHOLE_ROWS, paper_docx
from tests.papers import ends_with_heading, lines, pdf_pages, row_page, word_document

COVER = Cover(title="Layout check", kind="Summary for the Strategic Assessment",
              partnership="Test Partnership", period="1 March 2026 to 30 April 2026", date="2 December 2026",
              classification=Classification.OFFICIAL_SENSITIVE, handling="For officers only.")
LONG = Table(
    "Every answer given (a long table)", ("Answer", "Number", "% of base", "Where"),
    tuple((f"Answer {i:03d} with a label long enough to wrap onto a second and a third line: a{i:03d}",
           f"{1000 + i:,}", f"{i / 10:.1f}%", f"ward-{i:03d} " + "and a note " * (i % 7 * 3) + f"w{i:03d}")
          for i in range(120)),
)


def _stress() -> Paper:
    blocks: list = [Heading("Results question by question", 1)]
    for question in range(40):
        rows = tuple((f"Option {question:02d}-{row:02d}", str(row), f"{row}.0%")
                     for row in range(1 + question % 23))
        blocks += [
            Heading(f"Question {question:02d}: how safe do you feel in place number {question:02d}?", 2),
            Text(f"Base line for question {question:02d}: {len(rows)} answers.", keep_with_next=True),
            Table(f"Table for question {question:02d}", ("Answer", "Number", "% of base"), rows),
        ]
    return Paper(cover=COVER, summary=(Heading("Summary of key findings", 1), Text("Nothing to say.")),
                 detail=tuple(blocks))


@pytest.fixture(scope="module")
def long_table_pages(tmp_path_factory) -> list[str]:  # type: ignore[no-untyped-def]
    paper = Paper(cover=COVER, summary=(Heading("Summary of key findings", 1),), detail=(LONG,))
    return pdf_pages(paper_pdf(paper), tmp_path_factory.mktemp("long"))


class TestPdfLayout:
    def test_a_long_table_splits_only_between_rows_and_repeats_its_header(self, long_table_pages):
        on = [row_page(long_table_pages, row) for row in LONG.rows]
        assert None not in on, LONG.rows[on.index(None)]
        assert on == sorted(on) and len(set(on)) >= 3  # in order, over three pages or more
        for number in set(on):  # the header row, at the top of the table on every page it runs on
            assert any(re.match(r"Answer\s+Number\s+% of\s+Where", line)
                       for line in lines(long_table_pages[number - 1])), number

    def test_a_heading_is_always_on_the_page_of_what_follows_it(self, tmp_path):
        paper = _stress()
        pages = pdf_pages(paper_pdf(paper), tmp_path)
        assert len(pages) > 8
        assert [number for number, page in enumerate(pages, start=1)
                if ends_with_heading(page, "OFFICIAL-SENSITIVE", paper)] == []
        for question in range(40):
            heading = f"Question {question:02d}: how safe"
            base = f"Base line for question {question:02d}"
            caption = f"Table for question {question:02d}"
            found = [number for number, page in enumerate(pages, start=1)
                     if heading in page and base in page and caption in page]
            assert len(found) == 1, question


class TestWordLayout:
    def test_rows_never_split_and_a_short_table_is_kept_on_one_page(self):
        document = word_document(paper_docx(_stress()))
        short = document.tables[5]  # question 04: five rows, header first
        rows = list(short.rows)
        assert len(rows) == 6
        keep = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in rows]
        assert keep == [True] * 5 + [False]  # each row held to the next, the last free
        for table in document.tables[1:]:
            for row in table.rows:
                assert row._tr.trPr.find(qn("w:cantSplit")) is not None

    def test_a_long_table_may_run_over_pages_between_rows(self):
        paper = Paper(cover=COVER, summary=(Heading("Summary of key findings", 1),), detail=(LONG,))
        table = word_document(paper_docx(paper)).tables[1]
        assert len(table.rows) == len(LONG.rows) + 1 > KEEP_WHOLE_ROWS
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert not any(row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in table.rows)
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
