"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it is sent, for the alert tests."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "alerts"
PASSWORD = "s3cret-smtp-password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class MailCatcher:
    """An aiosmtpd handler: accepts mail from a client that signed in with USER and PASSWORD."""

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    _arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        with self._arrived:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            USER.encode(), PASSWORD.encode())
        if ok:
            self.logins.append(USER)
        return AuthResult(success=ok)

    def wait_for(self, count: int, timeout: float) -> list[EmailMessage]:
        """The messages once ``count`` have arrived (or what there is after ``timeout`` seconds)."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
            return list(self.messages)


@dataclass(frozen=True)
class SmtpServer:
    url: str
    catcher: MailCatcher


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    catcher = MailCatcher()
    port = free_port()
    controller = Controller(catcher, hostname="127.0.0.1", port=port, authenticator=catcher.authenticate,
                            auth_require_tls=False)
    controller.start()
    try:
        yield SmtpServer(f"smtp://{USER}:{PASSWORD}@127.0.0.1:{port}", catcher)
    finally:
        controller.stop()


def refused_smtp_url() -> str:
    """A mail server URL where nothing listens: every connection is refused."""
    return f"smtp://{USER}:{PASSWORD}@127.0.0.1:{free_port()}"
