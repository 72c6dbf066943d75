"""Shared fixtures: databases on both backends, the app, a client and a CLI runner.

Every test that touches the database runs once on SQLite and once on PostgreSQL (``backend``).
PostgreSQL comes from ``SAFER_VOICES_TEST_POSTGRES_URL`` (``make test`` starts a throwaway server);
without it the PostgreSQL half is skipped on a developer machine and fails the run in CI.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from survey.officers import accounts as officers
from survey.settings import Settings
from survey.storage import migrate
from survey.storage.db import create_database_engine
from webapp import create_app

# Argon2's default cost is right for production and far too slow for hundreds of sign-ins.
officers.use_password_hasher(PasswordHasher.from_parameters(profiles.CHEAPEST))

# Tests never fetch map tiles from another site: maps show only the boundary.
os.environ.setdefault("SAFER_VOICES_MAP_TILE_URL", "")
POSTGRES_URL_VARIABLE = "SAFER_VOICES_TEST_POSTGRES_URL"
REDIS_URL_VARIABLE = "SAFER_VOICES_TEST_REDIS_URL"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def require_or_skip(reason: str) -> None:
    """Skip on a developer machine; in CI a missing dependency is a failure, never a skip."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: nothing may be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and not os.environ.get(POSTGRES_URL_VARIABLE):
        require_or_skip(f"PostgreSQL tests need {POSTGRES_URL_VARIABLE}; `make test` starts one")
    return request.param


@pytest.fixture
def redis_url() -> str:
    """An emptied database on the throwaway Redis server `make test` starts (scripts/with-redis)."""
    url = os.environ.get(REDIS_URL_VARIABLE)
    if not url:
        require_or_skip(f"Redis tests need {REDIS_URL_VARIABLE}; `make test` starts one")
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


class DatabaseFactory:
    """Makes empty databases of one backend and removes them afterwards."""

    def __init__(self, backend: str, folder: Path) -> None:
        self.backend = backend
        self.folder = folder
        self._created: list[str] = []

    def create(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.folder / f'test-{secrets.token_hex(4)}.db'}"
        admin_url = os.environ[POSTGRES_URL_VARIABLE]
        name = f"sv_test_{secrets.token_hex(6)}"
        with _admin_engine(admin_url).connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        self._created.append(name)
        return make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if not self._created:
            return
        with _admin_engine(os.environ[POSTGRES_URL_VARIABLE]).connect() as connection:
            for name in self._created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _admin_engine(url: str) -> Engine:
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


@pytest.fixture(scope="session")
def databases(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(backend, tmp_path_factory.mktemp(f"db-{backend}"))
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session")
def database_url(databases: DatabaseFactory) -> str:
    """One migrated database per backend for the whole run; tests roll back what they do."""
    return databases.create()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_database_engine(database_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def db_session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test.

    Commits made by the code under test (the app commits once per request) become savepoint
    releases, so nothing outlives the test.
    """
    connection = engine.connect()
    transaction = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        transaction.rollback()
        connection.close()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        instance_path=tmp_path / "instance",
        database_url=database_url,
        secret_key="test-secret-key-not-for-production",
        cookie_secure=False,
        environment="test",
        _env_file=None,
    )


@pytest.fixture
def app(settings: Settings, db_session: Session) -> Iterator[Flask]:
    app = create_app(settings)
    app.extensions["safer_voices"].session_factory = lambda: db_session
    yield app
    app.extensions["safer_voices"].engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


class SaferVoicesRunner(FlaskCliRunner):
    """Runs the ``safer-voices`` command (not just ``app.cli``) against the test app."""

    def invoke(self, cli=None, args=None, **kwargs):  # type: ignore[no-untyped-def, override]
        from webapp.cli import cli as safer_voices

        return super().invoke(cli or safer_voices, args, **kwargs)


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return SaferVoicesRunner(app)
