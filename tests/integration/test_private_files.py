"""Files the app writes are its owner's only: 0600 files, 0700 folders (issue 11, deliverable 6).

Each test runs under the common umask 022, with which SQLite would create the database 0644.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.settings import Settings
from survey.storage import migrate
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership
from webapp import create_app
from webapp.server import private_and_checkpointed


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def ordinary_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _settings(instance: Path, **extra) -> Settings:
    return Settings(instance_path=instance, cookie_secure=False, environment="test", _env_file=None, **extra)


def test_the_default_sqlite_database_its_log_and_the_instance_folder_are_private(tmp_path):
    instance = tmp_path / "instance"
    app = create_app(_settings(instance))
    engine = app.extensions["safer_voices"].engine
    try:
        migrate.upgrade(engine)
        with engine.connect() as connection:  # an open connection: the -wal and -shm files exist
            connection.exec_driver_sql("SELECT 1")
            database = instance / "safer-voices.db"
            for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm"), instance / "secret-key"):
                assert _mode(path) == 0o600, path.name
            assert _mode(instance) == 0o700
    finally:
        engine.dispose()


def test_files_an_earlier_version_left_open_are_tightened(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    database = instance / "safer-voices.db"
    database.touch(mode=0o644)
    app = create_app(_settings(instance))
    app.extensions["safer_voices"].engine.dispose()
    assert _mode(database) == 0o600 and _mode(instance) == 0o700


def test_serve_makes_everything_its_workers_write_private(tmp_path):
    app = create_app(_settings(tmp_path / "instance"))
    try:
        options = private_and_checkpointed(app)
        assert options["umask"] == 0o077
        assert os.umask(0o022) == 0o077  # the process's own umask, for any log or file it writes
    finally:
        app.extensions["safer_voices"].engine.dispose()


def test_an_export_written_by_the_cli_is_private(runner, db_session, tmp_path):
    source = template_path("community-safety").read_text(encoding="utf-8")
    create_consultation(db_session, make_partnership(db_session), source, slug="fixture",
                        status=ConsultationStatus.OPEN)
    new, existing = tmp_path / "report.csv", tmp_path / "old-report.csv"
    existing.write_text("an older export", encoding="utf-8")
    existing.chmod(0o644)
    for output in (new, existing):
        result = runner.invoke(args=["report", "fixture", "--format", "csv", "-o", str(output)])
        assert result.exit_code == 0, result.output
        assert _mode(output) == 0o600 and output.read_bytes() != b"an older export"
