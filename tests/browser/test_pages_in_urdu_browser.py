"""The public pages outside the consultation, places and conversations, in Urdu (written right to left)
in Chromium: each is marked ``lang="ur" dir="rtl"`` on <html>, uses the mirrored GOV.UK stylesheet and
has 0 axe violations, including the error states of its forms."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from analysis.published import publish
from demo.loader import DEMO_CONSULTATIONS, demo_consultation
from demo.responses import generate_demo_responses
from survey.consultations import definition_of, set_status
from survey.languages import translate
from survey.responses.store import store_response
from survey.runner.navigation import validate_answer
from survey.vocabulary import Channel, ConsultationStatus
from tests.browser.conftest import assert_no_axe_violations, save_screenshot
from tests.conversations import make_demo_partnership

pytestmark = pytest.mark.browser
SLUG = DEMO_CONSULTATIONS["community-safety"]
PAGES = ["/", "/privacy", "/accessibility", "/help", "/help/mental_health?age=11_15", "/results",
         f"/results/{SLUG}", "/check-a-report", "/check-a-report/withdraw", "/chat", "/no-such-page"]


@pytest.fixture(scope="module")
def report(live_server) -> tuple[str, str]:
    """The site's partnership with its forms, services and a published consultation; a report's
    reference and check code."""
    with live_server.session() as session:
        partnership = make_demo_partnership(session)
        consultation = demo_consultation(session, partnership, "community-safety", SLUG)
        generate_demo_responses(session, consultation)
        set_status(session, consultation, ConsultationStatus.CLOSED)
        publish(session, consultation)
        definition = definition_of(consultation)
        answers = {"priorities": validate_answer(definition.question("priorities"), {"violence": "1"})}
        stored = store_response(session, consultation, definition, answers, channel=Channel.WEB)
        session.commit()
        return stored.response.reference, stored.check_code


def in_urdu(page: Page, path: str) -> None:
    page.goto(f"/language/ur?next={path}")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ur")
    assert page.locator('link[href$="govuk-frontend.rtl.min.css"]').count() == 1


@pytest.mark.parametrize("path", PAGES)
def test_each_page_in_urdu_is_right_to_left_with_no_axe_violations(page: Page, report, path):
    in_urdu(page, path)
    assert_no_axe_violations(page)


def test_check_a_report_in_urdu_with_its_errors_and_the_status(page: Page, report):
    reference, code = report
    in_urdu(page, "/check-a-report")
    page.get_by_role("button", name=translate("Continue", "ur")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(translate("Enter your reference", "ur"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_axe_violations(page)
    page.get_by_label(translate("Reference", "ur"), exact=True).fill(reference)
    page.get_by_label(translate("Check code", "ur"), exact=True).fill(code)
    page.get_by_role("button", name=translate("Continue", "ur")).click()
    status = translate("We have received your report. Someone will read it soon.", "ur")
    expect(page.get_by_text(status)).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "check-a-report-urdu")


def test_the_chat_in_urdu_once_started(page: Page, report):
    in_urdu(page, "/chat")
    page.get_by_role("button", name=translate("Start chat", "ur")).click()
    expect(page.get_by_role("button", name=translate("Send", "ur"))).to_be_visible()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_axe_violations(page)
    page.get_by_role("button", name=translate("Send", "ur")).click()  # nothing typed: the error state
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "chat-urdu")
