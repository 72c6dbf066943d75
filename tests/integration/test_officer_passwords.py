"""Officers' passwords on the web: a new officer's generated password never travels in the session
cookie, officers change their own password, and administrators force a reset."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest

from survey.officers import accounts as officers
from survey.officers.audit import recent_events
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import csrf_token, sign_in

GENERATED = "Known-Generated-Pass-4821"
NEW_PASSWORD = "lantern orchard velvet 42"


def session_cookie_as_an_attacker_reads_it(client) -> str:
    """The session cookie decoded without the secret key: it is signed, not encrypted."""
    cookie = client.get_cookie("safer_voices_session")
    assert cookie is not None
    payload = cookie.value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    if cookie.value.startswith("."):
        raw = zlib.decompress(raw)
    return raw.decode("utf-8")


def one_time_password(page: str) -> str:
    match = re.search(r'<span class="sv-password-once">([^<]+)</span>', page)
    assert match, "no one-time password on the page"
    return match.group(1)


@pytest.fixture
def admin_client(app, db_session):
    admin = make_officer(db_session, make_partnership(db_session, "north"), Role.ADMIN)
    client = app.test_client()
    assert sign_in(client, admin.email, PASSWORD).status_code == 302
    return client, admin


def add_officer(client, email: str = "new@north.example"):
    return client.post("/officer/officers/new", data={
        "email": email, "role": "analyst", "csrf_token": csrf_token(client, "/officer/officers/new")})


class TestNewOfficerPassword:
    def test_the_generated_password_never_travels_in_the_session_cookie(self, admin_client, monkeypatch):
        client, _ = admin_client
        monkeypatch.setattr(officers, "generate_password", lambda: GENERATED)
        response = add_officer(client)
        assert response.status_code in (200, 302)
        cookie = session_cookie_as_an_attacker_reads_it(client)
        json.loads(cookie)  # really the decoded session
        assert GENERATED not in cookie

    def test_it_is_shown_once_in_the_answer_to_the_post_and_never_cached(self, admin_client, db_session):
        client, _ = admin_client
        response = add_officer(client)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        password = one_time_password(page)
        assert response.headers["Cache-Control"] == "no-store"
        assert "<title>Officer added" in page and page.count("<h1") == 1
        created = officers.officer_by_email(db_session, "new@north.example")
        assert password not in client.get(f"/officer/officers/{created.id}").get_data(as_text=True)
        assert officers.authenticate(db_session, created.email, password).id == created.id

    def test_the_new_officer_must_choose_their_own_password_at_first_sign_in(self, app, admin_client):
        client, _ = admin_client
        password = one_time_password(add_officer(client).get_data(as_text=True))
        newcomer = app.test_client()
        response = sign_in(newcomer, "new@north.example", password)
        assert response.headers["Location"] == "/change-password"
        assert newcomer.get("/officer/").headers["Location"] == "/change-password"


class TestChangePassword:
    def change(self, client, current: str, new: str):
        return client.post("/change-password", data={
            "current_password": current, "new_password": new,
            "csrf_token": csrf_token(client, "/change-password")})

    @pytest.fixture
    def signed_in(self, app, db_session):
        officer = make_officer(db_session, make_partnership(db_session), Role.VIEWER)
        client = app.test_client()
        sign_in(client, officer.email, PASSWORD)
        return client, officer

    def test_page_has_one_h1_and_a_title_that_starts_with_it(self, signed_in):
        client, _ = signed_in
        page = client.get("/change-password").get_data(as_text=True)
        assert page.count("<h1") == 1 and "<title>Change your password" in page
        assert 'autocomplete="current-password"' in page and 'autocomplete="new-password"' in page

    @pytest.mark.parametrize(
        ("current", "new", "message"),
        [
            ("not my password", NEW_PASSWORD, "The current password you entered is not correct"),
            (PASSWORD, "too short", "Enter a password that is at least 12 characters long"),
            (PASSWORD, "Password1234", "Enter a password that is harder to guess"),
            (PASSWORD, "QWERTYUIOP123", "Enter a password that is harder to guess"),
            (PASSWORD, PASSWORD, "Enter a new password that is different from your current password"),
            ("", "", "Enter your current password"),
        ],
    )
    def test_refusals_say_how_to_fix_them_and_change_nothing(
        self, signed_in, db_session, current, new, message
    ):
        client, officer = signed_in
        response = self.change(client, current, new)
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert message in page and "<title>Error: Change your password" in page
        assert officers.authenticate(db_session, officer.email, PASSWORD).id == officer.id

    def test_repeated_wrong_current_passwords_sign_the_officer_out_everywhere(self, signed_in, db_session):
        client, officer = signed_in
        for _ in range(4):
            assert self.change(client, "a wrong guess here", NEW_PASSWORD).status_code == 200
        response = self.change(client, "a wrong guess here", NEW_PASSWORD)
        assert response.headers["Location"] == "/sign-in"
        assert client.get("/officer/").status_code == 302
        assert officers.authenticate(db_session, officer.email, PASSWORD) is None  # paused for now
        actions = [event.action for event in recent_events(db_session, officer.partnership_id)]
        assert actions[0] == "signed_out_after_wrong_passwords"

    def test_a_change_signs_out_every_other_session_and_keeps_this_one(self, app, signed_in, db_session):
        client, officer = signed_in
        other_device = app.test_client()
        sign_in(other_device, officer.email, PASSWORD)
        response = self.change(client, PASSWORD, NEW_PASSWORD)
        assert response.headers["Location"] == "/change-password/done"
        assert client.get("/officer/").status_code == 200
        assert other_device.get("/officer/").status_code == 302
        assert officers.authenticate(db_session, officer.email, PASSWORD) is None
        assert officers.authenticate(db_session, officer.email, NEW_PASSWORD).id == officer.id

    def test_the_change_is_audited_without_the_password(self, signed_in, db_session):
        client, officer = signed_in
        self.change(client, PASSWORD, NEW_PASSWORD)
        event = recent_events(db_session, officer.partnership_id)[0]
        assert (event.action, event.officer_id) == ("password_changed", officer.id)
        assert event.target_id == str(officer.id)
        assert NEW_PASSWORD not in json.dumps(event.details) and PASSWORD not in json.dumps(event.details)


class TestForcedReset:
    @pytest.fixture
    def colleague(self, app, db_session, admin_client):
        colleague = make_officer(db_session, make_partnership(db_session, "north"), Role.ANALYST)
        colleague_client = app.test_client()
        sign_in(colleague_client, colleague.email, PASSWORD)
        return colleague, colleague_client

    def reset(self, client, officer_id: int):
        token = csrf_token(client, "/sign-out")
        return client.post(f"/officer/officers/{officer_id}/reset-password", data={"csrf_token": token})

    def test_reset_ends_their_sessions_and_old_password_and_shows_a_one_time_one(
        self, app, admin_client, colleague, db_session
    ):
        client, _ = admin_client
        officer, their_browser = colleague
        response = self.reset(client, officer.id)
        assert response.status_code == 200
        temporary = one_time_password(response.get_data(as_text=True))
        assert GENERATED not in session_cookie_as_an_attacker_reads_it(client)
        assert temporary not in session_cookie_as_an_attacker_reads_it(client)
        assert their_browser.get("/officer/").status_code == 302
        assert officers.authenticate(db_session, officer.email, PASSWORD) is None
        assert officers.authenticate(db_session, officer.email, temporary).id == officer.id

    def test_after_a_reset_they_must_choose_a_new_password_before_anything_else(
        self, app, admin_client, colleague
    ):
        client, _ = admin_client
        officer, _ = colleague
        temporary = one_time_password(self.reset(client, officer.id).get_data(as_text=True))
        browser = app.test_client()
        assert sign_in(browser, officer.email, temporary).headers["Location"] == "/change-password"
        for path in ("/officer/", "/officer/consultations/", "/officer/reports"):
            assert browser.get(path).headers["Location"] == "/change-password"
        page = browser.get("/change-password").get_data(as_text=True)
        assert "<title>Choose a new password" in page
        response = browser.post("/change-password", data={
            "current_password": temporary, "new_password": NEW_PASSWORD,
            "csrf_token": csrf_token(browser, "/change-password")})
        assert response.headers["Location"] == "/change-password/done"
        assert browser.get("/officer/").status_code == 200

    def test_reset_is_audited_without_the_password(self, admin_client, colleague, db_session):
        client, admin = admin_client
        officer, _ = colleague
        temporary = one_time_password(self.reset(client, officer.id).get_data(as_text=True))
        event = recent_events(db_session, admin.partnership_id)[0]
        assert (event.action, event.officer_id) == ("password_reset", admin.id)
        assert event.target_id == str(officer.id)
        assert temporary not in json.dumps(event.details)

    def test_an_administrator_cannot_reset_their_own_password_this_way(self, admin_client):
        client, admin = admin_client
        assert self.reset(client, admin.id).status_code == 400

    def test_another_partnerships_officer_cannot_be_reset(self, app, admin_client, db_session):
        client, _ = admin_client
        stranger = make_officer(db_session, make_partnership(db_session, "south"), Role.VIEWER)
        token = csrf_token(client, "/sign-out")
        response = client.post(f"/officer/officers/{stranger.id}/reset-password", data={"csrf_token": token})
        assert response.status_code == 404
        assert officers.authenticate(db_session, stranger.email, PASSWORD).id == stranger.id
