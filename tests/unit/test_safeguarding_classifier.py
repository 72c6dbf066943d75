"""The classifier beside the safeguarding rules: it computes what scikit-learn would, the shipped model is
what ``python -m survey.safeguarding.train`` makes from the tuning rows, and it never learns held-out rows."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from survey.safeguarding import classifier
from survey.safeguarding.classifier import ORDINARY, Model, char_ngrams, word_ngrams
from survey.safeguarding.normalise import normalise
from survey.safeguarding.risk import RiskCategory, assess
from survey.safeguarding.train import CORPUS, THRESHOLDS, fit, fit_pipeline, to_model, tuning_examples

SMALL = [
    ("my dad hits me wiv his belt", "abuse_at_home"),
    ("step dad batters me every nite", "abuse_at_home"),
    ("they make me sell in a flat in another town", "exploitation"),
    ("i owe the olders for the food they took", "exploitation"),
    ("this homework is killing me", ORDINARY),
    ("we need more lights in the park", ORDINARY),
    ("i killed it in my exam lol", ORDINARY),
]


class TestSameAsScikitLearn:
    def test_ngrams_are_scikit_learns(self):
        union, _ = fit_pipeline([text for text, _ in SMALL], [label for _, label in SMALL])
        chars, words = (vectoriser for _, vectoriser in union.transformer_list)
        text = normalise("a ok im bein sent 2 norwich x")
        assert sorted(char_ngrams(text.split()).elements()) == sorted(chars.build_analyzer()(text))
        assert sorted(word_ngrams(text.split()).elements()) == sorted(words.build_analyzer()(text))

    def test_probabilities_are_scikit_learns(self, tmp_path):
        union, regression = fit_pipeline([text for text, _ in SMALL], [label for _, label in SMALL])
        to_model(union, regression).save(tmp_path / "model.npz")
        model = Model.load(tmp_path / "model.npz")
        texts = [normalise(text) for text, _ in SMALL] + ["", "zzz", "my dad makes me sell", "the the the"]
        expected = regression.predict_proba(union.transform(texts))
        got = np.array([model.probabilities(text) for text in texts])
        assert model.classes == tuple(regression.classes_)
        np.testing.assert_allclose(got, expected, atol=1e-5)  # coefficients are stored as float32


class TestShippedModel:
    def test_is_what_the_training_script_makes_from_the_tuning_rows(self):
        examples = tuning_examples()
        fresh = fit([e.text for e in examples], [e.label for e in examples])
        shipped = classifier.model()
        assert shipped.char_vocabulary == fresh.char_vocabulary
        assert shipped.word_vocabulary == fresh.word_vocabulary
        assert shipped.classes == fresh.classes
        np.testing.assert_allclose(shipped.char_idf, fresh.char_idf)
        np.testing.assert_allclose(shipped.word_idf, fresh.word_idf)
        np.testing.assert_allclose(shipped.coef, fresh.coef, atol=1e-4)
        np.testing.assert_allclose(shipped.intercept, fresh.intercept, atol=1e-4)
        assert shipped.threshold in THRESHOLDS

    def test_classes_are_the_risk_categories_and_ordinary(self):
        assert set(classifier.model().classes) == {c.value for c in RiskCategory} | {ORDINARY}

    def test_is_loaded_once(self):
        assert classifier.model() is classifier.model()

    def test_never_learns_a_held_out_text(self):
        with (CORPUS / "heldout.csv").open(encoding="utf-8", newline="") as file:
            held_out = {row["text"] for row in csv.DictReader(file)}
        assert not held_out & {example.text for example in tuning_examples()}


class TestAssessWithTheClassifier:
    @pytest.mark.parametrize("text", ["", "   ", "🙂", "ok"])
    def test_empty_and_tiny_texts_are_not_urgent(self, text):
        assert not assess(text).urgent

    def test_classifier_flags_are_named_by_category_never_by_words(self):
        model = classifier.model()
        text = "my step dad batters me wen mum is out"
        flagged = model.categories(normalise(text))
        assert flagged  # a tuning-like message the classifier is sure of
        result = assess(text)
        assert {f"classifier:{category}" for category in flagged} <= set(result.matched)
        assert {RiskCategory(category) for category in flagged} <= result.categories
