"""The retention page and the privacy notice in Chromium: accessible (axe), usable by keyboard and
without JavaScript, and the privacy notice showing the periods an administrator saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from demo.loader import load_demo
from survey.officers import accounts as officers
from survey.vocabulary import Role
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, sign_in_with_password
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ADMIN = "retention-admin@demo.example"
VIEWER = "retention-viewer@demo.example"


@pytest.fixture(scope="module")
def demo(live_server):
    with live_server.session() as session:
        partnership = load_demo(session).partnership
        for email, role in ((ADMIN, Role.ADMIN), (VIEWER, Role.VIEWER)):
            if officers.officer_by_email(session, email) is None:
                officers.create_officer(
                    session, email=email, password=PASSWORD, role=role, partnership=partnership
                )
        session.commit()
        return partnership.id


def sign_in(page, email: str) -> None:
    sign_in_with_password(page, email, PASSWORD)  # and the second factor, where one is needed


def test_a_viewer_reads_the_policy(page, demo):
    sign_in(page, VIEWER)
    page.get_by_role("link", name="Data retention").click()
    expect(page.locator("h1")).to_have_text("Data retention")
    expect(page.locator(".govuk-summary-list")).to_contain_text("24 months")
    expect(page.get_by_role("link", name="Change retention periods")).to_have_count(0)
    assert_no_axe_violations(page)


def test_an_administrator_changes_a_period_without_javascript(no_script_page, demo, backend):
    page = no_script_page
    sign_in(page, ADMIN)
    page.goto("/officer/retention")
    page.get_by_role("link", name="Change retention periods").click()
    page.get_by_label("Worries").fill("")
    page.get_by_role("button", name="Save retention periods").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter how many months to keep worries")
    page.get_by_label("Worries").fill("12")
    page.get_by_role("button", name="Save retention periods").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Retention periods saved")
    page.goto("/privacy")
    expect(page.locator("main")).to_contain_text("worries you tell us, on the website or in the chat: 1 year")


def test_the_pages_have_no_axe_violations(page, demo, backend):
    page.goto("/privacy")
    assert_no_axe_violations(page)
    sign_in(page, ADMIN)
    page.goto("/officer/retention")
    assert_no_axe_violations(page)
    save_screenshot(page, f"retention-{backend}")
    page.goto("/officer/retention/edit")
    page.get_by_label("Place reports").fill("none")
    page.get_by_role("button", name="Save retention periods").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Place reports must be a whole number")
    assert_no_axe_violations(page)
