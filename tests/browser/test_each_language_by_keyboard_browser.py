"""Issue 20, done when: a resident chooses Cymraeg, Polski or اردو on the home page and completes the demo
consultation and a place report in that language, by keyboard alone, with no JavaScript. (Their pages in
Urdu are checked with axe, which needs JavaScript, in test_consult_languages_browser and
test_pages_in_urdu_browser.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from demo.loader import DEMO_CONSULTATIONS, demo_consultation
from survey.definitions.definition import load_template
from survey.languages import BY_CODE, translate
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Answer, Consultation, Response
from tests.browser.conftest import tab_to

pytestmark = pytest.mark.browser
SURVEY, PLACES = DEMO_CONSULTATIONS["community-safety"], DEMO_CONSULTATIONS["place-report"]
PLACE_WORDS = {"cy": "Y llwybr tywyll wrth yr orsaf", "pl": "Ciemne przejście przy dworcu",
               "ur": "اسٹیشن کے پاس اندھیرا راستہ"}


@pytest.fixture(scope="module", autouse=True)
def consultations(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        for template, slug in (("community-safety", SURVEY), ("place-report", PLACES)):
            demo_consultation(session, partnership, template, slug)
        session.commit()


def by_keyboard(page: Page, target) -> None:
    """Tab to ``target`` and press Enter, waiting for the page it leads to."""
    tab_to(page, target)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def button(page: Page, code: str, english: str):
    return page.get_by_role("button", name=translate(english, code))


def newest(live_server, slug: str) -> Response:
    with live_server.session() as session:
        found = session.scalars(select(Response).join(Consultation).where(Consultation.slug == slug)
                                .order_by(Response.id.desc()).limit(1)).first()
        assert found is not None
        session.expunge(found)
        return found


@pytest.mark.parametrize("code", ["cy", "pl", "ur"])
def test_a_resident_chooses_a_language_and_takes_part_in_it(no_script_page, live_server, code):
    page, language = no_script_page, BY_CODE[code]
    survey = load_template("community-safety").in_language(code)
    page.goto("/")
    by_keyboard(page, page.get_by_role("link", name=language.own_name, exact=True))
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("html")).to_have_attribute("dir", language.direction)

    # The demo consultation, from its title on the home page, in the chosen language.
    by_keyboard(page, page.get_by_role("link", name=survey.title, exact=True))
    expect(page.locator("h1")).to_have_text(survey.title)
    by_keyboard(page, button(page, code, "Start now"))
    ranking = survey.question("priorities")
    expect(page.locator("h1")).to_contain_text(ranking.text.strip())
    tab_to(page, page.get_by_label(ranking.options[0].label, exact=True))
    page.keyboard.press("ArrowDown")  # "Not ranked" -> "1"
    while not page.url.endswith("/check-answers"):
        by_keyboard(page, button(page, code, "Continue"))
    expect(page.locator(".govuk-summary-list")).to_contain_text(ranking.options[0].label)
    by_keyboard(page, button(page, code, "Send response"))
    expect(page.locator(".govuk-panel")).to_be_visible()
    sent = newest(live_server, SURVEY)
    assert sent.language == code

    # A place report, in the same language (the choice is remembered).
    report = load_template("place-report").in_language(code)
    page.goto(f"/consultations/{PLACES}/")
    expect(page.locator("html")).to_have_attribute("lang", code)
    by_keyboard(page, button(page, code, "Start now"))
    unsafe = next(option.label for option in report.question("feeling").options if option.value == "unsafe")
    described = page.get_by_label(translate("Describe the place", code), exact=True)
    while not page.url.endswith("/check-answers"):  # one question a page: answer the two it needs
        if page.get_by_label(unsafe, exact=True).count():
            tab_to(page, page.get_by_label(unsafe, exact=True))
            page.keyboard.press("Space")
        if described.count():
            tab_to(page, described)
            page.keyboard.type(PLACE_WORDS[code])
        by_keyboard(page, button(page, code, "Continue"))
    expect(page.locator(".govuk-summary-list")).to_contain_text(PLACE_WORDS[code])
    by_keyboard(page, button(page, code, "Send response"))
    expect(page.locator(".govuk-panel")).to_be_visible()
    placed = newest(live_server, PLACES)
    assert placed.language == code
    with live_server.session() as session:
        answers = {(a.question_id, a.option, a.text) for a in session.scalars(
            select(Answer).where(Answer.response_id == placed.id))}
    assert ("feeling", "unsafe", None) in answers  # stored by value, whatever language was shown
    assert any(text == PLACE_WORDS[code] for _, _, text in answers)
