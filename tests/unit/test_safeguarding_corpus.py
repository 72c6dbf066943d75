"""The issue 12 safeguarding corpus: a tuning half and a frozen held-out half, split by a hash.

The held-out half (``tests/data/safeguarding/heldout.csv``) is pinned to a SHA-256 so that nobody tunes
the rules on it without the test run saying so. See ``tests/data/safeguarding/README.md``.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
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
    return (read_rows("tuning.csv") + read_rows("tuning-added.csv") + read_rows("tuning-more.csv")
            + read_rows("tuning-fresh.csv"))


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

    @pytest.mark.parametrize("name", ["tuning-added.csv", "tuning-more.csv", "tuning-fresh.csv"])
    def test_rows_added_after_the_split_are_all_for_tuning(self, name):
        assert all(row.split == "tuning" for row in read_rows(name))

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


# --- the figures on the held-out half ------------------------------------------------------------------

MIN_RECALL = 0.98
MAX_FALSE_POSITIVE_RATE = 0.05
# What the rules and the classifier together reached on the held-out half, measured once after the
# classifier was added (issue 12, third round; bench/RESULTS.md): 116 of 118. A change that loses ground
# fails here.
RECALL_REACHED = 0.983


@dataclass(frozen=True)
class Figures:
    """Recall, false-positive rate and per-category recall of assess() over some corpus rows."""

    urgent: int
    ordinary: int
    # The rows themselves stay out of the repr, so a failure never prints held-out words.
    missed: tuple[Row, ...] = field(repr=False)
    flagged_ordinary: tuple[Row, ...] = field(repr=False)
    flagged_wrong_category: tuple[Row, ...] = field(repr=False)
    per_category: dict[str, tuple[int, int]]  # main category -> (hits, rows)

    @property
    def recall(self) -> float:
        """Share of urgent rows flagged with an expected category (the category picks the helplines)."""
        return 1 - len(self.missed) / self.urgent

    @property
    def flagged_rate(self) -> float:
        """Share of urgent rows flagged urgent at all, whatever the category."""
        return 1 - (len(self.missed) - len(self.flagged_wrong_category)) / self.urgent

    @property
    def false_positive_rate(self) -> float:
        return len(self.flagged_ordinary) / self.ordinary

    def summary(self) -> str:
        per_category = ", ".join(
            f"{category} {hits}/{rows} ({hits / rows:.2f})"
            for category, (hits, rows) in sorted(self.per_category.items())
        )
        return (
            f"held-out half: {self.urgent} urgent, {self.ordinary} ordinary; "
            f"recall {self.recall:.3f} (flagged urgent at all {self.flagged_rate:.3f}); "
            f"false-positive rate {self.false_positive_rate:.3f}; per category: {per_category}"
        )


def score(rows: list[Row]) -> Figures:
    # Imported here so the corpus checks above run even when the rules do not import.
    from survey.safeguarding.risk import assess

    missed, wrong_category, flagged_ordinary = [], [], []
    per_category: dict[str, list[int]] = {}
    for row in rows:
        result = assess(row.text)
        if not row.urgent:
            if result.urgent:
                flagged_ordinary.append(row)
            continue
        tally = per_category.setdefault(row.categories[0], [0, 0])
        tally[1] += 1
        if {category.value for category in result.categories} & set(row.categories):
            tally[0] += 1
        else:
            missed.append(row)
            if result.urgent:
                wrong_category.append(row)
    return Figures(
        urgent=sum(row.urgent for row in rows),
        ordinary=sum(not row.urgent for row in rows),
        missed=tuple(missed),
        flagged_ordinary=tuple(flagged_ordinary),
        flagged_wrong_category=tuple(wrong_category),
        per_category={category: (hits, total) for category, (hits, total) in per_category.items()},
    )


@pytest.fixture(scope="module")
def held_out_figures() -> Figures:
    figures = score(held_out())
    # pytest -s shows this; the assertion messages repeat it. Rows are never printed: nobody tunes on them.
    print(f"\nsafeguarding corpus, {figures.summary()}")
    return figures


class TestHeldOutFigures:
    def test_urgent_rows_name_real_risk_categories(self):
        from survey.safeguarding.risk import RiskCategory

        assert CATEGORIES == {category.value for category in RiskCategory}

    def test_false_positive_rate_is_at_most_five_percent(self, held_out_figures):
        rate = held_out_figures.false_positive_rate
        assert rate <= MAX_FALSE_POSITIVE_RATE, held_out_figures.summary()

    def test_recall_is_at_least_98_percent(self, held_out_figures):
        recall = held_out_figures.recall
        assert recall >= MIN_RECALL, held_out_figures.summary()

    def test_recall_has_not_fallen_below_what_was_reached(self, held_out_figures):
        recall = held_out_figures.recall
        assert recall >= RECALL_REACHED, held_out_figures.summary()

    def test_every_category_is_measured(self, held_out_figures):
        measured = set(held_out_figures.per_category)
        assert measured == CATEGORIES, held_out_figures.summary()


class TestTuningHalf:
    """The tuning half and the examples added to it since: the rules were made on these, so they pass."""

    def test_tuning_half_is_all_caught_and_never_over_flagged(self):
        figures = score(tuning())
        assert figures.recall >= 0.99 and figures.false_positive_rate <= 0.01, (
            f"missed {[row.text for row in figures.missed]}; "
            f"flagged {[row.text for row in figures.flagged_ordinary]}"
        )
