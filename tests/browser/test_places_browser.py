"""The safe spaces map in Chromium: a pin placed by keyboard alone, the no-map path without
JavaScript, an officer placing a report named in words, and 0 axe violations on every map and
list page. Maps run without tiles (SAFER_VOICES_MAP_TILE_URL is empty in tests): the boundary alone."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from survey.officers import accounts as officers
from survey.partnerships import get_or_create_partnership
from survey.places.safe_havens import all_day
from survey.storage.models import Answer, Consultation, Response
from survey.vocabulary import Role
from tests.browser.conftest import (
    assert_no_axe_violations,
    continue_by_keyboard,
    pass_second_factor,
    save_screenshot,
    tab_to,
)
from tests.factories import PASSWORD
from tests.places import INSIDE, make_haven, make_place_consultation, store_place_report

pytestmark = pytest.mark.browser
SLUG = "safe-spaces"
OFFICER = "analyst@places.example"
ADMIN = "admin@places.example"


@pytest.fixture(scope="module", autouse=True)
def places(live_server):
    live_server.app.extensions["safer_voices"].settings.public_hotspots = True
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        consultation = make_place_consultation(session, partnership, slug=SLUG)
        make_haven(session, partnership, name="Open All Hours", opening_hours=all_day())
        make_haven(session, partnership, name="Market Cafe", latitude=51.4992, longitude=-0.1330)
        make_haven(
            session, partnership, name="Lapsed Library", verified_until=dt.date.today() - dt.timedelta(days=1)
        )
        for index in range(12):  # enough in one square for the public map
            store_place_report(
                session, consultation, place={"latitude": INSIDE[0] + index * 0.00002, "longitude": INSIDE[1]}
            )
        officers.create_officer(
            session, email=OFFICER, password=PASSWORD, role=Role.ANALYST, partnership=partnership
        )
        officers.create_officer(
            session, email=ADMIN, password=PASSWORD, role=Role.ADMIN, partnership=partnership
        )
        session.commit()


def place_answers(live_server) -> list[Answer]:
    with live_server.session() as session:
        return list(
            session.scalars(
                select(Answer).join(Response).where(Answer.question_id == "place").order_by(Answer.id)
            )
        )


def sign_in(page: Page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, email)
    expect(page.locator("h1")).to_have_text("Dashboard")


def map_ready(page: Page):
    canvas = page.locator(".sv-map__canvas.leaflet-container")
    expect(canvas).to_be_visible()
    expect(canvas.locator("path.leaflet-interactive, path").first).to_be_attached()  # the boundary is drawn
    return canvas


class TestReportingAPlace:
    def test_a_resident_puts_a_pin_on_the_map_by_keyboard_alone_and_sends_it(
        self, page, live_server, backend
    ):
        before = len(place_answers(live_server))
        page.goto(f"/consultations/{SLUG}/")
        tab_to(page, page.get_by_role("button", name="Start now"))
        page.keyboard.press("Enter")
        tab_to(page, page.get_by_label("I feel unsafe here"))
        page.keyboard.press("Space")
        continue_by_keyboard(page)

        expect(page.locator("h1")).to_contain_text("Where is the place?")
        canvas = map_ready(page)
        assert_no_axe_violations(page)
        tab_to(page, canvas)
        expect(page.locator(".sv-map__crosshair")).to_be_visible()
        status = page.locator("[data-sv-map-status]")
        # Leaflet drops an arrow key that comes while the map is still moving (its first layout can
        # still be settling on a busy machine), so keep pressing, as a person would, until it moves.
        for key in ("ArrowUp", "ArrowLeft", "ArrowUp", "ArrowLeft", "ArrowUp"):
            page.keyboard.press(key)
            if "Press Enter to put the pin here" in (status.text_content(timeout=1000) or ""):
                break
            page.wait_for_timeout(700)
        expect(status).to_contain_text("Press Enter to put the pin here")
        page.keyboard.press("Enter")
        expect(status).to_contain_text("Pin placed at the crosshair")
        expect(page.locator("input[name=latitude]")).not_to_have_value("")
        assert_no_axe_violations(page)
        save_screenshot(page, f"safe-spaces-location-map-{backend}")
        continue_by_keyboard(page)

        while "check-answers" not in page.url:
            continue_by_keyboard(page)
        tab_to(page, page.get_by_role("button", name="Send response"))
        page.keyboard.press("Enter")
        expect(page.locator(".govuk-panel__title")).to_have_text("Response sent")
        stored = place_answers(live_server)
        assert len(stored) == before + 1
        assert stored[-1].latitude is not None and 51.48 < stored[-1].latitude < 51.54
        assert stored[-1].option is None and stored[-1].text is None

    def test_without_javascript_a_resident_names_the_place_from_the_lists(self, no_script_page, live_server):
        page = no_script_page
        before = len(place_answers(live_server))
        page.goto(f"/consultations/{SLUG}/")
        page.get_by_role("button", name="Start now").click()
        page.get_by_label("I feel unsafe here").check()
        page.get_by_role("button", name="Continue").click()
        expect(page.locator(".leaflet-container")).to_have_count(0)
        expect(page.get_by_role("heading", name="Put a pin on the map")).to_be_hidden()
        page.get_by_label("Landmark").select_option(label="The bus station")
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Poor lighting").check()
        while "check-answers" not in page.url:
            page.get_by_role("button", name="Continue").click()
        expect(page.locator(".govuk-summary-list")).to_contain_text("The bus station")
        page.get_by_role("button", name="Send response").click()
        expect(page.locator(".govuk-panel__title")).to_have_text("Response sent")
        stored = place_answers(live_server)
        assert len(stored) == before + 1
        assert (stored[-1].option, stored[-1].latitude) == ("bus_station", None)

    def test_an_officer_puts_the_no_map_report_on_the_map_and_it_is_in_the_geojson_export(
        self, page, live_server
    ):
        with live_server.session() as session:
            consultation = session.scalar(select(Consultation).where(Consultation.slug == SLUG))
            report = store_place_report(session, consultation, place={"description": "The canal bridge"})
            session.commit()
            report_id = report.id
        sign_in(page, OFFICER)
        before = sum(
            f["properties"]["reports"]
            for f in page.request.get("/officer/hotspots/cells.geojson").json()["features"]
        )
        page.goto(f"/officer/places/{report_id}")
        canvas = map_ready(page)
        assert_no_axe_violations(page)
        tab_to(page, canvas)
        page.keyboard.press("Enter")
        expect(page.get_by_label("Latitude")).not_to_have_value("")
        page.get_by_role("button", name="Save the place").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("is on the map")
        after = page.request.get("/officer/hotspots/cells.geojson").json()["features"]
        assert sum(feature["properties"]["reports"] for feature in after) == before + 1


class TestMapAndListPagesAreAccessible:
    def test_public_safe_havens_map_and_list(self, page, backend):
        page.goto("/safe-havens")
        map_ready(page)
        expect(page.locator(".sv-haven")).to_have_count(2)  # the lapsed one is hidden
        expect(page.get_by_text("Lapsed Library")).to_have_count(0)
        expect(page.locator(".sv-haven", has_text="Open All Hours")).to_contain_text("Open now")
        assert_no_axe_violations(page)
        save_screenshot(page, f"safe-havens-map-{backend}")

    def test_public_safe_spaces_page_with_aggregated_squares(self, page, backend):
        page.goto("/safe-spaces")
        map_ready(page)
        expect(page.locator("table")).to_contain_text("10")
        assert_no_axe_violations(page)
        save_screenshot(page, f"safe-spaces-public-map-{backend}")

    @pytest.mark.parametrize(
        "path",
        [
            "/officer/hotspots",
            "/officer/hotspots?feeling=unsafe&size=100",
            "/officer/places/unplaced",
            "/officer/safe-havens",
        ],
    )
    def test_officer_pages_for_an_analyst(self, page, path):
        sign_in(page, OFFICER)
        page.goto(path)
        if "hotspots" in path:
            map_ready(page)
        assert_no_axe_violations(page)

    @pytest.mark.parametrize("path", ["/officer/safe-havens/new", "/officer/boundary"])
    def test_officer_pages_for_an_admin(self, page, path):
        sign_in(page, ADMIN)
        page.goto(path)
        if path.endswith("boundary"):
            map_ready(page)
        assert_no_axe_violations(page)
        page.locator("form[method=post] button, form[method=post] input[type=submit]").last.click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        assert_no_axe_violations(page)  # the error state too
