"""Officer sessions end after 30 minutes idle and 12 hours in all (configurable), and signing out ends
them on the server: a copy of the cookie taken before sign-out is worthless after it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import csrf_token, sign_in

START = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def officer(db_session):
    return make_officer(db_session, make_partnership(db_session), Role.VIEWER)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def signed_in(app, officer):
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    assert client.get("/officer/").status_code == 200
    return client


class TestIdleTimeout:
    def test_30_minutes_without_a_request_signs_the_officer_out(self, app, officer, clock):
        client = signed_in(app, officer)
        clock.shift(dt.timedelta(minutes=30, seconds=1))
        response = client.get("/officer/")
        assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "You have been signed out" in page and "after 30 minutes without activity" in page
        assert client.get("/officer/").status_code == 302  # and stays signed out

    def test_each_request_restarts_the_idle_time(self, app, officer, clock):
        client = signed_in(app, officer)
        for _ in range(4):
            clock.shift(dt.timedelta(minutes=29))
            assert client.get("/officer/").status_code == 200

    def test_the_idle_limit_is_configurable(self, app, officer, clock):
        app.extensions["safer_voices"].settings.officer_idle_minutes = 5
        client = signed_in(app, officer)
        clock.shift(dt.timedelta(minutes=4))
        assert client.get("/officer/").status_code == 200
        clock.shift(dt.timedelta(minutes=5, seconds=1))
        assert client.get("/officer/").status_code == 302


class TestAbsoluteTimeout:
    def test_12_hours_after_sign_in_the_session_ends_however_busy(self, app, officer, clock):
        client = signed_in(app, officer)
        for _ in range(12 * 3 - 1):  # a request every 20 minutes for 11 hours 40 minutes
            clock.shift(dt.timedelta(minutes=20))
            assert client.get("/officer/").status_code == 200
        clock.shift(dt.timedelta(minutes=20))
        assert client.get("/officer/").status_code == 302

    def test_the_absolute_limit_is_configurable(self, app, officer, clock):
        app.extensions["safer_voices"].settings.officer_session_hours = 1
        client = signed_in(app, officer)
        for _ in range(5):
            clock.shift(dt.timedelta(minutes=10))
            assert client.get("/officer/").status_code == 200
        clock.shift(dt.timedelta(minutes=10))
        assert client.get("/officer/").status_code == 302


class TestSignOutEndsTheSessionOnTheServer:
    def test_a_cookie_copied_before_sign_out_does_not_work_after_it(self, app, officer):
        client = signed_in(app, officer)
        stolen = client.get_cookie("safer_voices_session").value
        client.post("/sign-out", data={"csrf_token": csrf_token(client, "/sign-out")})
        thief = app.test_client()
        thief.set_cookie("safer_voices_session", stolen)
        assert thief.get("/officer/").status_code == 302

    def test_a_cookie_from_before_the_session_limits_existed_is_refused(self, app, officer):
        client = signed_in(app, officer)
        with client.session_transaction() as session:
            session.pop("officer_signed_in_at")
            session.pop("officer_last_seen_at")
        assert client.get("/officer/").status_code == 302

    def test_a_timed_out_officer_keeps_the_rest_of_the_cookie(self, app, officer, clock):
        client = signed_in(app, officer)
        with client.session_transaction() as session:
            session["drafts"] = {"community-safety": "a respondent's draft token"}
        clock.shift(dt.timedelta(hours=1))
        assert client.get("/officer/").status_code == 302
        with client.session_transaction() as session:
            assert session["drafts"] == {"community-safety": "a respondent's draft token"}
            assert "_user_id" not in session
