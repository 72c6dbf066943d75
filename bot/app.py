"""Building the bot: ``build_application(settings, session_factory)`` gives a ready PTB Application."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from sqlalchemy.orm import Session
from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, TypeHandler
from telegram.request import BaseRequest

from bot.chat_keys import ChatKeys
from bot.settings import BotSettings
from bot.telegram_adapter import TelegramAdapter
from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.conversations.store import open_store
from survey.conversations.store.keyring import open_seeds
from survey.languages import CODES, SOURCE, translate

logger = logging.getLogger(__name__)

ADAPTER_KEY = "safer_voices"
COMMANDS = (("start", texts.COMMAND_START), ("help", texts.COMMAND_HELP), ("cancel", texts.COMMAND_CANCEL),
            ("forget", texts.COMMAND_FORGET), ("language", texts.COMMAND_LANGUAGE))


def commands_in(code: str) -> list[BotCommand]:
    """The command list in language ``code``: Telegram shows each person the one for their language."""
    return [BotCommand(command, translate(description, code)) for command, description in COMMANDS]
# These log request URLs (which hold the bot token) and update contents at INFO and DEBUG.
QUIET_LOGGERS = ("httpx", "httpcore", "telegram", "apscheduler")


def quiet_third_party_loggers() -> None:
    """Keep libraries that would log the token or people's messages at WARNING, whatever the root level."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def build_engine(settings: BotSettings, session_factory: Callable[[], Session]) -> ConversationEngine:
    """The channel-neutral conversation engine, as the Telegram bot and the console both use it, over the
    shared conversation store (Redis when configured, else the database)."""
    store = open_store(settings, session_factory, idle_seconds=settings.bot_idle_minutes * 60)
    slug = settings.bot_partnership or settings.site_partnership
    held_wait = dt.timedelta(minutes=settings.bot_held_urgent_minutes)
    return ConversationEngine(session_factory, partnership_slug=slug, store=store, held_wait=held_wait)


def build_application(
    settings: BotSettings,
    session_factory: Callable[[], Session],
    *,
    api_base_url: str | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
) -> Application:
    """A PTB Application running the conversation engine. ``api_base_url`` points it at another Bot API server
    (``http://127.0.0.1:8081/bot``); ``request`` lets a benchmark answer API calls in-process."""
    quiet_third_party_loggers()
    builder = ApplicationBuilder().token(settings.require_token()).post_init(_set_commands)
    if api_base_url:
        builder = builder.base_url(api_base_url)
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    keys = chat_keys(settings, session_factory)
    adapter = TelegramAdapter(build_engine(settings, session_factory), keys, settings.submission_key_secret())
    application.bot_data[ADAPTER_KEY] = adapter
    application.add_handler(TypeHandler(Update, adapter.on_update))
    application.add_error_handler(adapter.on_error)
    return application


def chat_keys(settings: BotSettings, session_factory: Callable[[], Session]) -> ChatKeys:
    """The chat-id hashing every bot process shares: its seed in the conversation store, its key
    worked out from the seed and the app's secret key."""
    seeds = open_seeds(settings.redis_url, session_factory)
    return ChatKeys(settings.bot_key_rotation_hours * 3600, seeds=seeds,
                    wrap_key=settings.chat_key_secret(), grace_seconds=settings.bot_idle_minutes * 60)


def adapter_of(application: Application) -> TelegramAdapter:
    return application.bot_data[ADAPTER_KEY]


async def _set_commands(application: Application) -> None:
    try:
        await application.bot.set_my_commands(commands_in(SOURCE))
        for code in CODES:
            if code != SOURCE:
                await application.bot.set_my_commands(commands_in(code), language_code=code)
    except TelegramError as error:  # the menu of commands is a nicety; the bot works without it
        logger.warning("Could not set the bot's command list: %s", type(error).__name__)
