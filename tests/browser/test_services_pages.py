"""The local services pages in Chromium: the list, the add form (and its error summary), removing, and
the CSV import with a bad row; accessible (axe), usable with the keyboard alone and without
JavaScript, and never wider than a 360 px phone screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from demo.loader import load_demo
from survey.officers import accounts as officers
from survey.signposting.local_store import local_services
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, sign_in_with_password
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ANALYST = "services-analyst@demo.example"
PHONE_WIDTH = 360


@pytest.fixture(scope="module")
def demo(live_server):
    with live_server.session() as session:
        partnership = load_demo(session).partnership
        if officers.officer_by_email(session, ANALYST) is None:
            officers.create_officer(
                session, email=ANALYST, password=PASSWORD, role="analyst", partnership=partnership
            )
        session.commit()
        return partnership.id


def sign_in(page: Page) -> None:
    sign_in_with_password(page, ANALYST, PASSWORD)  # and the second factor, where one is needed


def tab_to(page: Page, selector: str, presses: int = 120) -> None:
    """Press Tab until the element matching ``selector`` has the focus (it must be reachable)."""
    for _ in range(presses):
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is not reachable with the Tab key")


def fits_a_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width}px wide at {PHONE_WIDTH}px"


def test_the_services_pages_are_accessible(page, demo):
    sign_in(page)
    page.get_by_role("link", name="Local services").first.click()
    expect(page.locator("h1")).to_have_text("Local services")
    expect(page.get_by_role("heading", name="Demo Borough Youth Hub")).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "services-list")
    page.get_by_role("button", name="Add a service").click()
    expect(page.locator("h1")).to_have_text("Add a service")
    assert_no_axe_violations(page)
    page.get_by_label("Phone number (optional)").fill("12345")
    page.get_by_role("button", name="Save service").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the name of the service")
    expect(summary).to_contain_text("Enter a UK phone number")
    assert_no_axe_violations(page)
    page.goto("/officer/services/import")
    assert_no_axe_violations(page)
    page.get_by_label("Services file (CSV)").set_input_files(
        files=[
            {
                "name": "services.csv",
                "mimeType": "text/csv",
                "buffer": b"name,description,topics\nHub,Talk to us,ufo_sightings\n",
            }
        ]
    )
    page.get_by_role("button", name="Import services").click()
    expect(page.locator("#row-errors")).to_contain_text("is not a topic")
    assert_no_axe_violations(page)
    page.goto("/officer/services")
    page.get_by_role("link", name="Remove Demo Borough Youth Hub").click()
    expect(page.locator("h1")).to_have_text("Remove Demo Borough Youth Hub?")
    assert_no_axe_violations(page)


def test_an_officer_adds_a_service_with_the_keyboard_alone(page, demo, live_server):
    sign_in(page)
    page.goto("/officer/services")
    tab_to(page, "a[href='/officer/services/new']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Add a service")
    for selector, typed in (
        ("#name", "Keyboard Youth Club"),
        ("#description", "Games and a youth worker."),
        ("#min_age", "11"),
        ("#phone", "01632 960 321"),
    ):
        tab_to(page, selector)
        page.keyboard.type(typed)
    tab_to(page, "input[name='topics'][value='bullying']")
    page.keyboard.press("Space")
    tab_to(page, "button.govuk-button, input[type='submit']")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Keyboard Youth Club saved")
    with live_server.session() as session:
        assert "Keyboard Youth Club" in [row.name for row in local_services(session, demo)]
    page.goto("/help/bullying")
    expect(page.get_by_role("link", name="01632 960 321")).to_have_attribute("href", "tel:01632960321")


def test_an_officer_adds_and_removes_a_service_without_javascript(no_script_page, demo, live_server):
    # axe needs JavaScript: the same pages are checked with it above.
    page = no_script_page
    sign_in(page)
    page.goto("/officer/services/new")
    page.get_by_label("Name").fill("No Script Advice Line")
    page.get_by_label("What the service does").fill("Advice for parents worried about a child.")
    page.get_by_label("Something at home").check()
    page.get_by_label("Website (optional)").fill("https://advice.demo-borough.example")
    page.get_by_role("button", name="Save service").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("No Script Advice Line saved")
    page.get_by_role("link", name="Remove No Script Advice Line").click()
    page.get_by_role("button", name="Remove service").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("No Script Advice Line removed")
    with live_server.session() as session:
        assert "No Script Advice Line" not in [row.name for row in local_services(session, demo)]


def test_no_services_page_scrolls_sideways_on_a_phone(page, demo, live_server):
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
    sign_in(page)
    with live_server.session() as session:
        first = local_services(session, demo)[0].id
    for path in (
        "/officer/services",
        "/officer/services/new",
        f"/officer/services/{first}",
        f"/officer/services/{first}/remove",
        "/officer/services/import",
    ):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        fits_a_phone(page)
    page.goto("/officer/services/new")
    page.get_by_role("button", name="Save service").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    fits_a_phone(page)
    save_screenshot(page, "services-form-360")
    page.goto("/officer/services/import")
    bad = b"name,description,topics,website\nHub,Talk to us,ufo_sightings,https://a-very-long-address.example/x\n"
    page.get_by_label("Services file (CSV)").set_input_files(
        files=[{"name": "services.csv", "mimeType": "text/csv", "buffer": bad}]
    )
    page.get_by_role("button", name="Import services").click()
    expect(page.locator("#row-errors")).to_be_visible()
    fits_a_phone(page)
