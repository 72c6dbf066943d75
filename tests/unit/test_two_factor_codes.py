"""Which TOTP codes are accepted: drift either side, never a step already used, never a malformed code."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pyotp

from survey.officers.two_factor import (
    TIME_STEP_SECONDS,
    accepted_step,
    grouped_secret,
    new_secret,
    normalise_code,
    provisioning_uri,
    time_step,
)

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOW = 1_796_000_015.0  # 15 seconds into a step
STEP = time_step(NOW)


def code_for(step: int) -> str:
    return pyotp.TOTP(SECRET, interval=TIME_STEP_SECONDS).generate_otp(step)


class TestAcceptedStep:
    def test_the_current_step_and_one_either_side_are_accepted(self):
        for step in (STEP - 1, STEP, STEP + 1):
            assert accepted_step(SECRET, code_for(step), last_step=None, now=NOW) == step

    def test_codes_two_steps_away_are_refused(self):
        assert accepted_step(SECRET, code_for(STEP - 2), last_step=None, now=NOW) is None
        assert accepted_step(SECRET, code_for(STEP + 2), last_step=None, now=NOW) is None

    def test_a_step_already_accepted_or_earlier_is_refused(self):
        assert accepted_step(SECRET, code_for(STEP), last_step=STEP, now=NOW) is None
        assert accepted_step(SECRET, code_for(STEP - 1), last_step=STEP - 1, now=NOW) is None
        assert accepted_step(SECRET, code_for(STEP + 1), last_step=STEP, now=NOW) == STEP + 1

    def test_the_same_code_is_refused_a_step_later(self):
        code = code_for(STEP)
        assert accepted_step(SECRET, code, last_step=STEP, now=NOW + TIME_STEP_SECONDS) is None

    def test_spaces_and_hyphens_are_ignored_and_anything_else_is_refused(self):
        code = code_for(STEP)
        assert accepted_step(SECRET, f" {code[:3]} {code[3:]} ", last_step=None, now=NOW) == STEP
        assert accepted_step(SECRET, f"{code[:3]}-{code[3:]}", last_step=None, now=NOW) == STEP
        for typed in ("", "12345", "1234567", "abcdef", code + "0"):
            assert accepted_step(SECRET, typed, last_step=None, now=NOW) is None

    def test_another_key_s_code_is_refused(self):
        other = pyotp.TOTP(new_secret(), interval=TIME_STEP_SECONDS).generate_otp(STEP)
        if other != code_for(STEP):  # one chance in a million they agree
            assert accepted_step(SECRET, other, last_step=None, now=NOW) is None


class TestKeys:
    def test_a_new_key_is_160_bits_of_base32(self):
        key = new_secret()
        assert len(key) == 32 and set(key) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        assert new_secret() != key

    def test_the_qr_code_address_names_the_site_the_officer_and_the_key(self):
        uri = urlsplit(provisioning_uri(SECRET, "admin@north.example"))
        query = parse_qs(uri.query)
        assert uri.scheme == "otpauth" and uri.netloc == "totp"
        assert query["secret"] == [SECRET] and query["issuer"] == ["Safer Voices"]
        assert "admin%40north.example" in uri.path or "admin@north.example" in uri.path

    def test_the_key_to_type_is_grouped_in_fours(self):
        assert grouped_secret(SECRET) == "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"

    def test_a_typed_code_loses_its_spaces_and_hyphens(self):
        assert normalise_code(" abcde-fgh23 ") == "abcdefgh23"
