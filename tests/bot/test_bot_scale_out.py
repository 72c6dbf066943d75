"""The bot as several real processes: ``safer-voices bot`` started as subprocesses against the fake Bot
API, killed with SIGKILL halfway through a worry, started again, and the worry finished and stored.
Conversations live in the shared store (the database, or Redis), so nothing is lost with the processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from survey.conversations import texts
from survey.storage.db import make_session_factory
from survey.storage.models import Response
from tests.bot.conftest import bot_environment
from tests.bot.fake_bot_api import TOKEN, FakeBotAPI, Person
from tests.bot.test_bot_cli import SAFER_VOICES

SECRET = "s3cret-webhook-token-123"
START_SECONDS = 60


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    fake = FakeBotAPI().start()
    yield fake
    fake.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children_of(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def kill_everything(process: subprocess.Popen) -> None:
    """SIGKILL the process and every process it started: nothing gets to tidy up."""
    pids = [process.pid, *children_of(process.pid)]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait(timeout=30)
    for pid in pids[1:]:  # the workers were gunicorn's children: wait until they are gone too
        deadline = time.monotonic() + 30
        while Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) and time.monotonic() < deadline:
            time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, IndexError):
        return "Z"


def start_bot(env: dict[str, str], *args: str) -> subprocess.Popen:
    """``safer-voices bot`` in a process group of its own; what it prints goes to a file for a failure."""
    log = open(Path(env["SAFER_VOICES_INSTANCE_PATH"]).parent / "bot-output.log", "ab")  # noqa: SIM115
    with log:
        return subprocess.Popen(
            [str(SAFER_VOICES), "bot", *args], env=env, stdout=log, stderr=log, start_new_session=True
        )


class Webhook:
    """Posts updates the way Telegram does, and waits for the webhook to answer."""

    def __init__(self, api: FakeBotAPI, port: int) -> None:
        self.api, self.url = api, f"http://127.0.0.1:{port}/telegram"
        self.posted: list[dict] = []

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(urllib.request.Request(self.url, data=b"{}", method="POST"), timeout=5)
            except urllib.error.HTTPError as error:
                if error.code == 403:  # a bot process is answering (and refusing the missing secret)
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"the webhook at {self.url} did not come up")

    def post(self, make_update: Callable[[], dict]) -> int:
        """Push the update (the fake API records it), take it back out and post it to the webhook."""
        update = make_update()
        with self.api._condition:
            if update in self.api._pending:
                self.api._pending.remove(update)
        self.posted.append(update)
        request = urllib.request.Request(
            self.url,
            data=json.dumps(update).encode(),
            method="POST",
            headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status


def worry_first_half(
    send: Callable[[Callable[[], dict], str], list[str]], api: FakeBotAPI, person: Person
) -> None:
    send(lambda: api.send_text(person, "/start"), texts.MENU)
    send(lambda: api.press(person, texts.MENU_WORRY), "worry about?")
    send(lambda: api.press(person, "Knives or weapons"), "own words")


def worry_second_half(
    send: Callable[[Callable[[], dict], str], list[str]], api: FakeBotAPI, person: Person
) -> list[str]:
    send(
        lambda: api.send_text(person, "older boys keep showing a knife at the bus stop"),
        texts.LOCATION_OPTIONAL,
    )
    send(lambda: api.send_text(person, "the bus stop on Mill Lane"), "How old are you?")
    send(lambda: api.press(person, "11 to 15"), texts.CHECK)
    return send(lambda: api.press(person, texts.SEND), "Your reference is")


def stored_worries(engine) -> list[Response]:
    with make_session_factory(engine)() as session:
        return list(session.scalars(select(Response)))


def polling_sender(api: FakeBotAPI) -> Callable[[Callable[[], dict], str], list[str]]:
    def send(action: Callable[[], dict], expect: str) -> list[str]:
        before = len(api.texts())
        action()
        return api.wait_for_text(expect, since=before, timeout=START_SECONDS)

    return send


def webhook_sender(api: FakeBotAPI, hooks: list[Webhook]) -> Callable[[Callable[[], dict], str], list[str]]:
    """Each update to the next webhook in turn; the answer (200) comes only once the update is handled."""
    turn = iter(range(10**6))

    def send(action: Callable[[], dict], expect: str) -> list[str]:
        before = len(api.texts())
        assert hooks[next(turn) % len(hooks)].post(action) == 200
        replies = api.texts()[before:]
        assert any(expect in text for text in replies), replies  # already sent: no waiting needed
        return replies

    return send


def start_polling_bot(env: dict[str, str], api: FakeBotAPI) -> subprocess.Popen:
    """Start the bot and wait for its first long poll. (A poll the killed process left open at the
    fake API would otherwise take the next update and lose it; Telegram keeps an update until a
    later poll confirms it, the fake API does not.)"""
    calls = len(api.calls)
    process = start_bot(env, "--api-base-url", api.base_url)
    api.wait_for(lambda fake: any(call.method == "getUpdates" for call in fake.calls[calls:]), START_SECONDS)
    return process


def test_a_worry_survives_kill_9_of_the_long_polling_bot(tmp_path, own_database, api):
    url, engine = own_database
    env = bot_environment(tmp_path, url, TELEGRAM_BOT_TOKEN=TOKEN)
    person, send = Person(), polling_sender(api)
    first = start_polling_bot(env, api)
    try:
        worry_first_half(send, api, person)
    finally:
        kill_everything(first)
    second = start_polling_bot(env, api)
    try:
        replies = worry_second_half(send, api, person)
    finally:
        kill_everything(second)
    [worry] = stored_worries(engine)
    assert f"Your reference is {worry.reference}" in "\n".join(replies)


@pytest.fixture(params=["database", "redis"])
def store_environment(request, tmp_path, own_database) -> dict[str, str]:
    extra = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": SECRET}
    if request.param == "redis":
        extra["SAFER_VOICES_REDIS_URL"] = request.getfixturevalue("redis_url")
    return bot_environment(tmp_path, own_database[0], **extra)


def test_a_worry_survives_kill_9_of_every_webhook_process(store_environment, own_database, api):
    port, person = free_port(), Person()
    hooks = [Webhook(api, port)]
    args = ("--webhook", "--workers", "2", "--port", str(port), "--api-base-url", api.base_url)
    first = start_bot(store_environment, *args)
    try:
        hooks[0].wait_until_up()
        deadline = time.monotonic() + START_SECONDS
        while len(children_of(first.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(children_of(first.pid)) == 2  # gunicorn's master and two bot processes
        worry_first_half(webhook_sender(api, hooks), api, person)
    finally:
        kill_everything(first)
    second = start_bot(store_environment, *args)
    try:
        hooks[0].wait_until_up()
        replies = worry_second_half(webhook_sender(api, hooks), api, person)
    finally:
        kill_everything(second)
    [worry] = stored_worries(own_database[1])
    assert f"Your reference is {worry.reference}" in "\n".join(replies)


def test_two_processes_take_turns_at_one_conversation(store_environment, own_database, api):
    ports, person = [free_port(), free_port()], Person()
    hooks = [Webhook(api, port) for port in ports]
    processes = [
        start_bot(store_environment, "--webhook", "--port", str(port), "--api-base-url", api.base_url)
        for port in ports
    ]
    try:
        for hook in hooks:
            hook.wait_until_up()
        send = webhook_sender(api, hooks)  # every update goes to the other process than the last
        worry_first_half(send, api, person)
        replies = worry_second_half(send, api, person)
        # Telegram sends an update again when it got no answer: a second delivery, to either process,
        # sends the same replies again and stores nothing more.
        sent = hooks[1].posted[-1]
        statuses = [hook.post(lambda: sent) for hook in hooks]
    finally:
        for process in processes:
            kill_everything(process)
    assert statuses == [200, 200]
    [worry] = stored_worries(own_database[1])
    assert f"Your reference is {worry.reference}" in "\n".join(replies)
