"""The consultation builder in Chromium.

The issue's "Done when": an officer builds a consultation with a ranking, a multiple-choice question
with "Other", a scale and a conditional question by keyboard alone (Tab, Space, the arrow keys,
Enter and typing: no mouse), previews it, opens it, and a resident completes it. And axe finds
nothing wrong on any builder page, error states included.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from survey.consultations import consultation_by_slug, create_consultation
from survey.definitions.definition import parse_definition
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Answer, Partnership, Response
from survey.vocabulary import ConsultationStatus, Role
from tests.browser.conftest import (
    assert_no_axe_violations,
    continue_by_keyboard,
    save_screenshot,
    sign_in_with_password,
    tab_to,
)
from tests.factories import PASSWORD, make_officer
from tests.web import next_code_for

pytestmark = pytest.mark.browser

ADMIN = "builder-admin@builder.example"
BLANK = """\
id: {slug}
kind: consultation
title: Walking home safely
intro: Tell us how safe you feel on the way home.
privacy_notice: We do not ask for your name. We keep answers for two years.
pages:
  - title: Getting started
    questions:
      - id: postcode_district
        type: free_text
        text: Which postcode district do you live in?
        max_length: 10
"""


@pytest.fixture(scope="module")
def partnership_id(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "builder", "Builder Community Safety Partnership")
        make_officer(session, partnership, Role.ADMIN, email=ADMIN)
        session.commit()
        return partnership.id


CONDITIONAL = """\
id: {slug}
kind: consultation
title: Checked by axe
intro: Every builder page.
privacy_notice: Anonymous.
pages:
  - questions:
      - id: walk_home
        type: single_choice
        text: Do you walk home after dark?
        options: [Yes, No]
      - id: postcode_district
        type: free_text
        text: Which postcode district do you live in?
        show_if: {{question: walk_home, in: ["yes"]}}
"""


def a_draft(live_server, partnership_id: int, slug: str, source: str = BLANK) -> str:
    with live_server.session() as session:
        partnership = session.get(Partnership, partnership_id)
        create_consultation(
            session, partnership, source.format(slug=slug), slug=slug, status=ConsultationStatus.DRAFT
        )
        session.commit()
    return f"/officer/consultations/{slug}/build"


def press_enter(page: Page) -> None:
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def sign_in_by_keyboard(page: Page, live_server) -> None:
    page.goto("/sign-in")
    tab_to(page, page.get_by_label("Email address"))
    page.keyboard.type(ADMIN)
    tab_to(page, page.get_by_label("Password", exact=True))
    page.keyboard.type(PASSWORD)
    press_enter(page)
    expect(page).to_have_url(re.compile(r"/sign-in/code$"))
    tab_to(page, page.get_by_label("Code from your authenticator app"))
    page.keyboard.type(next_code_for(live_server.app, ADMIN))
    press_enter(page)


def follow(page: Page, target) -> None:
    """Tab to a link or button and press Enter, waiting for the page it leads to."""
    tab_to(page, target, limit=200)
    press_enter(page)


def choose_radio(page: Page, first_label: str, label: str, downs: int) -> None:
    """A radio group is one Tab stop: Tab to it, then the arrow keys move to (and choose) an option."""
    tab_to(page, page.get_by_label(first_label, exact=True))
    for _ in range(downs):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label(label, exact=True)).to_be_checked()


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.type(text)


def tick(page: Page, label: str) -> None:
    tab_to(page, page.get_by_label(label, exact=True))
    page.keyboard.press("Space")
    expect(page.get_by_label(label, exact=True)).to_be_checked()


def add_question(page: Page, kind_label: str, downs: int) -> None:
    follow(page, page.get_by_role("link", name="Add a question to page 1"))
    expect(page.locator("h1")).to_have_text("What kind of question is it?")
    choose_radio(page, "One answer from a list", kind_label, downs)
    continue_by_keyboard(page)


def save_question(page: Page) -> None:
    follow(page, page.get_by_role("button", name="Save question"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Question added")


def test_an_officer_builds_previews_and_opens_a_consultation_by_keyboard(
    page, live_server, partnership_id, browser
):
    build = a_draft(live_server, partnership_id, "walking-home")
    sign_in_by_keyboard(page, live_server)
    page.goto(build)
    expect(page.locator("h1")).to_have_text("Build the consultation")

    add_question(page, "Put options in order", 2)
    type_into(page, "Question", "Which of these worry you most on the way home?")
    type_into(page, "Options", "Poor street lighting\nGroups gathering\nEmpty streets\nSpeeding traffic")
    type_into(page, "How many options should people rank?", "2")
    save_question(page)

    add_question(page, "Several answers from a list", 1)
    type_into(page, "Question", "How do you usually get home?")
    type_into(page, "Options", "Walking\nBus\nBicycle")
    tick(page, 'Add "Other - please specify"')
    save_question(page)

    add_question(page, "A scale", 3)
    type_into(page, "Question", "How safe do you feel walking home after dark?")
    expect(page.get_by_label("Very safe, Fairly safe, A bit unsafe, Very unsafe")).to_be_checked()
    save_question(page)

    add_question(page, "An answer in their own words", 4)
    type_into(page, "Question", "What would make your walk home feel safer?")
    save_question(page)

    card = page.locator(".govuk-summary-card", has_text="What would make your walk home feel safer?")
    follow(page, card.get_by_role("link", name="Add condition"))
    choose_radio(
        page,
        "Which of these worry you most on the way home?",
        "How safe do you feel walking home after dark?",
        2,
    )
    continue_by_keyboard(page)
    tick(page, "A bit unsafe")
    tick(page, "Very unsafe")
    follow(page, page.get_by_role("button", name="Save condition"))
    expect(card).to_contain_text(
        "Only if the answer to \u2018How safe do you feel walking home after dark?\u2019"
    )
    save_screenshot(page, "builder-overview")

    with live_server.session() as session:
        definition = parse_definition(consultation_by_slug(session, "walking-home").definition.source)
    assert [question.type for question in definition.questions] == [
        "free_text",
        "ranking",
        "multiple_choice",
        "scale",
        "free_text",
    ]
    assert definition.questions[2].other and definition.questions[4].show_if.values == (
        "a_bit_unsafe",
        "very_unsafe",
    )

    follow(page, page.get_by_role("link", name="Preview as a respondent"))
    expect(page.locator("h1")).to_have_text("Walking home safely")
    page.goto("/officer/consultations/walking-home")
    follow(page, page.get_by_role("button", name="Open to the public"))
    expect(page.locator(".govuk-tag").first).to_have_text("Open")

    resident = browser.new_context(base_url=live_server.url).new_page()
    try:
        a_resident_completes_it(resident, live_server)
    finally:
        resident.context.close()


def a_resident_completes_it(page: Page, live_server) -> None:
    page.goto("/consultations/walking-home/")
    follow(page, page.get_by_role("button", name="Start now"))
    expect(page.locator("h1")).to_contain_text("postcode district")
    tab_to(page, page.locator("textarea"))
    page.keyboard.type("AB1")
    continue_by_keyboard(page)
    expect(page.locator("h1")).to_contain_text("worry you most")
    tab_to(page, page.get_by_label("Empty streets"))
    page.keyboard.press("ArrowDown")  # "Not ranked" -> "1"
    continue_by_keyboard(page)
    expect(page.locator("h1")).to_contain_text("get home")
    tick(page, "Other - please specify")
    type_into(page, "Please specify", "Taxi")
    continue_by_keyboard(page)
    expect(page.locator("h1")).to_contain_text("after dark")
    choose_radio(page, "Very safe", "A bit unsafe", 2)
    continue_by_keyboard(page)
    expect(page.locator("h1")).to_contain_text("walk home feel safer")  # shown: the condition holds
    tab_to(page, page.locator("textarea"))
    page.keyboard.type("More lights on the path by the river")
    continue_by_keyboard(page)
    expect(page.locator("h1")).to_have_text("Check your answers before sending")
    follow(page, page.get_by_role("button", name="Send response"))
    expect(page.locator(".govuk-panel__title")).to_have_text("Response sent")
    with live_server.session() as session:
        consultation = consultation_by_slug(session, "walking-home")
        stored = session.scalar(
            select(func.count()).select_from(Response).where(Response.consultation_id == consultation.id)
        )
        words = session.scalars(
            select(Answer.text)
            .join(Response)
            .where(Response.consultation_id == consultation.id, Answer.text.is_not(None))
        ).all()
    assert stored == 1 and "Taxi" in words


def test_every_builder_page_has_no_axe_violations(page, live_server, partnership_id):
    build = a_draft(live_server, partnership_id, "axe-check", CONDITIONAL)
    sign_in_by_keyboard(page, live_server)
    pages = [
        build,
        f"{build}/details",
        f"{build}/pages/new",
        f"{build}/pages/1",
        f"{build}/pages/1/remove",
        f"{build}/pages/1/questions/new",
        f"{build}/questions/postcode_district",
        f"{build}/questions/postcode_district/remove",
        f"{build}/questions/postcode_district/condition",
        f"{build}/questions/postcode_district/condition/walk_home",
        f"{build}/questions/walk_home/condition",
        f"{build}/questions/walk_home/kind",
        f"{build}/questions/walk_home?kind=ranking",
    ]
    pages += [
        f"{build}/pages/1/questions/new/{kind}"
        for kind in (
            "single_choice",
            "multiple_choice",
            "ranking",
            "scale",
            "free_text",
            "number",
            "date",
            "location",
            "about_you",
        )
    ]
    for path in pages:
        page.goto(path)
        assert_no_axe_violations(page)
    # Error states: a form's own mistakes, and a problem only the loader finds.
    page.goto(f"{build}/pages/1/questions/new/ranking")
    page.get_by_role("button", name="Save question").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the question")
    assert_no_axe_violations(page)
    page.get_by_label("Question", exact=True).fill("Rank these")
    page.get_by_label("Options", exact=True).fill("A\nB")
    page.get_by_label("How many options should people rank?").fill("3")
    page.get_by_role("button", name="Save question").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "rank (3) is more than the number of options (2)"
    )
    assert_no_axe_violations(page)
    save_screenshot(page, "builder-error")
    page.goto(build)
    page.get_by_role("button", name="Move up Which postcode district do you live in?").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("'walk_home' is not an earlier question")
    assert_no_axe_violations(page)


def test_the_builder_works_without_javascript(no_script_page, live_server, partnership_id):
    page = no_script_page
    build = a_draft(live_server, partnership_id, "no-script")
    sign_in_with_password(page, ADMIN, PASSWORD)
    page.goto(build)
    page.get_by_role("link", name="Add a question to page 1").click()
    page.get_by_label("One answer from a list").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Question", exact=True).fill("Do you walk home after dark?")
    page.get_by_label("Options", exact=True).fill("Yes\nNo")
    page.get_by_label('Add "Other - please specify"').check()
    page.get_by_role("button", name="Save question").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Question added")
    page.get_by_role("button", name="Move up Do you walk home after dark?").click()
    expect(page.locator(".govuk-summary-card__title").first).to_have_text("Do you walk home after dark?")
    with live_server.session() as session:
        definition = parse_definition(consultation_by_slug(session, "no-script").definition.source)
    assert [question.id for question in definition.questions] == [
        "do_you_walk_home_after_dark",
        "postcode_district",
    ]
    assert definition.questions[0].other
