"""Alembic, driven from code: the CLI's ``db upgrade`` and the tests call these."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from survey.storage.db import may_write

MIGRATIONS = Path(__file__).parent / "migrations"
PINNED_HEAD_FILE = MIGRATIONS / "HEAD"


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config for our migrations; with ``engine`` it migrates that database."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database up to ``revision`` (the newest by default).

    A database already at the newest revision is only read: ``demo`` and ``db upgrade`` run beside a
    busy ``serve`` without taking SQLite's write lock.
    """
    if revision == "head" and current(engine) == set(heads()):
        return
    command.upgrade(alembic_config(engine), revision)


def current(engine: Engine) -> set[str]:
    """The revisions the database is at (none for an empty database)."""
    with may_write(False), engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def heads() -> list[str]:
    """Every head revision in the migrations folder (there must be exactly one)."""
    return list(ScriptDirectory.from_config(alembic_config()).get_heads())


def pinned_head() -> str:
    """The head revision recorded in ``migrations/HEAD``; a new migration must update it."""
    return PINNED_HEAD_FILE.read_text(encoding="utf-8").strip()
