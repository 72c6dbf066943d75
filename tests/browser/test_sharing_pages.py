"""The data sharing pages in Chromium: an administrator records an agreement (with its error summary)
and makes a download link; the receiving partnership reads what is shared; an agency downloads once
through the link page, with and without JavaScript; revoking stops access. Every page: 0 axe violations."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from survey.officers import accounts as officers
from survey.sharing.links import LinkValues, create_link
from survey.vocabulary import LawfulBasis, Role, SharedExport
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, sign_in_with_password
from tests.factories import PASSWORD, make_partnership
from tests.sharing import place_reports, published_consultation

pytestmark = pytest.mark.browser

ADMIN = "sharing-admin@north.example"
READER = "sharing-reader@south.example"


@pytest.fixture(scope="module")
def partnerships(live_server):
    with live_server.session() as session:
        north, south = make_partnership(session, "north"), make_partnership(session, "south")
        published_consultation(session, north)
        place_reports(session, north, west=2, east=11)
        officers.create_officer(session, email=ADMIN, password=PASSWORD, role=Role.ADMIN, partnership=north)
        officers.create_officer(session, email=READER, password=PASSWORD, role=Role.VIEWER, partnership=south)
        session.commit()
        return north.id, south.id


def sign_in(page, email: str) -> None:
    sign_in_with_password(page, email, PASSWORD)  # and the second factor, where one is needed


def new_link(live_server, partnership_id: int, export: SharedExport = SharedExport.PLACES_CSV) -> str:
    with live_server.session() as session:
        _link, token = create_link(
            session,
            partnership_id,
            LinkValues(
                recipient="Kent Police analysts",
                purpose="Patrol planning",
                lawful_basis=LawfulBasis.PUBLIC_TASK,
                export=export,
            ),
            officer_id=None,
        )
        session.commit()
    return f"/shared/{token}"


def test_an_agreement_is_recorded_read_by_the_other_partnership_and_revoked(
    browser, live_server, partnerships
):
    admin = browser.new_context(base_url=live_server.url).new_page()
    sign_in(admin, ADMIN)
    admin.goto("/officer/sharing")
    expect(admin.locator("h1")).to_have_text("Data sharing")
    assert_no_axe_violations(admin)
    admin.get_by_role("link", name="Record an agreement").click()
    assert_no_axe_violations(admin)
    admin.get_by_role("button", name="Save agreement").click()
    expect(admin.locator(".govuk-error-summary")).to_contain_text("Enter the purpose of the agreement")
    assert_no_axe_violations(admin)
    admin.get_by_label("Partnership you are sharing with").select_option(
        label="South Community Safety Partnership"
    )
    admin.get_by_label("Purpose").fill("The joint strategic assessment of violence.")
    admin.get_by_label("Public task (Article 6(1)(e))").check()
    admin.get_by_label("Fixture consultation").check()
    admin.get_by_label("Share place reports and hotspots").check()
    admin.get_by_label("Area of the place reports").select_option(label="Eastgate ward")
    today = dt.date.today()
    for legend, day in (("Start date", today), ("Review date", today + dt.timedelta(days=90))):
        group = admin.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(str(day.day))
        group.get_by_label("Month").fill(str(day.month))
        group.get_by_label("Year").fill(str(day.year))
    admin.get_by_role("button", name="Save agreement").click()
    expect(admin.locator("h1")).to_have_text("Agreement with South Community Safety Partnership")
    assert_no_axe_violations(admin)
    save_screenshot(admin, "sharing-agreement")

    reader = browser.new_context(base_url=live_server.url).new_page()
    sign_in(reader, READER)
    reader.goto("/officer/sharing")
    assert_no_axe_violations(reader)
    reader.get_by_role("link", name="North Community Safety Partnership").click()
    expect(reader.locator("h1")).to_have_text("Shared by North Community Safety Partnership")
    assert_no_axe_violations(reader)
    reader.get_by_role("link", name="Published figures: Fixture consultation").click()
    expect(reader.locator(".sv-shared-source")).to_contain_text("Read only")
    assert_no_axe_violations(reader)
    reader.go_back()
    reader.get_by_role("link", name="Place reports and hotspots: Eastgate ward (E05000002)").click()
    expect(reader.locator("h1")).to_contain_text("Eastgate ward")
    assert_no_axe_violations(reader)
    save_screenshot(reader, "sharing-places")
    places = reader.url

    admin.get_by_role("button", name="Revoke agreement").click()
    expect(admin.locator(".govuk-notification-banner")).to_contain_text("Agreement revoked")
    reader.goto(places)
    expect(reader.locator("h1")).to_have_text("You cannot see this shared data")
    assert_no_axe_violations(reader)


def test_an_administrator_makes_a_download_link(page, partnerships):
    sign_in(page, ADMIN)
    page.goto("/officer/sharing/links/new")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Make the link").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the organisation the link is for")
    assert_no_axe_violations(page)
    page.get_by_label("Organisation the link is for").fill("County council analysts")
    page.get_by_label("Purpose").fill("The strategic assessment.")
    page.get_by_label("Public task (Article 6(1)(e))").check()
    page.get_by_label("Place reports in an area (GeoJSON, for GIS)").check()
    page.get_by_role("button", name="Make the link").click()
    expect(page.locator("h1")).to_have_text("Download link made")
    assert "/shared/" in page.get_by_label("Link").input_value()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="See the link's status or revoke it").click()
    expect(page.locator(".govuk-tag")).to_have_text("Not used yet")
    assert_no_axe_violations(page)


def test_an_agency_downloads_once_through_the_link_page(page, live_server, partnerships):
    path = new_link(live_server, partnerships[0])
    page.goto(path)
    expect(page.locator("h1")).to_have_text("Download shared data")
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "north-place-reports.csv"
    page.goto(path)
    expect(page.locator("h1")).to_have_text("This link has already been used")
    assert_no_axe_violations(page)


def test_the_link_works_without_javascript(no_script_page, live_server, partnerships):
    path = new_link(live_server, partnerships[0], SharedExport.PLACES_GEOJSON)
    no_script_page.goto(path)
    with no_script_page.expect_download() as download:
        no_script_page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "north-place-reports.geojson"
