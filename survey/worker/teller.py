"""Telling the worker: sessions that commit notifications, or responses to score, put their ids on the
task queue.

Apart from :mod:`survey.worker.queue` so that attaching costs nothing: every process attaches
(the web app, the bot, each command), and the queue (Huey, Redis or its SQLite file) is imported
and opened only when a notification is first committed.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from survey.notifications.outbox import TELL_WORKER
from survey.responses.sentiment import TELL_SCORER
from survey.settings import Settings

if TYPE_CHECKING:
    from survey.worker.queue import TaskQueue


def attach_task_queue(session_factory: sessionmaker[Session], queue: TaskQueue | Settings) -> None:
    """Sessions from ``session_factory`` tell the worker about the notifications they commit and the
    responses they store for it to score.

    Given settings, the queue is made on first use, in the process that uses it (so a web worker
    made by a fork opens its own connection to the queue's storage).
    """
    tellers: dict[str, Callable[[int], object]]
    if isinstance(queue, Settings):
        lazy = _LazyTeller(queue)
        tellers = {TELL_WORKER: lazy, TELL_SCORER: lazy.score}
    else:
        tellers = {TELL_WORKER: queue.tell_worker, TELL_SCORER: queue.tell_scorer}
    session_factory.configure(info={**session_factory.kw.get("info", {}), **tellers})


def task_queue(settings: Settings) -> TaskQueue:
    """This process's queue for ``settings``, made on first use (a web worker made by a fork makes its
    own, with its own connection to the queue's storage)."""
    from survey.worker.queue import TaskQueue

    key = (os.getpid(), id(settings))
    with _LOCK:
        queue = _QUEUES.get(key)
        if queue is None or queue.settings is not settings:
            queue = _QUEUES[key] = TaskQueue(settings)
        return queue


_QUEUES: dict[tuple[int, int], TaskQueue] = {}
_LOCK = threading.Lock()


class _LazyTeller:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, notification_id: int) -> None:
        task_queue(self.settings).tell_worker(notification_id)

    def score(self, response_id: int) -> None:
        task_queue(self.settings).tell_scorer(response_id)
