"""Urgent messages in the chat's own languages (Welsh, Polish, Urdu) are understood, and their harmless
look-alikes are not flagged: ``tests/data/safeguarding/languages.csv``.

Unlike the English corpus, which measures rates, every row here must be read right: these are the plain
ways of saying the most common dangers in each language the chat offers, written as young people type
them (Polish with and without its accents, Urdu in Urdu script and in Roman Urdu).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from survey.safeguarding.risk import assess
from survey.safeguarding.written_in import written_in

CORPUS = Path(__file__).resolve().parents[1] / "data" / "safeguarding" / "languages.csv"
with CORPUS.open(encoding="utf-8", newline="") as _file:
    ROWS = list(csv.DictReader(_file))
URGENT = [row for row in ROWS if row["urgent"] == "yes"]
ORDINARY = [row for row in ROWS if row["urgent"] == "no"]


def _id(row: dict[str, str]) -> str:
    return f"{row['language']}:{row['text'][:40]}"


class TestEachLanguageIsCovered:
    @pytest.mark.parametrize("language", ["cy", "pl", "ur"])
    def test_urgent_rows_and_look_alikes_in_every_language(self, language):
        urgent = [row for row in URGENT if row["language"] == language]
        assert len(urgent) >= 10
        assert {row["category"].split("|")[0] for row in urgent} >= {
            "weapons", "immediate_danger", "self_harm", "abuse_at_home", "missing", "held", "exploitation",
            "sexual_exploitation"}
        assert len([row for row in ORDINARY if row["language"] == language]) >= 5

    def test_polish_is_there_with_and_without_accents_and_urdu_in_both_scripts(self):
        polish = [row["text"] for row in URGENT if row["language"] == "pl"]
        urdu = [row["text"] for row in URGENT if row["language"] == "ur"]
        assert any(not text.isascii() for text in polish) and any(text.isascii() for text in polish)
        assert any("ł" in text.casefold() for text in polish + [r["text"] for r in ORDINARY])
        assert any(not text.isascii() for text in urdu) and any(text.isascii() for text in urdu)


class TestUrgentMessagesInTheChatsLanguages:
    @pytest.mark.parametrize("row", URGENT, ids=_id)
    def test_is_flagged_with_its_kind_of_risk(self, row):
        found = assess(row["text"])
        assert found.urgent, row["text"]
        assert {category.value for category in found.categories} & set(row["category"].split("|"))

    @pytest.mark.parametrize("row", ORDINARY, ids=_id)
    def test_look_alike_is_not_flagged(self, row):
        assert not assess(row["text"]).urgent, row["text"]

    def test_the_same_polish_words_with_and_without_accents_read_alike(self):
        assert assess("Zamknęli mnie i nie pozwalają mi wyjść").categories == assess(
            "zamkneli mnie i nie pozwalaja mi wyjsc").categories

    def test_urdu_letters_typed_in_their_arabic_forms_read_alike(self):
        # Some phone keyboards type the Arabic yeh and kaf (ي, ك) for the Urdu ones (ی, ک).
        assert assess("ميرے بھائی كے پاس چاقو ہے").urgent


class TestTheLanguageAnUrgentMessageIsWrittenIn:
    @pytest.mark.parametrize("row", URGENT, ids=_id)
    def test_is_found_so_999_comes_first_in_it(self, row):
        assert written_in(row["text"]) == row["language"]

    @pytest.mark.parametrize("text", [
        "a boy in my year carries a knife", "my mum will kill me if im late", "hi", "",
        "the bus stop by the park has no lights", "my dad hits me when he is drunk",
    ])
    def test_english_is_not_taken_for_another_language(self, text):
        assert written_in(text) is None
