"""The quarterly board update, read back as a reader sees it: the PDF with pdftotext, the Word file
with python-docx. Same look as the board papers: cover, contents, marking on every page, "Page N of M",
dates in words; each priority's actions with their status, what changed in the quarter, and what
residents said (published figures only in the public update)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document

from analysis.exports.marking import Classification
from analysis.exports.paper.pdf import paper_pdf
from analysis.exports.paper.word import paper_docx
from analysis.exports.quarterly.build import build_board_update
from analysis.exports.quarterly.quarter import Quarter
from demo.plans import load_demo_plan
from demo.responses import generate_demo_responses
from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership
from tests.papers import ISO_DATE, lines, pdf_pages

TODAY = dt.date(2026, 12, 2)  # the demo's updates fall in 2026Q3 and 2026Q4
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo_plan(db_session):
    partnership = make_partnership(db_session, "demo")
    source = template_path("community-safety").read_text(encoding="utf-8")
    consultation = create_consultation(db_session, partnership, source, slug="community-safety-2026",
                                       status=ConsultationStatus.OPEN)
    generate_demo_responses(db_session, consultation, count=60)
    load_demo_plan(db_session, partnership, today=TODAY)
    return partnership


class TestQuarter:
    def test_a_quarter_reads_as_its_months_and_days(self):
        quarter = Quarter.parse("2026q3")
        assert (quarter.first, quarter.last) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
        assert quarter.months == "July to September 2026"
        assert Quarter.parse("2026-Q1").previous == Quarter(2025, 4)

    @pytest.mark.parametrize("text", ["2026", "Q3", "2026Q5", "third quarter"])
    def test_anything_else_says_how_to_write_one(self, text):
        with pytest.raises(ValueError, match="for example 2026Q3"):
            Quarter.parse(text)


class TestOfficerUpdate:
    def test_the_pdf_has_a_cover_contents_and_every_page_marked_and_numbered(self, db_session, demo_plan,
                                                                              tmp_path):
        paper = build_board_update(db_session, demo_plan, Quarter(2026, 4), now=NOW)
        pages = pdf_pages(paper_pdf(paper), tmp_path)
        assert len(pages) >= 6
        cover = " ".join(lines(pages[0]))
        assert "Quarterly board update, October to December 2026" in cover
        assert "1 October 2026 to 31 December 2026" in cover
        assert "Contents" in pages[1]
        for number, page in enumerate(pages, start=1):
            found = lines(page)
            assert found[0] == "OFFICIAL-SENSITIVE", number
            assert re.search(rf"Page {number} of {len(pages)}$", found[-1]), found[-1]
        text = "\n".join(pages)
        assert not ISO_DATE.search(text)

    def test_each_priority_has_its_actions_changes_and_what_residents_said(self, db_session, demo_plan):
        paper = build_board_update(db_session, demo_plan, Quarter(2026, 4), now=NOW)
        text = "\n".join(_words(paper_docx(paper)))
        assert "Reduce anti-social behaviour in neighbourhoods" in text
        assert "residents ranked \u2018Anti-social behaviour\u2019" in text
        assert "respondents who answered the question put it first" in text
        # The closure order action went red in the quarter (15 days before 2 December).
        went_red = "17 November 2026, Close two cuckooed properties through closure orders: Red (was Amber)"
        assert went_red in text
        assert "(overdue)" in text and "Council youth service" in text

    def test_changes_are_those_dated_in_the_quarter(self, db_session, demo_plan):
        earlier = "\n".join(_words(paper_docx(build_board_update(db_session, demo_plan, Quarter(2026, 3),
                                                                 now=NOW))))
        assert "Recruitment of two youth workers took longer than planned." in earlier  # 120 days before
        assert "Court hearing postponed twice" not in earlier  # in the next quarter


class TestPublicUpdate:
    def test_only_what_residents_may_read_marked_official(self, db_session, demo_plan, tmp_path):
        paper = build_board_update(db_session, demo_plan, Quarter(2026, 4), public=True, now=NOW)
        pages = pdf_pages(paper_pdf(paper), tmp_path)
        assert all(lines(page)[0] == "OFFICIAL" for page in pages)
        text = "\n".join(_words(paper_docx(paper)))
        assert "Youth workers are out on the Northfield estate at weekends." in text
        assert "Council youth service" not in text  # the lead stays internal
        assert "Court hearing postponed twice" not in text  # an update not marked public
        assert "12 businesses signed up so far." in text  # one marked public

    def test_a_public_update_cannot_be_marked_official_sensitive(self, db_session, demo_plan):
        with pytest.raises(ValueError, match="OFFICIAL"):
            build_board_update(db_session, demo_plan, Quarter(2026, 4), public=True,
                               classification=Classification.OFFICIAL_SENSITIVE)


def _words(docx: bytes) -> list[str]:
    document = Document(io.BytesIO(docx))
    found = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        found += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return found
