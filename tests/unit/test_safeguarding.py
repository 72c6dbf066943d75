"""Urgent-risk detection: the first corpus, the critical phrases, and the reply that leads with help.

The issue 12 corpus, with its frozen held-out half, is measured in test_safeguarding_corpus.py; the word
index that picks which patterns to run is checked in test_safeguarding_index.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from survey.safeguarding.lexicon import PATTERNS
from survey.safeguarding.risk import (
    DANGER_LINE,
    NOT_WATCHED_LINE,
    RiskAssessment,
    RiskCategory,
    assess,
    helplines_for,
    normalise,
    urgent_message,
)
from survey.signposting.services import load_directory
from survey.signposting.urgent_helplines import helplines_by_risk

CORPUS_FILE = Path(__file__).with_name("safeguarding_corpus.yaml")
MIN_RECALL = 0.95
MAX_FALSE_POSITIVE_RATE = 0.05


@dataclass(frozen=True)
class CorpusScore:
    recall: float
    false_positive_rate: float
    missed: list[str]
    false_alarms: list[str]
    critical_missed: list[str]

    def summary(self) -> str:
        return (
            f"recall {self.recall:.3f} (missed {len(self.missed)}: {self.missed}); "
            f"false-positive rate {self.false_positive_rate:.3f} "
            f"(flagged {len(self.false_alarms)}: {self.false_alarms})"
        )


def _load_corpus() -> dict:
    return yaml.safe_load(CORPUS_FILE.read_text(encoding="utf-8"))


def score_corpus(corpus: dict) -> CorpusScore:
    """Recall over the risk phrases and false-positive rate over the harmless ones."""
    missed, critical_missed = [], []
    for item in corpus["risk"]:
        result = assess(item["text"])
        expected = {RiskCategory(category) for category in item["expect"]}
        if not (result.urgent and result.categories & expected):
            missed.append(item["text"])
            if item.get("must"):
                critical_missed.append(item["text"])
    false_alarms = [text for text in corpus["not_risk"] if assess(text).urgent]
    return CorpusScore(
        recall=1 - len(missed) / len(corpus["risk"]),
        false_positive_rate=len(false_alarms) / len(corpus["not_risk"]),
        missed=missed,
        false_alarms=false_alarms,
        critical_missed=critical_missed,
    )


@pytest.fixture(scope="module")
def directory():
    return load_directory()


class TestCorpus:
    def test_corpus_is_big_enough_to_mean_something(self):
        corpus = _load_corpus()
        assert len(corpus["risk"]) >= 80
        assert len(corpus["not_risk"]) >= 80
        assert sum(1 for item in corpus["risk"] if item.get("must")) >= 5

    def test_corpus_labels_are_real_categories(self):
        for item in _load_corpus()["risk"]:
            assert item["expect"], item["text"]
            for category in item["expect"]:
                RiskCategory(category)

    def test_recall_and_false_positive_rate_meet_the_bar(self):
        score = score_corpus(_load_corpus())
        print(f"\nsafeguarding corpus: {score.summary()}")
        assert score.recall >= MIN_RECALL and score.false_positive_rate <= MAX_FALSE_POSITIVE_RATE, (
            score.summary()
        )

    def test_every_critical_phrase_is_flagged(self):
        score = score_corpus(_load_corpus())
        assert score.critical_missed == [], score.summary()


class TestAssess:
    @pytest.mark.parametrize(
        ("text", "category"),
        [
            ("he has a knife", RiskCategory.WEAPONS),
            ("HE HAS A KNIIIIFE", RiskCategory.WEAPONS),
            ("he has a kn1fe!!", RiskCategory.WEAPONS),
            ("he has a 🔪", RiskCategory.WEAPONS),
            ("i want to kill myself", RiskCategory.SELF_HARM),
            ("i w4nt t0 d1e", RiskCategory.SELF_HARM),
            ("I’m in danger", RiskCategory.IMMEDIATE_DANGER),
            ("my dad hits me", RiskCategory.ABUSE_AT_HOME),
            ("they make me sell drugs", RiskCategory.EXPLOITATION),
            ("the olders want me to go OT next week", RiskCategory.EXPLOITATION),
            ("he wants me to send nudes", RiskCategory.SEXUAL_EXPLOITATION),
            ("my bf is 23 and im 14", RiskCategory.SEXUAL_EXPLOITATION),
            ("my sister hasnt come home since friday", RiskCategory.MISSING),
            ("i ran away last night and im at some guys flat", RiskCategory.MISSING),
            ("they took my phone and wont let me leave", RiskCategory.HELD),
            ("cant get home no money and my phone is dead", RiskCategory.HELD),
            ("my tata bije mnie", RiskCategory.ABUSE_AT_HOME),  # Polish: dad beats me
            ("nie chce zyc", RiskCategory.SELF_HARM),  # Polish: I don't want to live
            ("abbu maarta hai mujhe", RiskCategory.ABUSE_AT_HOME),  # Urdu: dad hits me
            ("he has a chaku in his bag", RiskCategory.WEAPONS),  # Urdu: knife
            ("waan baqayaa theres a man outside our flat", RiskCategory.IMMEDIATE_DANGER),  # Somali
        ],
    )
    def test_flags_critical_phrases_in_any_spelling(self, text, category):
        result = assess(text)
        assert result.urgent
        assert category in result.categories

    @pytest.mark.parametrize(
        "text",
        [
            "knife crime is a problem in the town centre",
            "fear of knife crime stops me going out",
            "more police to stop stabbings",
            "we need more lighting",
            "the film was killer",
            "I'd die for a pizza",
            "just killing time",
            "I want to die my hair pink",
            "im in danger of failing maths",
            "this essay is killing me",
            "I killed it in my exam",
            "my mum will murder me if I'm late",
            "the new drill track is fire",
            "dead bored in maths",
            "I'm starving, what's for tea",
            "my cat went missing yesterday",
            "learning my lines for drama",
            "we're going to the county show on saturday",
            "the teacher took my phone and wont give it back till friday",
            "ive never carried a knife and never will",
            "",
            "   ",
        ],
    )
    def test_general_talk_and_idioms_are_not_urgent(self, text):
        assert assess(text) == RiskAssessment(urgent=False, categories=frozenset())

    def test_exemption_does_not_hide_a_real_risk_in_the_same_message(self):
        result = assess("knife crime is bad but my brother has a knife in his bag")
        assert RiskCategory.WEAPONS in result.categories

    def test_matched_names_patterns_never_the_persons_words(self):
        result = assess("my name is Sam and my stepdad hits me")
        pattern_names = {name for name, _, _ in PATTERNS} | {f"classifier:{c.value}" for c in RiskCategory}
        assert result.matched
        assert set(result.matched) <= pattern_names
        assert not any("sam" in name for name in result.matched)

    def test_several_categories_are_all_reported(self):
        result = assess("my dad hits me and i want to die")
        assert {RiskCategory.ABUSE_AT_HOME, RiskCategory.SELF_HARM} <= result.categories

    def test_pattern_names_are_unique(self):
        names = [name for name, _, _ in PATTERNS]
        assert len(names) == len(set(names))

    def test_saying_it_will_not_happen_is_still_flagged(self):
        # A youth worker wants to read "I'm not going to hurt myself, I just think about it" first.
        result = assess("im not going to hurt myself, i just think about it")
        assert RiskCategory.SELF_HARM in result.categories

    def test_every_category_has_a_label_for_officers(self):
        assert {category.label for category in RiskCategory} and all(
            category.label[0].isupper() for category in RiskCategory
        )
        assert RiskCategory.MISSING.label == "Missing from home or care"


class TestNormalise:
    def test_collapses_repeats_leetspeak_contractions_and_punctuation(self):
        assert normalise("He's got a KNIIIFE!!") == "he is got a knife"
        assert normalise("i w4nt t0 d1e") == "i want to die"
        assert normalise("I can't, I won't") == "i can not i wil not"  # "will" collapses like "kill"

    def test_keeps_text_speak_numbers_and_phone_numbers_apart_from_leetspeak(self):
        assert normalise("c u b4 2nite m8") == "c you before tonight mate"
        assert normalise("call 0800 1111") == "cal 0800 1111"

    def test_strips_accents_and_maps_weapon_emoji(self):
        assert normalise("café 🔪") == "cafe knife"

    def test_turns_other_languages_risk_words_into_english(self):
        assert normalise("mój tata bije mnie") == "my dad hits me"  # Polish, with its accents
        assert normalise("nu mai vreau să trăiesc") == "i do not want to live"  # Romanian
        assert normalise("dw i'n ofn") == "i am scared"  # Welsh

    def test_keeps_counts_apart_from_text_speak_and_leetspeak(self):
        assert normalise("i want 2 die") == "i want to die"
        assert normalise("missing for 4 days") == "mising for 4 days"
        assert normalise("men in their 30s") == "men in their 30s"


class TestHelplinesFor:
    def test_not_urgent_has_no_helplines(self):
        assert helplines_for(assess("more street lights please")) == []

    def test_emergency_always_comes_first(self):
        for category in RiskCategory:
            ids = helplines_for(RiskAssessment(urgent=True, categories=frozenset({category})))
            assert ids[0] == "emergency"

    @pytest.mark.parametrize(
        ("category", "expected"),
        [
            (RiskCategory.SELF_HARM, ["emergency", "samaritans", "shout", "childline"]),
            (
                RiskCategory.ABUSE_AT_HOME,
                ["emergency", "childline", "national_domestic_abuse_helpline", "nspcc"],
            ),
            (RiskCategory.EXPLOITATION, ["emergency", "childline", "fearless", "crimestoppers"]),
            (RiskCategory.WEAPONS, ["emergency", "fearless", "crimestoppers", "childline"]),
            (RiskCategory.IMMEDIATE_DANGER, ["emergency", "childline"]),
            (RiskCategory.HELD, ["emergency", "missing_people", "childline"]),
            (RiskCategory.MISSING, ["emergency", "missing_people", "childline"]),
            (RiskCategory.SEXUAL_EXPLOITATION, ["emergency", "childline", "ceop"]),
        ],
    )
    def test_each_category_has_its_helplines_in_order(self, category, expected):
        assert helplines_for(RiskAssessment(urgent=True, categories=frozenset({category}))) == expected

    def test_every_category_has_helplines_and_every_helpline_is_a_national_service(self, directory):
        table = helplines_by_risk()
        assert set(table) == {category.value for category in RiskCategory}
        assert all(directory.get(service_id) for ids in table.values() for service_id in ids)

    def test_several_categories_are_de_duplicated_life_threatening_first(self):
        assessment = RiskAssessment(
            urgent=True, categories=frozenset({RiskCategory.WEAPONS, RiskCategory.SELF_HARM})
        )
        assert helplines_for(assessment) == [
            "emergency", "samaritans", "shout", "childline", "fearless", "crimestoppers",
        ]


class TestUrgentMessage:
    def test_leads_with_999_and_silent_call(self, directory):
        message = urgent_message(assess("i want to kill myself"), directory)
        assert message.startswith(
            "If you or someone else is in danger right now, call 999. "
            "If you can't speak, call 999 and press 55 when asked."
        )
        assert message.startswith(DANGER_LINE)

    def test_self_harm_lists_samaritans_shout_and_childline_numbers(self, directory):
        message = urgent_message(assess("i want to kill myself"), directory)
        assert "116 123" in message
        assert "text SHOUT to 85258" in message
        assert "0800 1111" in message
        assert message.index("116 123") < message.index("85258") < message.index("0800 1111")

    def test_abuse_at_home_lists_domestic_abuse_helpline(self, directory):
        message = urgent_message(assess("my dad hits me"), directory)
        assert "0808 2000 247" in message
        assert "0800 1111" in message

    def test_weapons_lists_fearless_form_and_crimestoppers(self, directory):
        message = urgent_message(assess("he has a knife"), directory)
        assert "https://www.fearless.org/en/give-info-anonymously" in message
        assert "0800 555 111" in message

    def test_missing_leads_with_999_then_missing_people(self, directory):
        message = urgent_message(assess("my sister hasnt come home since friday"), directory)
        assert message.startswith(DANGER_LINE)
        assert "Missing People: call 116 000 or text 116 000." in message
        assert message.index("116 000") < message.index("0800 1111")

    def test_held_leads_with_999_then_missing_people_and_childline(self, directory):
        message = urgent_message(assess("they took my keys and wont let me leave this flat"), directory)
        assert message.startswith(DANGER_LINE)
        assert "116 000" in message and "0800 1111" in message

    def test_county_lines_lists_childline_and_fearless(self, directory):
        message = urgent_message(assess("they want me to go country to sell"), directory)
        assert "0800 1111" in message
        assert "https://www.fearless.org/en/give-info-anonymously" in message

    def test_online_grooming_lists_childline_then_ceop(self, directory):
        message = urgent_message(assess("some guy on snap keeps asking for nudes"), directory)
        assert message.index("0800 1111") < message.index("https://www.ceop.police.uk/ceop-reporting/")

    def test_ends_with_honest_line_about_not_being_watched(self, directory):
        message = urgent_message(assess("im in danger"), directory)
        assert message.endswith(NOT_WATCHED_LINE)
        assert "not watched 24/7" in message

    def test_not_urgent_gives_no_message(self, directory):
        assert urgent_message(assess("more bins please"), directory) == ""
