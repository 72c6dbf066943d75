"""Analysis reads the urgent flag of each answer, not of its response: the calm answers of a response
whose other words raised a flag are ordinary answers, listed and quoted like any other."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from analysis.exports.build import export_report
from analysis.free_text import FreeTextQuery, free_text_items
from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.responses.store import store_response
from survey.vocabulary import Channel, ConsultationStatus
from tests.conftest import require_or_skip
from tests.factories import make_partnership

DANGER = "a man at the station has a knife"
CALM = "Better street lighting by the library"


@pytest.fixture
def consultation(db_session):
    partnership = make_partnership(db_session)
    source = template_path("community-safety").read_text(encoding="utf-8")
    consultation = create_consultation(db_session, partnership, source, slug="survey",
                                       status=ConsultationStatus.OPEN)
    # The danger is in the "other" words of a choice question; the free-text answer beside it is calm.
    answers = {"town_centre_issues": (AnswerPart(option="other", text=DANGER),),
               "feel_safer": (AnswerPart(text=CALM),)}
    stored = store_response(db_session, consultation, definition_of(consultation), answers,
                            channel=Channel.WEB)
    assert stored.response.urgent
    return consultation


def test_only_the_answer_that_raised_the_flag_is_urgent(db_session, consultation):
    definition = definition_of(consultation)
    items, total = free_text_items(db_session, consultation, definition)
    assert total == 2
    assert {item.text: item.urgent for item in items} == {DANGER: True, CALM: False}
    assert items[0].text == DANGER and items[0].risk_categories == ("weapons",)
    urgent, _ = free_text_items(db_session, consultation, definition, FreeTextQuery(urgent_only=True))
    assert [item.text for item in urgent] == [DANGER]


def test_the_summary_does_not_call_a_calm_answer_urgent(db_session, consultation):
    html = export_report(db_session, consultation, "html").as_bytes().decode()
    assert "flagged as urgent risk" not in html


def test_the_pdf_does_not_call_a_calm_answer_urgent(db_session, consultation, tmp_path):
    if shutil.which("pdftotext") is None:
        require_or_skip("pdftotext (Debian's poppler-utils) is needed to read the PDF")
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(export_report(db_session, consultation, "pdf").as_bytes())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "What would make you feel safer?" in text
    assert "flagged as urgent" not in text


def test_an_urgent_free_text_answer_is_still_flagged_in_the_pdf(db_session, consultation, tmp_path):
    if shutil.which("pdftotext") is None:
        require_or_skip("pdftotext (Debian's poppler-utils) is needed to read the PDF")
    stored = store_response(db_session, consultation, definition_of(consultation),
                            {"feel_safer": (AnswerPart(text="i want to end it all"),)}, channel=Channel.WEB)
    pdf = tmp_path / "summary.pdf"
    pdf.write_bytes(export_report(db_session, consultation, "pdf").as_bytes())
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "1 answer(s) flagged as urgent risk" in text and stored.response.reference in text
