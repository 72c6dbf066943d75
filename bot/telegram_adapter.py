"""The Telegram side: turn an ``Update`` into an :class:`~survey.conversations.messages.Incoming`,
hand it to the conversation engine, and turn its replies into messages.

Only this module sees chat ids, and only for as long as it takes to answer one update: the engine
gets a keyed hash of the chat id, and nothing here logs or keeps the update.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import traceback
from dataclasses import replace
from typing import Any

from telegram import (
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.chat_keys import ChatKeys
from bot.retry import with_retry
from survey.boundary import is_on_earth
from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import Incoming, InputKind, Reply
from survey.languages import language, offered, translate

logger = logging.getLogger(__name__)

MESSAGE_LIMIT = 4000  # Telegram allows 4096 characters; leave room

# The kinds of update the bot answers: everything else (polls, joins, channel posts...) is ignored.
HANDLED_UPDATES = ("message", "edited_message", "callback_query")
_LARGEST_ID = 2**63 - 1  # Telegram ids fit in a signed 64-bit integer
_LATEST_DATE = 2**32 - 1  # a Unix time Python can always turn into a date


def update_problem(data: dict[str, Any]) -> str | None:
    """Why decoded JSON is not an update the bot answers, or ``None`` when it is one.

    Checked before python-telegram-bot parses it, for the fields this module reads and those
    python-telegram-bot needs to build them, so an odd update is dropped instead of raising in the
    parser or in :func:`incoming_from`. The reason names fields only, never their values.
    """
    if not _is_id(data.get("update_id")):
        return "update_id is missing or not a whole number"
    kinds = [key for key in data if key != "update_id"]
    if len(kinds) != 1:
        return "an update must carry exactly one kind of content"
    kind = kinds[0]
    if kind not in HANDLED_UPDATES:
        return f"{kind} updates are not answered" if kind in Update.ALL_TYPES else "an unknown kind of update"
    if kind == "callback_query":
        return _callback_problem(data[kind])
    return _message_problem(data[kind], kind)


def _message_problem(message: Any, where: str) -> str | None:
    if not isinstance(message, dict):
        return f"{where} is not an object"
    if not _is_id(message.get("message_id")):
        return f"{where}.message_id is missing or not a whole number"
    date = message.get("date")
    if not _is_id(date) or date > _LATEST_DATE:
        return f"{where}.date is missing or not a time"
    chat = message.get("chat")
    if not isinstance(chat, dict) or not _is_id(chat.get("id"), signed=True) or not isinstance(
        chat.get("type"), str
    ):
        return f"{where}.chat is missing or has no id and type"
    if "from" in message and (problem := _user_problem(message["from"], f"{where}.from")):
        return problem
    for field in ("text", "caption"):
        if field in message and not isinstance(message[field], str):
            return f"{where}.{field} is not text"
    if "location" in message and not _is_location(message["location"]):
        return f"{where}.location is not a latitude and longitude"
    return None


def _callback_problem(query: Any) -> str | None:
    if not isinstance(query, dict):
        return "callback_query is not an object"
    if not isinstance(query.get("id"), str) or not isinstance(query.get("chat_instance"), str):
        return "callback_query has no id or chat_instance"
    if problem := _user_problem(query.get("from"), "callback_query.from"):
        return problem
    if "data" in query and not isinstance(query["data"], str):
        return "callback_query.data is not text"
    if "message" in query:  # a message too old to read has date 0 and nothing but its chat and id
        return _message_problem(query["message"], "callback_query.message")
    return None


def _user_problem(user: Any, where: str) -> str | None:
    if not isinstance(user, dict) or not _is_id(user.get("id")) or not isinstance(user.get("is_bot"), bool):
        return f"{where} is missing or has no id and is_bot"
    if not isinstance(user.get("first_name"), str):
        return f"{where}.first_name is not text"
    return None


def _is_id(value: Any, *, signed: bool = False) -> bool:
    return type(value) is int and (-_LARGEST_ID if signed else 0) <= value <= _LARGEST_ID


def _is_location(location: Any) -> bool:
    if not isinstance(location, dict):
        return False
    latitude, longitude = location.get("latitude"), location.get("longitude")
    numbers = all(type(value) in (int, float) for value in (latitude, longitude))
    return numbers and is_on_earth(latitude, longitude)


def incoming_from(update: Update, update_key: str | None = None) -> Incoming | None:
    """What the person did, or ``None`` for updates the bot does not answer (polls, joins...), with the
    language Telegram says the person uses (its ``language_code``; the chat starts in it when offered)."""
    found = _what_was_done(update, update_key)
    user = update.effective_user
    if found is None or user is None or not offered(language(user.language_code).code):
        return found
    return replace(found, language=language(user.language_code).code)


def _what_was_done(update: Update, update_key: str | None) -> Incoming | None:
    if update.callback_query is not None:
        return Incoming(InputKind.BUTTON, update.callback_query.data or "", update_key=update_key)
    if update.edited_message is not None:
        edited = update.edited_message
        return Incoming(InputKind.EDITED, edited.text or edited.caption or "", update_key=update_key)
    message = update.message
    if message is None:
        return None
    if message.location is not None:
        where = message.location
        return Incoming(InputKind.LOCATION, latitude=where.latitude, longitude=where.longitude,
                        update_key=update_key)
    if message.text is not None:
        if message.text.startswith("/"):
            command = message.text[1:].split(maxsplit=1)[0].split("@")[0].lower() if message.text[1:] else ""
            return Incoming(InputKind.COMMAND, command, update_key=update_key)
        return Incoming(InputKind.TEXT, message.text, update_key=update_key)
    # Stickers, photos, voice notes, files: not understood, but a caption is still read for risk.
    return Incoming(InputKind.UNSUPPORTED, message.caption or "", update_key=update_key)


def _telegram_language(update: Update) -> str | None:
    """The language Telegram says the person uses, for a message sent outside a conversation."""
    return update.effective_user.language_code if update.effective_user is not None else None


def markup_for(reply: Reply) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None:
    """The keyboard for ``reply``: its buttons, else the "Share my location" keyboard (in the reply's
    language), else the one to take that keyboard away."""
    if reply.buttons:
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(b.label, callback_data=b.action) for b in row] for row in reply.buttons]
        )
    if reply.ask_location:
        share = KeyboardButton(reply.location_label or texts.SHARE_LOCATION, request_location=True)
        return ReplyKeyboardMarkup([[share]], resize_keyboard=True, one_time_keyboard=True)
    if reply.clear_keyboard:
        return ReplyKeyboardRemove()
    return None


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Long messages cut at paragraph (or line) breaks so each fits in one Telegram message."""
    chunks: list[str] = []
    current = ""
    for paragraph in text.split("\n"):
        while len(paragraph) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(paragraph[:limit])
            paragraph = paragraph[limit:]
        candidate = f"{current}\n{paragraph}" if current else paragraph
        if len(candidate) > limit and current:
            chunks.append(current)
            candidate = paragraph
        current = candidate
    return [*chunks, current]


class TelegramAdapter:
    """The PTB handlers: one for every update, and the one central error handler."""

    def __init__(self, engine: ConversationEngine, keys: ChatKeys, update_secret: bytes) -> None:
        self.engine = engine
        self.keys = keys
        self._update_secret = update_secret

    def update_key(self, update_id: int) -> str:
        """A keyed hash of the update id: the submission key that makes a re-delivered update harmless."""
        message = f"telegram-update:{update_id}".encode()
        return hmac.new(self._update_secret, message, hashlib.sha256).hexdigest()

    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None or update.channel_post is not None or update.edited_channel_post is not None:
            return
        if chat.type != Chat.PRIVATE:
            await self._outside_private_chat(update, context)
            return
        incoming = incoming_from(update, self.update_key(update.update_id))
        if incoming is None:
            return
        query = update.callback_query
        if query is not None:
            await with_retry(query.answer)
        replies = self.engine.handle(self.keys.key_for(chat.id), incoming)
        await self.send(context, chat.id, replies, edit=query.message if query is not None else None)

    async def handle_now(self, update: Update, application: Any) -> None:
        """Handle one update from the webhook and return only when it is committed and answered; an
        error is raised to the caller (who answers 503, so Telegram sends the update again) instead of
        going to :meth:`on_error`."""
        context = application.context_types.context.from_update(update, application)
        await self.on_update(update, context)

    async def send(self, context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: list[Reply],
                   *, edit: object = None) -> None:
        for reply in replies:
            markup = markup_for(reply)
            if reply.replace_previous and edit is not None and hasattr(edit, "edit_text"):
                try:
                    await with_retry(lambda m=markup, r=reply: edit.edit_text(r.text, reply_markup=m))
                    continue
                except BadRequest:
                    pass  # unchanged, or too old to edit: send it as a new message instead
            chunks = split_text(reply.text)
            for index, chunk in enumerate(chunks):
                last = index == len(chunks) - 1
                await with_retry(lambda c=chunk, m=(markup if last else None): context.bot.send_message(
                    chat_id, c, reply_markup=m))

    async def _outside_private_chat(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        # In a group everyone would see what someone tells us: answer commands with a pointer to a
        # private chat, and stay silent otherwise.
        if update.callback_query is not None:
            await with_retry(update.callback_query.answer)
            return
        message = update.message
        if message is not None and message.text and message.text.startswith("/") and update.effective_chat:
            words = translate(texts.GROUP_CHAT, _telegram_language(update))
            await with_retry(lambda: context.bot.send_message(update.effective_chat.id, words))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The one error handler: log what failed (never the update or the message), say sorry."""
        error = context.error
        frames = "".join(traceback.format_tb(error.__traceback__)) if error is not None else ""
        logger.error("Could not handle an update: %s\n%s", type(error).__name__, frames)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.effective_chat.type != Chat.PRIVATE:
            return
        try:
            words = translate(texts.SOMETHING_WENT_WRONG, _telegram_language(update))
            await context.bot.send_message(update.effective_chat.id, words)
        except TelegramError as failure:
            logger.warning("Could not send the error message either: %s", type(failure).__name__)
