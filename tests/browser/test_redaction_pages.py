"""Correcting responses in Chromium: the review list, redacting words and deleting a response, by
keyboard alone and without JavaScript, with axe finding nothing wrong on any page or error state."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from demo.loader import load_demo
from survey.officers import accounts as officers
from survey.storage.models import Answer
from survey.vocabulary import Role
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, sign_in_with_password, tab_to
from tests.factories import PASSWORD
from tests.triage import Forms

pytestmark = pytest.mark.browser

ADMIN = "redaction-admin@demo.example"
ANALYST = "redaction-analyst@demo.example"


@pytest.fixture
def flagged(live_server) -> tuple[str, int, str]:
    """A fresh response whose answer holds a phone number: its reference, answer id and the number."""
    phone = f"07700 9{secrets.randbelow(10**5):05d}"
    with live_server.session() as session:
        partnership = load_demo(session).partnership
        for email, role in ((ADMIN, Role.ADMIN), (ANALYST, Role.ANALYST)):
            if officers.officer_by_email(session, email) is None:
                officers.create_officer(
                    session, email=email, password=PASSWORD, role=role, partnership=partnership
                )
        forms = Forms(session, partnership, slug_suffix=f"-{secrets.token_hex(3)}")
        response = forms.survey(f"Ring my neighbour Dave on {phone} about the noise")
        answer_id = session.scalar(
            select(Answer.id).where(Answer.response_id == response.id, Answer.text.is_not(None))
        )
        session.commit()
        return response.reference, answer_id, phone


def press_button(page: Page, name: str) -> None:
    """Tab to a button and press Enter, as a keyboard user would, waiting for the next page."""
    tab_to(page, page.get_by_role("button", name=name))
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_an_administrator_redacts_a_phone_number_by_keyboard(page, flagged, backend):
    reference, answer_id, phone = flagged
    sign_in_with_password(page, ADMIN, PASSWORD)
    page.goto("/officer/responses/personal-details")
    expect(page.locator("main")).to_contain_text(phone)
    assert_no_axe_violations(page)
    page.goto(f"/officer/responses/{reference}/answers/{answer_id}/redact")
    assert_no_axe_violations(page)

    press_button(page, "Continue")  # nothing chosen, no reason
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    assert_no_axe_violations(page)

    tab_to(page, page.get_by_label(phone))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_label("Why are you removing these words?"))
    page.keyboard.type("a phone number")
    press_button(page, "Continue")
    expect(page.locator("h1")).to_have_text("Check the redaction")
    expect(page.locator("main")).to_contain_text("Ring my neighbour Dave on [redacted] about the noise")
    assert_no_axe_violations(page)
    save_screenshot(page, f"redaction-check-{backend}")

    press_button(page, "Redact these words")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The words were removed from the answer"
    )
    expect(page.locator("main")).not_to_contain_text(phone)


def test_an_analyst_keeps_an_answer_as_it_is(page, flagged):
    reference, _answer_id, phone = flagged
    sign_in_with_password(page, ANALYST, PASSWORD)
    page.get_by_role("link", name="Personal details review").click()
    expect(page.locator("h1")).to_have_text("Answers that may contain personal details")
    expect(page.get_by_role("link", name=f"Remove words from response {reference}")).to_have_count(0)
    press_button(page, f"Keep as it is (response {reference})")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"The answer in response {reference} is kept"
    )
    expect(page.locator("main")).not_to_contain_text(phone)
    assert_no_axe_violations(page)


def test_an_administrator_deletes_a_response_with_a_reason(page, flagged):
    reference, _answer_id, _phone = flagged
    sign_in_with_password(page, ADMIN, PASSWORD)
    page.goto(f"/officer/reports/{reference}")
    page.get_by_role("link", name="Redact words from an answer").click()
    expect(page.locator("h1")).to_have_text("Choose the answer to redact")
    assert_no_axe_violations(page)
    page.goto(f"/officer/reports/{reference}")
    page.get_by_role("link", name="Delete this response").click()
    assert_no_axe_violations(page)
    press_button(page, "Delete this response")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    assert_no_axe_violations(page)
    tab_to(page, page.get_by_label("Why are you deleting this response?"))
    page.keyboard.type("a test response")
    press_button(page, "Delete this response")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Response {reference} was deleted")
    assert page.request.get(f"/officer/reports/{reference}").status == 404


def test_redacting_and_deleting_work_without_javascript(no_script_page, flagged):
    page = no_script_page
    reference, answer_id, phone = flagged
    sign_in_with_password(page, ADMIN, PASSWORD)
    page.goto(f"/officer/responses/{reference}/answers/{answer_id}/redact")
    page.get_by_label("Other words to remove").fill("Dave")
    page.get_by_label("Why are you removing these words?").fill("a name")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Change what to remove").click()  # back to the form, filled in
    expect(page.get_by_label("Other words to remove")).to_have_value("Dave")
    page.get_by_label(phone).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("main")).to_contain_text("Ring my neighbour [redacted] on [redacted] about the noise")
    page.get_by_role("button", name="Redact these words").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("(2 places)")
    page.get_by_role("link", name="Delete this response").click()
    page.get_by_label("Why are you deleting this response?").fill("a test response")
    page.get_by_role("button", name="Delete this response").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Response {reference} was deleted")
