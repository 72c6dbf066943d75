"""The password pages in Chromium: adding an officer, the one-time password, choosing and changing a
password, and the signed-out notice: accessible (axe), by keyboard, and without JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from demo.loader import load_demo
from survey.officers import accounts as officers
from survey.vocabulary import Role
from tests.browser.conftest import assert_no_axe_violations, pass_second_factor, save_screenshot, tab_to
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ADMIN = "password-admin@demo.example"
ANALYST = "password-analyst@demo.example"
NEW_PASSWORD = "lantern orchard velvet 42"


@pytest.fixture(scope="module")
def people(live_server):
    with live_server.session() as session:
        partnership = load_demo(session).partnership
        for email, role in ((ADMIN, Role.ADMIN), (ANALYST, Role.ANALYST)):
            if officers.officer_by_email(session, email) is None:
                officers.create_officer(session, email=email, password=PASSWORD, role=role,
                                        partnership=partnership)
        session.commit()


def sign_in(page, email: str, password: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, email)


def test_an_admin_adds_an_officer_who_then_chooses_a_password_without_javascript(
    page, no_script_page, people, backend
):
    sign_in(page, ADMIN, PASSWORD)
    page.goto("/officer/officers/new")
    assert_no_axe_violations(page)
    page.get_by_label("Email address").fill(f"newcomer-{backend}@demo.example")
    page.get_by_label("Viewer").check()
    page.get_by_role("button", name="Create officer").click()
    expect(page.locator("h1")).to_have_text("Officer added")
    expect(page).to_have_title("Officer added - Demo Borough Community Safety Partnership")
    assert_no_axe_violations(page)
    save_screenshot(page, f"officer-added-{backend}")
    one_time = page.locator(".sv-password-once").inner_text()

    newcomer = no_script_page
    sign_in(newcomer, f"newcomer-{backend}@demo.example", one_time)
    expect(newcomer.locator("h1")).to_have_text("Choose a new password")
    newcomer.get_by_role("button", name="Save new password").click()
    expect(newcomer).to_have_title("Error: Choose a new password - Demo Borough Community Safety Partnership")
    expect(newcomer.locator(".govuk-error-summary")).to_contain_text("Enter a new password")
    newcomer.get_by_label("The password you were given").fill(one_time)
    newcomer.get_by_label("New password").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Save new password").click()
    expect(newcomer.locator("h1")).to_have_text("Your password has been changed")


def test_the_change_password_pages_are_accessible_and_work_by_keyboard(page, people, backend):
    sign_in(page, ANALYST, PASSWORD)
    page.get_by_role("link", name="Change your password").click()
    expect(page.locator("h1")).to_have_text("Change your password")
    assert_no_axe_violations(page)
    page.get_by_label("Current password").focus()
    page.keyboard.type(PASSWORD)
    tab_to(page, page.get_by_label("New password"))
    page.keyboard.type("Password1234")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a password that is harder to guess")
    assert_no_axe_violations(page)
    save_screenshot(page, f"change-password-error-{backend}")
    page.get_by_label("Current password").fill(PASSWORD)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    tab_to(page, page.get_by_role("button", name="Change password"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Your password has been changed")
    assert_no_axe_violations(page)
    page.goto("/officer/")
    expect(page.locator("h1")).to_have_text("Dashboard")


def test_the_signed_out_notice_is_accessible(page, people, backend):
    sign_in(page, ADMIN, PASSWORD)
    expect(page.locator("h1")).to_have_text("Dashboard")
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)):
        page.goto("/officer/")
        expect(page.locator("h1")).to_have_text("Sign in")
        expect(page.locator(".govuk-notification-banner")).to_contain_text("You have been signed out")
        assert_no_axe_violations(page)
        save_screenshot(page, f"signed-out-notice-{backend}")
