"""Running the worker: Huey's consumer, in the foreground (``safer-voices worker``) or as the one
child process ``safer-voices serve`` starts beside gunicorn (:class:`WorkerProcess`).

The child is started once, by gunicorn's master before it forks its web workers, so a ``serve``
has one consumer however many web workers it runs. It gets the settings the app was built with on
its standard input (they may hold secrets, which must not be on a command line), stops gracefully
when ``serve`` stops, and stops by itself if ``serve`` dies without stopping it.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from huey.consumer import Consumer
from pydantic import SecretStr

from survey.private_files import PRIVATE_UMASK
from survey.settings import Settings
from survey.worker.queue import TaskQueue

#: Threads running tasks in one consumer: an alert is not held up by a slow digest.
WORKER_THREADS = 2
STOP_SECONDS = 30
NO_MAIL_SERVER_WARNING = (
    "No mail server is set up (SAFER_VOICES_SMTP_URL): urgent alerts and digests are recorded as "
    "failed, not sent, and administrators see them on the Settings page."
)

logger = logging.getLogger(__name__)


def configure_logging(settings: Settings) -> None:
    """Log to standard error, as gunicorn does: what was sent or failed, never what a report says."""
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                        format="[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s")


def run_worker(settings: Settings, *, parent_pid: int | None = None) -> None:
    """Run the consumer until SIGINT or SIGTERM (SIGINT lets running tasks finish first)."""
    os.umask(PRIVATE_UMASK)
    queue = TaskQueue(settings)
    if settings.smtp is not None:
        logger.info("Sending email through %s.", settings.smtp.description)
    elif parent_pid is None:  # serve has said so already
        logger.warning(NO_MAIL_SERVER_WARNING)
    consumer = make_consumer(queue)
    if parent_pid is not None:
        _stop_when_orphaned(parent_pid)
    consumer.run()


def make_consumer(queue: TaskQueue) -> Consumer:
    """Huey's consumer for ``queue``: task threads, the scheduler, and the periodic jobs."""
    return queue.huey.create_consumer(
        workers=WORKER_THREADS, worker_type="thread", periodic=True, check_worker_health=True,
        # SQLite: only this host's consumers share the file, so a job's lock left by one that was
        # killed is cleared on start. Redis locks expire instead, as other hosts may be holding them.
        flush_locks=not queue.uses_redis,
    )


def _stop_when_orphaned(parent_pid: int) -> None:
    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1)
        logger.warning("safer-voices serve has gone: the worker stops.")
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class WorkerProcess:
    """The consumer as a child process of ``safer-voices serve``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> WorkerProcess:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "survey.worker", "--settings-on-stdin", "--parent-pid", str(os.getpid())],
            stdin=subprocess.PIPE,
            # Its own session: a Ctrl-C at the terminal reaches serve, which then stops it once.
            start_new_session=True,
        )
        assert self.process.stdin is not None
        self.process.stdin.write(settings_to_json(self.settings).encode("utf-8"))
        self.process.stdin.close()
        return self

    def stop(self) -> None:
        """Let running tasks finish (SIGINT), then insist."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def settings_to_json(settings: Settings) -> str:
    """The settings, secrets included, for a child process's standard input."""
    values: dict[str, Any] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        values[name] = value.get_secret_value() if isinstance(value, SecretStr) else value
    return json.dumps(values, default=str)


def settings_from_json(text: str) -> Settings:
    """The settings :func:`settings_to_json` wrote (given values win over the environment)."""
    return Settings(_env_file=None, **json.loads(text))
