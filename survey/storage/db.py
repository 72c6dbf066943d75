"""Engines and sessions: the one place that knows how to open the database.

SQLite is the embedded default: WAL so readers never wait for the writer, a busy timeout so a
second writer waits instead of failing, foreign keys on, and a database file only its owner can
read. A transaction that may write starts with ``BEGIN IMMEDIATE``: a deferred one that reads and
then writes fails with ``database is locked`` whatever the busy timeout once another connection has
written in between, because its snapshot is stale. Reading-only work (a web page shown on GET) may
start deferred, so readers run beside the writer; what still meets a lock is retried whole
(:func:`retry_on_locked`), as an immediate transaction. PostgreSQL is used as it comes.
"""

from __future__ import annotations

import fcntl
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from survey.private_files import create_private_file, tighten_if_present
from survey.settings import Settings

T = TypeVar("T")

#: How big the SQLite write-ahead log may grow before ``serve`` empties it, and may stay once a
#: checkpoint has emptied it.
WAL_SIZE_LIMIT = 8 * 1024 * 1024
LOCKED_ATTEMPTS = 5

# Whether the transactions started in this thread (or task) may write: they begin IMMEDIATE on
# SQLite. True unless the caller says the work only reads (see ``may_write``).
_may_write: ContextVar[bool] = ContextVar("safer_voices_may_write", default=True)


def create_database_engine(url: str, *, busy_timeout_ms: int = 5000, echo: bool = False) -> Engine:
    """Open an engine for ``url`` with the pragmas and pooling this application relies on."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, busy_timeout_ms=busy_timeout_ms, echo=echo)
    # hide_parameters: an error message must never carry a respondent's words into a log.
    return create_engine(url, pool_pre_ping=True, echo=echo, hide_parameters=True)


def engine_from_settings(settings: Settings) -> Engine:
    """The engine named by the settings (SQLite in the instance folder unless a URL is given)."""
    if not settings.database_url:
        settings.ensure_instance_path()
    return create_database_engine(
        settings.resolved_database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (views render after the commit)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def may_write(writes: bool) -> Iterator[None]:
    """Say whether the transactions begun inside may write (SQLite: ``BEGIN IMMEDIATE`` or ``BEGIN``)."""
    token = _may_write.set(writes)
    try:
        yield
    finally:
        _may_write.reset(token)


def set_may_write(writes: bool) -> None:
    """As :func:`may_write`, for the rest of this thread's (or task's) current work."""
    _may_write.set(writes)


def is_locked(error: BaseException) -> bool:
    """True for SQLite's "database is locked" (another writer held on past the busy timeout, or a
    deferred transaction's snapshot went stale): the whole unit of work can be tried again."""
    cause = error.orig if isinstance(error, OperationalError) else error
    return isinstance(cause, sqlite3.OperationalError) and "locked" in str(cause)


def is_unavailable(error: BaseException) -> bool:
    """True when the database cannot take the work now, through no fault of the request: locked,
    the disk full ("database or disk is full", PostgreSQL's DiskFull), the connection lost or the
    server restarting. The request should be answered 503 and may be sent again."""
    if is_locked(error):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, OperationalError | InterfaceError)


def retry_on_locked(
    work: Callable[[], T], *, undo: Callable[[], None], attempts: int = LOCKED_ATTEMPTS,
    delay: float = 0.05,
) -> T:
    """Run ``work``; when SQLite says the database is locked, ``undo`` it and run it again, as an
    immediate transaction, after a growing random pause. The last failure is raised."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except OperationalError as error:
            if not is_locked(error) or attempt == attempts:
                raise
            undo()
            _may_write.set(True)
            time.sleep(random.uniform(delay, 2 * delay) * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def begin_write(session: Session) -> None:
    """Begin the session's transaction now (SQLite: take the write lock now, waiting for it if need
    be), so that nothing has been done yet if it cannot be had."""
    retry_on_locked(session.connection, undo=session.rollback)


def _sqlite_engine(url: str, *, busy_timeout_ms: int, echo: bool) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        _private_database_file(Path(database))
    connect_args: dict[str, object] = {"timeout": busy_timeout_ms / 1000}
    if database and database != ":memory:" and not database.startswith("file:"):
        queue = WriterQueue(Path(database).with_name(Path(database).name + "-writers.lock"), busy_timeout_ms)
        connect_args["factory"] = queue.connection_class()
    engine = create_engine(url, echo=echo, hide_parameters=True, connect_args=connect_args)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the driver, emit BEGIN: pysqlite's own transaction handling breaks
        # SAVEPOINT, which the per-request unit of work and the test isolation both use.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Once a checkpoint has emptied the log, cut the file back instead of keeping its largest size.
        cursor.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        # Overwrite deleted content with zeros as it is freed, so words the retention run deletes
        # (survey.retention) are gone from the file, not only from queries.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        if _may_write.get():
            dbapi = connection.connection.dbapi_connection
            if isinstance(dbapi, QueuedConnection):
                try:
                    dbapi.join_writers()
                except sqlite3.OperationalError as error:  # as SQLite's own "locked" would arrive
                    raise OperationalError("BEGIN IMMEDIATE", None, error) from error
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


class QueuedConnection(sqlite3.Connection):
    """A SQLite connection that waits its turn in a :class:`WriterQueue` before it writes."""

    queue: WriterQueue

    def join_writers(self) -> None:
        self.queue.acquire(self)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.queue.release(self)

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.queue.release(self)

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.queue.release(self)


class WriterQueue:
    """Writers of one SQLite database take turns through a lock file, so the next one starts the
    moment the last one commits.

    Without it, a writer that finds the database locked sleeps in SQLite's busy handler for 1, 2,
    5, 10 ... 100 ms at a time and looks again, so under a burst of submits most of the time goes
    in sleeping while the lock is free. Here a writer takes an exclusive ``flock`` on
    ``<database>-writers.lock`` before ``BEGIN IMMEDIATE`` and lets it go straight after
    ``COMMIT`` or ``ROLLBACK``; the kernel hands it to the next waiter at once. A writer that
    waits longer than the busy timeout gets "database is locked", as it would from SQLite, so the
    request is retried or answered 503. Processes that do not take part (an older CLI, the
    ``sqlite3`` shell) still meet SQLite's own lock, so correctness never depends on this.

    A thread that already holds the lock through one connection does not queue for it again
    through another (that would wait on itself); the second connection meets SQLite's lock instead.
    """

    def __init__(self, path: Path, timeout_ms: int) -> None:
        self.path = path
        self.timeout = timeout_ms / 1000
        self._local = threading.local()

    def connection_class(self) -> type[QueuedConnection]:
        return type("QueuedConnectionOf", (QueuedConnection,), {"queue": self})

    def acquire(self, connection: QueuedConnection) -> None:
        holder = getattr(self._local, "holder", None)
        if holder is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.timeout
        pause = 0.0002
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise sqlite3.OperationalError("database is locked (other writers)") from None
                    time.sleep(pause)
                    pause = min(pause * 2, 0.002)
        except BaseException:
            os.close(fd)
            raise
        self._local.holder = (connection, fd)

    def release(self, connection: QueuedConnection) -> None:
        holder = getattr(self._local, "holder", None)
        if holder is None or holder[0] is not connection:
            return
        self._local.holder = None
        os.close(holder[1])  # closing the descriptor lets the lock go


def _private_database_file(path: Path) -> None:
    """Create the database file readable by its owner only (SQLite would make it 0644, and gives its
    -wal and -shm files the database file's mode), and tighten one an older version created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    create_private_file(path)
    for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        tighten_if_present(companion)


class WalCheckpointer:
    """Empties SQLite's write-ahead log into the database and truncates it once it has grown past
    ``limit`` bytes, looking every ``interval`` seconds.

    SQLite's automatic checkpoint copies pages back but can only start the log again from the
    beginning when no reader is using it; under steady traffic that moment may never come, and the
    file grows without bound (145 MB beside a 6 MB database was seen). Here a ``PASSIVE`` checkpoint
    first copies the log back without holding anyone up; only once it has copied all of it does a
    ``TRUNCATE`` checkpoint empty the file. That one keeps writers out while it waits for readers to
    move on, so it waits at most ``busy_timeout_ms`` (a submit waiting a second behind it was seen
    under load) and is tried again next time. It runs on its own connection in a daemon thread:
    ``serve`` starts one in each worker, after the fork.
    """

    def __init__(
        self, database: Path, *, interval: float = 10.0, limit: int = WAL_SIZE_LIMIT,
        busy_timeout_ms: int = 50,
    ) -> None:
        self.database = database
        self.wal = database.with_name(database.name + "-wal")
        self.interval = interval
        self.limit = limit
        self.busy_timeout_ms = busy_timeout_ms
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    def start(self) -> WalCheckpointer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + self.busy_timeout_ms / 1000 + 5)

    def wal_size(self) -> int:
        try:
            return self.wal.stat().st_size
        except FileNotFoundError:
            return 0

    def checkpoint(self) -> bool:
        """Empty and truncate the log if it is over the limit; False when readers or a writer kept a
        needed checkpoint from finishing (it is tried again next time)."""
        if self.wal_size() <= self.limit:
            return True
        try:
            connection = sqlite3.connect(self.database, timeout=self.busy_timeout_ms / 1000,
                                         isolation_level=None)
        except sqlite3.Error:
            return False
        try:
            busy, log, done = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            if busy or done < log:  # a reader still needs part of the log: nothing to cut yet
                return False
            busy, _log, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            return busy == 0
        except sqlite3.Error:
            return False
        finally:
            connection.close()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.checkpoint()


def sqlite_database_path(url: str) -> Path | None:
    """The file of a SQLite database URL, or None for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)
