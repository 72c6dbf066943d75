"""The chat scripts (:mod:`tests.chat_scripts`) against the real bot, polling the fake Bot API: the same
scripts the engine and the web chat play, so the Telegram chat cannot drift from them.

:class:`TelegramDriver` knows a step is over when the bot has finished the update: a handler in a later
group than the bot's own runs only once the bot's handler (and every message it sends) is done, so no
step waits a fixed time or guesses how many messages will come.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler

from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import ChatChannel
from tests.bot.conftest import run_bot
from tests.bot.fake_bot_api import FakeBotAPI, Person
from tests.chat_scripts import REFERENCE_AND_CODE, SCRIPTS, Action, Driver, EngineDriver, Step, play
from tests.conversations import PARTNERSHIP_SLUG

pytestmark = pytest.mark.usefixtures("demo")

MESSAGES = ("sendMessage", "editMessageText")
"""The calls that put words in front of the person: a new message, or one changed in place (ticking)."""
AFTER_THE_BOT = 1  # a handler group after the bot's own (group 0)
USER_IDS = itertools.count(7_300_000_001)


class TelegramDriver:
    """A person using the real Telegram bot, through the fake Bot API."""

    def __init__(self, fake_api: FakeBotAPI, application: Application, *, timeout: float = 10.0) -> None:
        self.fake_api = fake_api
        self.timeout = timeout
        self.person = Person()
        self._since = 0
        self._finished: set[int] = set()
        self._condition = threading.Condition()
        application.add_handler(TypeHandler(Update, self._finished_update), group=AFTER_THE_BOT)

    async def _finished_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        with self._condition:
            self._finished.add(update.update_id)
            self._condition.notify_all()

    def start_fresh(self) -> None:
        self.person = Person(user_id=next(USER_IDS))  # a new chat: a new conversation
        self._since = len(self.fake_api.calls)

    def do(self, step: Step) -> list[str]:
        mark = len(self.fake_api.calls)
        update = self._push(step)
        self._wait_until_finished(update["update_id"])
        return [call.params.get("text", "") for call in self._messages(mark)]

    def labels(self) -> list[str]:
        keyboard = self._keyboard()
        return [label for label, _ in keyboard[1]] if keyboard else []

    def _push(self, step: Step) -> dict[str, Any]:
        match step.action:
            case Action.START:
                return self.fake_api.send_text(self.person, "/start")
            case Action.COMMAND:
                return self.fake_api.send_text(self.person, f"/{step.text}")
            case Action.SAY:
                return self.fake_api.send_text(self.person, step.text)
        keyboard = self._keyboard()
        assert keyboard is not None, f"no buttons to tap {step.text!r} on"
        message_id, buttons = keyboard
        return self.fake_api.press_on(self.person, message_id, dict(buttons)[step.text])

    def _wait_until_finished(self, update_id: int) -> None:
        with self._condition:
            if not self._condition.wait_for(lambda: update_id in self._finished, self.timeout):
                raise AssertionError(f"the bot had not finished update {update_id} after {self.timeout} s")

    def _messages(self, mark: int) -> list[Any]:
        return [call for call in self.fake_api.calls_since(mark)
                if call.method in MESSAGES and call.params.get("chat_id") == self.person.user_id]

    def _keyboard(self) -> tuple[int, list[tuple[str, str]]] | None:
        """The newest message in this chat with buttons under it: its id and its (label, data) pairs."""
        for call in reversed(self._messages(self._since)):
            rows = (call.params.get("reply_markup") or {}).get("inline_keyboard")
            if rows:
                message_id = call.params.get("message_id") or call.params["_message_id"]
                return int(message_id), [(button["text"], button["callback_data"]) for row in rows
                                         for button in row]
        return None


class Recorder:
    """A driver that keeps what the person saw at each step."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver
        self.seen: list[list[str]] = []

    def start_fresh(self) -> None:
        self.driver.start_fresh()

    def do(self, step: Step) -> list[str]:
        replies = self.driver.do(step)
        self.seen.append([REFERENCE_AND_CODE.sub("(a new reference and code)", reply) for reply in replies])
        return replies

    def labels(self) -> list[str]:
        return self.driver.labels()


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_every_script_passes_against_the_telegram_bot(script, make_bot, fake_api):
    application = make_bot()
    driver = TelegramDriver(fake_api, application)
    run_bot(application, lambda: play(driver, script, channel=ChatChannel.TELEGRAM))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_the_bot_sends_the_engines_messages_no_more_and_no_fewer(script, make_bot, fake_api, db_session):
    """Every message of every step, compared with the engine's own replies: a driver that stopped
    waiting too soon would see fewer."""
    application = make_bot()
    by_bot = Recorder(TelegramDriver(fake_api, application))
    run_bot(application, lambda: play(by_bot, script, channel=ChatChannel.TELEGRAM))
    engine = ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG)
    by_engine = Recorder(EngineDriver(engine))
    play(by_engine, script, channel=ChatChannel.TELEGRAM)
    assert len(by_bot.seen) == len(script.steps)
    assert by_bot.seen == by_engine.seen
