"""Builders for retention tests: a sentence planted through the real write path, and every file of
the database it might be left in."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

from survey.storage.db import make_session_factory, sqlite_database_path
from tests.conftest import POSTGRES_URL_VARIABLE
from tests.factories import make_partnership
from tests.triage import Forms, at


def plant(engine: Engine, words: str) -> int:
    with make_session_factory(engine)() as session, session.begin():
        forms = Forms(session, make_partnership(session))
        return forms.survey(words, area="live", at=at(1)).id


def require_wal_recycling_off() -> None:
    """The throwaway server is set as production must be (see ``survey.retention.files``): retired
    log segments are deleted, not renamed for reuse with their old contents. Harmless to other tests."""
    admin = create_engine(os.environ[POSTGRES_URL_VARIABLE], poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if connection.execute(text("SHOW wal_recycle")).scalar_one() != "off":
            connection.execute(text("ALTER SYSTEM SET wal_recycle = off"))
            connection.execute(text("SELECT pg_reload_conf()"))
    admin.dispose()


def file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except (FileNotFoundError, PermissionError, IsADirectoryError):
        return b""


def database_files(engine: Engine) -> list[Path]:
    """Every file of the database: SQLite's file, -wal and -shm; PostgreSQL's whole data directory."""
    path = sqlite_database_path(str(engine.url))
    if path is not None:
        return sorted(path.parent.glob(path.name + "*"))
    admin: Engine = create_engine(os.environ[POSTGRES_URL_VARIABLE], poolclass=NullPool)
    with admin.connect() as connection:
        data_directory = Path(connection.execute(text("SHOW data_directory")).scalar_one())
    if not os.access(data_directory, os.R_OK | os.X_OK):
        pytest.skip(f"PostgreSQL's data directory {data_directory} cannot be read by this user")
    return sorted(p for p in data_directory.rglob("*") if p.is_file())


def in_files_soon(engine: Engine, words: str, *, within_s: float = 5.0) -> bool:
    """Whether the words reach the files within a few seconds: the throwaway PostgreSQL server runs
    with ``synchronous_commit = off``, so its WAL writer puts a commit on disk a moment later."""
    deadline = time.monotonic() + within_s
    while True:
        if any(words.encode() in file_bytes(path) for path in database_files(engine)):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
