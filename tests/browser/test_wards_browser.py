"""The wards pages in Chromium: 0 axe violations on the list, the upload form (its error state too)
and hotspots filtered by ward; an analyst loads the demo's ward file through the real form."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from demo.wards import demo_wards_text
from survey.officers import accounts as officers
from survey.partnerships import get_or_create_partnership
from survey.vocabulary import Role
from survey.wards.register import import_wards
from tests.browser.conftest import assert_no_axe_violations, pass_second_factor
from tests.factories import PASSWORD
from tests.places import make_haven, make_place_consultation, store_place_report

pytestmark = pytest.mark.browser
ANALYST = "analyst@wards.example"
VIEWER = "viewer@wards.example"
STATION = (51.5032, -0.1205)  # in the demo's Station ward


@pytest.fixture(scope="module", autouse=True)
def wards(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        consultation = make_place_consultation(session, partnership, slug="safe-spaces")
        make_haven(session, partnership, name="Station Pharmacy", latitude=51.5041, longitude=-0.1188)
        for index in range(6):
            store_place_report(
                session,
                consultation,
                place={"latitude": STATION[0] + index * 0.0001, "longitude": STATION[1]},
            )
        import_wards(session, partnership.id, demo_wards_text())
        officers.create_officer(
            session, email=ANALYST, password=PASSWORD, role=Role.ANALYST, partnership=partnership
        )
        officers.create_officer(
            session, email=VIEWER, password=PASSWORD, role=Role.VIEWER, partnership=partnership
        )
        session.commit()


def sign_in(page: Page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, email)
    expect(page.locator("h1")).to_have_text("Dashboard")


class TestWardPages:
    def test_the_ward_list_for_a_viewer(self, page):
        sign_in(page, VIEWER)
        page.goto("/officer/wards")
        expect(page.locator("h1")).to_have_text("Wards")
        expect(page.get_by_role("row", name=re.compile(r"^Station\b.* E05099904 6 6$"))).to_be_visible()
        assert_no_axe_violations(page)

    def test_an_analyst_uploads_the_ward_file_and_the_error_state_is_accessible(self, page, tmp_path):
        sign_in(page, ANALYST)
        page.goto("/officer/wards")
        page.get_by_role("button", name="Replace the ward file").click()
        expect(page.locator("h1")).to_have_text("Upload wards")
        assert_no_axe_violations(page)
        page.get_by_role("button", name="Upload wards").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a GeoJSON file")
        assert_no_axe_violations(page)
        path = tmp_path / "demo-wards.geojson"
        path.write_text(demo_wards_text(), encoding="utf-8")
        page.get_by_label("Ward file (GeoJSON)").set_input_files(str(path))
        page.get_by_role("button", name="Upload wards").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text(
            "8 wards loaded. 6 of 6 place reports"
        )
        assert_no_axe_violations(page)

    def test_hotspots_by_ward_are_named_in_words(self, page):
        sign_in(page, ANALYST)
        page.goto("/officer/hotspots?ward=E05099904")
        expect(page.get_by_label("Ward")).to_have_value("E05099904")
        expect(page.locator(".sv-hotspot-table")).to_contain_text("Station ward, near Station Pharmacy")
        expect(page.get_by_role("table", name="Reports by ward")).to_be_visible()
        assert_no_axe_violations(page)
