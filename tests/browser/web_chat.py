"""The web chat (``/chat``) in Chromium, for its browser tests: a phone-sized page (with JavaScript or
without, where axe-core can still run), the chat as the page shows it, and the two ways a message
goes: a new page without JavaScript, the chat changed in place with it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from playwright.sync_api import APIResponse, Browser, CDPSession, Locator, Page, Route, expect

from tests.browser.conftest import LiveServer, assert_no_axe_violations, tab_to
from tests.conversations import make_demo_partnership

PHONE = {"width": 360, "height": 740}
REFERENCE = re.compile(r"Your reference is ([A-Z0-9]+-[A-Z0-9]+-[A-Z0-9]+)\.")
LINES = "ol.sv-chat > li[data-by]"
NEWS = "[data-sv-chat-news]"
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


def arrange_demo(live_server: LiveServer) -> None:
    """The demo partnership on the live server's database (its forms, services and boundary)."""
    with live_server.session() as session:
        make_demo_partnership(session)
        session.commit()


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


# --- JavaScript on: the chat changes in place ---------------------------------------------------------
def start_chat(page: Page) -> None:
    page.goto("/chat")
    tab_to(page, button(page, "Start chat"))
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.locator("#latest")).to_be_focused()
    page.evaluate("window.svSamePage = true")


def changes_in_place(page: Page, press: Callable[[], object]) -> None:
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


def shows(page: Page, target: Locator) -> None:
    """Activate ``target`` and wait for what it brings (a page, or the chat swapped in place)."""
    target.click()
    page.wait_for_load_state("load")
    expect(page.locator("[data-sv-chat][aria-busy]")).to_have_count(0)
