"""Creating a consultation and replacing its definition in Chromium: accessible (axe) in every state,
usable without JavaScript, and a refused change explained on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from demo.loader import load_demo
from survey.consultations import consultation_by_slug
from survey.officers import accounts as officers
from survey.vocabulary import Role
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, sign_in_with_password
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ADMIN = "definitions-admin@demo.example"
SURVEY_SLUG = "community-safety-2026"


@pytest.fixture(scope="module")
def demo(live_server):
    with live_server.session() as session:
        partnership = load_demo(session).partnership
        if officers.officer_by_email(session, ADMIN) is None:
            officers.create_officer(
                session, email=ADMIN, password=PASSWORD, role=Role.ADMIN, partnership=partnership
            )
        session.commit()
        return consultation_by_slug(session, SURVEY_SLUG).definition.source


def test_an_administrator_copies_last_years_survey_without_javascript(no_script_page, demo, backend):
    page = no_script_page
    sign_in_with_password(page, ADMIN, PASSWORD)
    page.goto(f"/officer/consultations/{SURVEY_SLUG}")
    page.get_by_role("link", name="Create a copy of this consultation").click()
    expect(page.get_by_label("A copy of an earlier consultation")).to_be_checked()
    page.get_by_label("Title (optional)").fill("Community safety survey 2027")
    page.get_by_role("button", name="Create consultation").click()
    # On to the builder where it is part of the app, else to the new consultation's page.
    assert f"/officer/consultations/{SURVEY_SLUG}-copy" in page.url
    page.goto(f"/officer/consultations/{SURVEY_SLUG}-copy")
    expect(page.locator("h1")).to_have_text("Community safety survey 2027")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Draft")


def test_a_change_the_responses_forbid_is_explained(page, demo, backend):
    sign_in_with_password(page, ADMIN, PASSWORD)
    page.goto(f"/officer/consultations/{SURVEY_SLUG}/replace")
    assert_no_axe_violations(page)
    without = demo.replace("id: safety_day", "id: safety_by_day")
    page.get_by_label("Definition file (YAML)", exact=True).set_input_files(
        {"name": "changed.yaml", "mimeType": "application/yaml", "buffer": without.encode()}
    )
    page.get_by_role("button", name="Replace the definition").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("This change cannot be made")
    expect(summary).to_contain_text("The question 'safety_day' has answers, so it cannot be removed")
    assert_no_axe_violations(page)
    save_screenshot(page, f"definition-refused-{backend}")


def test_the_create_and_history_pages_have_no_axe_violations(page, demo, backend):
    sign_in_with_password(page, ADMIN, PASSWORD)
    page.goto("/officer/consultations/new")
    assert_no_axe_violations(page)
    page.get_by_label("Upload a definition file (YAML)").check()
    page.get_by_label("Definition file (YAML)", exact=True).set_input_files(
        {
            "name": "broken.yaml",
            "mimeType": "application/yaml",
            "buffer": demo.replace("rank: 5", "rank: 50").encode(),
        }
    )
    page.get_by_role("button", name="Create consultation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("broken.yaml, line")
    assert_no_axe_violations(page)
    page.goto(f"/officer/consultations/{SURVEY_SLUG}/versions")
    expect(page.locator("h1")).to_have_text("Versions of the definition")
    assert_no_axe_violations(page)
    save_screenshot(page, f"definition-versions-{backend}")
