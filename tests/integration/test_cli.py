"""The safer-voices command line: every command validates its input and is all-or-nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from demo.loader import DEMO_OFFICER_EMAIL, DEMO_PARTNERSHIP_SLUG
from survey.officers import accounts as officers
from survey.storage.models import Officer, Partnership
from tests.factories import make_partnership


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


class TestOfficerCreate:
    def test_prompted_password_creates_the_officer(self, runner, db_session):
        make_partnership(db_session, "north")
        result = runner.invoke(
            args=["officer", "create", "lee@north.example", "--role", "viewer", "--partnership", "north"],
            input="a long enough password\na long enough password\n",
        )
        assert result.exit_code == 0, result.output
        assert "Created viewer lee@north.example in 'north'" in result.output
        assert officers.authenticate(db_session, "lee@north.example", "a long enough password") is not None

    def test_generated_password_is_printed_once_and_works(self, runner, db_session):
        make_partnership(db_session, "north")
        result = runner.invoke(args=["officer", "create", "kim@north.example", "--role", "admin",
                                     "--partnership", "north", "--generate-password"])
        assert result.exit_code == 0, result.output
        password = result.output.split("Password (shown once): ")[1].strip()
        assert officers.authenticate(db_session, "kim@north.example", password) is not None

    def test_unknown_partnership_is_a_clear_error_and_stores_nothing(self, runner, db_session):
        before = _count(db_session, Officer)
        result = runner.invoke(args=["officer", "create", "x@y.example", "--role", "admin",
                                     "--partnership", "nowhere", "--generate-password"])
        assert result.exit_code != 0
        assert "There is no partnership with the slug 'nowhere'" in result.output
        assert _count(db_session, Officer) == before

    def test_short_password_is_refused(self, runner, db_session):
        make_partnership(db_session, "north")
        result = runner.invoke(
            args=["officer", "create", "lee@north.example", "--role", "viewer", "--partnership", "north"],
            input="short\nshort\n",
        )
        assert result.exit_code != 0
        assert "Enter a password that is at least 12 characters long" in result.output

    def test_common_password_is_refused_whatever_its_case(self, runner, db_session):
        make_partnership(db_session, "north")
        result = runner.invoke(
            args=["officer", "create", "lee@north.example", "--role", "viewer", "--partnership", "north"],
            input="QWERTYUIOP123\nQWERTYUIOP123\n",
        )
        assert result.exit_code != 0
        assert "Enter a password that is harder to guess" in result.output
        assert officers.officer_by_email(db_session, "lee@north.example") is None

    def test_bad_role_is_refused_by_the_command(self, runner, db_session):
        result = runner.invoke(args=["officer", "create", "x@y.example", "--role", "boss",
                                     "--partnership", "north"])
        assert result.exit_code == 2
        assert "Invalid value for '--role'" in result.output


class TestPartnershipCreate:
    def test_creates_a_partnership(self, runner, db_session):
        result = runner.invoke(args=["partnership", "create", "east-kent", "East Kent CSP"])
        assert result.exit_code == 0, result.output
        name = db_session.scalar(select(Partnership.name).where(Partnership.slug == "east-kent"))
        assert name == "East Kent CSP"

    def test_bad_slug_is_refused(self, runner, db_session):
        before = _count(db_session, Partnership)
        result = runner.invoke(args=["partnership", "create", "East Kent!", "East Kent CSP"])
        assert result.exit_code != 0
        assert "A partnership slug must be" in result.output
        assert _count(db_session, Partnership) == before


class TestDemo:
    def test_demo_is_idempotent_and_prints_working_credentials(self, runner, db_session):
        first = runner.invoke(args=["demo"])
        second = runner.invoke(args=["demo"])
        assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
        assert db_session.scalar(select(func.count()).select_from(Partnership).where(
            Partnership.slug == DEMO_PARTNERSHIP_SLUG)) == 1
        assert db_session.scalar(select(func.count()).select_from(Officer).where(
            Officer.email == DEMO_OFFICER_EMAIL)) == 1
        password = second.output.split("password: ")[1].split()[0]
        assert officers.authenticate(db_session, DEMO_OFFICER_EMAIL, password) is not None


class TestDbUpgrade:
    def test_db_upgrade_creates_a_fresh_sqlite_database(self, tmp_path, monkeypatch):
        from click.testing import CliRunner

        from webapp.cli import cli

        monkeypatch.setenv("SAFER_VOICES_INSTANCE_PATH", str(tmp_path / "instance"))
        monkeypatch.delenv("SAFER_VOICES_DATABASE_URL", raising=False)
        monkeypatch.chdir(tmp_path)
        result = CliRunner().invoke(cli, ["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert (tmp_path / "instance" / "safer-voices.db").exists()
        secret = tmp_path / "instance" / "secret-key"
        assert secret.exists() and oct(secret.stat().st_mode & 0o777) == "0o600"
