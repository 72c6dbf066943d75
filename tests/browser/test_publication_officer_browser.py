"""An officer publishes results and writes "You said, we did" in Chromium, with no JavaScript, and a
resident reads them with none either; the officer's pages have 0 axe violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from survey.officers import accounts as officers
from survey.partnerships import get_or_create_partnership
from survey.vocabulary import Role
from tests.browser.conftest import assert_no_axe_violations, pass_second_factor, save_screenshot
from tests.factories import PASSWORD
from tests.published import OFFICER_PAGE, PUBLIC_PAGE, closed_consultation

pytestmark = pytest.mark.browser
EMAIL = "publisher@demo.example"
WE_DID = "Two extra evening patrols each week from January, with the youth service."


@pytest.fixture(scope="module", autouse=True)
def consultation(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        officers.create_officer(session, email=EMAIL, password=PASSWORD, role=Role.ANALYST,
                                partnership=partnership)
        closed_consultation(session, partnership)
        session.commit()


def _sign_in(page: Page) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, EMAIL)


def test_the_publication_page_and_entry_form_have_no_axe_violations(page: Page):
    _sign_in(page)
    page.goto(OFFICER_PAGE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish results")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Add an entry").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("You said, we did")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save and publish this entry").click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "officer-you-said-we-did-errors")


def test_an_officer_publishes_and_a_resident_reads_it_all_without_javascript(
        no_script_page: Page, browser: Browser, live_server):
    officer = no_script_page
    _sign_in(officer)
    officer.goto(OFFICER_PAGE)
    officer.get_by_role("button", name="Publish").first.click()
    expect(officer.get_by_text("The results are published.")).to_be_visible()
    officer.get_by_role("link", name="Add an entry").click()
    officer.get_by_label("You said").fill("Anti-social behaviour in the town centre")
    officer.get_by_label("What the partnership will do or has done").fill(WE_DID)
    officer.get_by_label("Who leads").fill("Council community safety team")
    officer.get_by_label("In progress").check()
    officer.get_by_role("button", name="Save and publish this entry").click()
    expect(officer.get_by_text(WE_DID)).to_be_visible()

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        resident = context.new_page()
        resident.goto(PUBLIC_PAGE)
        expect(resident.get_by_role("heading", name="You said, we did")).to_be_visible()
        expect(resident.get_by_text(WE_DID)).to_be_visible()
        expect(resident.get_by_text("In progress")).to_be_visible()
        expect(resident.get_by_text("Council community safety team")).to_be_visible()
    finally:
        context.close()
