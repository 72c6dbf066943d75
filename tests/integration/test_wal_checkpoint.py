"""SQLite's write-ahead log stays bounded under ``serve``, even while readers never stop.

SQLite's automatic checkpoint can only start the log again from the beginning when no reader is
using it, and never makes the file smaller: under steady traffic the log grew to 145 MB beside a
6 MB database. Each ``serve`` worker runs a checkpointer that empties and truncates it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from types import SimpleNamespace

from survey.settings import Settings
from survey.storage.db import WAL_SIZE_LIMIT
from webapp import create_app
from webapp.server import private_and_checkpointed

BLOB = 256 * 1024


def _wal(database: Path) -> int:
    wal = Path(f"{database}-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_the_log_is_emptied_once_readers_let_go(tmp_path):
    database = tmp_path / "instance" / "safer-voices.db"
    settings = Settings(instance_path=tmp_path / "instance", environment="test",
                        sqlite_checkpoint_seconds=0.1, _env_file=None)
    rows = 2 * WAL_SIZE_LIMIT // BLOB
    app = create_app(settings)
    engine = app.extensions["safer_voices"].engine
    worker = SimpleNamespace()
    umask = os.umask(0o022)  # the hook sets serve's umask: give the test process its own back
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB)")
        # The gunicorn hook each worker runs after the fork.
        private_and_checkpointed(app)["post_worker_init"](worker)
        reader = sqlite3.connect(database, isolation_level=None)
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM filler").fetchone()  # a reader that holds its snapshot
        for _ in range(rows):
            with engine.begin() as connection:
                connection.exec_driver_sql("INSERT INTO filler (data) VALUES (randomblob(?))", (BLOB,))
        assert _wal(database) > WAL_SIZE_LIMIT  # the reader kept every checkpoint from finishing
        reader.execute("COMMIT")
        reader.close()
        deadline = time.monotonic() + 5
        while _wal(database) > WAL_SIZE_LIMIT and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _wal(database) <= WAL_SIZE_LIMIT
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM filler").scalar() == rows
    finally:
        if hasattr(worker, "wal_checkpointer"):
            worker.wal_checkpointer.stop()
        engine.dispose()
        os.umask(umask)


def test_every_connection_cuts_the_log_back_after_a_checkpoint(tmp_path):
    app = create_app(Settings(instance_path=tmp_path / "instance", environment="test", _env_file=None))
    engine = app.extensions["safer_voices"].engine
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_size_limit").scalar() == WAL_SIZE_LIMIT
            # SQLite's own automatic checkpoint stays at its default.
            assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    finally:
        engine.dispose()
