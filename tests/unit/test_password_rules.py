"""An officer's password: long enough, not a common one in any letter case, and generated ones pass."""

from __future__ import annotations

import datetime as dt

import pytest

from survey.officers.passwords import (
    MIN_PASSWORD_LENGTH,
    TOO_COMMON,
    TOO_LONG,
    TOO_SHORT,
    generate_password,
    password_problem,
)
from survey.officers.sessions import SessionPolicy, session_expired
from tests.factories import PASSWORD


class TestPasswordRules:
    @pytest.mark.parametrize("password", ["", "short", "elevenchars"])
    def test_under_12_characters_is_refused(self, password):
        assert password_problem(password) == TOO_SHORT
        assert TOO_SHORT == "Enter a password that is at least 12 characters long"

    def test_over_1024_characters_is_refused(self):
        assert password_problem("x7Q!" * 257) == TOO_LONG

    @pytest.mark.parametrize(
        "password",
        ["password1234", "qwertyuiop123", "1q2w3e4r5t6y", "123456789012", "iloveyou1234", "passwordpassword"],
    )
    def test_common_passwords_of_12_or_more_characters_are_refused(self, password):
        assert len(password) >= MIN_PASSWORD_LENGTH
        assert password_problem(password) == TOO_COMMON == "Enter a password that is harder to guess"

    @pytest.mark.parametrize("password", ["PASSWORD1234", "Password1234", "pAsSwOrD1234", "QWERTYUIOP123"])
    def test_the_check_ignores_letter_case(self, password):
        assert password_problem(password) == TOO_COMMON

    @pytest.mark.parametrize("password", [PASSWORD, "lantern orchard velvet 42", "Gx8#pLm2vQz9!rT"])
    def test_long_uncommon_passwords_pass(self, password):
        assert password_problem(password) is None

    def test_generated_passwords_pass_the_rules_and_differ(self):
        passwords = {generate_password() for _ in range(20)}
        assert len(passwords) == 20
        assert all(password_problem(password) is None for password in passwords)

    def test_the_list_loads_from_the_installed_package_without_the_network(self, monkeypatch):
        import socket

        def no_network(*args, **kwargs):
            raise AssertionError("the password list must not be fetched")

        monkeypatch.setattr(socket, "socket", no_network)
        monkeypatch.setattr(socket, "create_connection", no_network)
        assert password_problem("password1234") == TOO_COMMON


class TestOfficerSessionLimits:
    POLICY = SessionPolicy(idle=dt.timedelta(minutes=30), absolute=dt.timedelta(hours=12))

    def expired(self, *, signed_in_ago: float, seen_ago: float) -> bool:
        now = 1_800_000_000.0
        return session_expired(signed_in_at=now - signed_in_ago, last_seen_at=now - seen_ago, now=now,
                               policy=self.POLICY)

    def test_a_session_used_within_the_idle_limit_goes_on(self):
        assert not self.expired(signed_in_ago=3600, seen_ago=29 * 60)

    def test_30_minutes_idle_ends_it(self):
        assert self.expired(signed_in_ago=3600, seen_ago=30 * 60)

    def test_12_hours_after_sign_in_ends_it_however_busy(self):
        assert not self.expired(signed_in_ago=12 * 3600 - 1, seen_ago=1)
        assert self.expired(signed_in_ago=12 * 3600, seen_ago=1)

    def test_a_session_without_its_times_has_ended(self):
        assert session_expired(signed_in_at=None, last_seen_at=None, now=1.0, policy=self.POLICY)

    def test_times_in_the_future_are_refused(self):
        assert self.expired(signed_in_ago=-3600, seen_ago=0)
