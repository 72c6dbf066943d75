"""The home and sign-in pages in Chromium: accessible, keyboard-operable, self-contained."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from demo.loader import load_demo
from survey.officers import accounts as officers
from survey.vocabulary import Role
from tests.browser.conftest import assert_no_axe_violations, save_screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def demo_officer(live_server):
    with live_server.session() as session:
        credentials = load_demo(session)
        officer = officers.officer_by_email(session, "keyboard@demo.example")
        if officer is None:
            officers.create_officer(session, email="keyboard@demo.example", password=PASSWORD,
                                    role=Role.ANALYST, partnership=credentials.partnership)
        session.commit()
    return "keyboard@demo.example"


def test_home_page_has_no_axe_violations(page, live_server, demo_officer, backend):
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Demo Borough Community Safety Partnership")
    expect(page.get_by_role("button", name="Emergency Exit this page")).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, f"home-{backend}")


def test_sign_in_page_has_no_axe_violations_including_its_error_state(page, demo_officer, backend):
    page.goto("/sign-in")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_title("Error: Sign in - Demo Borough Community Safety Partnership")
    assert_no_axe_violations(page)
    save_screenshot(page, f"sign-in-error-{backend}")


def test_an_officer_signs_in_by_keyboard_alone(page, demo_officer):
    page.goto("/sign-in")
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.get_by_text("Skip to main content")).to_be_focused()
    page.get_by_label("Email address").focus()
    page.keyboard.type(demo_officer)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Dashboard")
    assert_no_axe_violations(page)


def test_sign_in_works_without_javascript(no_script_page, demo_officer):
    no_script_page.goto("/sign-in")
    no_script_page.get_by_label("Email address").fill(demo_officer)
    no_script_page.get_by_label("Password", exact=True).fill(PASSWORD)
    no_script_page.get_by_role("button", name="Sign in").click()
    expect(no_script_page.locator("h1")).to_have_text("Dashboard")


def test_the_axe_check_can_fail(page, live_server):
    """Guards the harness itself: a page with a known violation must be reported."""
    page.goto("/privacy")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                  "'<input type=text id=unlabelled>')")
    with pytest.raises(AssertionError, match="label"):
        assert_no_axe_violations(page)
