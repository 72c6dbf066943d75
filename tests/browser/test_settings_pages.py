"""The Settings pages in Chromium: an officer's own daily digest, an administrator's alert addresses
and the emails that could not be sent; accessible (axe), and usable without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from demo.loader import load_demo
from survey.notifications.alerts import alert_addresses
from survey.officers import accounts as officers
from survey.storage.models import Notification
from survey.vocabulary import NotificationKind, NotificationStatus, Role
from tests.browser.conftest import assert_no_axe_violations, pass_second_factor, save_screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ADMIN = "settings-admin@demo.example"
VIEWER = "settings-viewer@demo.example"


@pytest.fixture(scope="module")
def demo(live_server):
    with live_server.session() as session:
        partnership = load_demo(session).partnership
        for email, role in ((ADMIN, Role.ADMIN), (VIEWER, Role.VIEWER)):
            if officers.officer_by_email(session, email) is None:
                officers.create_officer(session, email=email, password=PASSWORD, role=role,
                                        partnership=partnership)
        session.add(Notification(partnership_id=partnership.id, kind=NotificationKind.URGENT_ALERT,
                                 recipient="old-mailbox@demo.example", status=NotificationStatus.FAILED,
                                 attempts=5, last_error="The mail server refused the address"))
        session.commit()
        return partnership.id


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, email)


def test_an_officer_asks_for_the_daily_digest_without_javascript(no_script_page, demo, live_server):
    page = no_script_page
    sign_in(page, VIEWER)
    page.get_by_role("link", name="Settings").click()
    expect(page.locator("h1")).to_have_text("Settings")
    page.get_by_label("Email me each morning how many new reports arrived that are not urgent").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You will get a daily summary")
    with live_server.session() as session:
        assert officers.officer_by_email(session, VIEWER).daily_digest is True


def test_the_alerts_page_is_accessible_and_adds_and_removes_an_address(page, demo, live_server, backend):
    sign_in(page, ADMIN)
    page.goto("/officer/settings/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Urgent alert addresses").click()
    expect(page).to_have_title("Urgent alerts - Demo Borough Community Safety Partnership")
    expect(page.locator("table")).to_contain_text("The mail server refused the address")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add address").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address")
    assert_no_axe_violations(page)
    page.get_by_label("Email address").fill(f"duty-{backend}@demo.example")
    page.get_by_role("button", name="Add address").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("will be told of urgent reports")
    assert_no_axe_violations(page)
    save_screenshot(page, f"settings-alerts-{backend}")
    page.get_by_role("button", name=f"Remove duty-{backend}@demo.example").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("will no longer be told")
    with live_server.session() as session:
        assert f"duty-{backend}@demo.example" not in [a.email for a in alert_addresses(session, demo)]
