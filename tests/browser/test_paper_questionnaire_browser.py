"""Printing a questionnaire and typing one up, in Chromium: the officer downloads the PDF from the
consultation's page, then enters a paper response, and every paper-entry page shows the number the
question has on the print. 0 axe violations on each page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from survey.consultations import create_consultation
from survey.definitions.definition import load_template, template_path
from survey.partnerships import get_or_create_partnership
from survey.vocabulary import ConsultationStatus, Role
from tests.browser.conftest import assert_no_axe_violations, sign_in_with_password
from tests.factories import PASSWORD, make_officer
from tests.questionnaires import pdf_text

pytestmark = pytest.mark.browser
SLUG = "paper-numbers"
ANALYST = "paper-analyst@north.example"
TEMPLATE = load_template("community-safety")


@pytest.fixture(scope="module", autouse=True)
def consultation(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(
            session, "paper-north", "Northtown Community Safety Partnership"
        )
        source = template_path("community-safety").read_text(encoding="utf-8")
        create_consultation(session, partnership, source, slug=SLUG, status=ConsultationStatus.OPEN)
        make_officer(session, partnership, Role.ANALYST, email=ANALYST)
        session.commit()


def _printed_numbers(text: str) -> dict[str, int]:
    """Each question's text with the number printed before it."""
    found = {}
    for question in TEMPLATE.questions:
        match = re.search(
            rf"Question (\d+) (?:Answer question \d+ only if [^.]*\. )?{re.escape(question.text)}", text
        )
        assert match, f"{question.text!r} is not on the print with a number"
        found[question.text] = int(match.group(1))
    return found


def test_paper_entry_shows_the_numbers_on_the_printed_form(page, tmp_path):
    sign_in_with_password(page, ANALYST, PASSWORD)
    page.goto(f"/officer/consultations/{SLUG}")
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the paper questionnaire (PDF)").click()
    saved = tmp_path / "questionnaire.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == f"{SLUG}-questionnaire.pdf"
    printed = _printed_numbers(pdf_text(saved.read_bytes(), tmp_path))

    page.get_by_role("button", name="Enter a paper response").click()
    page.get_by_role("button", name="Start now").click()
    shown = {}
    while "/questions/" in page.url:
        page.wait_for_load_state("load")
        heading = page.locator("h1").inner_text()
        match = re.match(r"Question (\d+)\s*(.*)", heading, re.DOTALL)
        assert match, heading
        assert " of " not in heading.split("\n")[0]  # paper entry promises no total
        shown[" ".join(match.group(2).split())] = int(match.group(1))
        assert_no_axe_violations(page)
        if "/questions/victim" in page.url:
            page.get_by_label("Yes").check()  # show the follow-up question too
        page.get_by_role("button", name="Continue").click()
    assert shown == printed

    expect(page.locator("h1")).to_have_text("Check your answers before sending")
    assert_no_axe_violations(page)
    keys = [" ".join(key.split()) for key in page.locator(".govuk-summary-list__key").all_inner_texts()]
    assert keys == [f"Question {printed[text]} {text}" for text in printed]
