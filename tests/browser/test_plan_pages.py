"""The action plan pages in Chromium: the plan, one action with its update form (and its error
summary), adding a priority and an action, the CSV import with a bad row, the board update form, and
the dashboard's overdue and red actions; accessible (axe), and usable without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from demo.loader import load_demo
from survey.officers import accounts as officers
from survey.plans import store
from tests.browser.conftest import assert_no_axe_violations, pass_second_factor, save_screenshot
from tests.factories import PASSWORD
from tests.plans import plan_csv

pytestmark = pytest.mark.browser

ANALYST = "plan-analyst@demo.example"


@pytest.fixture(scope="module")
def demo(live_server):
    with live_server.session() as session:
        partnership = load_demo(session).partnership
        if officers.officer_by_email(session, ANALYST) is None:
            officers.create_officer(session, email=ANALYST, password=PASSWORD, role="analyst",
                                    partnership=partnership)
        session.commit()
        return partnership.id


def sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, email)


def test_the_plan_the_dashboard_and_an_action_are_accessible(page, demo):
    sign_in(page, ANALYST)
    expect(page.locator("h2", has_text="Action plan")).to_be_visible()
    expect(page.get_by_text("Overdue actions")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="See the whole action plan").click()
    expect(page.locator("h1")).to_have_text("Action plan")
    expect(page.locator(".govuk-tag--purple").first).to_have_text("Overdue")
    assert_no_axe_violations(page)
    save_screenshot(page, "plan")
    page.get_by_role("link", name="Install a second knife bin at the bus station").click()
    expect(page.locator("h1")).to_have_text("Action")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what has happened")
    assert_no_axe_violations(page)


def test_an_officer_updates_an_actions_rag_without_javascript(no_script_page, demo, live_server):
    # axe needs JavaScript: the same pages are checked with it in the test below.
    page = no_script_page
    sign_in(page, ANALYST)
    page.goto("/officer/plan")
    page.get_by_role("link", name="Extend the drug and alcohol outreach service to evenings").click()
    expect(page.locator("h1")).to_have_text("Action")
    page.get_by_role("button", name="Add update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what has happened")
    page.get_by_label("Amber").check()
    page.get_by_label("What has happened?").fill("The evening venue fell through; looking for another.")
    page.get_by_role("button", name="Add update").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The status is amber")
    with live_server.session() as session:
        actions = store.partnership_actions(session, demo)
        action = next(a for a in actions if a.description.startswith("Extend"))
        assert action.status.value == "amber"


def test_adding_a_priority_and_an_action_is_accessible(page, demo):
    sign_in(page, ANALYST)
    page.goto("/officer/plan/priorities/new")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save priority").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the priority's title")
    assert_no_axe_violations(page)
    page.get_by_label("Title").fill("Reduce burglary")
    page.get_by_label("The issue residents ranked that it answers (optional)").select_option(
        label="Community safety consultation: Burglary and theft")
    page.get_by_role("button", name="Save priority").click()
    page.get_by_role("link", name="Add an action to Reduce burglary").click()
    assert_no_axe_violations(page)
    page.get_by_label("What is the action?").fill("Property marking events")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Save action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("must be a real date")
    assert_no_axe_violations(page)
    page.get_by_label("Day").fill("28")
    page.get_by_role("button", name="Save action").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Action added")


def test_a_bad_import_and_the_board_update_form_are_accessible(page, demo, tmp_path):
    sign_in(page, ANALYST)
    page.goto("/officer/plan/import")
    assert_no_axe_violations(page)
    path = tmp_path / "plan.csv"
    path.write_text(plan_csv("Violence,Patrols,Police,,someday,green,,"), encoding="utf-8")
    page.get_by_label("Action plan file (CSV)").set_input_files(str(path))
    page.get_by_role("button", name="Import action plan").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("row 2, column due")
    assert_no_axe_violations(page)
    page.goto("/officer/plan/board-update")
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download board update").click()
    assert download.value.suggested_filename.endswith(".pdf")
