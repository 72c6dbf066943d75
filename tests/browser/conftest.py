"""Browser harness: the real app served on 127.0.0.1 and Debian's Chromium driven by Playwright.

The live server uses its own database (fresh for each test module, on the current backend) because
its requests commit for real in another thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from survey.settings import Settings
from survey.storage import migrate
from survey.worker.queue import TaskQueue
from tests.conftest import ARTIFACTS, require_or_skip
from tests.web import next_code_for
from webapp import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# The app behind each live server by its address, so a page alone leads to the server's database.
_APPS: dict[str, Flask] = {}


@dataclass
class LiveServer:
    app: Flask
    url: str

    def session(self) -> Session:
        """A session on the live server's database, for arranging data and checking results."""
        return self.app.extensions["safer_voices"].session_factory()


@pytest.fixture(scope="module")
def live_server(databases, tmp_path_factory) -> Iterator[LiveServer]:
    settings = Settings(
        instance_path=tmp_path_factory.mktemp("live-instance"),
        database_url=databases.create(),
        secret_key="browser-test-secret",
        cookie_secure=False,
        environment="test",
        _env_file=None,
    )
    app = create_app(settings)
    migrate.upgrade(app.extensions["safer_voices"].engine)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    _APPS[url] = app
    yield LiveServer(app=app, url=url)
    _APPS.pop(url, None)
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["safer_voices"].engine.dispose()


class LiveWorker:
    """The background worker beside the live server: a thread that takes each task off the live app's
    queue and runs it, as a consumer's worker thread does. ``held()`` keeps tasks waiting (to see a
    page while an import is queued)."""

    def __init__(self, app: Flask) -> None:
        state = app.extensions["safer_voices"]
        self.queue = TaskQueue(state.settings, session_factory=state.session_factory)
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()
        self._thread = threading.Thread(target=self._work, name="live-worker", daemon=True)

    def start(self) -> LiveWorker:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=30)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Tasks queued inside wait until the block ends (however it ends)."""
        self._running.clear()
        try:
            yield
        finally:
            self._running.set()

    def _work(self) -> None:
        while not self._stop.is_set():
            task = self.queue.huey.dequeue() if self._running.is_set() else None
            if task is None:
                self._stop.wait(0.1)
            else:
                self.queue.huey.execute(task)


@pytest.fixture(scope="module")
def live_worker(live_server: LiveServer) -> Iterator[LiveWorker]:
    worker = LiveWorker(live_server.app).start()
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        require_or_skip("Browser tests need Debian's Chromium at /usr/bin/chromium (apt install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh browser context (no cookies) that fails the test on any request to another site."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url) if not request.url.startswith((live_server.url, "data:")) else None
        ),
    )
    yield page
    context.close()
    assert foreign == [], f"the page asked another site for {foreign}"


@pytest.fixture
def no_script_page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


_axe = Axe()


def assert_no_axe_violations(page: Page) -> None:
    """Run axe-core (bundled with axe-playwright-python) over the page: every rule, 0 violations."""
    page.wait_for_load_state("load")  # never judge a page that is still arriving
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def save_screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_no_sideways_scroll(page: Page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} pixels"


def tab_to(page: Page, target, limit: int = 80) -> None:
    """Press Tab until ``target`` has focus, as a keyboard user would (fails if it never does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"could not reach {target} with the Tab key")


def sign_in_with_password(page: Page, email: str, password: str) -> None:
    """Sign in through the pages: the password, then the second factor if the officer needs one."""
    page.goto("/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, email)


def pass_second_factor(page: Page, email: str) -> None:
    """If the page asks for a second factor, give it as the officer would: a code from their app (worked
    out from their real key, as stored), or setting up an app from the key the set-up page shows (then
    past the recovery codes). Any other page is left alone (a wrong password, an officer without one)."""
    page.wait_for_load_state("load")
    path = urlsplit(page.url).path
    if path == "/sign-in/code":
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
        page.get_by_label("Code from your authenticator app").fill(next_code_for(_APPS[origin], email))
        page.get_by_role("button", name="Continue").click()
    elif path == "/two-factor/set-up":
        key = page.locator("#two-factor-key").inner_text().replace(" ", "")
        page.get_by_label("Enter the code the app shows now").fill(pyotp.TOTP(key).now())
        page.get_by_role("button", name="Finish setting up").click()
        page.get_by_role("button", name="I have saved my recovery codes").click()
    page.wait_for_load_state("load")


def continue_by_keyboard(page: Page) -> None:
    """Tab to the Continue button and press Enter, waiting for the next page."""
    tab_to(page, page.get_by_role("button", name="Continue"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
