"""The app's handling of a full disk reported by the database driver, in-process (no mount needed).

A respondent reaches "check your answers"; the SQLite driver then fails the commit of the final submit
with ``sqlite3.OperationalError('database or disk is full')`` (what ENOSPC, and EFBIG past the file
size limit, look like from SQLite). Expected: a 503 with ``Retry-After``, no response stored, the
draft and its answers still there; once the disk has room the same submit stores exactly one response.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import default

from bench.respondent import CSRF, answer_from_page
from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.partnerships import get_or_create_partnership
from survey.settings import Settings
from survey.storage import migrate
from survey.storage.models import Response
from survey.vocabulary import ConsultationStatus
from webapp import create_app
from webapp.database import unit_of_work
from webapp.extensions import limiter

SLUG = "disk-full"
MESSAGE = "database or disk is full"


@contextmanager
def commits_fail(message: str = MESSAGE):  # type: ignore[no-untyped-def]
    original = default.DefaultDialect.do_commit

    def do_commit(self, connection):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError(message)

    default.DefaultDialect.do_commit = do_commit  # type: ignore[method-assign]
    try:
        yield
    finally:
        default.DefaultDialect.do_commit = original  # type: ignore[method-assign]


def check() -> list[tuple[str, bool, str]]:
    """(what, held, what was seen) for each expectation."""
    folder = Path(tempfile.mkdtemp(prefix="safer-voices-chaos-driver-"))
    app = create_app(
        Settings(
            instance_path=folder,
            cookie_secure=False,
            secret_key="chaos-driver-check",
            environment="production",
            _env_file=None,
        )
    )
    limiter.enabled = False
    engine = app.extensions["safer_voices"].engine
    migrate.upgrade(engine)
    with app.app_context(), unit_of_work() as session:
        partnership = get_or_create_partnership(session, "chaos", "Chaos Community Safety Partnership")
        source = template_path("community-safety").read_text(encoding="utf-8")
        create_consultation(session, partnership, source, slug=SLUG, status=ConsultationStatus.OPEN)

    def stored() -> int:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(Response)) or 0)

    client = app.test_client()
    base = f"/consultations/{SLUG}"
    token = CSRF.search(client.get(f"{base}/").get_data(as_text=True)).group(1)
    location = client.post(f"{base}/start", data={"csrf_token": token}).headers["Location"]
    rng = random.Random(11)
    while "/questions/" in location:
        page = client.get(location).get_data(as_text=True)
        location = client.post(location, data=answer_from_page(page, rng)).headers["Location"]
    results = []
    before = stored()
    with commits_fail():
        full = client.post(f"{base}/check-answers", data={"csrf_token": token})
    results.append(("the submit on a full disk answers 503", full.status_code == 503, str(full.status_code)))
    results.append(("with Retry-After", "Retry-After" in full.headers, str(full.headers.get("Retry-After"))))
    results.append(("and stores nothing", stored() == before, f"{stored() - before} stored"))
    page = client.get(f"{base}/check-answers")
    results.append(
        ("the draft's answers survive", page.status_code == 200, f"check answers: {page.status_code}")
    )
    again = client.post(f"{base}/check-answers", data={"csrf_token": token})
    sent = again.status_code == 302 and again.headers["Location"].endswith("/confirmation")
    results.append(("the same submit with room on the disk is accepted", sent, str(again.status_code)))
    results.append(("and stored once", stored() == before + 1, f"{stored() - before} stored"))
    engine.dispose()
    return results
