"""Webhook mode: only requests carrying Telegram's secret token are processed."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from bot.app import adapter_of
from bot.webhook import SECRET_HEADER, WebhookServer
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
