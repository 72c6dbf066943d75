"""The Get help pages and the reports inbox in Chromium: accessible, and working without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from demo.services import load_demo_services
from survey.officers import accounts as officers
from survey.partnerships import get_or_create_partnership
from survey.vocabulary import Role
from tests.browser.conftest import assert_no_axe_violations, pass_second_factor, save_screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser
EMAIL = "help-pages@demo.example"
CAMHS = "Demo Borough CAMHS (children's mental health)"


@pytest.fixture(scope="module")
def site(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        load_demo_services(session, partnership)
        if officers.officer_by_email(session, EMAIL) is None:
            officers.create_officer(session, email=EMAIL, password=PASSWORD, role=Role.ADMIN,
                                    partnership=partnership)
        session.commit()


def test_get_help_pages_have_no_axe_violations(page, site, backend):
    page.goto("/")
    page.get_by_role("link", name="Get help").first.click()
    expect(page.locator("h1")).to_have_text("Get help")
    expect(page.get_by_role("button", name="Emergency Exit this page")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Feeling low, or wanting to hurt yourself").click()
    expect(page.get_by_role("heading", name="Samaritans")).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, f"help-topic-{backend}")


def test_the_age_filter_works_without_javascript(no_script_page, site):
    no_script_page.goto("/help/mental_health")
    expect(no_script_page.get_by_role("heading", name=CAMHS)).to_be_visible()
    no_script_page.get_by_label("25 or over").check()
    no_script_page.get_by_role("button", name="Show services").click()
    expect(no_script_page.get_by_role("heading", name="Samaritans")).to_be_visible()
    expect(no_script_page.get_by_role("heading", name=CAMHS)).to_have_count(0)


def test_officer_reports_and_services_pages_have_no_axe_violations(page, site):
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, EMAIL)
    page.get_by_role("link", name="Reports").first.click()
    expect(page.locator("h1")).to_have_text("Reports")
    assert_no_axe_violations(page)
    page.goto("/officer/services")
    expect(page.locator("h1")).to_have_text("Local services")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add a service").click()
    page.get_by_role("button", name="Save service").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the service")
    assert_no_axe_violations(page)
