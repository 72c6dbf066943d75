"""Chat to us (``/chat``) in Chromium, as a young person uses it: by keyboard alone with JavaScript off
(every message a page of its own) and on (the chat changes in place, and focus and a live region are on
our newest reply); on a 360 pixel phone with 0 axe violations; leaving by "Exit this page"; and sharing
a location in a place question."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import APIResponse, Browser, CDPSession, Locator, Page, Route, expect

from survey.conversations import texts
from survey.safeguarding.risk import DANGER_LINE
from tests.browser.conftest import (
    LiveServer,
    assert_no_axe_violations,
    assert_no_sideways_scroll,
    save_screenshot,
    tab_to,
)
from tests.conversations import FAR_OUTSIDE_THE_AREA, INSIDE_THE_AREA, make_demo_partnership
from webapp.chat.sessions import COOKIE
from webapp.chat.views import EXIT_TO

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
PLACE = "the underpass by the station"
WORRY = "older kids keep pushing me off the bench at the bus stop and laughing"
KNIFE = "a boy in my class has a knife and says he will stab me"
REFERENCE = re.compile(r"Your reference is ([A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+)\.")
LINES = "ol.sv-chat > li[data-by]"
NEWS = "[data-sv-chat-news]"


@pytest.fixture(scope="module", autouse=True)
def demo(live_server: LiveServer) -> None:
    with live_server.session() as session:
        make_demo_partnership(session)
        session.commit()


WEATHER = "<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"


@dataclass
class Phone:
    page: Page
    left: list[APIResponse] = field(default_factory=list)
    """The app's answers to "Exit this page" (``/chat/exit``), before the browser follows them."""
    scripts: CDPSession | None = None
    """Without JavaScript: the session that turned the page's scripts off."""

    def passes_axe(self) -> None:
        """0 axe violations. Without JavaScript, scripts are on only while axe-core (itself a script) runs
        over the page as it came; the page's own scripts, never run while it loaded, stay unrun."""
        if self.scripts is None:
            return assert_no_axe_violations(self.page)
        self.scripts.send("Emulation.setScriptExecutionDisabled", {"value": False})
        try:
            assert self.page.evaluate("!document.body.classList.contains('govuk-frontend-supported')")
            assert_no_axe_violations(self.page)
        finally:
            self.scripts.send("Emulation.setScriptExecutionDisabled", {"value": True})


@contextmanager
def on_a_phone(browser: Browser, live_server: LiveServer, *, javascript: bool = True, **options
               ) -> Iterator[Phone]:
    """A page in a context of its own at 360 by 740 pixels, where any request to another site fails the
    test. "Exit this page" (``/chat/exit``) goes to the app as usual and its answer (a redirect to the
    weather) is kept; the weather page is stood in for here, as Playwright cannot route the request a
    redirect makes and the test must not ask the real site.

    Without JavaScript the page's scripts are turned off as Playwright's ``java_script_enabled=False``
    does (``Emulation.setScriptExecutionDisabled``), but through a session of our own, so that axe-core
    can still be let in (:meth:`Phone.passes_axe`)."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, **options)
    phone = Phone(context.new_page())

    def leave(route: Route) -> None:
        phone.left.append(route.fetch(max_redirects=0))  # with the browser's cookies, and back to them
        route.fulfill(content_type="text/html", body=WEATHER)

    context.route(f"{live_server.url}/chat/exit", leave)
    if not javascript:
        phone.scripts = context.new_cdp_session(phone.page)
        phone.scripts.send("Emulation.setScriptExecutionDisabled", {"value": True})
    foreign: list[str] = []
    phone.page.on("request", lambda request: None if request.url.startswith((live_server.url, "data:"))
                  else foreign.append(request.url))
    try:
        yield phone
    finally:
        context.close()
    assert foreign == [], f"the page asked another site for {foreign}"


# --- reading the chat ---------------------------------------------------------------------------------
def lines(page: Page) -> list[tuple[str, str, str]]:
    """(by, text, id) of every line of the chat so far, as the page shows them."""
    return [tuple(line) for line in page.locator(LINES).evaluate_all(
        "lines => lines.map(l => [l.dataset.by, l.querySelector('p').textContent.trim(), l.id])")]


def ours_since_last_said(page: Page) -> list[str]:
    shown = lines(page)
    last = max((i for i, (by, _, _) in enumerate(shown) if by == "person"), default=-1)
    return [text for by, text, _ in shown[last + 1:] if by == "us"]


def said(page: Page) -> list[str]:
    return [text for by, text, _ in lines(page) if by == "person"]


def button(page: Page, label: str) -> Locator:
    return page.get_by_role("button", name=label, exact=True)


def reference_in(page: Page) -> str:
    found = REFERENCE.search("\n".join(ours_since_last_said(page)))
    assert found, ours_since_last_said(page)
    return found.group(1)


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
def start_chat(page: Page) -> None:
    page.goto("/chat")
    tab_to(page, button(page, "Start chat"))
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator("#latest")).to_be_focused()
    page.evaluate("window.svSamePage = true")


def changes_in_place(page: Page, press) -> None:
    """Do ``press`` and wait for the chat to change in place (the old list of lines is replaced); then
    it is the same page at the same address, focus is on our first new reply and the live region holds
    our new replies. The live region is the one that was there before: screen readers read out changes
    to a live region, not one that arrives with its words."""
    address = page.url
    page.locator("ol.sv-chat").evaluate("list => { list.dataset.old = 'yes' }")
    page.locator(NEWS).evaluate("region => { region.dataset.old = 'yes' }")
    press()
    expect(page.locator("[data-sv-chat]:not([aria-busy]) ol.sv-chat:not([data-old])")).to_have_count(1)
    assert page.evaluate("window.svSamePage") is True, "a new page was loaded"
    assert page.url == address
    expect(page.locator("#latest")).to_be_focused()
    expect(page.locator(f"{NEWS}[data-old]")).to_have_text(" ".join(ours_since_last_said(page)))


def act(page: Page, target: Locator, key: str = "Enter") -> None:
    tab_to(page, target)
    changes_in_place(page, lambda: page.keyboard.press(key))


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
def shows(page: Page, target: Locator) -> None:
    """Activate ``target`` and wait for what it brings (a page, or the chat swapped in place)."""
    target.click()
    page.wait_for_load_state("load")
    expect(page.locator("[data-sv-chat][aria-busy]")).to_have_count(0)


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
        say(page, WORRY)
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
        expect(page.get_by_text(WORRY)).to_have_count(0)
        expect(page.locator(LINES)).to_have_count(0)

        # The chat is ended where it is kept, not only forgotten by the browser.
        page.context.add_cookies([{"name": COOKIE, "value": token, "url": f"{live_server.url}/chat"}])
        page.goto("/chat")
        expect(page.locator(".govuk-notification-banner")).to_contain_text(texts.CHAT_ENDED)
        expect(page.get_by_text(WORRY)).to_have_count(0)


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
