"""The personal-details scan: what it must find, and the everyday words it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from survey.responses.personal_data import describe, find_personal_data, kinds_of, personal_data_kinds
from survey.responses.redaction import (
    REDACTED,
    RedactionRefused,
    check_reason,
    redacted_text,
    words_to_remove,
)

CORPUS = Path(__file__).with_name("safeguarding_corpus.yaml")


def found(text: str) -> list[tuple[str, str]]:
    return [(item.kind, item.words) for item in find_personal_data(text)]


class TestItFinds:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Call me on 07700 900123 please", ("phone", "07700 900123")),
            ("ring 020 7946 0958 any time", ("phone", "020 7946 0958")),
            ("his number is (01632) 960001", ("phone", "(01632) 960001")),
            ("text +44 7700 900 123", ("phone", "+44 7700 900 123")),
            ("or 07700-900-123", ("phone", "07700-900-123")),
            ("email jo.bloggs+x@example.co.uk now", ("email", "jo.bloggs+x@example.co.uk")),
            ("I live near SW1A 1AA", ("postcode", "SW1A 1AA")),
            ("postcode se17pb", ("postcode", "se17pb")),
            ("they live at 42 Acacia Avenue", ("address", "42 Acacia Avenue")),
            ("the house at 9 park lane is a crack den", ("address", "9 park lane")),
            ("Flat 3 above the chip shop", ("address", "Flat 3")),
            ("Mr Smith sells drugs", ("name", "Mr Smith")),
            ("ask mrs. Patel", ("name", "mrs. Patel")),
            ("my neighbour Dave sells drugs", ("name", "Dave")),
            ("My next door neighbour, called Aisha, is scared", ("name", "Aisha")),
            ("outside the shop John Smith deals", ("name", "John Smith")),
            ("Ryan Jones hangs round the park", ("name", "Ryan Jones")),
        ],
    )
    def test_each_kind(self, text, expected):
        assert expected in found(text)

    def test_kinds_are_stored_sorted_without_the_words(self):
        column = personal_data_kinds("Dave Brown at 12 Elm Road, 07700 900123, dave@example.com")
        assert column == "address,email,name,phone"
        assert "Dave" not in column and "0770" not in column

    def test_a_number_inside_an_email_is_the_email_only(self):
        assert found("write to 07700900123@example.com") == [("email", "07700900123@example.com")]


class TestItLeavesAlone:
    @pytest.mark.parametrize(
        "text",
        [
            "More police on the streets at night",
            "call 999 or 101 or Crimestoppers on 0800 555 111",
            "In 2023 there were 15 fights near the station",
            "the SE1 area and the N17 area feel unsafe",
            "there are 2 busy road crossings with no lights",
            "5 more police on Station Road please",
            "Better lighting near Victoria Station and the High Street",
            "I miss Brighton",
            "More police. Mark my words, it will get worse",
            "We need CCTV in the Town Centre",
            "Better lighting on Jack Road",
            "my neighbour And I are scared",
            "between 10pm and 2am on 12/05/2024",
            "Anti Social Behaviour is the biggest problem",
        ],
    )
    def test_everyday_answers_are_not_flagged(self, text):
        assert found(text) == []
        assert personal_data_kinds(text) is None

    def test_no_message_of_the_safeguarding_corpus_is_flagged(self):
        """334 messages written the way residents and young people type (slang, no capitals, violent
        idioms, consultation answers), none holding anyone's details: a guard on false positives."""
        corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
        texts = [item["text"] for item in corpus["risk"]] + list(corpus["not_risk"])
        assert len(texts) > 300
        assert [text for text in texts if personal_data_kinds(text)] == []

    def test_nothing_to_scan(self):
        assert personal_data_kinds(None) is None and personal_data_kinds("") is None


class TestWords:
    def test_kinds_in_words(self):
        assert describe(kinds_of("phone,name")) == "a name and a phone number"
        assert describe(kinds_of("email")) == "an email address"
        assert kinds_of(None) == ()


class TestRedactedText:
    def test_every_occurrence_in_any_case_is_replaced(self):
        text, places = redacted_text("Dave Smith again. dave smith!", ["Dave Smith"])
        assert (text, places) == (f"{REDACTED} again. {REDACTED}!", 2)

    def test_the_longest_piece_goes_first(self):
        text, _ = redacted_text("Dave Smith and Dave", ["Dave", "Dave Smith"])
        assert text == f"{REDACTED} and {REDACTED}"

    def test_words_not_in_the_answer_are_refused(self):
        with pytest.raises(RedactionRefused) as refused:
            redacted_text("call 07700 900123", ["07700 900124"])
        assert "does not contain “07700 900124”" in refused.value.problems["words"]

    def test_nothing_to_remove_is_refused(self):
        with pytest.raises(RedactionRefused) as refused:
            redacted_text("anything", words_to_remove("\n  \n"))
        assert refused.value.problems == {"words": "Enter the words to remove"}

    def test_typed_lines_become_pieces_once_each(self):
        assert words_to_remove(" Dave \r\n\r\n07700 900123\nDave") == ["Dave", "07700 900123"]


class TestReason:
    def test_a_reason_is_required(self):
        with pytest.raises(RedactionRefused):
            check_reason("   ")

    def test_a_reason_may_not_repeat_the_words(self):
        with pytest.raises(RedactionRefused) as refused:
            check_reason("removed 07700 900123", ["07700 900123"])
        assert "must not repeat the words" in refused.value.problems["reason"]

    def test_a_good_reason_is_kept_stripped(self):
        assert check_reason("  a neighbour's phone number ", ["07700 900123"]) == "a neighbour's phone number"
