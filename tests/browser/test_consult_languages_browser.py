"""The consultation in Urdu (right to left) and Polish in Chromium: 0 axe violations in Urdu on the
start page, a question and its error state, and a short consultation completed in Polish by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from demo.loader import DEMO_CONSULTATIONS, demo_consultation
from survey.consultations import consultation_by_slug, create_consultation
from survey.definitions.definition import load_template
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Answer, Response
from survey.vocabulary import ConsultationStatus
from tests.browser.conftest import assert_no_axe_violations, tab_to

pytestmark = pytest.mark.browser
SLUG = DEMO_CONSULTATIONS["community-safety"]
SHORT = """\
id: short-pl
kind: consultation
title: Short survey
intro: Two questions.
privacy_notice: Anonymous.
pages:
  - questions:
      - id: feeling
        type: scale
        preset: safety
        text: How safe do you feel in the park?
        required: true
      - id: why
        type: free_text
        text: Why?
        max_length: 200
"""


@pytest.fixture(scope="module", autouse=True)
def consultations(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        demo_consultation(session, partnership, "community-safety", SLUG)
        if consultation_by_slug(session, "short-pl") is None:
            create_consultation(session, partnership, SHORT, slug="short-pl", status=ConsultationStatus.OPEN)
        session.commit()


def option_label(question_id: str, value: str, code: str) -> str:
    """How the demo consultation labels an option in language ``code``."""
    question = load_template("community-safety").in_language(code).question(question_id)
    return next(option.label for option in question.all_options if option.value == value)


def submit(page: Page, button: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=button).click()


def press_by_keyboard(page: Page, button: str) -> None:
    tab_to(page, page.get_by_role("button", name=button))
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


class TestUrdu:
    def test_start_a_question_and_its_error_have_no_axe_violations(self, page):
        page.goto(f"/language/ur?next=/consultations/{SLUG}/")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.get_by_role("button", name="ابھی شروع کریں")).to_be_visible()
        assert_no_axe_violations(page)
        submit(page, "ابھی شروع کریں")
        expect(page.get_by_role("button", name="جاری رکھیں")).to_be_visible()
        assert_no_axe_violations(page)
        # The demo consultation's own words are in Urdu too (the template carries all four languages).
        page.get_by_label(option_label("priorities", "violence", "ur")).select_option("1")
        page.get_by_label(option_label("priorities", "burglary_and_theft", "ur")).select_option("1")
        submit(page, "جاری رکھیں")
        expect(page).to_have_title(re.compile(r"^خرابی"))
        expect(page.locator(".govuk-error-summary")).to_contain_text("ایک مسئلہ ہے")
        expect(page.locator(".govuk-error-summary")).to_contain_text("ہر درجہ صرف ایک آپشن کو دیں")
        assert_no_axe_violations(page)


class TestPolishByKeyboard:
    def test_a_short_consultation_is_completed_by_keyboard_alone_in_polish(self, page, live_server):
        with live_server.session() as session:
            before = session.scalar(select(func.count()).select_from(Response))
        page.goto("/language/pl?next=/consultations/short-pl/")
        expect(page.locator("html")).to_have_attribute("lang", "pl")
        tab_to(page, page.get_by_role("button", name="Zacznij teraz"))
        with page.expect_navigation(wait_until="load"):
            page.keyboard.press("Enter")

        press_by_keyboard(page, "Dalej")  # the required question left empty
        expect(page.locator(".govuk-error-summary")).to_contain_text("Wybierz odpowiedź")
        # A radio group is one Tab stop; the arrow keys move between (and choose) its options.
        tab_to(page, page.get_by_label("Bardzo bezpiecznie"))
        page.keyboard.press("ArrowDown")
        expect(page.get_by_label("Raczej bezpiecznie")).to_be_checked()
        press_by_keyboard(page, "Dalej")

        tab_to(page, page.locator("textarea"))
        page.keyboard.type("Lepsze oświetlenie")
        press_by_keyboard(page, "Dalej")

        expect(page.locator("h1")).to_have_text("Sprawdź odpowiedzi przed wysłaniem")
        expect(page.locator(".govuk-summary-list")).to_contain_text("Raczej bezpiecznie")
        press_by_keyboard(page, "Wyślij odpowiedź")
        expect(page.locator(".govuk-panel__title")).to_have_text("Odpowiedź została wysłana")
        with live_server.session() as session:
            assert session.scalar(select(func.count()).select_from(Response)) == before + 1
            newest = session.scalar(select(Response.id).order_by(Response.id.desc()).limit(1))
            stored = {(a.question_id, a.option, a.text) for a in session.scalars(
                select(Answer).where(Answer.response_id == newest))}
        assert stored == {("feeling", "fairly_safe", None), ("why", None, "Lepsze oświetlenie")}
