"""A real ``safer-voices serve`` (gunicorn) on 127.0.0.1 with a fresh instance folder and the demo loaded.

SQLite lives in the instance folder (or in ``sqlite_folder``, e.g. a small tmpfs); PostgreSQL gets a
new database on the server named by ``SAFER_VOICES_TEST_POSTGRES_URL`` (``./scripts/with-postgres``
starts a throwaway one), dropped again afterwards. Cookies are not Secure (plain http), as in
``make run``. The app is run from this checkout (``PYTHONPATH``), whatever is installed.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from survey.storage.models import Consultation, Response

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL_VARIABLE = "SAFER_VOICES_TEST_POSTGRES_URL"
DEMO_SLUG = "community-safety-2026"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_admin_url() -> str | None:
    return os.environ.get(POSTGRES_URL_VARIABLE) or None


class Served:
    """Start with ``start()``, stop with ``stop()`` (or use as a context manager)."""

    def __init__(
        self,
        backend: str,
        *,
        admin_url: str | None = None,
        workers: int | None = None,
        sqlite_folder: Path | None = None,
        entry: str = "from webapp.cli import main; main()",
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.backend = backend
        self.admin_url = admin_url or postgres_admin_url()
        self.workers = workers
        self.entry = entry
        self.folder = Path(tempfile.mkdtemp(prefix=f"safer-voices-bench-{backend}-"))
        self.sqlite_folder = sqlite_folder or self.folder / "instance"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.database_name: str | None = None
        self.database_url = self._database_url()
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SAFER_VOICES_INSTANCE_PATH": str(self.folder / "instance"),
            "SAFER_VOICES_DATABASE_URL": self.database_url,
            "SAFER_VOICES_COOKIE_SECURE": "false",
            "SAFER_VOICES_MAP_TILE_URL": "",
            **(extra_env or {}),
        }
        self.process: subprocess.Popen[str] | None = None
        self.log_path = self.folder / "serve.log"

    def _database_url(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.sqlite_folder / 'safer-voices.db'}"
        if not self.admin_url:
            raise RuntimeError(
                f"PostgreSQL needs {POSTGRES_URL_VARIABLE} (run under ./scripts/with-postgres)"
            )
        self.database_name = f"sv_bench_{secrets.token_hex(5)}"
        with _admin(self.admin_url).connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{self.database_name}"'))
        return make_url(self.admin_url).set(database=self.database_name).render_as_string(hide_password=False)

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-c", self.entry, *args]

    def start(self) -> Served:
        self.sqlite_folder.mkdir(parents=True, exist_ok=True)
        demo = subprocess.run(
            self.command("demo"), env=self.env, cwd=self.folder, capture_output=True, text=True
        )
        if demo.returncode != 0:
            raise RuntimeError(f"safer-voices demo failed:\n{demo.stdout}{demo.stderr}")
        serve = ["serve", "--port", str(self.port)]
        if self.workers:
            serve += ["--workers", str(self.workers)]
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command(*serve),
            env=self.env,
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.wait_until_up()
        return self

    def wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"safer-voices serve did not start:\n{self.log()}")

    def worker_pids(self) -> list[int]:
        """The gunicorn workers: the children of the master (this process's child)."""
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stored(self, slug: str = DEMO_SLUG) -> tuple[int, set[str]]:
        """How many responses the consultation has, and their distinct references."""
        engine = create_engine(self.database_url, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                consultation_id = connection.scalar(select(Consultation.id).where(Consultation.slug == slug))
                count = connection.scalar(
                    select(func.count())
                    .select_from(Response)
                    .where(Response.consultation_id == consultation_id)
                )
                references = set(
                    connection.scalars(
                        select(Response.reference).where(Response.consultation_id == consultation_id)
                    )
                )
        finally:
            engine.dispose()
        return int(count or 0), references

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.database_name and self.admin_url:
            with _admin(self.admin_url).connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{self.database_name}" WITH (FORCE)'))
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Served:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _admin(url: str):  # type: ignore[no-untyped-def]
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
