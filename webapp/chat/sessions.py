"""Which web chat a browser is in: a random token in a cookie of its own, and nothing else.

The token is made at random when a chat starts and means nothing outside this app: no account, no
network address and no browser details go into it or next to it. The conversation is kept in the
core's one conversation store (the database or Redis, as for the bot) under a keyed hash of the token,
so the store never holds the token itself; the store forgets it 30 minutes after the last message,
and at once when the chat ends ("Forget this chat", ``/forget`` or "Exit this page"). The cookie
lives only as long as the browser session and is sent only to ``/chat``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Flask, current_app, request
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import ChatChannel
from survey.conversations.state import ConversationKey
from survey.conversations.store import open_store
from webapp.database import app_state
from webapp.extensions import CHAT_COOKIE

COOKIE = CHAT_COOKIE
COOKIE_PATH = "/chat"
IDLE_SECONDS = 30 * 60
"""A web chat is forgotten after 30 minutes with no message, as the bot's are by default."""
_ENGINE = "safer_voices_web_chat"


def chat_token() -> str | None:
    """This browser's chat token, or ``None`` when it has none (or one that is not ours)."""
    token = request.cookies.get(COOKIE, "")
    return token if 20 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum() else None


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _keyed(label: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    inner = hmac.new(secret, label.encode(), hashlib.sha256).digest()
    return hmac.new(inner, value.encode(), hashlib.sha256).hexdigest()[:32]


def conversation_key(token: str) -> ConversationKey:
    """Where the core keeps this chat: a keyed hash of the token (the store never sees the token)."""
    return ConversationKey(_keyed("web-chat-key", token))


def update_key(token: str, form_id: str) -> str:
    """The same form sent twice (a double click, a resend) is one turn: the engine sends back the replies
    it gave the first time and stores nothing more."""
    return _keyed("web-chat-update", f"{token}:{form_id[:64]}")


def keep_token(response: Response, token: str) -> None:
    response.set_cookie(COOKIE, token, path=COOKIE_PATH, httponly=True, samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))


def drop_token(response: Response) -> None:
    response.delete_cookie(COOKIE, path=COOKIE_PATH, httponly=True, samesite="Lax",
                           secure=current_app.config.get("SESSION_COOKIE_SECURE", False))


def chat_engine(app: Flask | None = None) -> ConversationEngine:
    """The web chat's conversation engine, one per app, over the app's database and the one store."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    engine = app.extensions.get(_ENGINE)
    if engine is None:
        state = app_state(app)

        def session_factory() -> Session:  # looked up each time: tests swap the app's factory
            return app_state(app).session_factory()

        store = open_store(state.settings, session_factory, idle_seconds=IDLE_SECONDS)
        engine = ConversationEngine(session_factory, partnership_slug=state.settings.site_partnership,
                                    store=store, channel=ChatChannel.WEB)
        app.extensions[_ENGINE] = engine
    return engine
