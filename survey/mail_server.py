"""The mail server setting (``SAFER_VOICES_SMTP_URL``), read into a :class:`SmtpConfig`.

``smtp://USER:PASSWORD@HOST:587?starttls=true`` upgrades a plain connection with STARTTLS;
``smtps://USER:PASSWORD@HOST:465`` speaks TLS from the start; ``smtp://HOST:25`` sends in the clear
(a relay on the same host). The password is kept out of every message, ``repr`` and log line.
Standard library only: the settings import it, so it must import nothing of the project's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

MAIL_ADDRESS = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


class SmtpUrlError(ValueError):
    """A mail server URL that cannot be used, said without repeating the URL (it holds a password)."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    implicit_tls: bool = False
    starttls: bool = False

    @property
    def description(self) -> str:
        """Where mail goes, for a log line: never the user name or password."""
        security = "TLS" if self.implicit_tls else "STARTTLS" if self.starttls else "no encryption"
        return f"{self.host}:{self.port} ({security})"


def parse_smtp_url(url: str) -> SmtpConfig:
    """The mail server named by ``url``, or :class:`SmtpUrlError` saying what is wrong."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise SmtpUrlError("SAFER_VOICES_SMTP_URL is not a valid URL: check the port is a number") from error
    if parts.scheme not in {"smtp", "smtps"}:
        raise SmtpUrlError("SAFER_VOICES_SMTP_URL must start with smtp:// or smtps://")
    if not parts.hostname:
        raise SmtpUrlError("SAFER_VOICES_SMTP_URL must name the mail server, like smtp://mail.example.org:587")
    implicit_tls = parts.scheme == "smtps"
    starttls = False
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name != "starttls":
            raise SmtpUrlError(f"SAFER_VOICES_SMTP_URL has an unknown option '{name}': only starttls "
                               "is known")
        if value.lower() not in _TRUE | _FALSE:
            raise SmtpUrlError("SAFER_VOICES_SMTP_URL's starttls must be true or false")
        starttls = value.lower() in _TRUE
    if starttls and implicit_tls:
        raise SmtpUrlError("SAFER_VOICES_SMTP_URL: smtps:// is TLS already, so starttls=true cannot be used")
    if parts.password is not None and not parts.username:
        raise SmtpUrlError("SAFER_VOICES_SMTP_URL has a password but no user name")
    return SmtpConfig(
        host=parts.hostname,
        port=port or (465 if implicit_tls else 587 if starttls else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        implicit_tls=implicit_tls,
        starttls=starttls,
    )
