"""The task queue: Huey, with its own storage, never the main database.

Without ``SAFER_VOICES_REDIS_URL`` the queue is a SQLite file of its own in the instance folder
(``tasks.db``, 0600), shared by the processes of one host. With it, Redis: shared by every host, and
then the periodic jobs' locks expire by themselves if a consumer dies holding one.

Every task's payload is an id: a notification's, to send it, a response's, to score its
sentiment, or an import job's random token, to run it (:mod:`survey.worker.imports`). The web app,
the bot and the command line only put tasks on the queue (:func:`survey.worker.teller.attach_task_queue`);
``safer-voices worker`` (or the one ``serve`` starts) runs them.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from huey import RedisExpireHuey, SqliteHuey
from huey.api import Huey, TaskLock, TaskWrapper
from huey.exceptions import TaskLockedException
from redis import ConnectionPool
from sqlalchemy.orm import Session

from survey.notifications.mail import SmtpMailer
from survey.notifications.messages import Letterhead
from survey.notifications.outbox import TELL_WORKER
from survey.notifications.sending import Outcome, Postage, deliver
from survey.private_files import create_private_file, tighten_if_present
from survey.responses.sentiment import TELL_SCORER
from survey.settings import Settings
from survey.storage.db import engine_from_settings, make_session_factory
from survey.storage.types import utcnow
from survey.worker.jobs import PERIODIC_JOBS, PeriodicJob

QUEUE_NAME = "safer-voices"
TASKS_FILE = "tasks.db"
#: A periodic job's lock outlives a consumer that died holding it by this long (Redis only).
LOCK_SECONDS = 15 * 60
#: How long Redis keeps what the queue stores beside its tasks (the slot each job last ran for).
KEPT_SECONDS = 2 * 24 * 60 * 60

logger = logging.getLogger(__name__)


@dataclass
class _WorkerSide:
    """What running tasks needs, made on the first task a process runs (never by a web worker)."""

    session_factory: Callable[[], Session]
    postage: Postage


class TaskQueue:
    """The Huey instance for ``settings``, its tasks, and one periodic task per job."""

    def __init__(
        self, settings: Settings, jobs: Sequence[PeriodicJob] = PERIODIC_JOBS, *,
        session_factory: Callable[[], Session] | None = None,
    ) -> None:
        """``session_factory``: where tasks read and write (default: a new engine from ``settings``)."""
        self.settings = settings
        self.huey = create_huey(settings)
        self.uses_redis = settings.redis_url is not None
        self._session_factory = session_factory
        self._worker_side: _WorkerSide | None = None
        self._lock = threading.Lock()
        self.send_notification: TaskWrapper = self.huey.task(name="send_notification")(
            self._send_notification
        )
        self.score_response: TaskWrapper = self.huey.task(name="score_response")(self._score_response)
        self.import_responses: TaskWrapper = self.huey.task(name="import_responses")(self._import_responses)
        self.jobs = {job.name: job for job in jobs}
        self.periodic = {job.name: self._periodic_task(job) for job in jobs}
        # Made now, so a consumer starting on SQLite knows their names and clears any left behind.
        self.locks = {job.name: self._lock_for(job) for job in jobs}

    def tell_worker(self, notification_id: int) -> None:
        """Queue the sending of one notification (the payload is its id)."""
        self.send_notification(notification_id)

    def tell_scorer(self, response_id: int) -> None:
        """Queue the sentiment scoring of one stored response (the payload is its id)."""
        self.score_response(response_id)

    def worker_side(self) -> _WorkerSide:
        with self._lock:
            if self._worker_side is None:
                sessions = self._session_factory or make_session_factory(engine_from_settings(self.settings))

                def factory() -> Session:  # what the tasks and jobs commit is handed on to this queue
                    session = sessions()
                    session.info.setdefault(TELL_WORKER, self.tell_worker)
                    session.info.setdefault(TELL_SCORER, self.tell_scorer)
                    return session

                settings, smtp = self.settings, self.settings.smtp
                letterhead = Letterhead(mail_from=settings.mail_from or "", base_url=settings.base_url)
                postage = Postage(mailer=SmtpMailer(smtp) if smtp else None, letterhead=letterhead)
                self._worker_side = _WorkerSide(session_factory=factory, postage=postage)
            return self._worker_side

    def sessions(self) -> Callable[[], Session]:
        """Where tasks read and write (each session tells the worker what it commits)."""
        return self.worker_side().session_factory

    def run_job(self, job: PeriodicJob) -> bool:
        """Run ``job`` now unless it has run for this slot already or is running elsewhere; True if it ran."""
        slot = job.schedule.slot(utcnow())
        marker = f"periodic.{job.name}.last-slot"
        try:
            with self.locks.get(job.name) or self._lock_for(job):
                if self.huey.get(marker, peek=True) == slot:
                    logger.debug("Periodic job %s has run for slot %s already.", job.name, slot)
                    return False
                factory = self.worker_side().session_factory
                with factory() as session, session.begin():
                    job.run(session)
                self.huey.put(marker, slot)
                logger.debug("Periodic job %s ran for slot %s.", job.name, slot)
                return True
        except TaskLockedException:
            logger.info("Periodic job %s (slot %s) is running in another consumer.", job.name, slot)
            return False

    def _lock_for(self, job: PeriodicJob) -> TaskLock:
        return self.huey.lock_task(f"periodic.{job.name}", ttl=LOCK_SECONDS if self.uses_redis else None)

    def _send_notification(self, notification_id: int) -> None:
        side = self.worker_side()
        delivery = deliver(side.session_factory, notification_id, side.postage)
        if delivery.outcome is Outcome.RETRY and delivery.retry_in is not None:
            self.send_notification.schedule((notification_id,), delay=delivery.retry_in.total_seconds())

    def _score_response(self, response_id: int) -> None:
        from survey.responses.rescore import score_response  # the scorer loads only where tasks run

        with self.worker_side().session_factory() as session, session.begin():
            score_response(session, response_id)

    def _import_responses(self, token: str) -> None:
        from survey.worker.imports import run_import_job  # the importer loads only where tasks run

        run_import_job(self, token)

    def _periodic_task(self, job: PeriodicJob) -> TaskWrapper:
        def validate(timestamp: dt.datetime) -> bool:
            return job.schedule.due(timestamp.replace(tzinfo=dt.UTC))  # Huey hands a naive UTC time

        def run() -> None:
            self.run_job(job)

        name = "periodic_" + re.sub(r"\W", "_", job.name)
        return self.huey.periodic_task(validate, name=name)(run)


def create_huey(settings: Settings) -> Huey:
    """The Huey instance: Redis when ``SAFER_VOICES_REDIS_URL`` is set, else ``tasks.db`` (0600) in the
    instance folder. Results are not kept: nothing reads them, and they could only grow."""
    if settings.redis_url:
        pool = ConnectionPool.from_url(
            settings.redis_url, socket_connect_timeout=2, socket_timeout=10, health_check_interval=30
        )
        return RedisExpireHuey(QUEUE_NAME, connection_pool=pool, results=False, expire_time=KEPT_SECONDS)
    path = settings.ensure_instance_path() / TASKS_FILE
    create_private_file(path)
    for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        tighten_if_present(companion)
    return SqliteHuey(QUEUE_NAME, filename=str(path), results=False)
