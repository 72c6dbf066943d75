"""The word index that picks which safeguarding patterns to run must never skip one that would match."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from survey.safeguarding import risk
from survey.safeguarding.prefilter import PatternIndex, required_prefixes

HERE = Path(__file__).resolve().parent


def _texts() -> list[str]:
    texts = []
    for path in sorted((HERE.parent / "data" / "safeguarding").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            texts += [row["text"] for row in csv.DictReader(file)]
    old = yaml.safe_load((HERE / "safeguarding_corpus.yaml").read_text(encoding="utf-8"))
    return texts + [item["text"] for item in old["risk"]] + old["not_risk"]


class TestRequiredPrefixes:
    def test_a_choice_of_words_needs_one_of_them(self):
        pattern = re.compile(r" (?:i|he) (?:hits|kicks) (?:me|us)(?= )")
        assert required_prefixes(pattern) == {"hits", "kicks"}

    def test_optional_and_open_parts_are_never_required(self):
        assert required_prefixes(re.compile(r" (?:\w+ )?(?:very )?\w+(?= )")) is None

    def test_a_choice_needs_every_branch_to_need_something(self):
        pattern = re.compile(r" (?:knife \w+|\w+ gun)(?= )")
        assert required_prefixes(pattern) == {"knife", "gun"}
        assert required_prefixes(re.compile(r" (?:knife|\w+)(?= )")) is None


class TestPatternIndex:
    def test_candidates_are_only_patterns_whose_words_are_there(self):
        index = PatternIndex(
            [re.compile(r" (?:kil|hurt) me(?= )"), re.compile(r" batter(?= )"), re.compile(r" \w+(?= )")]
        )
        assert index.candidates(" they wil kil me ") == [0, 2]
        assert index.candidates(" nice day ") == [2]

    @pytest.mark.parametrize(
        ("compiled", "index"),
        [
            ([pattern for _, _, pattern in risk.compiled_rules().patterns], risk.compiled_rules().index),
            (list(risk.compiled_rules().exemptions), risk.compiled_rules().exemption_index),
        ],
        ids=["patterns", "exemptions"],
    )
    def test_no_pattern_that_matches_a_corpus_text_is_skipped(self, compiled, index):
        skipped = []
        for position, text in enumerate(_texts()):
            words = f" {risk.normalise(text)} "
            candidates = set(index.candidates(words))
            # Positions, never the texts: some come from the frozen held-out half, which no failure
            # message may show (it would be read, and the rules tuned on it).
            skipped += [(position, number) for number, pattern in enumerate(compiled)
                        if number not in candidates and pattern.search(words)]
        assert skipped == []

    def test_assess_gives_the_same_answer_as_running_every_pattern(self):
        differ = []
        for position, text in enumerate(_texts()):
            words = risk._without_exemptions(f" {risk.normalise(text)} ")
            patterns = risk.compiled_rules().patterns
            everything = {name for name, _, pattern in patterns if pattern.search(words)}
            if set(risk.assess_by_rules(text).matched) != everything:
                differ.append(position)  # never the text (see above)
        assert differ == []
