"""Two-factor sign-in in Chromium: setting up an app from the QR code page, the code and recovery code
pages; accessible (axe), usable by keyboard alone and without JavaScript."""

from __future__ import annotations

import re

import pyotp
import pytest
from playwright.sync_api import expect

from survey.officers import two_factor
from survey.officers.accounts import officer_by_email
from survey.vocabulary import Role
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, tab_to
from tests.factories import PASSWORD, enrol_two_factor, make_officer, make_partnership
from tests.web import next_code_for

pytestmark = pytest.mark.browser

NEW_ADMIN = "new-admin@twofactor.example"
KEYBOARD_ADMIN = "keyboard-admin@twofactor.example"
NO_SCRIPT_ADMIN = "no-script-admin@twofactor.example"
RECOVERY_ADMIN = "recovery-admin@twofactor.example"
SETTINGS_ADMIN = "settings-admin@twofactor.example"


@pytest.fixture(scope="module")
def admins(live_server) -> dict[str, list[str]]:
    """Administrators of one partnership: one who has never set up an app, three who have (with their
    recovery codes)."""
    with live_server.session() as session:
        partnership = make_partnership(session, "twofactor", "Two Factor Community Safety Partnership")
        make_officer(session, partnership, Role.ADMIN, NEW_ADMIN, two_factor=False)
        codes = {}
        for email in (KEYBOARD_ADMIN, NO_SCRIPT_ADMIN, RECOVERY_ADMIN, SETTINGS_ADMIN):
            codes[email] = enrol_two_factor(
                session, make_officer(session, partnership, Role.ADMIN, email, two_factor=False)
            )
        session.commit()
    return codes


def give_password(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_new_administrator_sets_up_an_app_by_keyboard(page, admins, live_server, backend):
    give_password(page, NEW_ADMIN)
    expect(page.locator("h1")).to_have_text("Set up an authenticator app")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto("/officer/")  # nothing else opens first
    expect(page.locator("h1")).to_have_text("Set up an authenticator app")

    page.get_by_role("button", name="Finish setting up").click()
    expect(page).to_have_title(re.compile(r"^Error: Set up an authenticator app - "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the code from your authenticator app")
    assert_no_axe_violations(page)
    save_screenshot(page, f"two-factor-set-up-error-{backend}")

    key = page.locator("#two-factor-key").inner_text().replace(" ", "")
    field = page.get_by_label("Enter the code the app shows now")
    tab_to(page, field)
    page.keyboard.type(pyotp.TOTP(key).now())
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Save your recovery codes")
    expect(page.locator(".sv-recovery-codes li")).to_have_count(10)
    assert_no_axe_violations(page)
    save_screenshot(page, f"two-factor-recovery-codes-{backend}")
    tab_to(page, page.get_by_role("button", name="I have saved my recovery codes"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Dashboard")
    with live_server.session() as session:
        assert two_factor.is_enrolled(session, officer_by_email(session, NEW_ADMIN))


def test_the_code_page_is_accessible_and_works_by_keyboard(page, admins, live_server, backend):
    give_password(page, KEYBOARD_ADMIN)
    expect(page.locator("h1")).to_have_text("Enter the code from your authenticator app")
    assert_no_axe_violations(page)
    page.get_by_label("Code from your authenticator app").fill("12345a")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the code in the correct format")
    assert_no_axe_violations(page)
    save_screenshot(page, f"two-factor-code-error-{backend}")

    field = page.get_by_label("Code from your authenticator app")
    tab_to(page, field)
    page.keyboard.press("Control+A")
    page.keyboard.type(next_code_for(live_server.app, KEYBOARD_ADMIN))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Dashboard")


def test_a_recovery_code_page_is_accessible(page, admins, backend):
    give_password(page, RECOVERY_ADMIN)
    tab_to(page, page.get_by_role("link", name="Use a recovery code instead"))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Enter a recovery code")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a recovery code")
    assert_no_axe_violations(page)
    page.get_by_label("Recovery code").fill(admins[RECOVERY_ADMIN][0])
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Dashboard")


def test_two_factor_sign_in_works_without_javascript(no_script_page, admins, live_server):
    page = no_script_page
    give_password(page, NO_SCRIPT_ADMIN)
    expect(page.locator("h1")).to_have_text("Enter the code from your authenticator app")
    page.get_by_label("Code from your authenticator app").fill("12345a")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Code from your authenticator app").fill(
        next_code_for(live_server.app, NO_SCRIPT_ADMIN)
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Dashboard")


def test_the_settings_page_sets_the_partnership_rule_without_javascript(no_script_page, admins, live_server):
    page = no_script_page
    give_password(page, SETTINGS_ADMIN)
    page.get_by_role("link", name="Use a recovery code instead").click()
    page.get_by_label("Recovery code").fill(admins[SETTINGS_ADMIN][1])
    page.get_by_role("button", name="Continue").click()
    page.goto("/officer/settings/")
    expect(page.get_by_text("9 unused recovery codes")).to_be_visible()
    page.get_by_label("Every officer must use an authenticator app to sign in").check()
    page.get_by_role("button", name="Save sign-in rule").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Every officer must now use")
    with live_server.session() as session:
        officer = officer_by_email(session, SETTINGS_ADMIN)
        assert two_factor.all_officers_required(session, officer.partnership_id)
