"""``safer-voices worker`` for real: a worry told on the web site reaches the alert address through
the worker's own process and a real SMTP server, on each database and each queue backend."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.notifications.alerts import add_alert_addresses
from survey.partnerships import get_or_create_partnership
from survey.settings import Settings
from survey.storage import migrate
from survey.storage.db import create_database_engine
from survey.vocabulary import ConsultationStatus
from tests.mail import smtp_server  # noqa: F401  (a fixture)
from tests.web import CSRF_PATTERN
from webapp import create_app

BIN = Path(sys.executable).parent
SECRET_KEY = "test-secret-key-not-for-production"
URGENT_WORDS = "theres a man at the bus garage with a knife he said hes going to stab someone tonight"


@pytest.fixture
def live_database(databases) -> str:
    """A database of its own that commits for real: the worker is another process."""
    url = databases.create()
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite-queue", "redis-queue"])
def queue_redis_url(request) -> str | None:
    return request.getfixturevalue("redis_url") if request.param == "redis-queue" else None


def as_environment(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "SAFER_VOICES_INSTANCE_PATH": str(settings.instance_path),
        "SAFER_VOICES_DATABASE_URL": settings.database_url or "",
        "SAFER_VOICES_SECRET_KEY": SECRET_KEY,
        "SAFER_VOICES_SMTP_URL": settings.smtp_url.get_secret_value() if settings.smtp_url else "",
        "SAFER_VOICES_MAIL_FROM": settings.mail_from or "",
        "SAFER_VOICES_BASE_URL": settings.base_url,
        "SAFER_VOICES_REDIS_URL": settings.redis_url or "",
        "SAFER_VOICES_ENVIRONMENT": "test",
    }


def tell_a_worry_on_the_web(client, slug: str, words: str) -> None:
    def form_post(location, data, page=None):
        token = CSRF_PATTERN.search(client.get(page or location).get_data(as_text=True)).group(1)
        return client.post(location, data={"csrf_token": token, **data})

    start = f"/consultations/{slug}/"
    location = form_post(f"{start}start", {}, page=start).headers["Location"]
    answers = {"topic": {"answer": "knives"}, "details": {"answer": words}}
    while "/questions/" in location:
        response = form_post(location, answers.get(location.rsplit("/", 1)[-1], {}))
        assert response.status_code == 302, response.get_data(as_text=True)
        location = response.headers["Location"]
    assert location.endswith("/check-answers")
    assert form_post(location, {}).headers["Location"].endswith("/confirmation")


def test_an_urgent_worry_reaches_the_alert_address_through_the_worker(
    tmp_path, live_database, queue_redis_url, smtp_server  # noqa: F811
):
    settings = Settings(
        instance_path=tmp_path / "instance", database_url=live_database, secret_key=SECRET_KEY,
        cookie_secure=False, environment="test", smtp_url=smtp_server.url, mail_from="alerts@north.example",
        base_url="https://sv.north.example", redis_url=queue_redis_url, _env_file=None,
    )
    app = create_app(settings)
    sessions = app.extensions["safer_voices"].session_factory
    with sessions() as session, session.begin():
        north = get_or_create_partnership(session, "north", "North Community Safety Partnership")
        source = template_path("worry").read_text(encoding="utf-8")
        create_consultation(session, north, source, slug="worries", status=ConsultationStatus.OPEN)
        add_alert_addresses(session, north.id, ["duty@north.example"])
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen([BIN / "safer-voices", "worker"], env=as_environment(settings),
                                  cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT)
    try:
        told_at = time.monotonic()
        tell_a_worry_on_the_web(app.test_client(), "worries", URGENT_WORDS)
        messages = smtp_server.catcher.wait_for(1, timeout=45)
        took = time.monotonic() - told_at
    finally:
        worker.send_signal(signal.SIGINT)
        worker.wait(timeout=30)
        app.extensions["safer_voices"].engine.dispose()
    assert [m["To"] for m in messages] == ["duty@north.example"], log.read_text()
    assert took < 60  # within a minute, though the worker had to start first
    message = messages[0]
    assert message["Subject"] == "Urgent report received"
    assert "https://sv.north.example/officer/reports" in message.get_content()
    for words in ("knife", "stab", "bus garage"):
        assert words not in message.as_string() and words not in log.read_text()
    assert worker.returncode == 0, log.read_text()


def test_a_bad_mail_server_url_stops_the_worker_at_start_with_a_clear_error(tmp_path):
    env = {**os.environ, "SAFER_VOICES_INSTANCE_PATH": str(tmp_path / "instance"),
           "SAFER_VOICES_DATABASE_URL": "", "SAFER_VOICES_MAIL_FROM": "alerts@north.example",
           "SAFER_VOICES_SMTP_URL": "smtp://alerts:hunter2-password@mail.example.org:587?starttls=sometimes"}
    result = subprocess.run([BIN / "safer-voices", "worker"], env=env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert ("Error: The settings cannot be used: SAFER_VOICES_SMTP_URL's starttls must be true or false"
            in result.stderr)
    assert "hunter2" not in result.stdout + result.stderr and "Traceback" not in result.stderr
