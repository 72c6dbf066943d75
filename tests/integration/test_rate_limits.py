"""Rate limits: a school class behind one address gets through, one visitor hammering does not.

Every client of Flask's test client comes from the same address (127.0.0.1), like 32 pupils behind
a school's router; each client is its own browser session.
"""

from __future__ import annotations

import hashlib

import pytest

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.storage.models import Response
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership
from tests.integration.test_consult_flow import BASE, SLUG, _count, _token, answer, begin, complete
from tests.web import away_from_a_window_edge, csrf_token
from webapp.extensions import limiter
from webapp.limit_store import SharedFileStorage

CLASS_SIZE = 32


@pytest.fixture(autouse=True)
def _inside_one_window():
    away_from_a_window_edge(15)


@pytest.fixture
def consultation(db_session):
    source = template_path("community-safety").read_text(encoding="utf-8")
    partnership = make_partnership(db_session, "north")
    return create_consultation(db_session, partnership, source, slug=SLUG, status=ConsultationStatus.OPEN)


def _submit(client, check):
    token = _token(client.get(check).get_data(as_text=True))
    return client.post(check, data={"csrf_token": token})


class TestPublicLimits:
    def test_a_class_of_32_behind_one_address_completes_the_consultation(self, app, db_session, consultation):
        pupils = [app.test_client() for _ in range(CLASS_SIZE)]
        for pupil in pupils:
            sent = _submit(pupil, complete(pupil))
            assert sent.status_code == 302 and sent.headers["Location"].endswith("/confirmation")
        assert _count(db_session, Response) == CLASS_SIZE

    def test_one_session_hammering_a_question_is_limited(self, client, consultation):
        location = begin(client)
        refused = {"rank-violence": "1", "rank-anti_social_behaviour": "1"}  # an answer with a problem
        statuses = [answer(client, location, refused).status_code for _ in range(121)]
        assert statuses[:120] == [200] * 120 and statuses[120] == 429
        # Another pupil in the same room is not held back by it.
        assert begin(client.application.test_client()).endswith("/questions/priorities")

    def test_one_session_guessing_resume_codes_is_limited(self, client, consultation):
        token = csrf_token(client, f"{BASE}/resume")
        statuses = [
            client.post(f"{BASE}/resume", data={"csrf_token": token, "code": "AAAA-BBBB-CCCC"}).status_code
            for _ in range(11)
        ]
        assert statuses == [200] * 10 + [429]


class TestSignInLimits:
    def test_one_account_is_limited_whichever_session_asks(self, app):
        statuses = []
        for _ in range(11):
            browser = app.test_client()
            data = {"email": "Officer@North.example", "password": "wrong", "csrf_token": csrf_token(browser)}
            statuses.append(browser.post("/sign-in", data=data).status_code)
        assert statuses == [200] * 10 + [429]

    def test_one_address_is_limited_across_accounts(self, client):
        token = csrf_token(client)
        attempts = [{"email": f"officer{n}@north.example", "password": "wrong", "csrf_token": token}
                    for n in range(31)]
        statuses = [client.post("/sign-in", data=data).status_code for data in attempts]
        assert statuses == [200] * 30 + [429]


class TestWhatTheCountersHold:
    def test_no_address_email_or_draft_token_can_be_read_back(self, app, client, consultation):
        location = begin(client)
        answer(client, location, {"rank-violence": "1"})
        client.post("/sign-in", data={"email": "officer@north.example", "password": "x",
                                      "csrf_token": csrf_token(client)})
        with client.session_transaction() as session:
            draft_token = session["drafts"][SLUG]
        storage = limiter.storage
        assert isinstance(storage, SharedFileStorage)
        assert storage.path.parent == app.extensions["safer_voices"].settings.instance_path.resolve()
        keys = " ".join(storage.stored_keys())
        assert "address:" in keys and "account:" in keys and "draft:" in keys and "session:" in keys
        for secret in ("127.0.0.1", "officer@north.example", draft_token):
            assert secret not in keys
            assert hashlib.sha256(secret.encode()).hexdigest()[:32] not in keys
        assert oct(storage.path.stat().st_mode & 0o777) == "0o600"


class TestAStoreThatFails:
    def test_a_broken_counters_store_never_turns_a_respondent_away(self, app, client, consultation):
        storage = limiter.storage
        assert isinstance(storage, SharedFileStorage)
        storage.path.parent.mkdir(parents=True, exist_ok=True)
        storage.path.mkdir()  # the counters file cannot be opened
        try:
            location = begin(client)
            assert answer(client, location, {"rank-violence": "1"}).status_code == 302
        finally:
            storage.path.rmdir()
            # The limiter is one object for the process: without this it would go on counting in
            # memory, and a later test reading the file store (in any order) would find it empty.
            limiter._storage_dead = False
