"""The community safety consultation in Chromium: by keyboard alone, without JavaScript, and
with 0 axe violations on every page of the flow, error states included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from demo.loader import DEMO_CONSULTATIONS, demo_consultation
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Response
from survey.vocabulary import Channel
from tests.browser.conftest import assert_no_axe_violations, continue_by_keyboard, save_screenshot, tab_to

pytestmark = pytest.mark.browser
SLUG = DEMO_CONSULTATIONS["community-safety"]


@pytest.fixture(scope="module", autouse=True)
def consultation(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        demo_consultation(session, partnership, "community-safety", SLUG)
        session.commit()


def responses(live_server) -> int:
    with live_server.session() as session:
        return session.scalar(select(func.count()).select_from(Response))


def submit(page: Page, button: str) -> None:
    """Press a button and wait for the next page to load completely before looking at it."""
    with page.expect_navigation(wait_until="load"):
        page.get_by_role("button", name=button).click()


class TestKeyboardOnly:
    def test_a_resident_completes_the_consultation_by_keyboard_alone(self, page, live_server):
        before = responses(live_server)
        page.goto(f"/consultations/{SLUG}/")
        tab_to(page, page.get_by_role("button", name="Start now"))
        page.keyboard.press("Enter")

        expect(page.locator("h1")).to_contain_text("How would you rank these issues")
        tab_to(page, page.get_by_label("Anti-social behaviour"))
        page.keyboard.press("ArrowDown")  # "Not ranked" -> "1"
        tab_to(page, page.get_by_label("Drug dealing and drug use"))
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")  # -> "2"
        continue_by_keyboard(page)

        expect(page.locator("h1")).to_contain_text("town centre issues")
        tab_to(page, page.get_by_label("Groups gathering"))
        page.keyboard.press("Space")
        continue_by_keyboard(page)

        expect(page.locator("h1")).to_contain_text("features of violence")
        continue_by_keyboard(page)  # optional: skip it

        # A radio group is one Tab stop; the arrow keys move between (and choose) its options.
        expect(page.locator("h1")).to_contain_text("during the day")
        tab_to(page, page.get_by_label("Very safe"))
        page.keyboard.press("ArrowDown")
        expect(page.get_by_label("Fairly safe")).to_be_checked()
        continue_by_keyboard(page)

        expect(page.locator("h1")).to_contain_text("after dark")
        tab_to(page, page.get_by_label("Very safe"))
        for _ in range(3):
            page.keyboard.press("ArrowDown")
        expect(page.get_by_label("Very unsafe")).to_be_checked()
        continue_by_keyboard(page)

        while page.url.split("/")[-1] != "check-answers":
            if "make you feel safer" in page.locator("h1").inner_text():
                tab_to(page, page.locator("textarea"))
                page.keyboard.type("Better lighting in the park")
            continue_by_keyboard(page)

        expect(page.locator("h1")).to_have_text("Check your answers before sending")
        expect(page.locator(".govuk-summary-list")).to_contain_text("Anti-social behaviour")
        tab_to(page, page.get_by_role("button", name="Send response"))
        page.keyboard.press("Enter")
        expect(page.locator(".govuk-panel__title")).to_have_text("Response sent")
        assert responses(live_server) == before + 1


class TestAccessibility:
    def test_every_page_of_the_flow_has_no_axe_violations(self, page, live_server, backend):
        page.goto(f"/consultations/{SLUG}/")
        assert_no_axe_violations(page)
        submit(page, "Start now")
        # Error state first: the same rank given twice.
        page.get_by_label("Violence").select_option("1")
        page.get_by_label("Burglary and theft").select_option("1")
        submit(page, "Continue")
        expect(page).to_have_title(re.compile(r"^Error: "))
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        assert_no_axe_violations(page)
        save_screenshot(page, f"consult-error-{backend}")
        summary.get_by_role("link").click()
        expect(page.get_by_label("Anti-social behaviour")).to_be_focused()  # the group's first field
        page.get_by_label("Burglary and theft").select_option("")
        submit(page, "Continue")
        while "check-answers" not in page.url:
            assert_no_axe_violations(page)
            submit(page, "Continue")
        assert_no_axe_violations(page)
        submit(page, "Send response")
        expect(page.locator(".govuk-panel__title")).to_have_text("Response sent")
        assert_no_axe_violations(page)
        save_screenshot(page, f"consult-confirmation-{backend}")

    def test_resume_and_saved_pages_have_no_axe_violations(self, page):
        page.goto(f"/consultations/{SLUG}/")
        submit(page, "Start now")
        submit(page, "Save and come back later")
        expect(page.locator(".govuk-panel__title")).to_have_text("Your answers have been saved")
        assert_no_axe_violations(page)
        page.goto(f"/consultations/{SLUG}/resume")
        submit(page, "Continue")
        expect(page).to_have_title(re.compile(r"^Error: "))
        assert_no_axe_violations(page)


class TestWithoutJavaScript:
    def test_the_consultation_can_be_completed_without_javascript(self, no_script_page, live_server):
        page = no_script_page
        before = responses(live_server)
        page.goto(f"/consultations/{SLUG}/")
        page.get_by_role("button", name="Start now").click()
        page.get_by_label("Violence").select_option("1")
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Other - please specify").check()
        page.get_by_role("textbox", name="Please specify").fill("E-scooters on the pavement")
        page.get_by_role("button", name="Continue").click()
        while "check-answers" not in page.url:
            page.get_by_role("button", name="Continue").click()
        expect(page.locator(".govuk-summary-list")).to_contain_text("E-scooters on the pavement")
        page.get_by_role("button", name="Send response").click()
        expect(page.locator(".govuk-panel__title")).to_have_text("Response sent")
        assert responses(live_server) == before + 1
        with live_server.session() as session:
            newest = select(Response.channel).order_by(Response.id.desc()).limit(1)
            assert session.scalar(newest) is Channel.WEB
