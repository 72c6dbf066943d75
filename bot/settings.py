"""The bot's settings: everything in :class:`survey.settings.Settings` plus the Telegram ones.

``TELEGRAM_BOT_TOKEN`` and ``TELEGRAM_WEBHOOK_SECRET`` carry no ``SAFER_VOICES_`` prefix: they are
the names Telegram's own documentation and most hosting guides use.
"""

from __future__ import annotations

import hashlib
import hmac

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from survey.settings import Settings


class BotConfigurationError(RuntimeError):
    """The bot cannot start; the message says which setting to fix."""


class BotSettings(Settings):
    model_config = SettingsConfigDict(
        env_prefix="SAFER_VOICES_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    telegram_bot_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN", "telegram_bot_token"),
        description="The token BotFather gave you. Never logged.",
    )
    telegram_webhook_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("TELEGRAM_WEBHOOK_SECRET", "telegram_webhook_secret"),
        description="Webhook mode only: Telegram sends it with every update; anything without it gets 403.",
    )
    bot_partnership: str | None = Field(
        default=None,
        description="Slug of the partnership the bot serves. Empty means SITE_PARTNERSHIP, then the only "
        "partnership.",
    )
    bot_idle_minutes: int = Field(default=30, ge=1, le=24 * 60,
                                  description="A conversation is forgotten this long after its last message.")
    bot_held_urgent_minutes: int = Field(
        default=10, ge=1, le=60,
        description="Words of danger said in a chat that then goes quiet before its report is sent are "
        "passed on as an urgent report this long after the last message.")
    bot_key_rotation_hours: int = Field(default=24, ge=1,
                                        description="How often the key that hashes chat ids is replaced.")

    def require_token(self) -> str:
        """The bot token, or a :class:`BotConfigurationError` saying how to set it."""
        token = self.telegram_bot_token.get_secret_value().strip() if self.telegram_bot_token else ""
        if not token:
            raise BotConfigurationError(
                "TELEGRAM_BOT_TOKEN is not set. Put the token BotFather gave you in the environment "
                "(or in .env) and try again, or use --console to try the bot without Telegram."
            )
        return token

    def require_webhook_secret(self) -> str:
        secret = self.telegram_webhook_secret.get_secret_value() if self.telegram_webhook_secret else ""
        if len(secret) < 16:
            raise BotConfigurationError(
                "Webhook mode needs TELEGRAM_WEBHOOK_SECRET: at least 16 characters of A-Z, a-z, 0-9, "
                "_ or -. Telegram sends it with every update and anything without it is refused."
            )
        return secret

    def submission_key_secret(self) -> bytes:
        """A stable key for hashing update ids, derived from the app's secret key (never stored)."""
        return hmac.new(self.resolved_secret_key().encode(), b"bot-submission-key", hashlib.sha256).digest()

    def chat_key_secret(self) -> bytes:
        """The key that turns the stored seeds into chat-id keys, from the app's secret key (never stored)."""
        return hmac.new(self.resolved_secret_key().encode(), b"bot-chat-key", hashlib.sha256).digest()
