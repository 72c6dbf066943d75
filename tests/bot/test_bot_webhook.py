"""Webhook mode: only requests carrying Telegram's secret token are processed."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from urllib.parse import urlsplit

import httpx
import pytest

from bot.app import adapter_of
from bot.webhook import MAX_BODY, SECRET_HEADER, WebhookServer
from survey.conversations import texts
from tests.bot.conftest import run_in_own_loop
from tests.bot.fake_bot_api import Person

pytestmark = pytest.mark.usefixtures("demo")

SECRET = "s3cret-webhook-token-123"


def start_update(person: Person, update_id: int = 1) -> dict:
    message = {"message_id": 1, "date": 1_700_000_000, "from": person.user(), "chat": person.chat(),
               "text": "/start"}
    return {"update_id": update_id, "message": message}


def run_webhook(application, scenario):
    async def main():
        async with application:
            await application.start()
            server = WebhookServer(application, SECRET, port=0)
            await server.start()
            try:
                return await asyncio.to_thread(scenario, f"http://127.0.0.1:{server.port}/telegram")
            finally:
                await server.stop()
                await application.stop()

    return run_in_own_loop(main)


def test_a_wrong_or_missing_secret_gets_403_and_nothing_is_processed(make_bot, fake_api, person):
    application = make_bot()

    def scenario(url: str) -> list[int]:
        body = json.dumps(start_update(person))
        statuses = [
            httpx.post(url, content=body, headers={"Content-Type": "application/json"}).status_code,
            httpx.post(url, content=body, headers={SECRET_HEADER: "wrong-secret-token-12345"}).status_code,
            httpx.post(url, content=body, headers={SECRET_HEADER: SECRET[:-1]}).status_code,
            httpx.post(url, content=body, headers={SECRET_HEADER: SECRET + "x"}).status_code,
            httpx.get(url, headers={SECRET_HEADER: SECRET}).status_code,
        ]
        return statuses

    assert run_webhook(application, scenario) == [403, 403, 403, 403, 405]
    assert fake_api.sent() == []
    assert len(adapter_of(application).engine.store) == 0


def test_the_right_secret_gets_the_update_processed(make_bot, fake_api, person):
    application = make_bot()

    def scenario(url: str) -> tuple[int, int, list[str]]:
        headers = {SECRET_HEADER: SECRET}
        ok = httpx.post(url, json=start_update(person), headers=headers).status_code
        bad = httpx.post(url, content=b"not json", headers=headers).status_code
        return ok, bad, fake_api.wait_for_text(texts.MENU)

    ok, bad, replies = run_webhook(application, scenario)
    assert (ok, bad) == (200, 400)
    assert replies[0].startswith("Hi.") and replies[-1] == texts.MENU


def post_chunked(url: str, size: int, *, piece: int = 64 * 1024) -> tuple[int, bytes, float]:
    """Send a ``Transfer-Encoding: chunked`` body of ``size`` bytes on a raw socket, as a client that does
    not stop when answered would; return (bytes it managed to send, the response, seconds taken)."""
    parts = urlsplit(url)
    started = time.monotonic()
    sent, response = 0, b""
    with socket.create_connection((parts.hostname, parts.port), timeout=20) as connection:
        head = (f"POST {parts.path} HTTP/1.1\r\nHost: {parts.hostname}\r\nContent-Type: application/json\r\n"
                f"{SECRET_HEADER}: {SECRET}\r\nTransfer-Encoding: chunked\r\n\r\n")
        block = b" " * piece
        try:
            connection.sendall(head.encode())
            while sent < size:
                connection.sendall(f"{len(block):x}\r\n".encode() + block + b"\r\n")
                sent += len(block)
            connection.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server stopped reading: what should happen
        try:
            while chunk := connection.recv(65536):
                response += chunk
        except OSError:
            pass
    return sent, response, time.monotonic() - started


def menu_after(fake_api, person, url: str, update_id: int = 900) -> list[str]:
    """The webhook still works: a /start gets the welcome and then the menu. Returns the messages from
    that welcome on (replies to earlier updates may still be arriving, so the menu is looked for
    after the welcome, not anywhere)."""
    since = len(fake_api.texts())
    response = httpx.post(url, json=start_update(person, update_id), headers={SECRET_HEADER: SECRET})
    assert response.status_code == 200
    welcome = texts.WELCOME.split("{")[0]

    def from_welcome(api) -> list[str]:
        later = api.texts()[since:]
        first = next((index for index, text in enumerate(later) if text.startswith(welcome)), None)
        return [] if first is None else later[first:]

    fake_api.wait_for(lambda api: texts.MENU in from_welcome(api)[1:])
    return from_welcome(fake_api)


class TestBodyLimits:
    def test_a_chunked_body_just_over_the_limit_gets_413(self, make_bot, fake_api, person):
        def scenario(url: str) -> tuple[int, bytes, float]:
            return post_chunked(url, MAX_BODY + 128 * 1024)

        _, response, _ = run_webhook(make_bot(), scenario)
        assert response.startswith(b"HTTP/1.1 413")
        assert fake_api.sent() == []

    def test_a_chunked_50_megabyte_body_is_cut_off_quickly_and_the_webhook_keeps_answering(
        self, make_bot, fake_api, person
    ):
        def scenario(url: str) -> tuple[tuple[int, bytes, float], list[str]]:
            return post_chunked(url, 50 * 1024 * 1024), menu_after(fake_api, person, url)

        (sent, response, seconds), replies = run_webhook(make_bot(), scenario)
        assert seconds < 10
        assert sent < 20 * 1024 * 1024  # the server stopped reading long before the end
        assert response == b"" or response.startswith(b"HTTP/1.1 413")
        assert replies[-1] == texts.MENU

    def test_a_declared_length_over_the_limit_gets_413_before_the_body_is_read(self, make_bot, fake_api):
        def scenario(url: str) -> int:
            body = b" " * (MAX_BODY + 1)
            return httpx.post(url, content=body, headers={SECRET_HEADER: SECRET}).status_code

        assert run_webhook(make_bot(), scenario) == 413


def odd_updates(person: Person) -> list[object]:
    chat, user = person.chat(), person.user()

    def message(**changes: object) -> dict:
        body = {"message_id": 7, "date": 1_700_000_000, "from": user, "chat": chat, "text": "hello"}
        body.update(changes)
        return {key: value for key, value in body.items() if value is not None}

    return [
        {},
        {"update_id": "7", "message": message()},
        {"update_id": True, "message": message()},
        {"update_id": 2**80, "message": message()},
        {"update_id": 1, "message": "hello"},
        {"update_id": 2, "message": None},
        {"update_id": 3, "message": message(chat=None)},
        {"update_id": 4, "message": message(chat={"type": "private"})},
        {"update_id": 5, "message": message(date=10**30)},
        {"update_id": 6, "message": message(date="yesterday")},
        {"update_id": 7, "message": message(text=["not", "text"])},
        {"update_id": 8, "message": message(**{"from": [1, 2]})},
        {"update_id": 9, "message": message(entities="bold")},
        {"update_id": 10, "message": message(location={"latitude": "north", "longitude": 0})},
        {"update_id": 11, "message": message(location={"latitude": 91.5, "longitude": 0})},
        {"update_id": 12, "message": message(),
         "callback_query": {"id": "1", "from": user, "chat_instance": "1"}},
        {"update_id": 13, "callback_query": {"id": "1", "chat_instance": "1", "data": "x"}},
        {"update_id": 14, "callback_query": {"id": 1, "from": user, "chat_instance": "1", "data": "x"}},
        {"update_id": 15, "callback_query": {"id": "1", "from": user, "chat_instance": "1", "message": "x"}},
        {"update_id": 16, "poll": {"id": "1", "question": "?", "options": []}},
        {"update_id": 17, "something_new": {"id": 1}},
        {"update_id": 18},
    ]


class TestOddUpdates:
    def test_an_update_of_the_wrong_shape_is_answered_200_and_dropped_and_never_crashes(
        self, make_bot, fake_api, person, caplog
    ):
        caplog.set_level(logging.INFO)

        def scenario(url: str) -> tuple[list[int], list[str]]:
            headers = {SECRET_HEADER: SECRET}
            statuses = [httpx.post(url, json=update, headers=headers).status_code
                        for update in odd_updates(person)]
            return statuses, menu_after(fake_api, person, url)

        statuses, replies = run_webhook(make_bot(), scenario)
        assert statuses == [200] * len(odd_updates(person))
        assert replies == [texts.MENU] or replies[-1] == texts.MENU
        assert len(fake_api.sent()) == len(replies)  # nothing answered the odd updates
        assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
        assert str(person.user_id) not in caplog.text and person.username not in caplog.text

    @pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'"text"', b"\xff\xfe"])
    def test_a_body_that_is_not_a_json_object_is_a_bad_request(self, make_bot, fake_api, body):
        def scenario(url: str) -> int:
            return httpx.post(url, content=body, headers={SECRET_HEADER: SECRET}).status_code

        assert run_webhook(make_bot(), scenario) == 400


class TestUpdatesWithMissingFields:
    """Shapes Telegram does send: each is handled without an exception (no apology, no error log)."""

    @pytest.fixture
    def updates(self, person: Person) -> dict[str, dict]:
        chat, user = person.chat(), person.user()
        return {
            "no from": {"message_id": 1, "date": 1_700_000_000, "chat": chat, "text": "hello"},
            "no text": {"message_id": 2, "date": 1_700_000_000, "from": user, "chat": chat},
            "edited, no text": {"message_id": 3, "date": 1_700_000_000, "edit_date": 1_700_000_100,
                                "from": user, "chat": chat},
            "channel post": {"message_id": 4, "date": 1_700_000_000,
                             "chat": {"id": -1_001_234_567_890, "type": "channel", "title": "News"}},
            "callback, no message": {"id": "5", "from": user, "chat_instance": "9", "data": "x"},
            "callback, inaccessible message": {"id": "6", "from": user, "chat_instance": "9", "data": "x",
                                               "message": {"chat": chat, "message_id": 1, "date": 0}},
        }

    def test_each_is_handled_without_an_error(self, make_bot, fake_api, person, updates, caplog):
        kinds = {"no from": "message", "no text": "message", "edited, no text": "edited_message",
                 "channel post": "channel_post", "callback, no message": "callback_query",
                 "callback, inaccessible message": "callback_query"}

        def scenario(url: str) -> tuple[list[int], list[str]]:
            headers = {SECRET_HEADER: SECRET}
            statuses = [httpx.post(url, json={"update_id": 100 + index, kinds[name]: update},
                                   headers=headers).status_code
                        for index, (name, update) in enumerate(updates.items())]
            return statuses, menu_after(fake_api, person, url)

        statuses, replies = run_webhook(make_bot(), scenario)
        assert statuses == [200] * len(updates)
        assert replies[-1] == texts.MENU
        assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
        assert texts.SOMETHING_WENT_WRONG not in fake_api.texts()


def test_a_body_that_trickles_in_is_cut_off_at_the_deadline(make_bot, fake_api, monkeypatch):
    monkeypatch.setattr("bot.webhook.MAX_CONNECTION_SECONDS", 1.0, raising=False)

    def scenario(url: str) -> tuple[bytes, float]:
        parts = urlsplit(url)
        started = time.monotonic()
        response = b""
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
            connection.sendall(f"POST {parts.path} HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {SECRET}\r\n"
                               "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{".encode())
            try:
                while time.monotonic() - started < 8:
                    time.sleep(0.2)
                    connection.sendall(b" ")
            except OSError:
                pass  # closed by the server
            try:
                while chunk := connection.recv(65536):
                    response += chunk
            except OSError:
                pass
        return response, time.monotonic() - started

    response, seconds = run_webhook(make_bot(), scenario)
    assert seconds < 5
    assert response == b"" or response.startswith(b"HTTP/1.1 400")
