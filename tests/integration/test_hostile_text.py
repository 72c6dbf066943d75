"""Characters no answer can hold: a NUL (PostgreSQL refuses it in text, and the response could never
be sent), the other invisible control characters (a spreadsheet export refuses them) and a lone
surrogate (not UTF-8 at all). They carry no meaning in anything a person types, so the answer step
strips them in every channel; the answer is otherwise kept exactly as given."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from survey.answers import RawAnswer, clean_text
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.responses.csv_import import import_responses
from survey.runner.step import StepKind, answer
from survey.storage.models import Answer, Response
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership

SLUG = "annual"
BASE = f"/consultations/{SLUG}"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
HOSTILE = "Better\x00 lighting\x01 by the\x1f station\ud800"
CLEAN = "Better lighting by the station\ufffd"


@pytest.fixture
def annual(db_session):
    source = template_path("community-safety").read_text(encoding="utf-8")
    consultation = create_consultation(db_session, make_partnership(db_session), source, slug=SLUG,
                                       status=ConsultationStatus.OPEN)
    db_session.commit()  # a 404 rolls its request back: the records must outlive it (until the test ends)
    return consultation


def test_clean_text_keeps_line_breaks_and_tabs_and_every_printable_character():
    assert clean_text("Line one\r\nLine two\tend é 😀 \u200b") == "Line one\r\nLine two\tend é 😀 \u200b"
    assert clean_text(HOSTILE) == CLEAN


def test_the_answer_step_strips_them_for_every_channel(annual):
    definition = definition_of(annual)
    text = answer(definition, {}, "feel_safer", RawAnswer(HOSTILE))
    assert text.kind != StepKind.PROBLEM and text.answers["feel_safer"][0].text == CLEAN
    other = answer(definition, {}, "town_centre_issues", RawAnswer(["other\x00"], "Scoo\x00ters"))
    assert other.kind != StepKind.PROBLEM
    parts = other.answers["town_centre_issues"]
    assert {(part.option, part.text) for part in parts} == {("other", "Scooters")}
    blank = answer(definition, {}, "feel_safer", RawAnswer("\x00\x00"))
    assert "feel_safer" not in blank.answers  # nothing left: the same as no answer


def test_a_web_answer_with_a_nul_is_stored_without_it_and_can_be_sent(client, db_session, annual):
    page = client.get(f"{BASE}/")
    location = client.post(f"{BASE}/start", data={"csrf_token": TOKEN.search(page.get_data(as_text=True))
                                                   .group(1)}).headers["Location"]
    token = TOKEN.search(client.get(location).get_data(as_text=True)).group(1)
    while "/questions/" in location:
        data = {"answer": HOSTILE.encode("utf-8", "surrogatepass").decode("utf-8", "replace")} \
            if location.endswith("/feel_safer") else {}
        response = client.post(location, data={"csrf_token": token, **data})
        assert response.status_code == 302, response.get_data(as_text=True)
        location = response.headers["Location"]
    sent = client.post(location, data={"csrf_token": token})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/confirmation")
    stored = db_session.scalar(select(Answer.text).where(Answer.question_id == "feel_safer"))
    assert "\x00" not in stored and stored.startswith("Better lighting by the station")


def test_a_csv_cell_with_a_nul_is_imported_without_it(db_session, annual):
    cell = "Better\x00 lighting\x01 by the\x1f station"  # a file's text is decoded UTF-8: no surrogate
    result = import_responses(db_session, annual, f"feel_safer,safety_dark\r\n{cell},very_safe\r\n")
    assert result.ok and result.stored == 1, result
    stored = db_session.scalar(select(Answer.text).join(Response).where(Answer.question_id == "feel_safer"))
    assert stored == "Better lighting by the station"


def test_a_nul_anywhere_else_in_a_request_is_a_clear_4xx_never_a_500(client, annual):
    # Not an answer, so not cleaned: the database may refuse it (PostgreSQL), which is the
    # request's fault and gets the "problem with your request" page.
    for path in (f"/consultations/{SLUG}%00/", "/consultations/%00/questions/x", "/places/report?x=%00"):
        response = client.get(path)
        assert 400 <= response.status_code < 500, (path, response.status_code)
