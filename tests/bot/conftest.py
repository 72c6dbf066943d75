"""Fixtures for the bot: settings with a token, the demo partnership, a fake Bot API, a running bot."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy.orm import Session
from telegram.ext import Application

from bot.app import build_application
from bot.settings import BotSettings
from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.storage import migrate
from survey.storage.db import create_database_engine, make_session_factory
from survey.storage.models import Partnership
from survey.vocabulary import ConsultationStatus
from tests.bot.fake_bot_api import TOKEN, FakeBotAPI, Person
from tests.conversations import PARTNERSHIP_SLUG, make_demo_partnership
from tests.factories import make_partnership


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
def own_database(databases):
    """A fresh database with a partnership and an open worry form: the command opens its own engine
    and commits for real, so it cannot share the rolled-back test database."""
    url = databases.create()
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        partnership = make_partnership(session, "riverside")
        source = template_path("worry").read_text(encoding="utf-8")
        create_consultation(session, partnership, source, slug="worries", status=ConsultationStatus.OPEN)
        session.commit()
    yield url, engine
    engine.dispose()


def bot_environment(tmp_path, url: str, **extra: str) -> dict[str, str]:
    """The environment of a ``safer-voices bot`` subprocess: only the settings given here."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("SAFER_VOICES_", "TELEGRAM_"))}
    env.update(SAFER_VOICES_INSTANCE_PATH=str(tmp_path / "instance"), SAFER_VOICES_DATABASE_URL=url,
               SAFER_VOICES_SECRET_KEY="cli-test-secret", **extra)
    return env


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
