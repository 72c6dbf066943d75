"""Sending a queued ``Notification``: claim it, send it outside any transaction, record how it went.

Failures are tried again after 30 seconds, 2 minutes, 10 minutes and an hour; after the fifth
attempt the row is ``failed`` and stays on the administrators' settings page with the reason. When
no mail server is set up there is nothing to retry: the row fails at once, saying so.

Two workers (or a retry and the sweep) may pick up the same id: an attempt is claimed by raising
``attempts`` from the value it was read with, so only one of them sends. The next attempt's time is
worked out from ``created_at`` and the back-off, so the row needs no timer of its own.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from survey.notifications import texts
from survey.notifications.mail import Mailer, failure_reason
from survey.notifications.messages import Letterhead, compose
from survey.storage.models import Notification
from survey.storage.types import utcnow
from survey.vocabulary import NotificationStatus

BACKOFF = (
    dt.timedelta(seconds=30), dt.timedelta(minutes=2), dt.timedelta(minutes=10), dt.timedelta(hours=1),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
#: How long the sweep leaves a due row to the task that was queued for it before sending it itself.
SWEEP_GRACE = dt.timedelta(seconds=15)
#: How far apart the clocks of the host that queued a row and the worker's may be: a retry this much
#: early is still made (a first attempt always is).
CLOCK_TOLERANCE = dt.timedelta(seconds=10)

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"
    """Sent already, failed for good, not due yet, gone, or being sent by someone else."""


@dataclass(frozen=True)
class Delivery:
    outcome: Outcome
    retry_in: dt.timedelta | None = None


@dataclass(frozen=True)
class Postage:
    """How to send: the mail server (``None`` when none is set up) and the letterhead."""

    mailer: Mailer | None
    letterhead: Letterhead


def next_attempt_at(notification: Notification) -> dt.datetime:
    """When the next attempt at ``notification`` is due."""
    return notification.created_at + sum(BACKOFF[: notification.attempts], dt.timedelta())


def deliver(
    session_factory: Callable[[], Session], notification_id: int, postage: Postage, *,
    now: dt.datetime | None = None,
) -> Delivery:
    """Make the next attempt at one notification, if it is due and nobody else is making it."""
    now = now or utcnow()
    with session_factory() as session, session.begin():
        notification = session.get(Notification, notification_id)
        if notification is None or notification.status != NotificationStatus.QUEUED:
            return Delivery(Outcome.SKIPPED)
        if not _due(notification, now) or not _claim(session, notification):
            return Delivery(Outcome.SKIPPED)
        attempt = notification.attempts
        if postage.mailer is None:
            _record_failure(notification, texts.NO_MAIL_SERVER, final=True)
            logger.warning("Notification %s not sent: no mail server is set up.", notification_id)
            return Delivery(Outcome.FAILED)
        message = compose(session, notification, postage.letterhead, now=now)
    try:
        postage.mailer.send(message)  # outside the transaction: no database lock is held while we wait
    except Exception as error:
        reason = failure_reason(error)
        final = attempt >= MAX_ATTEMPTS
        with session_factory() as session, session.begin():
            notification = session.get(Notification, notification_id)
            if notification is not None:
                _record_failure(notification, reason, final=final)
        logger.warning("Notification %s, attempt %s of %s, not sent: %s", notification_id, attempt,
                       MAX_ATTEMPTS, reason)
        return Delivery(Outcome.FAILED) if final else Delivery(Outcome.RETRY, retry_in=BACKOFF[attempt - 1])
    with session_factory() as session, session.begin():
        notification = session.get(Notification, notification_id)
        if notification is not None:
            notification.status = NotificationStatus.SENT
            notification.sent_at = utcnow()
            notification.last_error = None
    logger.info("Notification %s sent.", notification_id)
    return Delivery(Outcome.SENT)


def notifications_due(
    session: Session, *, now: dt.datetime | None = None, grace: dt.timedelta = SWEEP_GRACE, limit: int = 500,
) -> list[int]:
    """Queued notifications whose next attempt was due more than ``grace`` ago: the worker was not
    told of them, or was told and lost it. The sweep sends these."""
    now = now or utcnow()
    queued = session.scalars(
        select(Notification).where(Notification.status == NotificationStatus.QUEUED)
        .order_by(Notification.created_at, Notification.id).limit(limit)
    )
    return [notification.id for notification in queued if next_attempt_at(notification) + grace <= now]


def recent_problems(session: Session, partnership_id: int, *, limit: int = 20) -> list[Notification]:
    """The partnership's emails that failed for good or are being tried again, newest first."""
    query = (
        select(Notification)
        .where(
            Notification.partnership_id == partnership_id,
            or_(Notification.status == NotificationStatus.FAILED,
                Notification.status == NotificationStatus.QUEUED) & Notification.last_error.is_not(None),
        )
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def _due(notification: Notification, now: dt.datetime) -> bool:
    return notification.attempts == 0 or now + CLOCK_TOLERANCE >= next_attempt_at(notification)


def _claim(session: Session, notification: Notification) -> bool:
    claimed = session.execute(
        update(Notification)
        .where(Notification.id == notification.id, Notification.status == NotificationStatus.QUEUED,
               Notification.attempts == notification.attempts)
        .values(attempts=Notification.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    if claimed:
        session.refresh(notification)
    return claimed


def _record_failure(notification: Notification, reason: str, *, final: bool) -> None:
    notification.last_error = reason[:500]
    if final:
        notification.status = NotificationStatus.FAILED
