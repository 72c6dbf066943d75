"""The worker's periodic jobs: adding one is one line in :data:`PERIODIC_JOBS`.

A job is a function of a database session (it flushes, never commits: the worker runs it as one
unit of work) and a schedule. However many consumers run, on however many hosts, a job runs once
per slot of its schedule: the consumer that takes its lock first checks, and then records, the slot
it ran for (``survey.worker.queue``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from survey.notifications.digest import queue_daily_digests
from survey.notifications.outbox import tell_worker_after_commit
from survey.notifications.sending import notifications_due

LOCAL_TIME = ZoneInfo("Europe/London")


class Schedule(Protocol):
    def due(self, moment: dt.datetime) -> bool:
        """Whether the job runs in the minute of ``moment`` (aware, UTC)."""

    def slot(self, moment: dt.datetime) -> str:
        """The run ``moment`` belongs to: a job runs once per slot, whoever runs it."""


@dataclass(frozen=True)
class EveryMinute:
    def due(self, moment: dt.datetime) -> bool:
        return True

    def slot(self, moment: dt.datetime) -> str:
        return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class EveryMinutes:
    """Every ``minutes`` minutes, on the minutes of the hour that it divides (every 10: :00, :10...)."""

    minutes: int

    def due(self, moment: dt.datetime) -> bool:
        return moment.minute % self.minutes == 0

    def slot(self, moment: dt.datetime) -> str:
        start = moment.astimezone(dt.UTC).replace(second=0, microsecond=0)
        return start.replace(minute=start.minute - start.minute % self.minutes).strftime("%Y-%m-%dT%H:%M")


@dataclass(frozen=True)
class DailyAt:
    """Once a day at ``hour:minute`` London time (in summer time too)."""

    hour: int
    minute: int = 0

    def due(self, moment: dt.datetime) -> bool:
        local = moment.astimezone(LOCAL_TIME)
        return (local.hour, local.minute) == (self.hour, self.minute)

    def slot(self, moment: dt.datetime) -> str:
        return moment.astimezone(LOCAL_TIME).date().isoformat()


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    run: Callable[[Session], object]
    schedule: Schedule = EveryMinute()


def send_queued_notifications(session: Session) -> list[int]:
    """The sweep: hand the worker every queued notification nobody is looking after."""
    due = notifications_due(session)
    tell_worker_after_commit(session, due)
    return due


def release_held_messages(session: Session) -> object:
    """Pass on the urgent messages of chats that went quiet (imported here, not with the module:
    every command line process attaches the queue, and few of them run jobs)."""
    from survey.responses.held import release_due_messages

    return release_due_messages(session)


def run_retention(session: Session) -> object:
    """Anonymise what is past its retention period (imported when run, as above)."""
    from survey.retention.job import run_retention_daily

    return run_retention_daily(session)


def fold_tallies(session: Session) -> object:
    """Fold the kept tallies' deltas into their totals (imported when run, as above)."""
    from survey.tallies.fold import fold_tallies as fold

    return fold(session)


def delete_expired_conversations(session: Session) -> object:
    """Delete chat conversations (and chat-key seeds) past their idle expiry from the database (Redis
    deletes its own)."""
    from survey.conversations.store.database import delete_expired

    return delete_expired(session)


def score_unscored_sentiment(session: Session) -> object:
    """Score what the bot stored for the worker to score and it has not yet (it was down, or its queue
    could not be reached), imported when run as above: the scorer's lexicons load only here."""
    from survey.responses.rescore import score_unscored

    return score_unscored(session)


PERIODIC_JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob("release-held-urgent-messages", release_held_messages),  # a chat went quiet: pass it on
    PeriodicJob("send-queued-notifications", send_queued_notifications),
    PeriodicJob("daily-digest", queue_daily_digests, DailyAt(7, 0)),
    PeriodicJob("retention", run_retention, DailyAt(3, 30)),  # anonymise what is past its period
    PeriodicJob("fold-tallies", fold_tallies),  # a report reads fewer rows, whatever the deltas since
    PeriodicJob("delete-expired-conversations", delete_expired_conversations),  # idle chats forgotten
    PeriodicJob("score-unscored-sentiment", score_unscored_sentiment, EveryMinutes(10)),  # what was missed
)
