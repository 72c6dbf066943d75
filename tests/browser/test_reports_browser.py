"""The reports list and a report's triage forms in Chromium: accessible, and usable without JavaScript."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect

from survey.officers import accounts as officers
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Partnership, Response
from survey.triage.listing import report_by_reference
from survey.vocabulary import ReportStatus, Role
from tests.browser.conftest import assert_no_axe_violations, pass_second_factor, save_screenshot
from tests.factories import PASSWORD
from tests.triage import KNIFE, Forms

pytestmark = pytest.mark.browser
EMAIL = "triage@demo.example"


@pytest.fixture(scope="module")
def partnership_id(live_server) -> int:
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        officers.create_officer(session, email=EMAIL, password=PASSWORD, role=Role.ANALYST,
                                partnership=partnership)
        Forms(session, partnership).place("the underpass by the station")
        session.commit()
        return partnership.id


@pytest.fixture
def reference(live_server, partnership_id) -> str:
    """A new worry about home for each test: the tests change it, and run in any order."""
    with live_server.session() as session:
        partnership = session.get_one(Partnership, partnership_id)
        forms = Forms(session, partnership, slug_suffix=secrets.token_hex(3))
        report = forms.worry(KNIFE, topic="home")
        session.commit()
        return report.reference


def sign_in(page) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, EMAIL)


def stored(live_server, reference) -> Response:
    with live_server.session() as session:
        report = report_by_reference(session, reference)
        session.expunge_all()
        return report


def test_the_list_and_a_report_have_no_axe_violations(page, live_server, reference):
    sign_in(page)
    page.goto("/officer/reports")
    expect(page.locator("h1")).to_have_text("Reports")
    assert_no_axe_violations(page)
    page.goto("/officer/reports?from=not-a-date")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real date")
    assert_no_axe_violations(page)
    page.goto(f"/officer/reports/{reference}")
    expect(page.locator("h1")).to_have_text(f"Report {reference}")
    expect(page.get_by_label("Send only the status")).to_be_checked()  # a worry about home
    assert_no_axe_violations(page)
    page.get_by_label("The status and a reply").check()
    page.get_by_role("button", name="Save reply").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a reply, or choose to send only the status")
    assert_no_axe_violations(page)
    save_screenshot(page, "report-triage-error")


def test_filters_and_changes_work_without_javascript(no_script_page, live_server, reference):
    page = no_script_page
    sign_in(page)
    page.goto("/officer/reports")
    page.get_by_label("Search the words of reports, or a reference").fill("UNDERPASS")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("caption")).to_contain_text("1 report")
    expect(page.get_by_role("link", name=reference)).to_have_count(0)
    page.goto(f"/officer/reports/{reference}")
    page.get_by_label("Reviewing").check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Status changed to Reviewing")
    page.get_by_label("Add a note").fill("Rang the school's safeguarding lead.")
    page.get_by_role("button", name="Add note").click()
    expect(page.locator("main")).to_contain_text("Rang the school's safeguarding lead.")
    page.get_by_label("The status and a reply").check()
    page.get_by_label("Reply to the reporter").fill("Thank you for telling us. We are looking into it.")
    page.get_by_role("button", name="Save reply").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Reply saved")
    report = stored(live_server, reference)
    assert (report.status, report.reply) == (ReportStatus.REVIEWING,
                                             "Thank you for telling us. We are looking into it.")
