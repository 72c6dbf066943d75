"""Imports of responses as background jobs: the officer wizard queues one and shows its progress; the
worker runs it (:func:`survey.responses.imports.run.import_file`, all or nothing, in one transaction).

A job's state lives in the task queue's own storage (``tasks.db`` or Redis), not the main database: the
import is one transaction, which on SQLite holds the database's write lock until it ends, so progress
written to the main database could be neither written nor seen until the import was over. The task's
payload is the job's random token. A job holds ids, the officer's choices and, once it ends, what was
stored and the problems by row and column; it is dropped a day after it was queued (Redis expires it;
on SQLite the next job queued sweeps it). The uploaded file is deleted when the job ends, whatever
the outcome.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from huey.api import Huey, TaskWrapper
from sqlalchemy.orm import Session

from survey.responses.csv_import import ImportFileError, RowError
from survey.responses.imports.run import ImportChoices, import_file
from survey.storage.db import retry_on_locked
from survey.storage.models import Consultation

KEY = "import-job.{token}"
INDEX_KEY = "import-jobs"
KEEP_SECONDS = 24 * 60 * 60

logger = logging.getLogger(__name__)


class TaskQueue(Protocol):
    """What of :class:`survey.worker.queue.TaskQueue` a job needs (that module runs this one)."""

    huey: Huey
    import_responses: TaskWrapper

    def sessions(self) -> Callable[[], Session]: ...


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Failure(StrEnum):
    """Why a job stored nothing, for the page to say in its own words."""

    PROBLEMS = "problems"  # rows with problems (listed), and the officer did not choose to store the rest
    IMPORTED_BEFORE = "imported-before"
    FILE_GONE = "file-gone"
    UNREADABLE = "unreadable"  # the file as a whole cannot be read: ``message`` says why
    CONSULTATION_GONE = "consultation-gone"
    BROKE = "broke"


@dataclass
class ImportJob:
    token: str
    partnership_id: int
    consultation_id: int
    officer_id: int | None
    upload: str
    """The kept file's path (the worker runs on the host that keeps it, as ``safer-voices serve`` has it)."""
    choices: ImportChoices
    rows: int = 0
    state: JobState = JobState.QUEUED
    done_rows: int = 0
    queued_at: float = field(default_factory=time.time)
    tool: str = ""
    summary: str = ""
    stored: int = 0
    rejected: int = 0
    counts: list[tuple[str, str, int]] = field(default_factory=list)
    problems: list[RowError] = field(default_factory=list)
    failure: Failure | None = None
    message: str = ""
    imported_before: dt.datetime | None = None

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


def queue_import(queue: TaskQueue, job: ImportJob) -> None:
    """Keep ``job`` in the queue's storage (sweeping jobs older than a day) and queue its running."""
    now = time.time()
    index: dict[str, float] = queue.huey.get(INDEX_KEY, peek=True) or {}
    for token, queued_at in list(index.items()):
        if now - queued_at > KEEP_SECONDS:
            queue.huey.delete(KEY.format(token=token))
            del index[token]
    index[job.token] = job.queued_at
    queue.huey.put(INDEX_KEY, index)
    save_job(queue, job)
    queue.import_responses(job.token)


def import_job(queue: TaskQueue, token: str) -> ImportJob | None:
    """The job with ``token``, or ``None`` when there is none (or it is over a day old)."""
    job = queue.huey.get(KEY.format(token=token), peek=True)
    if not isinstance(job, ImportJob) or time.time() - job.queued_at > KEEP_SECONDS:
        return None
    return job


def save_job(queue: TaskQueue, job: ImportJob) -> None:
    # A task result to Huey: Redis expires it (the queue's KEPT_SECONDS); SQLite keeps it until swept.
    queue.huey.put_result(KEY.format(token=job.token), job)


def run_import_job(queue: TaskQueue, token: str) -> None:
    """The task: run the job once (a job not waiting is left alone), then delete the uploaded file."""
    job = import_job(queue, token)
    if job is None or job.state is not JobState.QUEUED:
        return
    job.state = JobState.RUNNING
    save_job(queue, job)
    path = Path(job.upload)
    try:
        data = path.read_bytes()
        # SQLite: a writer that held on past the busy timeout is waited for, as a request would be.
        retry_on_locked(lambda: _run(queue, job, data), undo=lambda: None)
    except FileNotFoundError:
        _fail(job, Failure.FILE_GONE)
    except ImportFileError as error:
        _fail(job, Failure.UNREADABLE, str(error))
    except Exception as error:  # the officer sees that nothing was stored; the log says no more than this
        logger.warning("Import job failed (%s); nothing was stored.", type(error).__name__)
        _fail(job, Failure.BROKE)
    finally:
        path.unlink(missing_ok=True)
        save_job(queue, job)


def _run(queue: TaskQueue, job: ImportJob, data: bytes) -> None:
    def progress(done: int, rows: int) -> None:
        job.done_rows, job.rows = done, rows
        save_job(queue, job)

    with queue.sessions()() as session, session.begin():
        consultation = session.get(Consultation, job.consultation_id)
        if consultation is None or consultation.partnership_id != job.partnership_id:
            _fail(job, Failure.CONSULTATION_GONE)
            return
        outcome = import_file(session, consultation, data, job.choices, officer_id=job.officer_id,
                              progress=progress)
    result = outcome.result
    job.tool, job.problems, job.rejected = outcome.tool, list(result.errors), len(result.rejected_rows)
    job.done_rows = job.rows = result.rows
    if outcome.imported_before is not None:
        _fail(job, Failure.IMPORTED_BEFORE)
        job.imported_before = outcome.imported_before
    elif not result.stored:
        _fail(job, Failure.PROBLEMS)
    else:
        job.state, job.stored, job.summary = JobState.DONE, result.stored, result.summary
        job.counts = outcome.counts


def _fail(job: ImportJob, failure: Failure, message: str = "") -> None:
    job.state, job.failure, job.message = JobState.FAILED, failure, message


