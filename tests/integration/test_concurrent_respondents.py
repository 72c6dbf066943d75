"""Many respondents at once against a real database (not the rolled-back test transaction).

On SQLite a deferred transaction that reads and then writes fails with ``database is locked``
whatever the busy timeout, once another connection has written in between: every request that may
write must start its transaction with ``BEGIN IMMEDIATE``, and a unit of work that still meets a
lock is retried whole. Concurrent respondents are slowed, never refused.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.settings import Settings
from survey.storage import migrate
from survey.storage.models import Partnership, Response, SavedProgress
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership
from webapp import create_app
from webapp.database import unit_of_work

RESPONDENTS = 32
SLUG = "busy-evening"
BASE = f"/consultations/{SLUG}"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ANSWERS = [
    {"rank-violence": "1", "rank-anti_social_behaviour": "2"},
    {"answer": ["groups_gathering", "other"], "other_text": "Scooters on pavements"},
    {"answer": ["youth_violence"]},
    {"answer": "fairly_safe"},
    {"answer": "very_unsafe"},
    {"answer": "no"},
    {"answer": "Better lighting on the path by the station"},
]


def _app_on(url: str, instance: Path, **extra):
    """The app on a fresh database of its own, with its real engine and sessions."""
    settings = Settings(instance_path=instance, database_url=url, secret_key="test-secret",
                        cookie_secure=False, environment="test", _env_file=None, **extra)
    app = create_app(settings)
    state = app.extensions["safer_voices"]
    migrate.upgrade(state.engine)
    source = template_path("community-safety").read_text(encoding="utf-8")
    with state.session_factory() as session:
        partnership = make_partnership(session, "north")
        create_consultation(session, partnership, source, slug=SLUG, status=ConsultationStatus.OPEN)
        session.commit()
    return app


@pytest.fixture
def busy_app(databases, tmp_path):
    app = _app_on(databases.create(), tmp_path / "instance")
    yield app
    app.extensions["safer_voices"].engine.dispose()


def _respond(app, number: int, statuses: list[int], confirmations: list[str]) -> None:
    # Each respondent from their own address: this is about the database, not the rate limits.
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = f"10.0.{number // 200}.{number % 200 + 1}"

    def send(method: str, path: str, data: dict | None = None):
        response = client.open(path, method=method, data=data)
        statuses.append(response.status_code)
        return response

    def post_page(path: str, data: dict) -> str | None:
        page = send("GET", path)
        if page.status_code != 200:
            return None
        token = TOKEN.search(page.get_data(as_text=True)).group(1)
        response = send("POST", path, {"csrf_token": token, **data})
        return response.headers.get("Location") if response.status_code == 302 else None

    page = send("GET", f"{BASE}/")
    start = send("POST", f"{BASE}/start", {"csrf_token": TOKEN.search(page.get_data(as_text=True)).group(1)})
    location = start.headers.get("Location") if start.status_code == 302 else None
    answers = iter(ANSWERS)
    while location is not None and "/questions/" in location:
        location = post_page(location, next(answers, {}))
    if location is not None and location.endswith("/check-answers"):
        location = post_page(location, {})
    if location is not None and location.endswith("/confirmation"):
        confirmation = send("GET", location).get_data(as_text=True)
        if "Response sent" in confirmation:
            confirmations.append(confirmation)


def test_respondents_at_once_are_slowed_never_refused(busy_app, backend):
    statuses: list[int] = []
    confirmations: list[str] = []
    threads = [
        threading.Thread(target=_respond, args=(busy_app, number, statuses, confirmations))
        for number in range(RESPONDENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    failures = Counter(status for status in statuses if status >= 500)
    assert not failures, f"server errors under concurrent respondents: {dict(failures)}"
    assert len(confirmations) == RESPONDENTS
    with busy_app.extensions["safer_voices"].session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Response)) == RESPONDENTS
        assert session.scalar(select(func.count()).select_from(SavedProgress)) == 0


@pytest.fixture
def locked_app(tmp_path):
    """The app on a SQLite file with a short busy timeout, and a connection to hold the write lock."""
    database = tmp_path / "locked.db"
    app = _app_on(f"sqlite:///{database}", tmp_path / "instance", sqlite_busy_timeout_ms=50)
    holder = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
    yield app, holder
    holder.close()
    app.extensions["safer_voices"].engine.dispose()


def _page_token(client, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200  # reading never waits for the writer
    return TOKEN.search(page.get_data(as_text=True)).group(1)


def _stored(app) -> tuple[int, int]:
    with app.extensions["safer_voices"].session_factory() as session:
        return (session.scalar(select(func.count()).select_from(Response)),
                session.scalar(select(func.count()).select_from(SavedProgress)))


def test_a_request_that_cannot_get_the_database_gets_a_503_and_loses_nothing(locked_app):
    app, holder = locked_app
    client = app.test_client()
    location = client.post(f"{BASE}/start", data={"csrf_token": _page_token(client, f"{BASE}/")}).location
    first = client.post(location, data={"csrf_token": _page_token(client, location), **ANSWERS[0]})
    second_question = first.location
    token = _page_token(client, second_question)

    holder.execute("BEGIN IMMEDIATE")  # another writer that does not let go
    busy = client.post(second_question, data={"csrf_token": token, **ANSWERS[1]})
    holder.execute("ROLLBACK")

    assert busy.status_code == 503
    assert busy.headers["Retry-After"].isdigit()
    page = busy.get_data(as_text=True)
    assert "Sorry, the service is busy" in page and "answers you saved before are safe" in page
    # The first answer survived, and the busy page's answer can be sent again.
    assert 'value="1"' in client.get(location).get_data(as_text=True)
    again = client.post(second_question, data={"csrf_token": token, **ANSWERS[1]})
    assert again.status_code == 302 and again.location.endswith("/questions/violence_features")

    location = again.location
    for data in [*ANSWERS[2:], *([{}] * 20)]:
        if "/questions/" not in location:
            break
        location = client.post(location, data={"csrf_token": token, **data}).location
    assert location.endswith("/check-answers")

    holder.execute("BEGIN IMMEDIATE")
    refused = client.post(location, data={"csrf_token": token})
    holder.execute("ROLLBACK")
    assert refused.status_code == 503
    assert _stored(app) == (0, 1)  # nothing stored, the draft still there

    sent = client.post(location, data={"csrf_token": token})
    assert sent.location.endswith("/confirmation")
    assert "Response sent" in client.get(sent.location).get_data(as_text=True)
    assert _stored(app) == (1, 0)


def test_a_command_waits_for_the_database_instead_of_failing(locked_app):
    app, holder = locked_app
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: holder.execute("ROLLBACK"))  # longer than the busy timeout
    release.start()
    try:
        with app.app_context(), unit_of_work() as session:
            make_partnership(session, "south")
    finally:
        release.join()
    with app.extensions["safer_voices"].session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Partnership)) == 2
