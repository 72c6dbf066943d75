"""Generated conversations for the conversation engine, and generated JSON for the Telegram webhook.

The engine gets random sequences of ``Incoming`` messages, with the buttons it just offered pressed
often enough to walk deep into every flow; the webhook gets random JSON, much of it shaped like a
Telegram update, and every update it accepts goes on through ``incoming_from`` and the engine.
Nothing may raise, and the webhook never answers a 5xx.
"""

from __future__ import annotations

import asyncio
import json
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import Bot
from werkzeug.test import Client

from bot.telegram_adapter import incoming_from
from bot.webhook import SECRET_HEADER, WebhookServer
from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import Incoming, InputKind
from survey.conversations.state import ConversationKey
from tests.bot.fake_bot_api import TOKEN
from tests.conversations import FAR_OUTSIDE_THE_AREA, INSIDE_THE_AREA, PARTNERSHIP_SLUG
from tests.fuzz.conftest import NASTY, fuzz, text

pytestmark = pytest.mark.usefixtures("fuzz_site")

SECRET = "fuzz-webhook-secret-token-1234"
COMMANDS = ["start", "cancel", "forget", "help", "menu", "report", "worry", "havens", ""]
coordinates = st.one_of(
    st.sampled_from([INSIDE_THE_AREA, FAR_OUTSIDE_THE_AREA, (0.0, 0.0), (90.0, 180.0), (-91.0, 181.0)]),
    st.tuples(st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True)),
)


turn = st.tuples(
    st.sampled_from(list(InputKind)),
    st.integers(0, 30),  # which of the buttons just offered to press, if any
    st.one_of(st.sampled_from(COMMANDS), text),
    coordinates,
    text,
    st.none() | st.sampled_from(["a", "b"]),
)


def _incoming(drawn: tuple, offered: list[str]) -> Incoming:
    kind, button, command, (latitude, longitude), words, update_key = drawn
    if kind is InputKind.BUTTON:
        return Incoming(kind, offered[button % len(offered)] if offered and button % 4 else words)
    if kind is InputKind.COMMAND:
        return Incoming(kind, command)
    if kind is InputKind.LOCATION:
        return Incoming(kind, latitude=latitude, longitude=longitude)
    return Incoming(kind, words, update_key=update_key)


def test_conversation_engine(db_session):
    engine = ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG)
    conversations = iter(range(10**9))

    @fuzz
    @given(turns=st.lists(turn, min_size=1, max_size=8))
    def check(turns):
        key = ConversationKey(f"fuzz-{next(conversations)}")  # a new conversation: examples are independent
        offered: list[str] = []
        for drawn in turns:
            replies = engine.handle(key, _incoming(drawn, offered))
            offered = [
                button.action for reply in replies for row in reply.buttons for button in row
            ] or offered

    check()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=12,
)
person = st.fixed_dictionaries(
    {"id": st.integers(), "is_bot": st.booleans(), "first_name": text},
    optional={"username": text, "language_code": text},
)
chat = st.fixed_dictionaries(
    {"id": st.integers(), "type": st.sampled_from(["private", "group", "channel", ""]) | text}
)
message = st.fixed_dictionaries(
    {"message_id": st.integers(), "date": st.integers(), "chat": chat},
    optional={
        "from": person,
        "text": st.one_of(text, st.sampled_from([f"/{c}" for c in COMMANDS] + NASTY)),
        "caption": text,
        "location": st.fixed_dictionaries({"latitude": st.floats(), "longitude": st.floats()}),
        "sticker": json_values,
        "photo": st.lists(json_values, max_size=2),
        "entities": json_values,
    },
)
update = st.fixed_dictionaries(
    {"update_id": st.integers()},
    optional={
        "message": message,
        "edited_message": message,
        "channel_post": message,
        "callback_query": st.fixed_dictionaries(
            {"id": text, "from": person, "chat_instance": text},
            optional={"data": text, "message": message},
        ),
        "my_chat_member": json_values,
        "poll": json_values,
    },
)
bodies = st.one_of(update.map(json.dumps), json_values.map(json.dumps), st.binary(max_size=200))


class _Application:
    """What the webhook needs of an Application: a bot to parse updates with, and a queue."""

    def __init__(self) -> None:
        self.bot = Bot(TOKEN)
        self.queued: list = []
        application = self

        class _Queue:
            async def put(self, item) -> None:  # type: ignore[no-untyped-def]
                application.queued.append(item)

        self.update_queue = _Queue()


@pytest.fixture
def webhook():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    application = _Application()
    server = WebhookServer(application, SECRET)  # type: ignore[arg-type]
    server._loop = loop  # started without a socket: requests go straight to its WSGI app
    yield server, application
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=5)
    loop.close()


def test_webhook(webhook, db_session):
    server, application = webhook
    client = Client(server.wsgi)
    engine = ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG)

    @fuzz
    @given(body=bodies, secret=st.sampled_from([SECRET, SECRET, SECRET, "", "wrong"]))
    def check(body, secret):
        response = client.post(
            "/telegram", data=body, headers={SECRET_HEADER: secret, "Content-Type": "application/json"}
        )
        assert response.status_code < 500, f"webhook answered {response.status_code} to {body!r}"
        while application.queued:
            incoming = incoming_from(application.queued.pop(), "key")
            if incoming is not None:
                engine.handle(ConversationKey("webhook"), incoming)

    check()
