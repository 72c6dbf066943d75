"""The transactional outbox: an email to send is a ``Notification`` row written in the same
transaction as what it is about, and the worker is told only once that transaction has committed.

So an urgent report and its alerts are stored together or not at all; a transaction rolled back
tells the worker nothing; and if telling the worker fails (its queue unreachable), the row is still
there for the worker's sweep (``survey.notifications.sending.notifications_due``) to find. What the
worker is told is a notification's id, never anything the reporter wrote.

Whoever makes sessions says how the worker is told, by putting a callable under
:data:`TELL_WORKER` in the session's ``info`` (``survey.worker.teller.attach_task_queue`` does this
for a session factory). A session without one leaves the rows to the sweep.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from survey.notifications.alerts import alert_addresses
from survey.storage.after_commit import hand_over_after_commit
from survey.storage.models import Notification
from survey.vocabulary import NotificationKind

#: ``session.info`` key of a ``Callable[[int], object]`` that hands a notification id to the worker.
TELL_WORKER = "safer_voices.tell_worker"

TellWorker = Callable[[int], object]


def queue_urgent_alert(session: Session, *, partnership_id: int, response_id: int) -> list[Notification]:
    """Add one urgent alert per alert address of the partnership, to be sent once the caller's
    transaction commits. A partnership with no alert addresses gets none (and no error)."""
    notifications = [
        Notification(partnership_id=partnership_id, kind=NotificationKind.URGENT_ALERT,
                     recipient=address.email, response_id=response_id)
        for address in alert_addresses(session, partnership_id)
    ]
    return queue_notifications(session, notifications)


def queue_notifications(session: Session, notifications: Sequence[Notification]) -> list[Notification]:
    """Add ``notifications`` to the session and tell the worker their ids after the commit."""
    if not notifications:
        return []
    session.add_all(notifications)
    session.flush()
    tell_worker_after_commit(session, [notification.id for notification in notifications])
    return list(notifications)


def tell_worker_after_commit(session: Session, notification_ids: Sequence[int]) -> None:
    """Hand these notification ids to the worker once the session's transaction commits (and
    forget them if it rolls back)."""
    hand_over_after_commit(session, TELL_WORKER, notification_ids, what="notification",
                           fallback="its sweep will send it")
