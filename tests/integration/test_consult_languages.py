"""The consultation flow in Welsh, Polish and Urdu through the test client, with no JavaScript:
every fixed word of the pages in the chosen language, errors in it too, and the answers stored
exactly as an English respondent's (by option value: the language never reaches storage)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from demo.loader import DEMO_CONSULTATIONS, demo_consultation
from survey.answers import RawAnswer
from survey.consultations import create_consultation
from survey.languages import translate
from survey.question_types import AnswerError, DateQuestion
from survey.storage.models import Answer, Response
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership
from tests.integration.test_consult_flow import FULL
from tests.web import CSRF_PATTERN

SLUG = DEMO_CONSULTATIONS["community-safety"]
BASE = f"/consultations/{SLUG}"
TINY = """\
id: tiny
kind: consultation
title: Tiny survey
intro: One question.
privacy_notice: Anonymous.
pages:
  - questions:
      - id: feeling
        type: scale
        preset: safety
        text: How safe do you feel?
        required: true
"""

# The demo consultation's own questions, answered as in test_consult_flow, and one about-you answer.
ANSWERS = [*FULL, ("about_age_band", {"answer": "prefer_not_to_say"})]

# Fixed words of each page, by language (the consultation's own words stay as the definition has them).
WELSH = {
    "start": ["Dechrau nawr", "Eich preifatrwydd", "Darllen mwy am breifatrwydd",
              "Parhau gyda chod ailddechrau"],
    "question": ["Parhau", "Cadw a dod yn ôl yn nes ymlaen", "Yn ôl", "Cwestiwn 1"],
    "error": ["Mae problem wedi codi", "Rhowch bob safle i un opsiwn yn unig", "<title>Gwall: "],
    "check": ["Gwiriwch eich atebion cyn anfon", "Newid", "Heb ateb", "Mae&#39;n well gennyf beidio â dweud",
              "Nawr anfonwch eich ymateb", "Anfon ymateb"],
    "confirmation": ["Ymateb wedi&#39;i anfon", "Eich cyfeirnod yw", "Eich cod gwirio yw", "Mynd i'r hafan"],
}
ENGLISH = {
    "start": ["Start now"],
    "question": ["Save and come back later"],
    "error": ["Give each rank to one option only"],
    "check": ["Not answered", "Change"],
    "confirmation": ["Response sent"],
}
OTHERS = {
    "pl": {
        "start": ["Zacznij teraz", "Twoja prywatność"],
        "question": ["Dalej", "Zapisz i wróć później", "Wstecz"],
        "error": ["Wystąpił problem", "Każde miejsce w kolejności przypisz tylko jednej opcji"],
        "required": "Wybierz odpowiedź",
    },
    "ur": {
        "start": ["ابھی شروع کریں", "آپ کی رازداری"],
        "question": ["جاری رکھیں", "محفوظ کریں اور بعد میں واپس آئیں", "واپس"],
        "error": ["ایک مسئلہ ہے", "ہر درجہ صرف ایک آپشن کو دیں"],
        "required": "ایک جواب منتخب کریں",
    },
}


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def consultation(db_session, partnership):
    return demo_consultation(db_session, partnership, "community-safety", SLUG)


@pytest.fixture
def tiny(db_session, partnership):
    return create_consultation(db_session, partnership, TINY, slug="tiny", status=ConsultationStatus.OPEN)


def _page(client, location: str) -> str:
    response = client.get(location)
    assert response.status_code == 200, location
    return response.get_data(as_text=True)


def _post(client, location: str, data: dict, page: str | None = None):
    page = page if page is not None else _page(client, location)
    return client.post(location, data={"csrf_token": CSRF_PATTERN.search(page).group(1), **data})


def _shows(page: str, words: list[str]) -> None:
    missing = [word for word in words if word not in page]
    assert missing == [], missing


def _begin(client, base: str = BASE, start_words: list[str] | None = None) -> str:
    page = _page(client, f"{base}/")
    if start_words:
        _shows(page, start_words)
    response = _post(client, f"{base}/start", {}, page)
    assert response.status_code == 302
    return response.headers["Location"]


def walk(client, words: dict[str, list[str]] | None = None) -> str:
    """Answer every question (the about-you ones left empty but one), checking each page's words."""
    words = words or {}
    location = _begin(client, start_words=words.get("start"))
    page = _page(client, location)
    _shows(page, words.get("question", []))
    # An answer the question refuses: the page says so, in the page's language, and stores nothing.
    wrong = _post(client, location, {"rank-violence": "1", "rank-anti_social_behaviour": "1"}, page)
    assert wrong.status_code == 200
    _shows(wrong.get_data(as_text=True), words.get("error", []))
    given = dict(ANSWERS)
    while "/questions/" in location:
        question_id = location.rsplit("/", 1)[1]
        response = _post(client, location, given.get(question_id, {}))
        assert response.status_code == 302, response.get_data(as_text=True)
        location = response.headers["Location"]
    assert location.endswith("/check-answers")
    check = _page(client, location)
    _shows(check, words.get("check", []))
    sent = _post(client, location, {}, check)
    assert sent.headers["Location"].endswith("/confirmation")
    confirmation = _page(client, sent.headers["Location"])
    _shows(confirmation, words.get("confirmation", []))
    return confirmation


def stored_answers(db_session, reference: str) -> set[tuple]:
    response = db_session.scalar(select(Response).where(Response.reference == reference))
    rows = db_session.scalars(select(Answer).where(Answer.response_id == response.id))
    return {(row.question_id, row.option, row.rank, row.text, row.number) for row in rows}


def _reference(confirmation: str) -> str:
    return re.search(r'<strong class="sv-code">([^<]+)</strong>', confirmation).group(1)


class TestWelsh:
    def test_a_welsh_walk_shows_welsh_words_and_stores_what_an_english_one_does(
        self, app, client, db_session, consultation
    ):
        english = walk(app.test_client(), ENGLISH)
        client.get("/language/cy")
        welsh = walk(client, WELSH)
        assert 'lang="cy"' in welsh
        stored = stored_answers(db_session, _reference(welsh))
        assert stored == stored_answers(db_session, _reference(english))
        assert ("town_centre_issues", "other", None, "Scooters on pavements", None) in stored
        assert ("about_age_band", "prefer_not_to_say", None, None, None) in stored

    def test_a_required_question_left_empty_says_so_in_welsh(self, client, tiny):
        client.get("/language/cy")
        location = _begin(client, "/consultations/tiny")
        page = _post(client, location, {}).get_data(as_text=True)
        _shows(page, ["Mae problem wedi codi", "Dewiswch ateb", '"govuk-visually-hidden">Gwall:</span>'])
        assert "Select an answer" not in page

    def test_the_character_count_speaks_welsh_in_every_plural_form(self, client, consultation):
        client.get("/language/cy")
        location = _begin(client)
        while not location.endswith("/feel_safer"):
            location = _post(client, location, {}).headers["Location"]
        page = _page(client, location)
        assert "Gallwch roi hyd at 2000 nod" in page  # shown without JavaScript
        remaining = "Mae gennych %{count} nod yn weddill"
        for category in ("zero", "one", "two", "few", "many", "other"):
            assert f'data-i18n.characters-under-limit.{category}="{remaining}"' in page


@pytest.mark.parametrize("code", ["pl", "ur"])
class TestPolishAndUrdu:
    def test_start_a_question_and_its_error_in_the_language(self, client, consultation, code):
        words = OTHERS[code]
        client.get("/language/" + code)
        location = _begin(client, start_words=words["start"])
        page = _page(client, location)
        _shows(page, words["question"])
        assert f'lang="{code}"' in page
        wrong = _post(client, location, {"rank-violence": "1", "rank-anti_social_behaviour": "1"}, page)
        _shows(wrong.get_data(as_text=True), words["error"])
        assert _post(client, location, {"rank-violence": "1"}).status_code == 302  # the page still works

    def test_a_required_question_left_empty_says_so_in_the_language(self, client, tiny, code):
        client.get("/language/" + code)
        page = _post(client, _begin(client, "/consultations/tiny"), {}).get_data(as_text=True)
        assert OTHERS[code]["required"] in page and "Select an answer" not in page

    def test_a_date_limit_is_given_as_a_date_in_the_language(self, code):
        question = DateQuestion(id="when", type="date", text="When?", min=dt.date(2025, 3, 1))
        with pytest.raises(AnswerError) as refused:
            question.parse(RawAnswer(("1", "1", "2025")))
        assert str(refused.value) == "Date must be on or after 1 March 2025"
        month = {"pl": "1 marca 2025", "ur": "1 مارچ 2025"}[code]
        assert month in translate(refused.value.message, code)


class TestDatesOnTheStartPage:
    def test_the_closing_date_is_written_in_welsh(self, app, client, db_session, consultation):
        consultation.closes_on = dt.date(2099, 3, 1)
        db_session.flush()
        assert "This consultation closes on 1 March 2099." in _page(app.test_client(), f"{BASE}/")
        client.get("/language/cy")
        assert "Mae'r ymgynghoriad hwn yn cau ar 1 Mawrth 2099." in _page(client, f"{BASE}/")
