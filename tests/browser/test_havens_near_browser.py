"""Safe havens in Chromium: residents find the nearest by postcode without JavaScript and by
"Use my location" (asked only on the button, never sent), an officer places a haven by postcode,
by clicking the map and by keyboard, the hotspot key, 0 axe violations, and no sideways scrolling
at 360 pixels on these pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from survey.officers import accounts as officers
from survey.partnerships import get_or_create_partnership
from survey.places.postcode_import import import_postcodes
from survey.places.safe_havens import all_day
from survey.storage.models import SafeHaven
from survey.vocabulary import Role
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_sideways_scroll,
    save_screenshot,
    sign_in_with_password,
    tab_to,
)
from tests.factories import PASSWORD
from tests.places import INSIDE, make_haven, make_place_consultation, store_place_report

pytestmark = pytest.mark.browser
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "onspd-sample.csv"
ADMIN = "admin@havens.example"
VIEWER = "viewer@havens.example"
NEAR_ABBEY = {"latitude": 51.5190, "longitude": -0.1268}  # beside WC1B 3DG


@pytest.fixture(scope="module", autouse=True)
def havens(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        consultation = make_place_consultation(session, partnership, slug="havens-places")
        make_haven(
            session,
            partnership,
            name="Abbey Cafe",
            latitude=51.5196,
            longitude=-0.1270,
            contact="Call 020 7946 0011 or ask at the till",
            opening_hours=all_day(),
        )
        make_haven(session, partnership, name="Bridge Library", latitude=51.5021, longitude=-0.1185)
        make_haven(session, partnership, name="Cathedral Shop", latitude=51.5138, longitude=-0.0984)
        for index in range(4):
            store_place_report(
                session, consultation, place={"latitude": INSIDE[0] + index * 0.00002, "longitude": INSIDE[1]}
            )
        store_place_report(session, consultation, place={"latitude": 51.515, "longitude": -0.106})
        with SAMPLE.open(encoding="utf-8-sig", newline="") as lines:
            import_postcodes(session, lines)
        officers.create_officer(
            session, email=ADMIN, password=PASSWORD, role=Role.ADMIN, partnership=partnership
        )
        officers.create_officer(
            session, email=VIEWER, password=PASSWORD, role=Role.VIEWER, partnership=partnership
        )
        session.commit()


FIXTURE_HAVENS = {"Abbey Cafe", "Bridge Library", "Cathedral Shop"}


def listed(page: Page) -> list[tuple[str, str]]:
    """(name, distance) of the fixture's havens in page order (officer tests here add others)."""
    items = page.locator("[data-sv-haven-list] > li")
    pairs = zip(
        items.locator("h3").all_text_contents(),
        items.locator("[data-sv-distance]").all_text_contents(),
        strict=True,
    )
    return [(name, distance) for name, distance in pairs if name in FIXTURE_HAVENS]


def names_in_order(page: Page) -> list[str]:
    return [name for name, _distance in listed(page)]


def sign_in(page: Page, email: str) -> None:
    sign_in_with_password(page, email, PASSWORD)  # and the second factor, where one is needed
    expect(page.locator("h1")).to_have_text("Dashboard")


class TestResidents:
    def test_without_javascript_a_postcode_typed_lists_the_nearest_first(self, no_script_page):
        page = no_script_page
        page.goto("/safe-havens")
        expect(page.get_by_role("button", name="Use my location")).to_be_hidden()
        page.get_by_label("Postcode or area").fill("se1 7pb")
        page.get_by_role("button", name="Find safe havens near here").click()
        expect(page.locator("[data-sv-haven-heading]")).to_have_text("Safe havens nearest to SE1 7PB")
        assert names_in_order(page) == ["Bridge Library", "Cathedral Shop", "Abbey Cafe"]
        assert listed(page)[0] == ("Bridge Library", "Less than 100 metres away")
        assert "SE1" not in page.url and "7PB" not in page.url

    def test_use_my_location_is_asked_only_on_the_button_and_never_leaves_the_browser(
        self, browser, live_server, backend
    ):
        context = browser.new_context(
            base_url=live_server.url, geolocation=NEAR_ABBEY, permissions=["geolocation"]
        )
        context.add_init_script("""
            window.__locationAsked = 0;
            const ask = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
            navigator.geolocation.getCurrentPosition = (...args) => {
                window.__locationAsked += 1;
                return ask(...args);
            };
        """)
        page = context.new_page()
        try:
            page.goto("/safe-havens")
            button = page.get_by_role("button", name="Use my location")
            expect(button).to_be_visible()
            assert_no_axe_violations(page)
            assert page.evaluate("window.__locationAsked") == 0
            sent: list[str] = []
            page.on("request", lambda request: sent.append(f"{request.url} {request.post_data or ''}"))
            tab_to(page, button)
            page.keyboard.press("Enter")
            heading = page.locator("[data-sv-haven-heading]")
            expect(heading).to_have_text("Safe havens nearest to you")
            expect(heading).to_be_focused()
            assert page.evaluate("window.__locationAsked") == 1
            assert listed(page) == [
                ("Abbey Cafe", "Less than 100 metres away"),
                ("Bridge Library", "About 2.0 km away"),
                ("Cathedral Shop", "About 2.0 km away"),
            ]
            expect(page.locator("[data-sv-near-status]")).to_contain_text("The nearest is Abbey Cafe")
            assert not any("51.51" in request or "-0.126" in request for request in sent), sent
            assert_no_axe_violations(page)
            save_screenshot(page, f"safe-havens-near-me-{backend}")
        finally:
            context.close()

    def test_a_postcode_search_by_keyboard_has_no_axe_violations_and_fits_360_pixels(self, page):
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto("/safe-havens")
        assert_no_sideways_scroll(page)
        field = page.get_by_label("Postcode or area")
        tab_to(page, field)
        page.keyboard.type("WC1B 3DG")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        expect(page.locator("[data-sv-haven-heading]")).to_have_text("Safe havens nearest to WC1B 3DG")
        assert names_in_order(page)[0] == "Abbey Cafe"
        expect(page.get_by_role("link", name="020 7946 0011")).to_have_attribute("href", "tel:02079460011")
        assert_no_sideways_scroll(page)
        assert_no_axe_violations(page)
        page.get_by_label("Postcode or area").fill("Atlantis")
        page.get_by_role("button", name="Find safe havens near here").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("We could not find that place")
        assert_no_axe_violations(page)


def _haven_created(live_server, name: str) -> SafeHaven | None:
    with live_server.session() as session:
        return session.scalar(select(SafeHaven).where(SafeHaven.name == name))


def _fill_the_rest(page: Page, name: str) -> None:
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Shop").check()
    page.get_by_label("Address", exact=True).fill("1 High Street")
    page.get_by_label("Day", exact=True).fill("31")
    page.get_by_label("Month", exact=True).fill("12")
    page.get_by_label("Year", exact=True).fill("2099")
    page.get_by_label("Monday").fill("09:00-17:00")


class TestOfficers:
    def test_an_officer_adds_a_safe_haven_by_postcode(self, page, live_server):
        sign_in(page, ADMIN)
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto("/officer/safe-havens/new")
        expect(page.locator(".sv-map__canvas.leaflet-container")).to_be_visible()
        assert_no_axe_violations(page)
        assert_no_sideways_scroll(page)
        _fill_the_rest(page, "Postcode Pharmacy")
        page.get_by_label("Postcode (optional)").fill("se1 7pb")
        page.get_by_role("button", name="Save safe haven").click()
        expect(page.locator("h1")).to_have_text("Safe havens")
        haven = _haven_created(live_server, "Postcode Pharmacy")
        assert (round(haven.latitude, 6), round(haven.longitude, 6)) == (51.502094, -0.11841)

    def test_a_click_on_the_map_places_the_pin_and_replaces_a_typed_postcode(self, page, live_server):
        sign_in(page, ADMIN)
        page.goto("/officer/safe-havens/new")
        canvas = page.locator(".sv-map__canvas.leaflet-container")
        expect(canvas).to_be_visible()
        _fill_the_rest(page, "Clicked Cafe")
        page.get_by_label("Postcode (optional)").fill("SW1A 2AA")
        expect(canvas.locator("path").first).to_be_attached()  # the boundary is drawn
        status = page.locator("[data-sv-map-status]")
        # Leaflet takes a click that comes while its first layout is still settling for a drag, so
        # click again, as a person would, until the pin is down (the middle is inside the boundary).
        for _attempt in range(4):
            canvas.click()
            if "Pin placed" in (status.text_content(timeout=1000) or ""):
                break
            page.wait_for_timeout(700)
        expect(status).to_contain_text("Pin placed where you clicked")
        expect(status).to_contain_text("Select Save safe haven")
        expect(page.get_by_label("Postcode (optional)")).to_have_value("")
        latitude = float(page.get_by_label("Latitude").input_value())
        page.get_by_role("button", name="Save safe haven").click()
        expect(page.locator("h1")).to_have_text("Safe havens")
        assert _haven_created(live_server, "Clicked Cafe").latitude == pytest.approx(latitude)

    def test_the_pin_is_placed_by_keyboard_alone(self, page, live_server):
        sign_in(page, ADMIN)
        page.goto("/officer/safe-havens/new")
        canvas = page.locator(".sv-map__canvas.leaflet-container")
        expect(canvas).to_be_visible()
        _fill_the_rest(page, "Keyboard Kiosk")
        tab_to(page, canvas)
        expect(page.locator(".sv-map__crosshair")).to_be_visible()
        page.keyboard.press("Enter")
        expect(page.locator("[data-sv-map-status]")).to_contain_text("Pin placed at the crosshair")
        expect(page.get_by_label("Latitude")).not_to_have_value("")
        tab_to(page, page.get_by_role("button", name="Save safe haven"))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert _haven_created(live_server, "Keyboard Kiosk") is not None

    # The 360 px checks below need the stacked tables of P's safer-voices.css (.sv-table-stack).
    def test_the_hotspot_map_has_a_key_and_no_axe_violations_at_360_pixels(self, page):
        sign_in(page, VIEWER)
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto("/officer/hotspots")
        expect(page.locator(".sv-map__canvas.leaflet-container")).to_be_visible()
        legend = page.locator("#hotspot-legend")
        expect(legend).to_be_visible()
        expect(legend).to_contain_text("Red square, darkest: 4 reports")
        expect(legend).to_contain_text("Blue line: the edge of Demo Borough Community Safety Partnership")
        assert_no_axe_violations(page)
        assert_no_sideways_scroll(page)

    def test_the_officer_list_of_havens_fits_360_pixels(self, page):
        sign_in(page, ADMIN)
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto("/officer/safe-havens")
        expect(page.get_by_role("link", name="Change Abbey Cafe")).to_be_visible()
        assert_no_axe_violations(page)
        assert_no_sideways_scroll(page)
