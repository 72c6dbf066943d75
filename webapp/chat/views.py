"""The web chat's pages: the start page, the chat so far with its buttons, a message in, and leaving.

Every message is a form post (``POST /chat``) answered with a redirect to the chat (``#latest``, the
newest message), so Back and Reload never send anything twice and the page works with JavaScript off.
``chat.mjs`` sends the same form with ``X-Chat-Fragment`` and swaps in the part of the page that
changed. A message that breaks a rule (empty, too long) gets a clear message and is not passed on;
each form carries a one-off ``form_id`` so the same post sent twice is one turn.
"""

from __future__ import annotations

import math
import secrets
from typing import Any

from flask import (
    Blueprint,
    flash,
    g,
    get_flashed_messages,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response

from survey.conversations import texts
from survey.conversations.messages import Incoming, InputKind, Reply
from survey.conversations.state import Conversation
from webapp.chat.sessions import (
    chat_engine,
    chat_token,
    conversation_key,
    drop_token,
    keep_token,
    new_token,
    update_key,
)
from webapp.chat.texts import CHAT_TO_US
from webapp.extensions import chat_key, csrf, limiter
from webapp.places.maps import GEOLOCATION_SELF
from webapp.public.language import current_language, t

bp = Blueprint("chat", __name__, url_prefix="/chat")

#: Per chat: more than anyone types; per address: a class of 32 behind one school router, all chatting.
PER_CHAT_MESSAGE = "30 per minute"
PER_ADDRESS_CHAT = "1200 per minute"
COMMANDS = frozenset({"start", "cancel", "forget", "help", "language"})
EXIT_TO = "https://www.bbc.co.uk/weather"
"""Where "Exit this page" goes once the chat is forgotten (the same page as everywhere else)."""
FRAGMENT_HEADER = "X-Chat-Fragment"


def _limited(view: Any) -> Any:
    view = limiter.limit(PER_CHAT_MESSAGE, key_func=chat_key, methods=["POST"])(view)
    return limiter.limit(PER_ADDRESS_CHAT, methods=["POST"])(view)


def _buttons(conversation: Conversation) -> list[Any]:
    return [button for reply in conversation.last_replies for row in reply.buttons for button in row]


def _page(conversation: Conversation, *, problem: str | None = None, typed: str = "") -> Response:
    fragment = request.headers.get(FRAGMENT_HEADER) == "1"
    return make_response(render_template(
        "chat/_conversation.html" if fragment else "chat/chat.html",
        title=t(CHAT_TO_US), transcript=conversation.transcript or [], buttons=_buttons(conversation),
        ask_location=any(reply.ask_location for reply in conversation.last_replies),
        problem=problem, typed=typed, form_id=secrets.token_urlsafe(12), limit=texts.CHAT_MESSAGE_LIMIT,
        error_title=bool(problem),
    ))


def _start_page(*, notice: str | None = None) -> Response:
    return make_response(render_template("chat/start.html", title=t(CHAT_TO_US), notice=notice,
                                         form_id=secrets.token_urlsafe(12)))


@bp.before_request
def _allow_location() -> None:
    g.permissions_policy = GEOLOCATION_SELF  # "Share my location" in a place question, where allowed


@bp.get("")
def chat() -> Response:
    token = chat_token()
    notices = get_flashed_messages(category_filter=["notice"])
    conversation = chat_engine().peek(conversation_key(token)) if token else None
    if conversation is None or conversation.transcript is None:
        response = _start_page(notice=notices[0] if notices else (t(texts.CHAT_ENDED) if token else None))
        if token:
            drop_token(response)
        return response
    problems = get_flashed_messages(category_filter=["problem"])
    return _page(conversation, problem=problems[0] if problems else None)


@bp.post("/start")
@_limited
def start() -> Response:
    token = chat_token() or new_token()
    form_id = request.form.get("form_id") or secrets.token_urlsafe(12)
    # The chat starts in the page's language (the person can change it with the chat's Language button).
    _turn(token, Incoming(InputKind.COMMAND, "start", update_key=update_key(token, form_id),
                          language=current_language().code))
    response = redirect(url_for("chat.chat", _anchor="latest"), 303)
    keep_token(response, token)
    return response


@bp.post("")
@_limited
def message() -> Response:
    token = chat_token()
    if token is None:
        return _start_page(notice=t(texts.CHAT_ENDED))
    incoming, problem = _incoming(token)
    if problem is not None:
        conversation = chat_engine().peek(conversation_key(token)) or Conversation()
        if request.headers.get(FRAGMENT_HEADER) == "1":
            return _page(conversation, problem=problem, typed=request.form.get("message", "")[:5000])
        flash(problem, "problem")
        return redirect(url_for("chat.chat", _anchor="message"), 303)
    replies = _turn(token, incoming)
    if incoming.kind is InputKind.COMMAND and incoming.text == "forget":
        flash(replies[0].text if replies else t(texts.FORGOTTEN_WEB), "notice")
        response = redirect(url_for("chat.chat"), 303)
        drop_token(response)
        return response
    if request.headers.get(FRAGMENT_HEADER) == "1":
        return _page(chat_engine().peek(conversation_key(token)) or Conversation())
    return redirect(url_for("chat.chat", _anchor="latest"), 303)


@bp.route("/exit", methods=["GET", "POST"])
@csrf.exempt
def leave() -> Response:
    """"Exit this page": forget the chat, then leave the site (the page sends people here first)."""
    token = chat_token()
    if token is not None:
        chat_engine().end(conversation_key(token))
    response = redirect(EXIT_TO, 303)
    drop_token(response)
    return response


def _incoming(token: str) -> tuple[Incoming, str | None]:
    """What this post says, or the problem with it (nothing is passed on when there is one)."""
    key = update_key(token, request.form.get("form_id") or secrets.token_urlsafe(12))
    action = request.form.get("action", "")
    if action == "forget":
        return Incoming(InputKind.COMMAND, "forget", update_key=key), None
    if action:
        return Incoming(InputKind.BUTTON, action[:200], update_key=key), None
    if "latitude" in request.form or "longitude" in request.form:
        return _location(key)
    typed = request.form.get("message", "").strip()
    if not typed:
        return Incoming(InputKind.TEXT), t(texts.CHAT_EMPTY_MESSAGE)
    if len(typed) > texts.CHAT_MESSAGE_LIMIT:
        return Incoming(InputKind.TEXT), t(texts.CHAT_LONG_MESSAGE, limit=texts.CHAT_MESSAGE_LIMIT)
    command = typed[1:].strip().casefold()
    if typed.startswith("/") and command in COMMANDS:
        return Incoming(InputKind.COMMAND, command, update_key=key), None
    return Incoming(InputKind.TEXT, typed, update_key=key), None


def _location(key: str) -> tuple[Incoming, str | None]:
    try:
        latitude, longitude = float(request.form["latitude"]), float(request.form["longitude"])
    except (KeyError, ValueError):
        return Incoming(InputKind.TEXT), t(texts.CHAT_LOCATION_NOT_SHARED)
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        return Incoming(InputKind.TEXT), t(texts.CHAT_LOCATION_NOT_SHARED)
    return Incoming(InputKind.LOCATION, latitude=latitude, longitude=longitude, update_key=key), None


def _turn(token: str, incoming: Incoming) -> list[Reply]:
    return chat_engine().handle(conversation_key(token), incoming, transcript=True)
