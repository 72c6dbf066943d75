"""Officer accounts in the core: creation rules, sign-in, throttling and deactivation."""

from __future__ import annotations

import datetime as dt

import pytest

from survey.officers import accounts as officers
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership


class TestCreateOfficer:
    def test_email_is_stored_lower_case_and_password_hashed_with_argon2(self, db_session):
        officer = officers.create_officer(db_session, email="  Sam@North.Example ", password=PASSWORD,
                                          role="analyst", partnership=make_partnership(db_session))
        assert officer.email == "sam@north.example"
        assert officer.password_hash.startswith("$argon2id$")
        assert PASSWORD not in officer.password_hash
        assert officer.role is Role.ANALYST and officer.active

    @pytest.mark.parametrize(
        ("email", "password", "role", "message"),
        [
            ("not-an-email", PASSWORD, "admin", "Enter an email address in the correct format"),
            ("a@b.example", "short", "admin", "Enter a password that is at least 12 characters long"),
            ("a@b.example", "Password1234", "admin", "Enter a password that is harder to guess"),
            ("a@b.example", PASSWORD, "superuser", "Role must be one of: viewer, analyst, admin"),
        ],
    )
    def test_bad_input_is_refused_with_a_clear_message(self, db_session, email, password, role, message):
        with pytest.raises(officers.OfficerError, match=message):
            officers.create_officer(db_session, email=email, password=password, role=role,
                                    partnership=make_partnership(db_session))

    def test_an_email_can_only_be_used_once(self, db_session):
        partnership = make_partnership(db_session)
        make_officer(db_session, partnership, email="dup@north.example")
        with pytest.raises(officers.OfficerError, match="already exists"):
            make_officer(db_session, partnership, email="DUP@north.example")


class TestAuthenticate:
    def test_right_password_signs_in(self, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        assert officers.authenticate(db_session, officer.email, PASSWORD) == officer
        assert officer.last_login_at is not None

    def test_wrong_password_and_unknown_email_both_give_none(self, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        assert officers.authenticate(db_session, officer.email, "wrong password!!") is None
        assert officers.authenticate(db_session, "nobody@north.example", PASSWORD) is None

    def test_deactivated_officer_cannot_sign_in(self, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        officers.set_active(db_session, officer, False)
        assert officers.authenticate(db_session, officer.email, PASSWORD) is None

    def test_repeated_failures_pause_the_account_even_for_the_right_password(self, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        policy = officers.SignInPolicy(max_failures=3, lockout=dt.timedelta(minutes=15))
        for _ in range(3):
            assert officers.authenticate(db_session, officer.email, "wrong password!!", policy=policy) is None
        assert officer.locked_until is not None
        assert officers.authenticate(db_session, officer.email, PASSWORD, policy=policy) is None

    def test_the_pause_ends(self, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        officer.locked_until = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        db_session.flush()
        assert officers.authenticate(db_session, officer.email, PASSWORD) == officer
        assert officer.locked_until is None

    def test_success_resets_the_failure_count(self, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        officers.authenticate(db_session, officer.email, "wrong password!!")
        officers.authenticate(db_session, officer.email, PASSWORD)
        assert officer.failed_logins == 0


class TestSessions:
    def test_deactivation_rotates_the_session_token(self, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        token = officer.session_token
        officers.set_active(db_session, officer, False)
        assert officer.session_token != token
        assert officers.officer_by_session_token(db_session, officer.session_token) is None

    def test_partnership_officer_never_returns_another_partnerships_officer(self, db_session):
        north, south = make_partnership(db_session, "north"), make_partnership(db_session, "south")
        southerner = make_officer(db_session, south)
        assert officers.partnership_officer(db_session, north.id, southerner.id) is None
        assert officers.partnership_officer(db_session, south.id, southerner.id) == southerner
