"""Telling the worker: sessions that commit notifications put their ids on the task queue.

Apart from :mod:`survey.worker.queue` so that attaching costs nothing: every process attaches
(the web app, the bot, each command), and the queue (Huey, Redis or its SQLite file) is imported
and opened only when a notification is first committed.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from survey.notifications.outbox import TELL_WORKER
from survey.settings import Settings

if TYPE_CHECKING:
    from survey.worker.queue import TaskQueue


def attach_task_queue(session_factory: sessionmaker[Session], queue: TaskQueue | Settings) -> None:
    """Sessions from ``session_factory`` tell the worker about the notifications they commit.

    Given settings, the queue is made on first use, in the process that uses it (so a web worker
    made by a fork opens its own connection to the queue's storage).
    """
    teller = _LazyTeller(queue) if isinstance(queue, Settings) else queue.tell_worker
    session_factory.configure(info={**session_factory.kw.get("info", {}), TELL_WORKER: teller})


class _LazyTeller:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._queue: TaskQueue | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def __call__(self, notification_id: int) -> None:
        from survey.worker.queue import TaskQueue

        with self._lock:
            if self._queue is None or self._pid != os.getpid():
                self._queue, self._pid = TaskQueue(self.settings), os.getpid()
        self._queue.tell_worker(notification_id)
