"""Many respondents at once against a real database (not the rolled-back test transaction).

On SQLite a deferred transaction that reads and then writes fails with ``database is locked``
whatever the busy timeout, once another connection has written in between: every request that may
write must start its transaction with ``BEGIN IMMEDIATE``, and a unit of work that still meets a
lock is retried whole. Concurrent respondents are slowed, never refused.
"""

from __future__ import annotations

import re
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.settings import Settings
from survey.storage import migrate
from survey.storage.models import Response, SavedProgress
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership
from webapp import create_app

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


@pytest.fixture
def busy_app(databases, tmp_path):
    """The app on a fresh database of its own, with its real engine and sessions."""
    settings = Settings(
        instance_path=tmp_path / "instance", database_url=databases.create(), secret_key="test-secret",
        cookie_secure=False, environment="test", _env_file=None,
    )
    app = create_app(settings)
    state = app.extensions["safer_voices"]
    migrate.upgrade(state.engine)
    with state.session_factory() as session:
        partnership = make_partnership(session, "north")
        create_consultation(session, partnership, template_path("community-safety").read_text(encoding="utf-8"),
                            slug=SLUG, status=ConsultationStatus.OPEN)
        session.commit()
    yield app
    state.engine.dispose()


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
        response = send("POST", path, {"csrf_token": TOKEN.search(page.get_data(as_text=True)).group(1), **data})
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
