"""Rate-limit counters shared by every worker of one host, without Redis.

A small SQLite file of its own in the instance folder (``rate-limits.db``, never the main database:
a limit check must not add a write to the file respondents' answers go to). Flask-Limiter reaches
it through the ``limits`` storage registry by the URI ``safer-voices-limits:///<path>``.

What it holds: one row per counter, a key that is already an HMAC (see ``webapp.extensions``), a
count and the moment the window ends. Every write first deletes the rows whose window has ended,
with ``secure_delete`` on so their bytes are overwritten, not just unlinked.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from limits.storage import Storage

SCHEME = "safer-voices-limits"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY,
    hits INTEGER NOT NULL,
    window_ends REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS counters_by_window_end ON counters (window_ends);
"""


def store_uri(path: Path) -> str:
    """The storage URI Flask-Limiter is given for a counters file at ``path``."""
    return f"{SCHEME}://{path.resolve()}"


class SharedFileStorage(Storage):
    """A ``limits`` storage (fixed windows) in one SQLite file shared by the workers of a host."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: float | str | bool):
        path = urlsplit(uri or "").path
        if not path:
            raise ValueError(f"{SCHEME} needs a file path, like {SCHEME}:///srv/instance/rate-limits.db")
        self.path = Path(path)
        self.timeout = float(options.get("timeout", 5))
        self._local = threading.local()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        # One connection per process and thread, opened on first use: gunicorn builds the app before
        # it forks its workers, and an SQLite connection must never cross a fork.
        connection = getattr(self._local, "connection", None)
        if connection is None or self._local.pid != os.getpid():
            connection = self._open()
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))  # private from its first byte
        connection = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        # Two workers opening a new file at once can meet "database is locked" while one of them
        # turns on WAL: SQLite does not call the busy handler there, so wait and try again here.
        deadline = time.monotonic() + self.timeout
        pause = 0.005
        while True:
            try:
                # WAL survives a worker killed mid-write; durability across a power cut does not
                # matter for counters that live a minute, so no fsync.
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=OFF")
                connection.execute("PRAGMA secure_delete=ON")
                connection.executescript(_SCHEMA)
                return connection
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() >= deadline:
                    connection.close()
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.1)

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("DELETE FROM counters WHERE window_ends <= ?", (now,))
            (hits,) = connection.execute(
                "INSERT INTO counters (key, hits, window_ends) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET hits = hits + excluded.hits RETURNING hits",
                (key, amount, now + expiry),
            ).fetchone()
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return int(hits)

    def get(self, key: str) -> int:
        row = self._connection().execute(
            "SELECT hits FROM counters WHERE key = ? AND window_ends > ?", (key, time.time())
        ).fetchone()
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute(
            "SELECT window_ends FROM counters WHERE key = ? AND window_ends > ?", (key, time.time())
        ).fetchone()
        return float(row[0]) if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1 FROM counters LIMIT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))

    def stored_keys(self) -> list[str]:
        """Every counter key still in the file, expired or not (for tests and audits)."""
        return [key for (key,) in self._connection().execute("SELECT key FROM counters")]
