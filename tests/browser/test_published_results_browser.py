"""Published results in Chromium: the list and a results page with 0 axe violations, read without
JavaScript, and reached from the home page by keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from analysis.published import publish
from demo.loader import DEMO_CONSULTATIONS, demo_consultation
from demo.responses import generate_demo_responses
from survey.consultations import set_status
from survey.partnerships import get_or_create_partnership
from survey.publications import EntryText, save_entry
from survey.vocabulary import ActionStatus, ConsultationStatus
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, tab_to

pytestmark = pytest.mark.browser
SLUG = DEMO_CONSULTATIONS["community-safety"]


@pytest.fixture(scope="module", autouse=True)
def published(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        consultation = demo_consultation(session, partnership, "community-safety", SLUG)
        generate_demo_responses(session, consultation)
        set_status(session, consultation, ConsultationStatus.CLOSED)
        publish(session, consultation)
        save_entry(session, consultation, EntryText(
            "Anti-social behaviour in the town centre", "Two extra evening patrols each week from January.",
            "Council community safety team", ActionStatus.IN_PROGRESS))
        session.commit()


def test_the_results_list_and_page_have_no_axe_violations(page: Page):
    page.goto("/results")
    expect(page.get_by_role("heading", level=1)).to_have_text("Results")
    assert_no_axe_violations(page)
    page.goto(f"/results/{SLUG}")
    expect(page.get_by_role("heading", name="You said, we did")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Exit this page"))).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "published-results")


def test_a_resident_reaches_the_results_by_keyboard(page: Page):
    page.goto("/")
    tab_to(page, page.get_by_role("link", name="See all published results"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    link = page.get_by_role("link", name="Community safety consultation", exact=True)
    tab_to(page, link)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/results/{SLUG}$"))


def test_the_results_page_reads_without_javascript(no_script_page: Page):
    no_script_page.goto(f"/results/{SLUG}")
    expect(no_script_page.get_by_text("Two extra evening patrols each week from January.")).to_be_visible()
    expect(no_script_page.get_by_text("In progress")).to_be_visible()
    assert no_script_page.locator("svg[role=img] title").count() >= 3
    assert no_script_page.locator("table.govuk-table").count() >= 3
    expect(no_script_page.get_by_role("link", name="Download the figures as CSV")).to_be_visible()
    expect(no_script_page.get_by_role("button", name=re.compile("Exit this page"))).to_be_visible()
