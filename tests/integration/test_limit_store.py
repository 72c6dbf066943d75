"""Rate-limit counters are shared by every worker process: the host's file store and Redis.

Each "worker" here is a separate Python process that builds the app from the environment, as a
gunicorn worker does, and signs in with a wrong password through the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.web import away_from_a_window_edge
from webapp.limit_store import SharedFileStorage, store_uri

ROOT = Path(__file__).resolve().parents[2]

WORKER = """
import sys
from webapp import create_app

app = create_app()
app.config["WTF_CSRF_ENABLED"] = False
client = app.test_client()
data = {"email": "officer@north.example", "password": "wrong"}
print(" ".join(str(client.post("/sign-in", data=data).status_code) for _ in range(int(sys.argv[1]))))
"""

COUNTER = """
import sys
from webapp.limit_store import SharedFileStorage

store = SharedFileStorage(sys.argv[1])
for _ in range(int(sys.argv[2])):
    store.incr("shared", 60)
"""


def _environment(instance: Path, database_url: str, redis_url: str | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SAFER_VOICES_INSTANCE_PATH": str(instance),
        "SAFER_VOICES_DATABASE_URL": database_url,
        "SAFER_VOICES_SECRET_KEY": "shared-by-every-worker",
        "SAFER_VOICES_ENVIRONMENT": "test",
        "SAFER_VOICES_COOKIE_SECURE": "false",
        "SAFER_VOICES_REDIS_URL": redis_url or "",
    }


def _worker(environment: dict[str, str], attempts: int) -> list[int]:
    result = subprocess.run(
        [sys.executable, "-c", WORKER, str(attempts)],
        env=environment, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [int(status) for status in result.stdout.split()]


@pytest.fixture
def store(tmp_path):
    return SharedFileStorage(store_uri(tmp_path / "rate-limits.db"))


class TestAcrossWorkers:
    def test_the_host_file_store_counts_one_account_across_two_workers(self, tmp_path, engine, database_url):
        away_from_a_window_edge(30)  # two worker processes start in turn: a few seconds each
        environment = _environment(tmp_path / "instance", database_url)
        assert _worker(environment, 6) == [200] * 6
        assert _worker(environment, 6) == [200] * 4 + [429] * 2  # the limit is 10, not 10 per worker

    def test_redis_counts_one_account_across_two_workers(self, tmp_path, engine, database_url, redis_url):
        import redis

        away_from_a_window_edge(30)
        environment = _environment(tmp_path / "instance", database_url, redis_url)
        assert _worker(environment, 6) == [200] * 6
        assert _worker(environment, 6) == [200] * 4 + [429] * 2
        keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys("*")]
        assert keys and all("account:" in key or "address:" in key for key in keys)
        assert not any("127.0.0.1" in key or "officer@north.example" in key for key in keys)
        assert not (tmp_path / "instance" / "rate-limits.db").exists()  # Redis instead of the file

    def test_concurrent_workers_lose_no_count(self, store):
        workers = [
            subprocess.Popen([sys.executable, "-c", COUNTER, store_uri(store.path), "200"],
                             env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
            for _ in range(2)
        ]
        assert [worker.wait(timeout=120) for worker in workers] == [0, 0]
        assert store.get("shared") == 400


class TestTheHostFileStore:
    def test_a_counter_counts_until_its_window_ends(self, store):
        assert [store.incr("k", 60) for _ in range(3)] == [1, 2, 3]
        assert store.get("k") == 3 and store.get_expiry("k") > time.time() + 55
        store.clear("k")
        assert store.get("k") == 0

    def test_nothing_is_kept_past_its_window(self, store):
        store.incr("brief", 1)
        time.sleep(1.1)
        assert store.get("brief") == 0
        store.incr("later", 60)
        assert store.stored_keys() == ["later"]

    def test_the_file_is_private(self, store):
        store.incr("k", 60)
        assert oct(store.path.stat().st_mode & 0o777) == "0o600"

    def test_it_is_not_the_main_database(self, settings):
        assert "rate-limits.db" in settings.ratelimit_storage_uri
        assert settings.ratelimit_storage_uri != settings.resolved_database_url

    def test_redis_is_used_when_configured(self, settings):
        settings.redis_url = "redis://127.0.0.1:6379/0"
        assert settings.ratelimit_storage_uri == "redis://127.0.0.1:6379/0"
