"""The daily digest: officers who asked for it are told each morning how many reports that are not
urgent arrived since their last digest (the number only; urgent ones are alerted as they come).

A digest is a ``Notification`` row (kind ``daily_digest``), so the worker sends it like an alert,
and a second run on the same day finds the row and adds no other.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.notifications.outbox import queue_notifications
from survey.notifications.texts import LOCAL_TIME
from survey.storage.models import Consultation, Notification, Officer, Response
from survey.storage.types import utcnow
from survey.vocabulary import DefinitionKind, NotificationKind, NotificationStatus

#: Place reports and worries: what officers call reports (a consultation answer is not one).
REPORT_KINDS = (DefinitionKind.PLACE_REPORT, DefinitionKind.WORRY)
#: How far back the first digest of an officer looks.
FIRST_DIGEST_COVERS = dt.timedelta(days=1)


def set_daily_digest(session: Session, officer: Officer, wanted: bool) -> None:
    """Turn an officer's own daily digest on or off."""
    officer.daily_digest = wanted
    session.flush()


def queue_daily_digests(session: Session, *, now: dt.datetime | None = None) -> list[Notification]:
    """Add today's digest for each active officer who asked for one and has something new to hear
    about; an officer who has had today's already, or has nothing new, gets none."""
    now = now or utcnow()
    local_midnight = dt.datetime.combine(now.astimezone(LOCAL_TIME).date(), dt.time(), tzinfo=LOCAL_TIME)
    officers = session.scalars(
        select(Officer).where(Officer.daily_digest.is_(True), Officer.active.is_(True)).order_by(Officer.id)
    )
    digests = []
    for officer in officers:
        if _digest_since(session, officer.partnership_id, officer.email, local_midnight) is not None:
            continue
        since = digest_period_start(session, officer.partnership_id, officer.email, before=now)
        if new_report_count(session, officer.partnership_id, since=since, until=now):
            digests.append(Notification(partnership_id=officer.partnership_id, recipient=officer.email,
                                        kind=NotificationKind.DAILY_DIGEST, created_at=now))
    return queue_notifications(session, digests)


def digest_period_start(
    session: Session, partnership_id: int, recipient: str, *, before: dt.datetime
) -> dt.datetime:
    """Where a digest made at ``before`` starts counting: the last digest sent to ``recipient``, or a
    day earlier for their first."""
    last_sent = session.scalar(
        select(func.max(Notification.created_at)).where(
            Notification.partnership_id == partnership_id,
            Notification.recipient == recipient,
            Notification.kind == NotificationKind.DAILY_DIGEST,
            Notification.status == NotificationStatus.SENT,
            Notification.created_at < before,
        )
    )
    return last_sent or before - FIRST_DIGEST_COVERS


def new_report_count(session: Session, partnership_id: int, *, since: dt.datetime, until: dt.datetime) -> int:
    """How many place reports and worries that are not urgent the partnership received in
    ``[since, until)``."""
    query = (
        select(func.count())
        .select_from(Response)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .where(
            Response.partnership_id == partnership_id,
            Response.urgent.is_(False),
            Consultation.kind.in_(REPORT_KINDS),
            Response.submitted_at >= since,
            Response.submitted_at < until,
        )
    )
    return session.scalar(query) or 0


def _digest_since(session: Session, partnership_id: int, recipient: str, moment: dt.datetime) -> int | None:
    return session.scalar(
        select(Notification.id).where(
            Notification.partnership_id == partnership_id,
            Notification.recipient == recipient,
            Notification.kind == NotificationKind.DAILY_DIGEST,
            Notification.created_at >= moment,
        ).limit(1)
    )
