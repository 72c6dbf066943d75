"""The issue 12 safeguarding corpus: a tuning half and a frozen held-out half, split by a hash.

The held-out half (``tests/data/safeguarding/heldout.csv``) is pinned to a SHA-256 so that nobody tunes
the rules on it without the test run saying so. See ``tests/data/safeguarding/README.md``.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parents[1] / "data" / "safeguarding"
HELD_OUT_FILE = CORPUS_DIR / "heldout.csv"
HELD_OUT_SHA256 = "80d695633f9a767e67c710e4a644a0216f462406f64bb32b6138b1e3225404de"
COLUMNS = ["text", "urgent", "category", "split"]
CATEGORIES = {
    "immediate_danger", "weapons", "self_harm", "abuse_at_home", "exploitation", "sexual_exploitation",
    "missing", "held",
}


@dataclass(frozen=True)
class Row:
    text: str
    urgent: bool
    categories: tuple[str, ...]  # acceptable categories, the main one first; empty when not urgent
    split: str


def split_of(text: str) -> str:
    """Held out when the first byte of the text's SHA-256 is odd: a fixed function of the words."""
    return "heldout" if hashlib.sha256(text.encode("utf-8")).digest()[0] % 2 else "tuning"


def read_rows(name: str) -> list[Row]:
    path = CORPUS_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert reader.fieldnames == COLUMNS, f"{name}: columns must be {COLUMNS}"
        return [
            Row(
                text=row["text"],
                urgent={"yes": True, "no": False}[row["urgent"]],
                categories=tuple(filter(None, row["category"].split("|"))),
                split=row["split"],
            )
            for row in reader
        ]


def held_out() -> list[Row]:
    return read_rows("heldout.csv")


def tuning() -> list[Row]:
    return read_rows("tuning.csv") + read_rows("tuning-added.csv")


class TestCorpusIsFrozenAndSplitFairly:
    def test_held_out_half_is_unchanged(self):
        digest = hashlib.sha256(HELD_OUT_FILE.read_bytes()).hexdigest()
        assert digest == HELD_OUT_SHA256, (
            "tests/data/safeguarding/heldout.csv has changed. The held-out half is frozen: add new "
            "examples to tuning-added.csv instead (see tests/data/safeguarding/README.md)."
        )

    @pytest.mark.parametrize("name", ["tuning.csv", "heldout.csv"])
    def test_every_original_row_is_in_the_half_its_hash_says(self, name):
        rows = read_rows(name)
        expected = name.removesuffix(".csv")
        assert rows
        assert [row.text for row in rows if row.split != expected or split_of(row.text) != expected] == []

    def test_rows_added_after_the_split_are_all_for_tuning(self):
        assert all(row.split == "tuning" for row in read_rows("tuning-added.csv"))

    def test_no_text_is_in_both_halves_or_twice(self):
        texts = [row.text for row in tuning() + held_out()]
        assert len(texts) == len(set(texts))

    def test_at_least_300_messages_half_urgent(self):
        rows = read_rows("tuning.csv") + held_out()
        urgent = sum(row.urgent for row in rows)
        assert len(rows) >= 300
        assert 0.45 <= urgent / len(rows) <= 0.55

    def test_urgent_rows_name_known_categories_and_ordinary_rows_none(self):
        for row in tuning() + held_out():
            if row.urgent:
                assert row.categories and set(row.categories) <= CATEGORIES, row.text
            else:
                assert row.categories == (), row.text

    def test_every_category_is_in_both_halves(self):
        for rows in (tuning(), held_out()):
            assert {row.categories[0] for row in rows if row.urgent} == CATEGORIES
