"""Chat to us (``/chat``) in Chromium, as a young person uses it: by keyboard alone with JavaScript off
(every message a page of its own) and on (the chat changes in place, and focus and a live region are on
our newest reply), and on a 360 pixel phone with 0 axe violations, with JavaScript and without."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from survey.conversations import texts
from survey.safeguarding.risk import DANGER_LINE
from tests.browser.conftest import assert_no_sideways_scroll, save_screenshot, tab_to
from tests.browser.web_chat import (
    NEWS,
    PHONE,
    Phone,
    act,
    arrange_demo,
    button,
    changes_in_place,
    lines,
    on_a_phone,
    ours_since_last_said,
    reference_in,
    said,
    shows,
    start_chat,
)

pytestmark = pytest.mark.browser
PLACE = "the underpass by the station"
WORRY = "older kids keep pushing me off the bench at the bus stop and laughing"
KNIFE = "a boy in my class has a knife and says he will stab me"


@pytest.fixture(scope="module", autouse=True)
def demo(live_server) -> None:
    arrange_demo(live_server)


# --- JavaScript off: every step is a page of its own --------------------------------------------------
def go(page: Page, target: Locator, key: str = "Enter") -> None:
    """Tab to ``target`` and press ``key``: a new page loads (a mark left on the old page is gone) and it
    is the chat at our newest reply."""
    tab_to(page, target)
    page.evaluate("window.svSamePage = true")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press(key)
    assert page.evaluate("window.svSamePage") is None, "the step did not load a new page"
    assert page.url.endswith("/chat#latest"), page.url


def tap(page: Page, label: str, key: str = "Enter") -> None:
    go(page, button(page, label), key)


def type_and_send(page: Page, words: str) -> None:
    tab_to(page, page.get_by_label("Type a message"))
    page.keyboard.type(words)
    go(page, button(page, "Send"))


def test_without_javascript_a_young_person_reports_tells_finds_help_and_gets_999_by_keyboard_alone(
    no_script_page, live_server, backend
):
    page = no_script_page
    page.goto("/")
    tab_to(page, page.get_by_role("link", name="chat to us", exact=True))
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Chat to us")
    go(page, button(page, "Start chat"))
    assert ours_since_last_said(page)[0].startswith("Hi. You can use this chat")
    expect(page.locator("#latest")).to_be_focused()  # the page opens where a screen reader carries on

    # An unsafe place, named in words (no map), with reasons ticked by Space.
    tap(page, texts.MENU_REPORT)
    tap(page, "I feel unsafe here")
    type_and_send(page, PLACE)
    assert said(page)[-1] == PLACE
    assert ours_since_last_said(page)[0] == texts.GOT_LOCATION
    tap(page, "Poor lighting", key="Space")
    tap(page, "Groups gathering", key="Space")
    expect(button(page, texts.TICKED_OPTION.format(label="Poor lighting"))).to_be_visible()
    tap(page, texts.DONE)
    tap(page, "In the evening", key="Space")
    tap(page, texts.DONE)
    tap(page, "On weekdays")
    tap(page, texts.AGE_11_TO_15)
    tap(page, texts.SKIP)
    check = ours_since_last_said(page)[0]
    assert check.startswith(texts.CHECK) and PLACE in check and "Poor lighting" in check
    tap(page, texts.SEND)
    place_reference = reference_in(page)

    # A worry, with a reference of its own.
    tap(page, texts.MENU_WORRY)
    tap(page, "Bullying")
    type_and_send(page, WORRY)
    tap(page, texts.SKIP)
    tap(page, texts.AGE_11_TO_15)
    tap(page, texts.SEND)
    assert reference_in(page) != place_reference

    # Help by topic and age.
    tap(page, texts.MENU_HELP)
    tap(page, "Bullying")
    tap(page, texts.AGE_11_TO_15)
    services = ours_since_last_said(page)[0]
    assert services.startswith(texts.HELP_SERVICES.format(topic="Bullying")) and "Childline" in services

    # Words of danger: the 999 line comes first, where the page opens.
    type_and_send(page, KNIFE)
    first = ours_since_last_said(page)[0]
    assert first.startswith(DANGER_LINE)
    latest = page.locator("#latest")
    expect(latest).to_be_focused()
    assert latest.locator(".sv-chat__text").text_content().strip() == first
    assert [by for by, _, id_ in lines(page) if id_ == "latest"] == ["us"]
    save_screenshot(page, f"web-chat-999-first-no-javascript-{backend}")


# --- JavaScript on: the chat changes in place ---------------------------------------------------------
def test_with_javascript_the_chat_changes_in_place_and_focus_and_the_live_region_follow(page, backend):
    script_problems: list[str] = []
    page.on("pageerror", lambda error: script_problems.append(str(error)))
    page.on("console", lambda message: script_problems.append(message.text) if "Error" in message.text
            or message.type == "error" else None)
    start_chat(page)
    act(page, button(page, texts.MENU_REPORT))
    assert ours_since_last_said(page)[0].startswith("Tell us about a place")
    act(page, button(page, "I feel unsafe here"), key="Space")

    box = page.get_by_label("Type a message")
    count = page.locator(".govuk-character-count__status")
    expect(count).to_have_text(f"You have {texts.CHAT_MESSAGE_LIMIT:,} characters remaining")
    tab_to(page, box)
    page.keyboard.type(PLACE)
    expect(count).to_have_text(f"You have {texts.CHAT_MESSAGE_LIMIT - len(PLACE)} characters remaining")

    tab_to(page, button(page, "Send"))
    changes_in_place(page, lambda: (page.keyboard.press("Enter"), page.keyboard.press("Enter")))
    assert said(page).count(PLACE) == 1
    assert ours_since_last_said(page)[0] == texts.GOT_LOCATION

    act(page, button(page, "Poor lighting"), key="Space")
    act(page, button(page, texts.DONE))
    act(page, button(page, "After school"), key="Space")
    act(page, button(page, texts.DONE))
    act(page, button(page, "Both"))
    act(page, button(page, texts.AGE_16_OR_17))
    act(page, button(page, texts.SKIP))
    act(page, button(page, texts.SEND))
    reference_in(page)

    tab_to(page, page.get_by_label("Type a message"))
    page.keyboard.type(KNIFE)
    act(page, button(page, "Send"))
    assert ours_since_last_said(page)[0].startswith(DANGER_LINE)
    expect(page.locator(NEWS)).to_contain_text(DANGER_LINE)
    expect(page.locator("#latest")).to_contain_text(DANGER_LINE)
    save_screenshot(page, f"web-chat-999-first-javascript-{backend}")

    page.reload()  # what the server kept: each message once
    assert said(page).count(PLACE) == 1 and said(page).count(KNIFE) == 1
    assert script_problems == []


# --- a 360 pixel phone, 0 axe violations --------------------------------------------------------------
def fits_and_passes_axe(phone: Phone, name: str) -> None:
    assert_no_sideways_scroll(phone.page)
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.passes_axe()
    save_screenshot(phone.page, name)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_chat_pages_fit_a_360_pixel_phone_with_0_axe_violations(
    browser, live_server, backend, javascript
):
    way = "javascript" if javascript else "no-javascript"
    with on_a_phone(browser, live_server, javascript=javascript) as phone:
        page = phone.page
        page.goto("/chat")
        expect(button(page, "Start chat")).to_be_visible()
        fits_and_passes_axe(phone, f"web-chat-start-{way}-{backend}")

        shows(page, button(page, "Start chat"))
        expect(button(page, texts.MENU_REPORT)).to_be_visible()
        fits_and_passes_axe(phone, f"web-chat-menu-{way}-{backend}")

        shows(page, button(page, texts.MENU_REPORT))
        shows(page, button(page, "I feel unsafe here"))
        expect(page.locator("#latest")).to_contain_text("Where is the place?")
        expect(button(page, texts.SHARE_LOCATION)).to_have_count(1 if javascript else 0)
        fits_and_passes_axe(phone, f"web-chat-place-question-{way}-{backend}")

        before = lines(page)
        shows(page, button(page, "Send"))
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text(texts.CHAT_EMPTY_MESSAGE)
        expect(page.locator(".govuk-error-message")).to_contain_text(texts.CHAT_EMPTY_MESSAGE)
        assert lines(page) == before
        if javascript:
            expect(summary).to_be_focused()
            expect(page.locator(NEWS)).to_have_text("")
        else:
            expect(page).to_have_title(re.compile("^Error: Chat to us"))
            expect(page.get_by_label("Type a message")).to_be_focused()  # the page opens at #message
        fits_and_passes_axe(phone, f"web-chat-empty-message-{way}-{backend}")

        shows(page, button(page, "Forget this chat"))
        expect(page.locator(".govuk-notification-banner")).to_contain_text("I have forgotten this chat")
        expect(button(page, "Start chat")).to_be_visible()
        fits_and_passes_axe(phone, f"web-chat-forgotten-{way}-{backend}")
