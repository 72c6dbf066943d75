"""Engines and sessions: the one place that knows how to open the database.

SQLite is the embedded default: WAL so readers never wait for the writer, a busy timeout so a
second writer waits instead of failing, and foreign keys on. PostgreSQL is used as it comes.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from survey.settings import Settings


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


def _sqlite_engine(url: str, *, busy_timeout_ms: int, echo: bool) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, echo=echo, hide_parameters=True, connect_args={"timeout": busy_timeout_ms / 1000}
    )

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
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine
