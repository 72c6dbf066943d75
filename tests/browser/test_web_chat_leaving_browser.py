"""Leaving the web chat and sharing a place from it, in Chromium on a 360 pixel phone: "Exit this page"
ends the chat before leaving and Back shows none of it; "Share my location" sends the place with
JavaScript, and without it there is no such button, only a hint to type the place."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from survey.conversations import texts
from tests.browser.conftest import save_screenshot, tab_to
from tests.browser.web_chat import (
    LINES,
    act,
    arrange_demo,
    button,
    lines,
    on_a_phone,
    ours_since_last_said,
    said,
    shows,
    start_chat,
)
from tests.conversations import FAR_OUTSIDE_THE_AREA, INSIDE_THE_AREA
from webapp.chat.sessions import COOKIE
from webapp.chat.views import EXIT_TO

pytestmark = pytest.mark.browser
WORDS = "the lights in the alley behind the shops have been broken for weeks"


@pytest.fixture(scope="module", autouse=True)
def demo(live_server) -> None:
    arrange_demo(live_server)


# --- leaving ------------------------------------------------------------------------------------------
def say(page: Page, words: str) -> None:
    page.get_by_label("Type a message").fill(words)
    shows(page, button(page, "Send"))
    expect(page.locator(LINES).filter(has_text=words)).to_have_count(1)


@pytest.mark.parametrize("how", ["shift three times", "the button", "the link without javascript"])
def test_exit_this_page_ends_the_chat_and_back_shows_none_of_it(browser, live_server, how):
    with on_a_phone(browser, live_server, javascript=how != "the link without javascript") as phone:
        page = phone.page
        page.goto("/chat")
        shows(page, button(page, "Start chat"))
        say(page, WORDS)
        assert page.request.get("/chat").headers["cache-control"] == "no-store"
        token = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == COOKIE)

        if how == "shift three times":
            for _ in range(3):
                page.keyboard.press("Shift")
        else:
            tab_to(page, page.get_by_role("button", name="Exit this page"))
            page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text("Weather")
        assert page.url == f"{live_server.url}/chat/exit"
        [left] = phone.left
        assert left.status == 303 and left.headers["location"] == EXIT_TO
        assert COOKIE not in [cookie["name"] for cookie in page.context.cookies()]

        page.go_back()  # the chat pages are never kept (no-store): Back asks again and there is no chat
        expect(page.locator("h1")).to_have_text("Chat to us")
        expect(button(page, "Start chat")).to_be_visible()
        expect(page.get_by_text(WORDS)).to_have_count(0)
        expect(page.locator(LINES)).to_have_count(0)

        # The chat is ended where it is kept, not only forgotten by the browser.
        page.context.add_cookies([{"name": COOKIE, "value": token, "url": f"{live_server.url}/chat"}])
        page.goto("/chat")
        expect(page.locator(".govuk-notification-banner")).to_contain_text(texts.CHAT_ENDED)
        expect(page.get_by_text(WORDS)).to_have_count(0)


def test_with_javascript_a_chat_that_has_ended_shows_the_start_page_as_a_page(browser, live_server):
    with on_a_phone(browser, live_server) as phone:
        page = phone.page
        page.goto("/chat")
        shows(page, button(page, "Start chat"))
        page.context.clear_cookies(name=COOKIE)  # as when the browser is closed and opened again
        shows(page, button(page, texts.MENU_HELP))
        expect(page.locator("h1")).to_have_count(1)
        expect(page.locator(".govuk-notification-banner")).to_contain_text(texts.CHAT_ENDED)
        expect(button(page, "Start chat")).to_be_visible()


# --- sharing a location -------------------------------------------------------------------------------
def to_the_place_question(page: Page) -> None:
    start_chat(page)
    act(page, button(page, texts.MENU_REPORT))
    act(page, button(page, "I feel unsafe here"))


def test_share_my_location_sends_the_place_with_javascript(browser, live_server, backend):
    latitude, longitude = INSIDE_THE_AREA
    with on_a_phone(browser, live_server, geolocation={"latitude": latitude, "longitude": longitude},
                    permissions=["geolocation"]) as phone:
        page = phone.page
        response = page.goto("/chat")
        assert "geolocation=(self)" in response.headers["permissions-policy"]
        to_the_place_question(page)
        act(page, button(page, texts.SHARE_LOCATION))
        assert said(page)[-1] == texts.SAID_LOCATION
        assert ours_since_last_said(page)[0] == texts.GOT_LOCATION
        assert ours_since_last_said(page)[1].startswith("Question 3 of")
        save_screenshot(page, f"web-chat-location-shared-{backend}")


def test_a_location_outside_the_area_is_refused_by_the_chat(browser, live_server):
    latitude, longitude = FAR_OUTSIDE_THE_AREA
    with on_a_phone(browser, live_server, geolocation={"latitude": latitude, "longitude": longitude},
                    permissions=["geolocation"]) as phone:
        page = phone.page
        to_the_place_question(page)
        act(page, button(page, texts.SHARE_LOCATION))
        assert "outside" in ours_since_last_said(page)[0]
        expect(button(page, texts.SHARE_LOCATION)).to_be_visible()  # the same question, asked again


def test_a_location_not_shared_says_to_type_the_place_and_changes_nothing(browser, live_server):
    with on_a_phone(browser, live_server) as phone:  # no permission: the browser refuses
        page = phone.page
        to_the_place_question(page)
        before = lines(page)
        tab_to(page, button(page, texts.SHARE_LOCATION))
        page.keyboard.press("Enter")
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text(texts.CHAT_LOCATION_NOT_SHARED)
        expect(summary).to_be_focused()
        assert lines(page) == before
        summary.get_by_role("link").press("Enter")
        expect(page.get_by_label("Type a message")).to_be_focused()
        phone.passes_axe()


def test_without_javascript_there_is_no_location_button_and_a_hint_says_to_type_the_place(
    browser, live_server
):
    with on_a_phone(browser, live_server, javascript=False) as phone:
        page = phone.page
        page.goto("/chat")
        shows(page, button(page, "Start chat"))
        shows(page, button(page, texts.MENU_REPORT))
        shows(page, button(page, "I feel unsafe here"))
        expect(page.locator("#latest")).to_contain_text("Where is the place?")
        expect(button(page, texts.SHARE_LOCATION)).to_have_count(0)
        hint = page.locator(".sv-chat__choices noscript p")  # Playwright's text search skips noscript
        expect(hint).to_be_visible()
        expect(hint).to_have_text("Sharing your location needs JavaScript. You can type the place instead.")
