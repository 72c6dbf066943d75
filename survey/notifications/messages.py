"""Writing the email a ``Notification`` row stands for, from ids and times alone.

What a message may say is decided here and worded in ``texts``: when, and where to sign in. It reads
a report's time and channel, never its answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.notifications import texts
from survey.notifications.digest import digest_period_start, new_report_count
from survey.storage.models import Notification, Partnership, Response
from survey.vocabulary import Channel, NotificationKind

#: Where officers read reports, below the site's base URL.
REPORTS_PATH = "/officer/reports"


@dataclass(frozen=True)
class Letterhead:
    """What every message needs from the settings."""

    mail_from: str
    base_url: str

    @property
    def reports_link(self) -> str:
        return f"{self.base_url.rstrip('/')}{REPORTS_PATH}"


def compose(session: Session, notification: Notification, letterhead: Letterhead, *,
            now: dt.datetime) -> EmailMessage:
    """The email for ``notification``, addressed and ready to send."""
    match notification.kind:
        case NotificationKind.URGENT_ALERT:
            subject, body = texts.URGENT_ALERT_SUBJECT, _urgent_alert_body(session, notification, letterhead,
                                                                          now=now)
        case NotificationKind.DAILY_DIGEST:
            subject, body = texts.DIGEST_SUBJECT, _digest_body(session, notification, letterhead, now=now)
        case _:
            raise ValueError(f"no email is written for a {notification.kind} notification")
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = letterhead.mail_from
    message["To"] = notification.recipient
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=letterhead.mail_from.rpartition("@")[2])
    # Sent by a machine (RFC 3834): out-of-office replies should not answer it.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(body)
    return message


def _urgent_alert_body(session: Session, notification: Notification, letterhead: Letterhead, *,
                       now: dt.datetime) -> str:
    # The alert was made in the report's own transaction, so its time is when the report arrived (an
    # imported paper response keeps the date it was written, but it arrived now). A report withdrawn
    # since still has its alert sent: the officers were told it came.
    channel = session.scalar(select(Response.channel).where(Response.id == notification.response_id))
    partnership = session.get(Partnership, notification.partnership_id)
    return texts.urgent_alert_body(
        received_at=notification.created_at, imported=channel == Channel.IMPORT, link=letterhead.reports_link,
        partnership=partnership.name if partnership else "your partnership", now=now,
    )


def _digest_body(session: Session, notification: Notification, letterhead: Letterhead, *,
                 now: dt.datetime) -> str:
    made = notification.created_at
    since = digest_period_start(session, notification.partnership_id, notification.recipient, before=made)
    count = new_report_count(session, notification.partnership_id, since=since, until=made)
    return texts.digest_body(count=count, since=since, link=letterhead.reports_link, now=now)
