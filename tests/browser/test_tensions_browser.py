"""The community tension and events pages in Chromium: accessible (axe, 0 violations), usable with a
keyboard alone, and the ward view's chart and table there without JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from demo.loader import load_demo
from demo.tensions import load_demo_tensions
from survey.officers import accounts as officers
from survey.storage.models import Consultation, RiskEvent, TensionEntry, Ward
from survey.tensions.assessment import local_today, week_start
from survey.vocabulary import DefinitionKind, Role
from tests.browser.conftest import assert_no_axe_violations, pass_second_factor, save_screenshot, tab_to
from tests.factories import PASSWORD
from tests.tensions import add_reports, make_ward

pytestmark = pytest.mark.browser

ANALYST = "tensions-analyst@demo.example"


@pytest.fixture(scope="module")
def demo(live_server):
    with live_server.session() as session:
        partnership = load_demo(session).partnership
        if officers.officer_by_email(session, ANALYST) is None:
            officers.create_officer(
                session, email=ANALYST, password=PASSWORD, role=Role.ANALYST, partnership=partnership
            )
        wards = list(session.scalars(select(Ward).where(Ward.partnership_id == partnership.id)))
        if not wards:
            wards = [
                make_ward(session, partnership, f"E0500900{n}", name)
                for n, name in enumerate(["Northgate", "Riverside", "Market", "Parkside"])
            ]
        places = session.scalars(
            select(Consultation).where(
                Consultation.partnership_id == partnership.id,
                Consultation.kind == DefinitionKind.PLACE_REPORT,
            )
        ).first()
        this_week = week_start(local_today())
        for back in range(1, 27):
            add_reports(session, places, wards[0], this_week - dt.timedelta(weeks=back, days=-1), 2)
        add_reports(session, places, wards[0], this_week, 10)
        load_demo_tensions(session, partnership)
        session.commit()
        return wards[0].id


def sign_in(page, email: str = ANALYST) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, email)


def test_every_tension_page_has_no_axe_violations(page, demo, live_server, backend):
    sign_in(page)
    assert_no_axe_violations(page)  # the dashboard, with its upcoming events
    expect(page.locator("main")).to_contain_text("Community tensions and events")
    page.goto("/officer/tensions/")
    expect(page.locator("h1")).to_have_text("Community tensions")
    expect(page.locator("svg[role=img]")).to_have_count(1)  # the small multiples
    assert_no_axe_violations(page)
    save_screenshot(page, f"tensions-overview-{backend}")
    page.goto(f"/officer/tensions/wards/{demo}")
    expect(page.locator("main")).to_contain_text("Unusual rise")
    expect(page.locator("svg[role=img]")).to_have_count(1)
    assert_no_axe_violations(page)
    save_screenshot(page, f"tensions-ward-{backend}")
    for path in (
        "/officer/tensions/entries",
        "/officer/tensions/events",
        "/officer/tensions/entries/new",
        "/officer/tensions/events/new",
    ):
        page.goto(path)
        assert_no_axe_violations(page)
    with live_server.session() as session:
        entry = session.scalars(select(TensionEntry)).first()
        event = session.scalars(select(RiskEvent)).first()
    for path in (
        f"/officer/tensions/entries/{entry.id}",
        f"/officer/tensions/entries/{entry.id}/edit",
        f"/officer/tensions/events/{event.id}",
        f"/officer/tensions/events/{event.id}/edit",
        f"/officer/tensions/events/{event.id}/debrief",
    ):
        page.goto(path)
        assert_no_axe_violations(page)


def test_the_forms_show_an_error_summary_without_axe_violations(page, demo):
    sign_in(page)
    page.goto("/officer/tensions/entries/new")
    page.get_by_role("button", name="Save entry").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the level")
    assert_no_axe_violations(page)
    page.goto("/officer/tensions/events/new")
    page.get_by_role("button", name="Save event").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the event")
    assert_no_axe_violations(page)


def test_an_analyst_logs_an_entry_with_the_keyboard_alone(page, demo, live_server):
    sign_in(page)
    page.goto("/officer/tensions/")
    tab_to(page, page.get_by_role("button", name="Log a tension entry"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Ward"))
    page.keyboard.press("ArrowDown")  # the first ward
    tab_to(page, page.get_by_label("Hate incidents"))  # Tab reaches a radio group's first radio
    for _ in range(5):
        page.keyboard.press("ArrowDown")  # arrows move through the group, choosing as they go
    tab_to(page, page.get_by_label("Low"))
    page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_label("Source"))
    page.keyboard.type("Keyboard test")
    tab_to(page, page.get_by_label("What is happening"))
    page.keyboard.type("Typed with the keyboard alone.")
    tab_to(page, page.get_by_role("button", name="Save entry"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Entry saved")
    expect(page.locator("h1")).to_contain_text("Online rumour")
    expect(page.locator("main")).to_contain_text("Medium")
    with live_server.session() as session:
        assert session.scalars(select(TensionEntry).where(TensionEntry.source == "Keyboard test")).one()


def test_the_ward_view_works_without_javascript(no_script_page, demo):
    sign_in(no_script_page)
    no_script_page.goto(f"/officer/tensions/wards/{demo}")
    expect(no_script_page.locator("svg[role=img] title")).to_contain_text("Reports a week in")
    expect(no_script_page.locator("table").first).to_contain_text("Week beginning")
