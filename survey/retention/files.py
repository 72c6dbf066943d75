"""Making sure deleted words are gone from the database's files, not only from its queries.

SQLite: every connection runs with ``secure_delete`` (``survey.storage.db``), so freed space is
overwritten with zeros as it is freed; after a run, ``VACUUM`` rewrites every page (space freed
before ``secure_delete`` was on goes too) and a ``TRUNCATE`` checkpoint copies the write-ahead log
back and cuts it to nothing, taking the old copies of changed pages with it.

PostgreSQL: an update or delete leaves the old row in its page until a vacuum. ``VACUUM FULL`` on the
tables a run touches writes each one afresh and empties the old file (a plain ``VACUUM`` marks the
space free but can leave the bytes in it). Outside a transaction, so on a connection of its own in
autocommit. The write-ahead log (``pg_wal``) still holds the words as they were first written:
``pg_switch_wal()`` closes the segment they are in and ``CHECKPOINT`` lets the server retire it.
Both need a superuser, or a role granted ``pg_checkpoint`` and ``EXECUTE`` on ``pg_switch_wal``;
and the server must run with ``wal_recycle = off``, or a retired segment is renamed for reuse with
the old words still in it until it is written over. What could not be done is reported, never hidden.
A WAL archive or a replica keeps its own copy, beyond this service's reach.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from survey.storage.db import sqlite_database_path

logger = logging.getLogger(__name__)

#: The tables a retention run changes.
TOUCHED_TABLES = (
    "answer",
    "response",
    "report_note",
    "held_urgent_message",
    "saved_progress",
    "tension_entry",
    "audit_event",
    "check_failure",
)
BUSY_TIMEOUT_S = 30


@dataclass(frozen=True)
class Scrubbed:
    """What was done to the files, and whether it all finished."""

    done: bool
    what: str


def scrub_files(engine: Engine) -> Scrubbed:
    """Rewrite the database's files so what a run deleted cannot be read from them. Never raises:
    a database busy past the timeout is reported, and the next run tries again."""
    try:
        if engine.dialect.name == "sqlite":
            return _scrub_sqlite(engine)
        if engine.dialect.name == "postgresql":
            return _vacuum_postgresql(engine)
    except Exception as error:  # noqa: BLE001 - the data is already anonymised; say what failed
        logger.warning(
            "Could not rewrite the database files after the retention run: %s", type(error).__name__
        )
        return Scrubbed(
            False,
            f"the database files could not be rewritten ({type(error).__name__}); "
            "the next run will try again",
        )
    return Scrubbed(True, "nothing to do for this database")


def _scrub_sqlite(engine: Engine) -> Scrubbed:
    path = sqlite_database_path(str(engine.url))
    if path is None:
        return Scrubbed(True, "an in-memory database has no files")
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        connection.execute("PRAGMA secure_delete=ON")
        connection.execute("VACUUM")
        busy, _log, _copied = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    if busy:
        return Scrubbed(
            False,
            "the database was vacuumed, but a reader kept the write-ahead log from "
            "being emptied; the next run will try again",
        )
    return Scrubbed(True, "the database was vacuumed and its write-ahead log emptied")


def _vacuum_postgresql(engine: Engine) -> Scrubbed:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"VACUUM (FULL) {', '.join(TOUCHED_TABLES)}"))
        vacuumed = f"{len(TOUCHED_TABLES)} tables were rewritten (VACUUM FULL)"
        try:
            connection.execute(text("SELECT pg_switch_wal()"))
            connection.execute(text("CHECKPOINT"))
        except DBAPIError:
            return Scrubbed(
                False,
                f"{vacuumed}, but this database role may not switch the write-ahead log "
                "and checkpoint, so pg_wal may still hold the old words until the server "
                "writes over them",
            )
        recycling = connection.execute(text("SHOW wal_recycle")).scalar_one()
    if recycling != "off":
        return Scrubbed(
            False,
            f"{vacuumed} and the write-ahead log checkpointed, but the server recycles its "
            "log files (wal_recycle = on), so old words may stay in pg_wal until they are "
            "written over",
        )
    return Scrubbed(True, f"{vacuumed} and the write-ahead log that held the old words retired")
