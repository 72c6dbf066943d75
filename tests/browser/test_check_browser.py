"""Check a report in Chromium: from the confirmation's reference and check code to the status, the
reply and withdrawing, by keyboard alone, without JavaScript, and with 0 axe violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from demo.loader import DEMO_CONSULTATIONS, demo_consultation
from survey.consultations import definition_of
from survey.partnerships import get_or_create_partnership
from survey.responses.store import store_response
from survey.runner.navigation import validate_answer
from survey.storage.models import Consultation, Response
from survey.vocabulary import Channel, ReportStatus
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, tab_to

pytestmark = pytest.mark.browser
SLUG = DEMO_CONSULTATIONS["community-safety"]
REPLY = "Thank you for telling us. We have asked for the lights by the park to be fixed."


@pytest.fixture(scope="module", autouse=True)
def consultation(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        demo_consultation(session, partnership, "community-safety", SLUG)
        session.commit()


def stored_report(live_server, *, status=ReportStatus.NEW, reply=None) -> tuple[str, str]:
    """A response stored straight through the core: its reference and check code."""
    with live_server.session() as session:
        consultation = session.scalars(select(Consultation).where(Consultation.slug == SLUG)).one()
        definition = definition_of(consultation)
        answers = {"priorities": validate_answer(definition.question("priorities"), {"violence": "1"})}
        stored = store_response(session, consultation, definition, answers, channel=Channel.WEB)
        stored.response.status, stored.response.reply = status, reply
        session.commit()
        return stored.response.reference, stored.check_code


def exists(live_server, reference: str) -> bool:
    with live_server.session() as session:
        return session.scalar(select(Response.id).where(Response.reference == reference)) is not None


def press(page: Page, target) -> None:
    """Tab to ``target`` and press Enter, waiting for the next page."""
    tab_to(page, target)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.type(text)


def test_a_reporter_sends_checks_and_withdraws_by_keyboard_alone(page, live_server, backend):
    page.goto(f"/consultations/{SLUG}/")
    press(page, page.get_by_role("button", name="Start now"))
    tab_to(page, page.get_by_label("Violence"))
    page.keyboard.press("ArrowDown")
    while "check-answers" not in page.url:
        press(page, page.get_by_role("button", name="Continue"))
    press(page, page.get_by_role("button", name="Send response"))

    panel = page.locator(".govuk-panel__body").inner_text()
    reference, code = re.findall(r"[A-Z0-9]{3,4}-[A-Z0-9]{3,4}-[A-Z0-9]{2,3}", panel)
    expect(page.locator(".govuk-panel__body")).to_contain_text("Your check code is")
    assert_no_axe_violations(page)
    save_screenshot(page, f"confirmation-with-check-code-{backend}")

    press(page, page.get_by_role("link", name="check a report"))
    expect(page.locator("h1")).to_have_text("Check a report")
    type_into(page, "Reference", reference.lower())
    type_into(page, "Check code", code.replace("-", " "))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Your report")
    expect(page.get_by_text("We have received your report. Someone will read it soon.")).to_be_visible()

    press(page, page.get_by_role("button", name="Withdraw my report"))
    expect(page.locator("h1")).to_have_text("Are you sure you want to withdraw your report?")
    assert exists(live_server, reference)
    press(page, page.get_by_role("button", name="Yes, withdraw my report"))
    expect(page.locator("h1")).to_have_text("Your report has been withdrawn")
    assert_no_axe_violations(page)
    assert not exists(live_server, reference)


def test_the_check_pages_have_no_axe_violations(page, live_server, backend):
    reference, code = stored_report(live_server, status=ReportStatus.ACTIONED, reply=REPLY)
    page.goto("/check-a-report")
    expect(page.get_by_role("button", name="Emergency Exit this page")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: Check a report"))
    assert_no_axe_violations(page)
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Check code").fill("AAA-BBB-CCC")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The reference and check code do not match a report. Check them and try again."
    )
    page.locator(".govuk-error-summary").get_by_role("link").click()
    expect(page.get_by_label("Reference")).to_be_focused()
    assert_no_axe_violations(page)

    page.get_by_label("Check code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("We have read your report and done something about it.")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_have_text(REPLY)
    assert_no_axe_violations(page)
    save_screenshot(page, f"check-a-report-reply-{backend}")

    page.get_by_role("button", name="Withdraw my report").click()
    expect(page.locator("h1")).to_have_text("Are you sure you want to withdraw your report?")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="No, keep my report").click()
    assert exists(live_server, reference)

    page.goto("/check-a-report/withdraw")
    assert_no_axe_violations(page)


def test_checking_and_withdrawing_work_without_javascript(no_script_page, live_server):
    page = no_script_page
    reference, code = stored_report(live_server, status=ReportStatus.REVIEWING)
    page.goto("/")
    page.get_by_role("link", name="check a report").click()
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Check code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("We have read your report and are looking into it.")).to_be_visible()
    expect(page.get_by_text("There is no message for you.")).to_be_visible()
    page.get_by_role("button", name="Withdraw my report").click()
    page.get_by_role("button", name="Yes, withdraw my report").click()
    expect(page.locator("h1")).to_have_text("Your report has been withdrawn")
    assert not exists(live_server, reference)
