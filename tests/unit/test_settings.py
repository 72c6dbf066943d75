"""Settings come from the environment and never hard-code a secret."""

from __future__ import annotations

import stat

from survey.settings import Settings


class TestDatabaseUrl:
    def test_default_is_sqlite_in_the_instance_folder(self, tmp_path):
        settings = Settings(instance_path=tmp_path / "inst", _env_file=None)
        expected = (tmp_path / "inst" / "safer-voices.db").resolve()
        assert settings.resolved_database_url == f"sqlite:///{expected}"

    def test_environment_variables_are_read(self, tmp_path, monkeypatch):
        monkeypatch.setenv("SAFER_VOICES_DATABASE_URL", "postgresql+psycopg://u@db/sv")
        monkeypatch.setenv("SAFER_VOICES_INSTANCE_PATH", str(tmp_path / "elsewhere"))
        monkeypatch.setenv("SAFER_VOICES_COOKIE_SECURE", "false")
        settings = Settings(_env_file=None)
        assert settings.resolved_database_url == "postgresql+psycopg://u@db/sv"
        assert settings.instance_path == tmp_path / "elsewhere"
        assert settings.cookie_secure is False

    def test_production_safe_defaults(self, monkeypatch):
        for name in ("SAFER_VOICES_COOKIE_SECURE", "SAFER_VOICES_ENVIRONMENT"):
            monkeypatch.delenv(name, raising=False)
        settings = Settings(_env_file=None)
        assert settings.cookie_secure is True
        assert settings.environment == "production"
        assert settings.secret_key is None


class TestSecretKey:
    def test_generated_once_into_the_instance_folder_with_mode_0600(self, tmp_path):
        settings = Settings(instance_path=tmp_path / "inst", _env_file=None)
        first = settings.resolved_secret_key()
        second = Settings(instance_path=tmp_path / "inst", _env_file=None).resolved_secret_key()
        key_file = tmp_path / "inst" / "secret-key"
        assert first == second and len(first) >= 48
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert [p.name for p in key_file.parent.iterdir()] == ["secret-key"]  # no temporary left over

    def test_a_configured_key_wins_and_nothing_is_written(self, tmp_path):
        settings = Settings(
            instance_path=tmp_path / "inst", secret_key="from-the-environment", _env_file=None
        )
        assert settings.resolved_secret_key() == "from-the-environment"
        assert not (tmp_path / "inst" / "secret-key").exists()
