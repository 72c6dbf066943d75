"""Exports: the raw CSV (and its round trip through the importer), Excel, HTML, PDF, the public
variant, the ``safer-voices report`` command and the sentiment backfill."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import select

from analysis.exports.build import ExportError, export_report
from analysis.exports.raw import responses_csv
from analysis.filters import ResponseFilter
from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.responses.csv_import import import_responses
from survey.responses.store import store_response
from survey.storage.models import Answer, AuditEvent
from survey.vocabulary import Channel
from tests.analysis_data import COMMENT, FIXTURE_DEFINITION, make_fixture_consultation
from tests.conftest import require_or_skip
from tests.factories import make_partnership

FORMULA = "=HYPERLINK(\"http://evil.example\",\"Click\")"


@pytest.fixture
def consultation(db_session):
    return make_fixture_consultation(db_session, make_partnership(db_session))


def _values(sheet) -> list[list[object]]:  # type: ignore[no-untyped-def]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return [row[: max((i + 1 for i, v in enumerate(row) if v is not None), default=0)] for row in rows]


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


class TestRawCsv:
    def test_header_and_cells_are_the_import_format(self, db_session, consultation):
        rows = _csv_rows(responses_csv(db_session, consultation, definition_of(consultation)))
        assert rows[0] == ["reference", "channel", "submitted_at", "priorities", "issues", "safety", "colour",
                           "comments", "about_age_band", "about_gender"]
        first = dict(zip(rows[0], rows[1], strict=True))
        assert (first["channel"], first["submitted_at"]) == ("web", "2026-03-10T12:00:00+00:00")
        assert (first["priorities"], first["issues"]) == ("alpha;bravo;charlie", "xray;yankee")
        assert first["safety"] == "very_safe"
        assert (first["colour"], first["comments"], first["about_gender"]) == ("red", COMMENT, "woman")
        assert len(rows) == 8 and rows[-1][3:] == ["", "", "", "blue", "", "", ""]  # R7 answered only colour

    def test_formula_text_is_defused(self, db_session, consultation):
        store_response(db_session, consultation, definition_of(consultation),
                       {"comments": (AnswerPart(text=FORMULA),)}, channel=Channel.WEB)
        rows = _csv_rows(responses_csv(db_session, consultation, definition_of(consultation)))
        assert rows[-1][rows[0].index("comments")] == "'" + FORMULA

    def test_round_trip_through_the_importer_gives_the_same_answers(self, db_session, consultation):
        exported = responses_csv(db_session, consultation, definition_of(consultation))
        copy = create_consultation(db_session, consultation.partnership, FIXTURE_DEFINITION,
                                   slug="fixture-copy")
        result = import_responses(db_session, copy, exported)
        assert result.ok, result.errors
        assert result.stored == 7
        again = _csv_rows(responses_csv(db_session, copy, definition_of(copy)))
        before = _csv_rows(exported)
        assert [row[1:] for row in again] == [row[1:] for row in before]  # all but the new references


class TestExcel:
    SHEETS = ["Contents", "Notes", "Rank these issues", "Which issues need addressing",
              "How safe do you feel after dark", "Which colour", "How do you feel about your",
              "How old are you", "Which of these best describes", "Raw data"]  # 31 characters at most

    def test_sheet_per_question_raw_data_and_every_text_cell_a_safe_string(self, db_session, consultation):
        store_response(db_session, consultation, definition_of(consultation),
                       {"comments": (AnswerPart(text=FORMULA),)}, channel=Channel.WEB)
        book = load_workbook(io.BytesIO(export_report(db_session, consultation, "xlsx").as_bytes()))
        assert book.sheetnames == self.SHEETS
        assert all(len(name) <= 31 for name in book.sheetnames)
        colour = _values(book["Which colour"])
        assert ["Red", "red", 2, 0.667] in colour and ["Base (answered this question)", 3] in colour
        raw = book["Raw data"]
        cells = [cell for row in raw.iter_rows(min_row=2) for cell in row if cell.value is not None]
        assert all(cell.data_type == "s" for cell in cells)
        assert "'" + FORMULA in [cell.value for cell in cells]
        assert not any(str(cell.value).startswith("=") for sheet in book for row in sheet.iter_rows()
                       for cell in row if cell.value is not None)

    def test_question_sheets_have_styled_frozen_headers_percentages_widths(self, db_session, consultation):
        book = load_workbook(io.BytesIO(export_report(db_session, consultation, "xlsx").as_bytes()))
        sheet = book["Which colour"]
        assert sheet.freeze_panes == "B6"  # below the header row, the answers' column kept in view
        header = [cell for cell in sheet[5] if cell.value is not None]
        assert [cell.value for cell in header] == ["Answer", "Value", "Number", "% of base"]
        assert all(cell.font.bold and cell.fill.fgColor.rgb.endswith("DEE0E2") for cell in header)
        assert sheet["D6"].value == 0.667 and sheet["D6"].number_format == "0.0%"
        assert sheet.column_dimensions["A"].width == 40
        ranking = book["Rank these issues"]
        rank_percent = [cell for cell in ranking[6] if cell.number_format == "0.0%"]
        assert len(rank_percent) == 4  # % of base and % at each of the three places
        assert book["Raw data"].freeze_panes == "B2" and book["Raw data"]["A1"].font.bold
        for name in book.sheetnames:  # printed: the marking at top and bottom of every page
            assert book[name].oddHeader.center.text == "OFFICIAL-SENSITIVE"
            assert book[name].oddFooter.center.text == "OFFICIAL-SENSITIVE"

    def test_contents_links_every_sheet_and_notes_give_base_period_and_disclosure(self, db_session,
                                                                                   consultation):
        consultation.opens_on, consultation.closes_on = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
        book = load_workbook(io.BytesIO(export_report(db_session, consultation, "xlsx").as_bytes()))
        contents = book["Contents"]
        assert contents["A1"].value == "OFFICIAL-SENSITIVE" and contents["A2"].value == "Fixture consultation"
        details = {row[0]: row[1] for row in _values(contents) if len(row) > 1}
        assert details["Period"] == "1 March 2026 to 31 March 2026" and details["Responses"] == 7
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2} \(UK time\)", details["Produced"])
        links = {cell.value: cell.hyperlink.location for row in contents.iter_rows() for cell in row
                 if cell.hyperlink is not None}
        assert list(links) == self.SHEETS[1:]
        assert links["Which colour"] == "'Which colour'!A1"
        notes = {row[0]: row[1] for row in _values(book["Notes"]) if len(row) > 1}
        assert "number of people who answered" in notes["Base"]
        assert notes["Period"] == "1 March 2026 to 31 March 2026"
        assert "do not publish" in notes["Disclosure"] and "Percentages are of the people" in notes["Method"]

    def test_public_workbook_has_no_raw_data_and_suppresses(self, db_session, consultation):
        exported = export_report(db_session, consultation, "xlsx", public=True)
        book = load_workbook(io.BytesIO(exported.as_bytes()))
        assert "Raw data" not in book.sheetnames and "How do you feel about your" not in book.sheetnames
        colour = _values(book["Which colour"])
        assert ["Red", "red", "[c]", "[c]"] in colour  # 2 people: not published
        assert book["Contents"]["A1"].value == "OFFICIAL"
        notes = " ".join(str(row[-1]) for row in _values(book["Notes"]) if row)
        assert "counts from 1 to 9 are not shown" in notes and "rounded to the nearest 5" in notes


class TestSummaries:
    def test_html_has_charts_tables_bases_and_method_notes(self, db_session, consultation):
        html = export_report(db_session, consultation, "html").as_bytes().decode()
        assert html.count("<h1>") == 1
        assert '<header><p class="marking">OFFICIAL-SENSITIVE</p></header>' in html
        assert '<footer><p class="marking">OFFICIAL-SENSITIVE</p></footer>' in html
        assert "<caption>Which colour? (base 3)</caption>" in html and "66.7%" in html
        assert 'role="img"' in html and "How these figures were produced" in html
        body = html.split("</style>", 1)[1]
        assert " style=" not in body

    def test_html_dates_are_in_words(self, db_session, consultation):
        now = dt.datetime(2026, 4, 1, 8, 30, tzinfo=dt.UTC)
        html = export_report(db_session, consultation, "html", now=now,
                             response_filter=ResponseFilter(since=dt.date(2026, 3, 1))).as_bytes().decode()
        assert "Produced 1 April 2026 at 09:30 (UK time)" in html  # British Summer Time
        assert "Only responses matching: from 1 March 2026." in html
        assert '<th scope="row">9 March 2026</th>' in html and '<th scope="row">30 March 2026</th>' in html
        assert re.findall(r"\b\d{4}-\d{2}-\d{2}\b", html.split("</style>", 1)[1]) == []

    def test_public_html_has_no_free_text(self, db_session, consultation):
        html = export_report(db_session, consultation, "html", public=True).as_bytes().decode()
        assert "OFFICIAL-SENSITIVE" not in html and COMMENT not in html
        assert '<header><p class="marking">OFFICIAL</p></header>' in html
        assert "How do you feel about your local area?" not in html and "[c]" in html

    def test_pdf_renders_to_a_page_that_is_not_blank(self, db_session, consultation, tmp_path):
        if shutil.which("pdftoppm") is None:
            require_or_skip("pdftoppm (Debian's poppler-utils) is needed to render the PDF")
        pdf = tmp_path / "summary.pdf"
        pdf.write_bytes(export_report(db_session, consultation, "pdf").as_bytes())
        assert pdf.read_bytes().startswith(b"%PDF-")
        command = ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")]
        subprocess.run(command, check=True, timeout=60)
        pages = sorted(tmp_path.glob("page-*.png"))
        assert len(pages) == 2
        image = Image.open(pages[0]).convert("L")
        dark = sum(image.histogram()[:128])
        assert dark > 0.005 * image.width * image.height  # text and a chart, not a white page

    def test_raw_responses_are_never_public(self, db_session, consultation):
        with pytest.raises(ExportError, match="never published"):
            export_report(db_session, consultation, "csv", public=True)


class TestReportCommand:
    def test_json_to_standard_output_and_an_audit_event(self, runner, db_session, consultation):
        result = runner.invoke(args=["report", "fixture", "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["responses"] == 7 and data["questions"][3]["base"] == 3
        event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "report_exported")).one()
        assert event.details == {"format": "json", "public": False, "filters": {}, "via": "cli"}
        assert event.target_id == str(consultation.id) and event.officer_id is None

    def test_filters_public_and_file_output(self, runner, db_session, consultation, tmp_path):
        output = tmp_path / "public.json"
        arguments = ["report", "fixture", "--public", "--channel", "paper", "-o", str(output)]
        result = runner.invoke(args=arguments)
        assert result.exit_code == 0, result.output
        data = json.loads(output.read_text())
        assert data["public"] and data["filters"] == {"channels": ["paper"]} and data["responses"] is None
        assert "comments" not in [q["id"] for q in data["questions"]]

    def test_errors_are_actionable_and_change_nothing(self, runner, db_session, consultation):
        db_session.commit()  # a failed command rolls back its own work; keep the fixture outside it
        missing = runner.invoke(args=["report", "nope"])
        assert missing.exit_code != 0 and "There is no consultation with the slug 'nope'" in missing.output
        binary = runner.invoke(args=["report", "fixture", "--format", "pdf"])
        assert binary.exit_code != 0 and "-o FILE" in binary.output
        public_csv = runner.invoke(args=["report", "fixture", "--format", "csv", "--public"])
        assert public_csv.exit_code != 0 and "never published" in public_csv.output
        exported = select(AuditEvent).where(AuditEvent.action == "report_exported")
        assert db_session.scalars(exported).all() == []


class TestPapersFromTheCommandLine:
    def test_word_paper_official_sensitive_by_default_or_as_asked(self, runner, db_session, consultation,
                                                                   tmp_path):
        default, chosen = tmp_path / "default.docx", tmp_path / "official.docx"
        result = runner.invoke(args=["report", "fixture", "--format", "docx", "-o", str(default)])
        assert result.exit_code == 0, result.output
        result = runner.invoke(args=["report", "fixture", "--format", "docx", "-o", str(chosen),
                                     "--classification", "official"])
        assert result.exit_code == 0, result.output
        assert Document(default).sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
        assert Document(chosen).sections[0].header.paragraphs[0].text == "OFFICIAL"
        events = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "report_exported")
                                    .order_by(AuditEvent.id)).all()
        assert [event.details["classification"] for event in events] == ["OFFICIAL-SENSITIVE", "OFFICIAL"]
        assert events[0].details["format"] == "docx" and COMMENT not in str(events[0].details)

    def test_a_public_paper_is_official_and_a_data_file_has_no_marking(self, runner, db_session, consultation,
                                                                        tmp_path):
        db_session.commit()  # a failed command rolls back its own work; keep the fixture outside it
        sensitive = runner.invoke(args=["report", "fixture", "--format", "pdf", "--public", "-o",
                                        str(tmp_path / "p.pdf"), "--classification", "OFFICIAL-SENSITIVE"])
        assert sensitive.exit_code != 0 and "A public report is OFFICIAL" in sensitive.output
        data = runner.invoke(args=["report", "fixture", "--format", "json", "--classification", "OFFICIAL"])
        assert data.exit_code != 0 and "A json file carries no classification marking" in data.output
        public = tmp_path / "public.docx"
        result = runner.invoke(args=["report", "fixture", "--format", "docx", "--public", "-o", str(public)])
        assert result.exit_code == 0, result.output
        assert Document(public).sections[0].header.paragraphs[0].text == "OFFICIAL"


class TestSentimentBackfill:
    def test_rescore_fills_missing_sentiment_only(self, runner, db_session, consultation):
        row = db_session.scalars(select(Answer).where(Answer.question_id == "comments")).one()
        expected = row.sentiment_compound
        row.sentiment_compound = row.sentiment_polarity = row.sentiment_subjectivity = None
        db_session.flush()
        result = runner.invoke(args=["sentiment", "rescore", "fixture"])
        assert result.exit_code == 0 and "Scored 1 free-text answer." in result.output
        row = db_session.scalars(select(Answer).where(Answer.question_id == "comments")).one()
        assert row.sentiment_compound == expected and row.sentiment_subjectivity is not None
        again = runner.invoke(args=["sentiment", "rescore", "fixture"])
        assert "Scored 0 free-text answers." in again.output


def test_export_file_names_carry_the_slug_and_time(db_session, consultation):
    now = dt.datetime(2026, 4, 1, 9, 30, tzinfo=dt.UTC)
    assert export_report(db_session, consultation, "json", now=now).filename == "fixture-20260401-0930.json"
    assert export_report(db_session, consultation, "pdf", public=True, now=now).filename.startswith(
        "fixture-public-20260401-0930")
