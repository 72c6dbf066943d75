"""The public pages outside the consultation, places and conversations, in Welsh, Polish and Urdu: home,
privacy, accessibility, Get help, the error pages, the published results, Check a report and the web
chat's page. Each shows its own words translated (and not the English), and its forms still work and
say what is wrong in the visitor's language."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from survey.consultations import definition_of
from survey.languages import translate, translate_plural
from survey.responses.store import store_response
from survey.runner.navigation import validate_answer
from survey.vocabulary import Channel
from tests.conversations import make_demo_partnership
from tests.factories import make_partnership
from tests.places import make_place_consultation
from tests.published import PUBLIC_PAGE, published_consultation
from tests.web import CSRF_PATTERN
from tests.web_chat import WebChat
from webapp.check import texts as check_texts
from webapp.errors import EXPIRED_HEADING, PAGES

CODES = ["cy", "pl", "ur"]
IN_DANGER = "If you or someone else is in danger right now, call <strong>999</strong>."


def shown(page: str, english: str, code: str, *, english_gone: bool = True) -> None:
    """``english``'s translation is on the page (as written or HTML-escaped) and ``english`` is not."""
    words = translate(english, code)
    assert words != english, f"{english!r} has no {code} translation"
    assert words in page or str(escape(words)) in page, f"{words!r} not on the page"
    if english_gone:
        assert english not in page and str(escape(english)) not in page, f"{english!r} is still on the page"


def in_language(client, code: str):  # noqa: ANN201 - the same test client, now reading ``code``
    assert client.get(f"/language/{code}").status_code == 303
    return client


def text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


@pytest.fixture
def partnership(db_session):
    partnership = make_partnership(db_session, "north")
    db_session.commit()
    return partnership


@pytest.mark.parametrize("code", CODES)
class TestPublicPages:
    def test_the_home_page_and_the_visitors_menu(self, client, partnership, code):
        page = text(in_language(client, code), "/")
        shown(page, "Tell us how safe you feel where you live, work, study or visit. You do not need an "
                    "account and you do not have to give your name.", code)
        shown(page, "There are no open consultations right now. Please come back later.", code)
        shown(page, "To talk to someone about any worry, call Childline free on <strong>0800 1111</strong> "
                    "(if you are under 19) or Samaritans on <strong>116 123</strong> (any age, any time).",
              code)
        for item in ("Safe spaces map", "Get help"):
            words = re.escape(str(escape(translate(item, code))))
            assert re.search(rf'class="govuk-service-navigation__link"[^>]*>\s*{words}\s*</a>', page)
        assert f"<title>{escape(translate('Home', code))} - " in page

    def test_the_privacy_notice_with_its_periods(self, client, partnership, code):
        page = text(in_language(client, code), "/privacy")
        shown(page, "We use one cookie to remember your answers while you fill in a form. It is deleted when "
                    "you close your browser. We do not use tracking or advertising cookies.", code)
        shown(page, "If someone is in danger", code)
        two_years = translate_plural("%(num)d year", "%(num)d years", 2, code).replace("%(num)d", "2")
        assert translate("answers to a consultation: %(period)s", code) % {"period": two_years} in page
        assert "2 years" not in page

    def test_the_accessibility_statement(self, client, partnership, code):
        page = text(in_language(client, code), "/accessibility")
        shown(page, "use the whole website with just a keyboard", code)
        assert translate("zoom in up to 400%% without the text spilling off the screen", code) % {} in page
        shown(page, "Reporting problems", code)


@pytest.mark.parametrize("code", CODES)
class TestGetHelp:
    def test_the_list_of_topics(self, client, partnership, code):
        page = text(in_language(client, code), "/help")
        shown(page, "What do you need help with?", code)
        shown(page, "Whatever is worrying you, there are people who can help. Choose what you need help with "
                    "to see who you can talk to.", code)

    def test_a_topic_filters_by_age_in_the_language(self, client, partnership, code):
        client = in_language(client, code)
        page = text(client, "/help/mental_health")
        shown(page, "How old are you?", code)
        shown(page, "Show services", code)
        shown(page, "Who can help", code)
        assert 'value="11_15" checked' not in page
        filtered = text(client, "/help/mental_health?age=11_15")
        assert re.search(r'value="11_15"\s+checked', filtered) and translate("Who can help", code) in filtered


@pytest.mark.parametrize("code", CODES)
class TestErrorPages:
    def test_a_missing_page(self, client, partnership, code):
        response = in_language(client, code).get("/no-such-page")
        assert response.status_code == 404
        page = response.get_data(as_text=True)
        shown(page, "Page not found", code)
        shown(page, "Go to the home page", code)

    def test_an_expired_form(self, client, partnership, code):
        response = in_language(client, code).post("/check-a-report", data={"reference": "A", "code": "B"})
        assert response.status_code == 400
        shown(response.get_data(as_text=True), EXPIRED_HEADING, code)

    def test_every_error_page_is_translated(self, code):
        for heading, advice in PAGES.values():
            assert translate(heading, code) != heading and translate(advice, code) != advice


@pytest.fixture
def published(db_session, partnership):
    return published_consultation(db_session, partnership)


@pytest.mark.parametrize("code", CODES)
class TestPublishedResults:
    def test_the_results_page(self, client, published, code):
        page = text(in_language(client, code), PUBLIC_PAGE)
        shown(page, "Key findings", code)
        shown(page, "Download the figures as CSV", code)
        shown(page, "To protect the people who answered, counts are rounded to the nearest 5, and a figure "
                    "shown as [c] is hidden: it was fewer than 10, or a hidden figure could be worked out "
                    "from it.", code)
        assert translate("<strong>%(people)s</strong> people responded.", code) % {"people": "45"} in page
        assert "people responded" not in page
        assert translate("Published %(date)s.", code).split("%(date)s")[0] in page

    def test_the_list_of_results(self, client, published, code):
        page = text(in_language(client, code), "/results")
        shown(page, "What people told us in our consultations, and what we are doing about it.", code)
        for month in ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"):
            assert f" {month} " not in page  # the month is named in the language too


@pytest.fixture
def report(db_session):
    """A stored place report: (reference, check code)."""
    consultation = make_place_consultation(db_session, make_partnership(db_session), boundary=False)
    definition = definition_of(consultation)
    raw = {"feeling": "unsafe", "place": {"description": "The underpass"}, "reasons": ["poor_lighting"]}
    answers = {qid: validate_answer(definition.question(qid), value) for qid, value in raw.items()}
    stored = store_response(db_session, consultation, definition, answers, channel=Channel.WEB)
    db_session.commit()
    return stored.response.reference, stored.check_code


def post(client, path: str, **data: str):  # noqa: ANN201 - a test response
    token = CSRF_PATTERN.search(text(client, "/check-a-report")).group(1)
    return client.post(path, data={"csrf_token": token, **data})


@pytest.mark.parametrize("code", CODES)
class TestCheckAReport:
    def test_missing_fields_are_named_in_the_language(self, client, report, code):
        response = post(in_language(client, code), "/check-a-report", reference="", code="")
        page = response.get_data(as_text=True)
        shown(page, check_texts.ENTER_REFERENCE, code)
        shown(page, check_texts.ENTER_CODE, code)
        shown(page, "There is a problem", code)
        assert translate("Error: %(title)s", code).split("%(title)s")[0] in page

    def test_a_wrong_code_is_refused_in_the_language(self, client, report, code):
        reference, _check = report
        page = post(in_language(client, code), "/check-a-report", reference=reference,
                    code="XXX-XXX-XXX").get_data(as_text=True)
        shown(page, check_texts.NO_MATCH, code)

    def test_the_status_and_withdrawing(self, client, report, code):
        reference, check = report
        client = in_language(client, code)
        page = post(client, "/check-a-report", reference=reference, code=check).get_data(as_text=True)
        shown(page, "We have received your report. Someone will read it soon.", code)
        shown(page, "There is no message for you.", code)
        confirm = post(client, "/check-a-report/withdraw", reference=reference, code=check)
        shown(confirm.get_data(as_text=True), "Your report will be deleted. This cannot be undone.", code)
        done = post(client, "/check-a-report/withdraw", reference=reference, code=check, confirm="yes")
        assert done.status_code == 302
        shown(text(client, done.location), "Your reference and check code will not work any more.", code)


@pytest.fixture
def demo(db_session):
    return make_demo_partnership(db_session)


@pytest.mark.parametrize("code", CODES)
class TestWebChatPage:
    def test_the_start_page_and_starting(self, client, demo, code):
        client = in_language(client, code)
        start = text(client, "/chat")
        shown(start, "Nobody watches this chat all the time. If you or someone else is in danger right now, "
                     "call 999.", code)
        shown(start, "Start chat", code)
        page = WebChat(client).start()
        assert page.lines, "the chat started"
        chat = text(client, "/chat")
        # The conversation's own lines are the core's (translated with the conversations), so only the
        # page's words are checked here, and the English buttons must be gone.
        for words in ("Send", "Forget this chat", "Type a message", IN_DANGER):
            shown(chat, words, code, english_gone=False)
        assert ">Forget this chat</button>" not in chat and "Type a message</label>" not in chat

    def test_an_empty_message_is_refused_with_the_problem_named(self, client, demo, code):
        chat = WebChat(in_language(client, code))
        chat.start()
        response = chat.client.post("/chat", data={**chat.page.hidden, "message": "   "})
        assert response.status_code == 303
        page = text(chat.client, "/chat")
        shown(page, "There is a problem", code)
        assert "govuk-error-message" in page
