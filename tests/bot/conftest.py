"""Fixtures for the bot: settings with a token, the demo partnership, a fake Bot API, a running bot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy.orm import Session
from telegram.ext import Application

from bot.app import build_application
from bot.settings import BotSettings
from survey.storage.models import Partnership
from tests.bot.fake_bot_api import TOKEN, FakeBotAPI, Person
from tests.conversations import PARTNERSHIP_SLUG, make_demo_partnership


@pytest.fixture
def bot_settings(settings) -> BotSettings:
    values = settings.model_dump()
    values["site_partnership"] = None
    return BotSettings(**values, telegram_bot_token=TOKEN, telegram_webhook_secret="s3cret-webhook-token-123",
                       bot_partnership=PARTNERSHIP_SLUG, _env_file=None)


@pytest.fixture
def demo(db_session: Session) -> Partnership:
    """The demo partnership: see :func:`tests.conversations.make_demo_partnership`."""
    return make_demo_partnership(db_session)


@pytest.fixture
def fake_api() -> Iterator[FakeBotAPI]:
    api = FakeBotAPI().start()
    yield api
    api.stop()


@pytest.fixture
def person() -> Person:
    return Person()


@pytest.fixture
def make_bot(bot_settings, db_session, fake_api) -> Callable[[], Application]:
    def make() -> Application:
        return build_application(bot_settings, lambda: db_session, api_base_url=fake_api.base_url)

    return make


def run_bot(application: Application, scenario: Callable[[], Any]) -> Any:
    """Run the real Application, long-polling the fake API, while ``scenario`` (blocking test code
    that pushes updates and waits for replies) runs in a worker thread."""

    async def main() -> Any:
        async with application:
            await application.start()
            await application.updater.start_polling(poll_interval=0, timeout=1)
            try:
                return await asyncio.to_thread(scenario)
            finally:
                await application.updater.stop()
                await application.stop()

    return run_in_own_loop(main)


def run_in_own_loop(main: Callable[[], Any]) -> Any:
    """``asyncio.run(main())`` in a thread of its own: Playwright's sync API (browser tests in the same
    session) leaves an event loop running in the main thread, where asyncio.run() would refuse."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, main()).result()
