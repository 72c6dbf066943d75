"""Sending one message through the mail server, and saying why it failed in words for an administrator."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from typing import Protocol

from survey.mail_server import SmtpConfig

#: Seconds to wait for the mail server at each step. Shorter than the first retry's back-off, so a
#: slow server never has two attempts at one message open at once.
SMTP_TIMEOUT = 20


class Mailer(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Hand ``message`` to the mail server, or raise (``OSError``, ``smtplib.SMTPException``)."""


class SmtpMailer:
    """Sends each message on its own connection: alerts are few, and a connection held open
    between them would only go stale."""

    def __init__(self, config: SmtpConfig, *, timeout: float = SMTP_TIMEOUT) -> None:
        self.config = config
        self.timeout = timeout

    def send(self, message: EmailMessage) -> None:
        config = self.config
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if config.implicit_tls:
            smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=self.timeout, context=context)
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=self.timeout)
        with smtp:
            if config.starttls:
                smtp.starttls(context=context)
            if config.username:
                smtp.login(config.username, config.password or "")
            smtp.send_message(message)


def failure_reason(error: BaseException) -> str:
    """What went wrong sending, in words for an administrator (never the server's password)."""
    match error:
        case smtplib.SMTPAuthenticationError():
            reason = "The mail server did not accept the user name and password"
        case smtplib.SMTPRecipientsRefused():
            reason = "The mail server refused the address"
        case smtplib.SMTPSenderRefused():
            reason = "The mail server refused the From address (SAFER_VOICES_MAIL_FROM)"
        case smtplib.SMTPServerDisconnected():
            reason = "The mail server closed the connection"
        case smtplib.SMTPResponseException():
            answer = error.smtp_error
            detail = answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)
            reason = f"The mail server answered {error.smtp_code} {detail}".rstrip()
        case ConnectionRefusedError():
            reason = "Could not connect to the mail server: the connection was refused"
        case TimeoutError():
            reason = "The mail server did not answer in time"
        case ssl.SSLError():
            reason = f"A secure connection to the mail server failed: {error.reason or error}"
        case OSError():
            reason = f"Could not reach the mail server: {error.strerror or error}"
        case _:
            reason = f"Sending failed: {type(error).__name__}"
    return reason[:500]
