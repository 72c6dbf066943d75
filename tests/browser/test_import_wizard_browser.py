"""The import wizard in Chromium: the issue's "Done when" for the web.

An officer imports the Google Forms sample by keyboard alone (Tab, typing into a select box, Enter),
changes one match, checks the counts and imports (the background worker runs the import while the
status page refreshes itself); the same file again is refused with a clear message. axe finds
nothing wrong on any wizard page, and the wizard works without JavaScript.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Answer, Consultation, Response
from survey.vocabulary import ConsultationStatus, Role
from tests.browser.conftest import assert_no_axe_violations, sign_in_with_password, tab_to
from tests.factories import PASSWORD, make_officer
from tests.imports_samples import SAMPLES

pytestmark = pytest.mark.browser
ANALYST = "wizard-analyst@wizard.example"
GOOGLE = SAMPLES / "google-forms.csv"
DAY = "How safe do you feel walking alone in your local area during the day?"


@pytest.fixture(scope="module", autouse=True)
def consultations(live_server):
    source = template_path("community-safety").read_text(encoding="utf-8")
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "wizard", "Wizard Community Safety Partnership")
        make_officer(session, partnership, Role.ANALYST, email=ANALYST)
        for slug in ("wizard-keyboard", "wizard-no-script"):
            create_consultation(session, partnership, source, slug=slug, status=ConsultationStatus.OPEN)
        session.commit()


def counts(live_server, slug: str, question: str | None = None) -> int:
    with live_server.session() as session:
        consultation = session.scalars(select(Consultation).where(Consultation.slug == slug)).one()
        if question is None:
            query = (select(func.count()).select_from(Response)
                     .where(Response.consultation_id == consultation.id))
        else:
            query = (select(func.count()).select_from(Answer).join(Response)
                     .where(Response.consultation_id == consultation.id, Answer.question_id == question))
        return session.scalar(query)


def assert_no_axe_violations_but_the_timed_refresh(page: Page) -> None:
    page.wait_for_load_state("load")
    rules = {"meta-refresh": {"enabled": False}}
    results = Axe().run(page, options={"resultTypes": ["violations"], "rules": rules})
    assert results.violations_count == 0, results.generate_report()


def press(page: Page, target, limit: int = 120) -> None:
    """Tab to ``target`` and press Enter, waiting for the next page."""
    tab_to(page, target, limit)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def upload_by_keyboard(page: Page, slug: str) -> None:
    page.goto(f"/officer/consultations/{slug}/import/upload")
    assert_no_axe_violations(page)
    file_input = page.get_by_label("Responses file")
    tab_to(page, file_input)
    file_input.set_input_files(str(GOOGLE))  # a file chooser is the system's, not the page's
    press(page, page.get_by_role("button", name="Upload and match the columns"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check how the columns are matched")


def test_an_officer_imports_a_google_forms_export_by_keyboard(page: Page, live_server, live_worker):
    sign_in_with_password(page, ANALYST, PASSWORD)
    upload_by_keyboard(page, "wizard-keyboard")
    expect(page.get_by_text("looks like an export from Google Forms")).to_be_visible()
    expect(page.get_by_text("Never stored: this column identifies people")).to_be_visible()
    assert_no_axe_violations(page)

    day = page.get_by_label(f"Where the column {DAY} goes")
    expect(day).to_have_value("safety_day")
    tab_to(page, day)
    page.keyboard.type("Ignore")  # a closed select box chooses the option its typed letters begin
    expect(day).to_have_value("ignore")
    press(page, page.get_by_role("button", name="Check again"))
    expect(page.get_by_label(f"Where the column {DAY} goes")).to_have_value("ignore")
    press(page, page.get_by_role("button", name="Continue"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Check what will be added")
    expect(page.get_by_text("6 responses")).to_be_visible()
    expect(page.get_by_role("checkbox", name="I mean to import this file again")).to_have_count(0)
    assert_no_axe_violations(page)
    with live_worker.held():  # the import waits for the worker, to see its status page meanwhile
        press(page, page.get_by_role("button", name="Import responses"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Importing responses")
        expect(page.locator('meta[http-equiv="refresh"]')).to_have_attribute("content", "3")
        status = page.url
        # The timed refresh is what axe's meta-refresh rule (WCAG 2.2.1) is about; the page answers it
        # with a link that turns the refresh off, and that page passes every rule.
        assert_no_axe_violations_but_the_timed_refresh(page)
        page.get_by_role("link", name="Stop refreshing this page").click()  # before the next refresh
        expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
        expect(page.get_by_text("The import is waiting to start.")).to_be_visible()
        assert_no_axe_violations(page)
    page.goto(status)
    # The page refreshes itself (no JavaScript) until the worker has imported the file.
    expect(page.get_by_role("heading", level=1)).to_have_text("Responses imported", timeout=30_000)
    expect(page.get_by_text("Stored 6 responses.")).to_be_visible()
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
    assert_no_axe_violations(page)
    assert counts(live_server, "wizard-keyboard") == 6
    assert counts(live_server, "wizard-keyboard", "safety_day") == 0

    upload_by_keyboard(page, "wizard-keyboard")
    press(page, page.get_by_role("button", name="Continue"))
    expect(page.get_by_text("This file was already imported into this consultation on")).to_be_visible()
    press(page, page.get_by_role("button", name="Import responses"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("This file was already imported into this consultation on")
    expect(summary).to_contain_text("Nothing was stored")
    assert_no_axe_violations(page)
    assert counts(live_server, "wizard-keyboard") == 6


def test_the_wizard_works_without_javascript(no_script_page: Page, live_server, live_worker):
    page = no_script_page
    sign_in_with_password(page, ANALYST, PASSWORD)
    page.goto("/officer/consultations/wizard-no-script/import/upload")
    page.get_by_label("Responses file").set_input_files(str(GOOGLE))
    page.get_by_label("Tool the file was exported from").select_option("google-forms")
    page.get_by_role("button", name="Upload and match the columns").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Import responses").click()
    expect(page.get_by_text("Stored 6 responses.")).to_be_visible(timeout=30_000)  # refreshed by itself
    assert counts(live_server, "wizard-no-script") == 6
    assert counts(live_server, "wizard-no-script", "safety_day") > 0
