"""Settings from the environment, with production-safe defaults.

Every setting is read from an environment variable prefixed ``SAFER_VOICES_`` (or from a
``.env`` file in the working directory). ``.env.example`` documents them all.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from survey.mail_server import MAIL_ADDRESS, SmtpConfig, parse_smtp_url
from survey.private_files import PRIVATE_FILE, private_folder

SECRET_KEY_FILE = "secret-key"
BASE_URL = re.compile(r"^https?://[^\s/?#]+(?:/[^\s?#]*)?$")


class Settings(BaseSettings):
    """Everything the web app, the bot and the CLI need to know about their environment."""

    model_config = SettingsConfigDict(
        env_prefix="SAFER_VOICES_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
        # A setting that fails to parse must not print its value: a mail server URL holds a password.
        hide_input_in_errors=True,
    )

    instance_path: Path = Field(
        default=Path("instance"),
        description="Folder for everything written at run time: the SQLite database, the generated "
        "secret key, uploaded boundaries.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL. Empty means SQLite at INSTANCE_PATH/safer-voices.db. For PostgreSQL "
        "use postgresql+psycopg://user:password@host/dbname.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs sessions and CSRF tokens. Empty means generated once into "
        "INSTANCE_PATH/secret-key (mode 0600).",
    )
    cookie_secure: bool = Field(
        default=True, description="Send cookies only over HTTPS. Set false for plain-http local use."
    )
    environment: Literal["production", "development", "test"] = "production"
    site_partnership: str | None = Field(
        default=None,
        description="Slug of the partnership whose public pages this site serves. Empty means the only "
        "partnership in the database.",
    )
    # Rate limits (issue 11): one count for every worker, never one per process.
    redis_url: str | None = Field(
        default=None,
        description="Redis for rate-limit counters shared by every worker and host, e.g. "
        "redis://127.0.0.1:6379/0. Empty: a small file of its own, INSTANCE_PATH/rate-limits.db, "
        "shared by the workers of this host.",
    )
    login_max_failures: int = Field(default=5, ge=1, description="Failed logins before an account pauses.")
    login_lockout_minutes: int = Field(default=15, ge=1)
    # Officer sessions (issue 11): respondents' drafts keep their own rules.
    officer_idle_minutes: int = Field(
        default=30, ge=1, le=24 * 60,
        description="An officer is signed out after this many minutes without a request.",
    )
    officer_session_hours: int = Field(
        default=12, ge=1, le=24 * 7,
        description="An officer is signed out this many hours after signing in, however busy.",
    )
    sqlite_busy_timeout_ms: int = Field(default=5000, ge=0)
    # SQLite under load (issue 11): the write-ahead log is emptied and truncated by `serve`.
    sqlite_checkpoint_seconds: float = Field(
        default=10.0, ge=0,
        description="How often each `serve` worker empties and truncates SQLite's write-ahead log once "
        "it has grown past 8 MB (0: never; SQLite's own automatic checkpoint still runs).",
    )
    trusted_proxies: int = Field(
        default=0,
        ge=0,
        le=5,
        description="How many reverse proxies in front of the app set X-Forwarded-* headers. With one "
        "(a TLS-terminating proxy), HTTPS is recognised (HSTS, share links) and rate limits see clients.",
    )
    log_level: str = "INFO"
    map_tile_url: str | None = Field(
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        description="Map tiles ({z}/{x}/{y} URL template). Empty: maps show only the partnership boundary.",
    )
    map_tile_attribution: str = Field(
        default="© OpenStreetMap contributors", description="Credit shown on maps when tiles are used."
    )
    public_hotspots: bool = Field(
        default=False, description="Publish a map of aggregated place reports (cells only, never a point)."
    )
    public_hotspots_min_reports: int = Field(
        default=10, ge=10, description="A public map cell needs at least this many reports to be shown."
    )
    public_hotspots_cell_m: int = Field(default=500, ge=250, description="Public map cell size in metres.")

    # Email (issue 12): urgent alerts and daily digests, sent by the background worker.
    smtp_url: SecretStr | None = Field(
        default=None,
        description="Mail server for alerts and digests: smtp://USER:PASSWORD@HOST:587?starttls=true, "
        "or smtps://USER:PASSWORD@HOST:465 for TLS from the start. Empty: no email is sent, and each "
        "alert is recorded as failed for administrators to see.",
    )
    mail_from: str | None = Field(
        default=None, max_length=254,
        description="The From address of alerts and digests (needed when SMTP_URL is set).",
    )
    base_url: str = Field(
        default="http://127.0.0.1:5000",
        description="The site's address as officers reach it: emails link to BASE_URL/officer/reports.",
    )

    # Languages (issue 20): translated pages ask readers to help improve the translation.
    translation_contact: str | None = Field(
        default=None, max_length=500,
        description="Where readers send corrections to a translation: an email address or a web address "
        "(https://...). Empty: translated pages say they are translations, with no link.",
    )

    @field_validator("database_url", "map_tile_url", "redis_url")
    @classmethod
    def _blank_is_default(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("translation_contact")
    @classmethod
    def _contact_is_an_address(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        if not value:
            return None
        if value.startswith("https://") or (value.count("@") == 1 and " " not in value and ":" not in value):
            return value
        raise ValueError("SAFER_VOICES_TRANSLATION_CONTACT must be an email address or an https:// address")

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url_is_valid(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        parse_smtp_url(value.get_secret_value())  # raises SmtpUrlError: words without the password
        return value

    @field_validator("mail_from")
    @classmethod
    def _mail_from_is_an_address(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        if value and not MAIL_ADDRESS.match(value):
            raise ValueError("SAFER_VOICES_MAIL_FROM must be an email address, like alerts@example.org")
        return value or None

    @model_validator(mode="after")
    def _mail_needs_a_sender(self) -> Settings:
        if self.smtp_url is not None and self.mail_from is None:
            raise ValueError("SAFER_VOICES_SMTP_URL is set, so SAFER_VOICES_MAIL_FROM must be too: the "
                             "address alerts are sent from, like alerts@example.org")
        return self

    @field_validator("base_url")
    @classmethod
    def _base_url_is_a_web_address(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not BASE_URL.match(value):
            raise ValueError("SAFER_VOICES_BASE_URL must start with https:// or http://, like "
                             "https://safer-voices.example.org")
        return value

    @property
    def smtp(self) -> SmtpConfig | None:
        """The mail server to send through, or ``None`` when none is set."""
        return parse_smtp_url(self.smtp_url.get_secret_value()) if self.smtp_url else None

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to the embedded SQLite database in the instance folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.instance_path / 'safer-voices.db').resolve()}"

    @property
    def ratelimit_storage_uri(self) -> str:
        """Where Flask-Limiter counts: Redis when configured, else the host's shared counters file
        (webapp.limit_store's URI scheme), never the main database."""
        if self.redis_url:
            return self.redis_url
        return f"safer-voices-limits://{(self.instance_path / 'rate-limits.db').resolve()}"

    def ensure_instance_path(self) -> Path:
        """Create the instance folder (0700: private to this user) and return it."""
        return private_folder(self.instance_path)

    def resolved_secret_key(self) -> str:
        """The configured secret key, or the one generated into the instance folder on first run."""
        if self.secret_key is not None and self.secret_key.get_secret_value():
            return self.secret_key.get_secret_value()
        path = self.ensure_instance_path() / SECRET_KEY_FILE
        if not path.exists():
            # Write a private temporary file, then hard-link it into place: the link fails if another
            # worker got there first, so every process agrees on one complete key.
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-key-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(secrets.token_urlsafe(48))
                os.chmod(temporary, PRIVATE_FILE)
                try:
                    os.link(temporary, path)
                except FileExistsError:
                    pass
            finally:
                os.unlink(temporary)
        key = path.read_text(encoding="utf-8").strip()
        if not key:
            raise RuntimeError(f"{path} is empty: delete it to generate a new secret key")
        return key
