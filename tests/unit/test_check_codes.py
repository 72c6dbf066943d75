"""The reporter's check code: enough entropy, easy to read, only a hash stored."""

from __future__ import annotations

import math

from survey.triage.codes import CODE_ALPHABET, CODE_LENGTH, code_matches, hash_check_code, new_check_code


def test_a_code_carries_at_least_40_bits_and_avoids_look_alike_characters():
    assert CODE_LENGTH * math.log2(len(CODE_ALPHABET)) >= 40
    assert not set("01OIL") & set(CODE_ALPHABET)
    codes = {new_check_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        groups = code.split("-")
        assert [len(group) for group in groups] == [3, 3, 3]
        assert set("".join(groups)) <= set(CODE_ALPHABET)


def test_a_code_typed_loosely_still_matches_and_a_wrong_one_does_not():
    stored = hash_check_code("K7QX-M2PA-9D", "ABC-DEF-GHJ")
    assert code_matches("k7qx m2pa 9d", "abc def ghj", stored)
    assert code_matches("K7QXM2PA9D", "abcdefghj", stored)
    assert not code_matches("K7QX-M2PA-9D", "ABC-DEF-GHK", stored)
    assert not code_matches("K7QX-M2PA-9E", "ABC-DEF-GHJ", stored)
    assert not code_matches("K7QX-M2PA-9D", "ABC-DEF-GHJ", None)


def test_the_stored_hash_does_not_contain_the_code():
    stored = hash_check_code("K7QX-M2PA-9D", "ABC-DEF-GHJ")
    assert "ABCDEFGHJ" not in stored.upper()
    assert len(stored) == 64
