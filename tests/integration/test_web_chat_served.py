"""The web chat under ``safer-voices serve`` with several workers, as it is deployed.

On SQLite (the default) with two web workers and the background worker: a school class of 32 behind
one address chats at once and every pupil gets every reply (no 429, no 5xx, no "database is locked");
an urgent worry told in the chat is flagged and alerts the partnership's address within a minute, with
nothing of the report in the email, exactly as from the bot. On two ``serve`` processes sharing
PostgreSQL and Redis: each message of one chat goes to the other process, and the chat's state in
Redis holds no network address, browser or cookie token, and is gone once the chat is forgotten.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import select

from survey.conversations import texts
from survey.conversations.store.redis_store import PREFIX
from survey.safeguarding.risk import DANGER_LINE
from survey.storage.models import Response
from survey.vocabulary import Channel
from tests.integration.test_serve_worker import (  # noqa: F401  (mail is a fixture)
    _environment,
    both_web_workers_booted,
    mail,
    serving,
    set_up_worries_with_alerts,
    wait_until,
)
from tests.integration.test_several_processes import (  # noqa: F401  (fixtures)
    module_redis_url,
    shared,
    stored,
    two,
)
from tests.web_chat import WebChat
from webapp.chat.sessions import COOKIE

URGENT_WORDS = "a boy at school said he will bring a knife tomorrow and stab me"
CLASS_SIZE = 32
SENT = "Your reference is "


def chat_a_worry(chat: WebChat, words: str) -> str:
    """Tell a worry in the chat from the start; the reference it gives."""
    chat.start()
    chat.tap(texts.MENU_WORRY)
    chat.tap("Knives or weapons")
    told = chat.say(words)
    assert told.ours_since_last_said()[0].startswith(DANGER_LINE)  # 999 first
    chat.tap(texts.SKIP)
    chat.tap(texts.AGE_11_TO_15)
    sent = "\n".join(chat.tap(texts.SEND).ours_since_last_said())
    assert SENT in sent, sent
    return sent.split(SENT, 1)[1].split(".", 1)[0]


def one_pupil(base: str, number: int) -> list[str]:
    """One pupil's short chat: what each of their replies began with."""
    with httpx.Client(base_url=base, timeout=60) as client:
        chat = WebChat(client)
        seen = [chat.start().ours_since_last_said()[-1]]
        seen.append(chat.tap(texts.MENU_HELP).ours_since_last_said()[0])
        seen.append(chat.say(f"pupil {number} says hello").ours_since_last_said()[0])
        return seen


def test_on_sqlite_a_class_chats_at_once_and_an_urgent_worry_alerts(tmp_path, mail):  # noqa: F811
    smtp_url, catcher = mail
    env = _environment(tmp_path, SAFER_VOICES_SMTP_URL=smtp_url, SAFER_VOICES_MAIL_FROM="alerts@demo.example")
    with serving(tmp_path, env) as served:
        set_up_worries_with_alerts(env, tmp_path)
        assert wait_until(lambda: both_web_workers_booted(served.server.pid))

        with ThreadPoolExecutor(CLASS_SIZE) as pool:
            chats = list(pool.map(lambda n: one_pupil(served.base, n), range(CLASS_SIZE)))
        assert all(seen[0] == texts.MENU and seen[1] for seen in chats), chats

        before = len(catcher.messages)
        told_at = time.monotonic()
        with httpx.Client(base_url=served.base, timeout=60) as client:
            client.headers["User-Agent"] = "TestPhone/1.0 (Teen)"
            reference = chat_a_worry(WebChat(client), URGENT_WORDS)
        messages = catcher.wait_for(before + 1, timeout=60)[before:]
        assert time.monotonic() - told_at < 60
    log = served.log.read_text()
    assert [message["To"] for message in messages] == ["duty@demo.example"], log
    email = messages[0].as_string()
    for words in ("knife", "stab", "school", reference):
        assert words not in email and words not in log
    for unwanted in ("TestPhone", "database is locked", "Traceback"):
        assert unwanted not in log


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_one_chat_across_two_processes_keeps_nothing_identifying_in_redis(two, shared, module_redis_url):  # noqa: F811
    import redis

    bases = tuple(one.base for one in two)
    with httpx.Client(timeout=60, headers={"User-Agent": "TestPhone/1.0 (Teen)"}) as client:
        chat = WebChat(client, bases)
        reference = chat_a_worry(chat, URGENT_WORDS)
        token = client.cookies.get(COOKIE)
        assert token
        store = redis.Redis.from_url(module_redis_url)
        kept = list(store.scan_iter(match=PREFIX + "*"))
        assert kept, "the chat's state is in Redis"
        everything = b" ".join(key + b" " + b" ".join(store.hgetall(key).values()) for key in kept)
        assert reference.encode() in everything  # the reply that gave it is in the transcript
        for secret in (b"127.0.0.1", b"TestPhone", token.encode()):
            assert secret not in everything
        chat.post(action="forget")
        assert not [key for key in kept if store.exists(key)], "forgetting the chat deleted its state"
    found = stored(shared, select(Response.channel, Response.urgent).where(Response.reference == reference))
    assert found == [(Channel.CHAT, True)]  # recorded as from the web chat, flagged urgent
