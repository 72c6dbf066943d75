"""Train the safeguarding classifier on the corpus's tuning rows and write ``data/classifier.npz``.

    python -m survey.safeguarding.train [--corpus tests/data/safeguarding] [--report]

Deterministic: the same tuning rows give the same model. It reads the tuning files only
(:data:`TUNING_FILES` and the first corpus, ``tests/unit/safeguarding_corpus.yaml``) and never
``heldout.csv``, except to leave out any text of the first corpus that is also held out. With
``--report`` it prints 5-fold cross-validated recall and false-positive rate of the rules alone, the
classifier alone and both together, for each threshold tried, and the threshold it chose: the one with
the highest cross-validated recall of rules and classifier together whose false-positive rate is at
most :data:`MAX_CV_FALSE_POSITIVES`.

Needs scikit-learn (a build-time tool); :mod:`survey.safeguarding.classifier` reads the result with
numpy alone.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion

from survey.safeguarding.classifier import (
    CHAR_NGRAMS,
    MODEL_FILE,
    ORDINARY,
    WORD_NGRAMS,
    Model,
    categories_for,
)
from survey.safeguarding.normalise import normalise
from survey.safeguarding.risk import RiskCategory, assess_by_rules

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "safeguarding"
FIRST_CORPUS = REPO / "tests" / "unit" / "safeguarding_corpus.yaml"
TUNING_FILES = ("tuning.csv", "tuning-added.csv", "tuning-more.csv", "tuning-fresh.csv")
MAX_CV_FALSE_POSITIVES = 0.03
THRESHOLDS = tuple(round(0.2 + 0.025 * step, 3) for step in range(29))  # 0.2 to 0.9
FOLDS = 5
REGULARISATION = 10.0


@dataclass(frozen=True)
class Example:
    text: str
    categories: tuple[str, ...]  # acceptable categories, the main one first; empty when ordinary

    @property
    def label(self) -> str:
        return self.categories[0] if self.categories else ORDINARY


def tuning_examples(corpus: Path = CORPUS, first_corpus: Path = FIRST_CORPUS) -> list[Example]:
    """Every tuning row, in file order; texts of the first corpus that are held out are left out."""
    examples = []
    for name in TUNING_FILES:
        path = corpus / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as file:
                examples += [Example(row["text"], tuple(filter(None, row["category"].split("|"))))
                             for row in csv.DictReader(file)]
    with (corpus / "heldout.csv").open(encoding="utf-8", newline="") as file:
        held_out = {row["text"] for row in csv.DictReader(file)}  # read only to keep these texts out
    seen = {example.text for example in examples} | held_out
    if first_corpus.exists():
        data = yaml.safe_load(first_corpus.read_text(encoding="utf-8"))
        for item in data["risk"] + data["not_risk"]:
            text, expect = (item, []) if isinstance(item, str) else (item["text"], item.get("expect", []))
            if text not in seen:
                seen.add(text)
                examples.append(Example(text, tuple(expect)))
    return examples


def fit(texts: list[str], labels: list[str]) -> Model:
    """Fit TF-IDF on character and word n-grams of the normalised text, then logistic regression."""
    return to_model(*fit_pipeline(texts, labels))


def fit_pipeline(texts: list[str], labels: list[str]) -> tuple[FeatureUnion, LogisticRegression]:
    """The fitted scikit-learn parts (features of ``normalise(text)``), before they become a Model."""
    union = FeatureUnion([
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, lowercase=False,
                                  min_df=2, sublinear_tf=True, dtype=np.float64)),
        ("words", TfidfVectorizer(analyzer="word", ngram_range=WORD_NGRAMS, lowercase=False,
                                  token_pattern=r"\S+", min_df=2, sublinear_tf=True, dtype=np.float64)),
    ])
    normalised = [normalise(text) for text in texts]
    features = union.fit_transform(normalised)
    model = LogisticRegression(C=REGULARISATION, max_iter=5000)
    model.fit(features, labels)
    return union, model


def to_model(union: FeatureUnion, model: LogisticRegression) -> Model:
    chars, words = (vectoriser for _, vectoriser in union.transformer_list)
    return Model(
        char_vocabulary=_terms(chars), char_idf=chars.idf_,
        word_vocabulary=_terms(words), word_idf=words.idf_,
        coef=model.coef_.T.copy(), intercept=model.intercept_.copy(), classes=tuple(model.classes_),
        threshold=1.0,
    )


def _terms(vectoriser: TfidfVectorizer) -> tuple[str, ...]:
    terms = [""] * len(vectoriser.vocabulary_)
    for term, index in vectoriser.vocabulary_.items():
        terms[index] = term
    return tuple(terms)


@dataclass(frozen=True)
class Figures:
    recall: float
    false_positive_rate: float

    def __str__(self) -> str:
        return f"recall {self.recall:.3f}, false positives {self.false_positive_rate:.3f}"


def figures(examples: list[Example], flagged: list[set[str]]) -> Figures:
    urgent = [(e, f) for e, f in zip(examples, flagged, strict=True) if e.categories]
    ordinary = [f for e, f in zip(examples, flagged, strict=True) if not e.categories]
    hits = sum(bool(f & set(e.categories)) for e, f in urgent)
    return Figures(hits / len(urgent), sum(bool(f) for f in ordinary) / len(ordinary))


def rules_flags(examples: list[Example]) -> list[set[str]]:
    return [{c.value for c in assess_by_rules(e.text).categories} for e in examples]


def cross_validated_probabilities(examples: list[Example]) -> tuple[tuple[str, ...], np.ndarray]:
    """Each example's class probabilities from a model fitted on the other four folds."""
    labels = [e.label for e in examples]
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=12)
    probabilities = np.zeros((len(examples), len(set(labels))))
    classes: tuple[str, ...] = ()
    for train, test in folds.split(np.zeros(len(labels)), labels):
        model = fit([examples[i].text for i in train], [labels[i] for i in train])
        classes = model.classes
        for i in test:
            probabilities[i] = model.probabilities(normalise(examples[i].text))
    return classes, probabilities


def choose_threshold(examples: list[Example], report: bool = False) -> float:
    classes, probabilities = cross_validated_probabilities(examples)
    rules = rules_flags(examples)
    if report:
        print(f"{len(examples)} tuning examples; rules alone (written on all of them, so not "
              f"cross-validated): {figures(examples, rules)}")
    best: tuple[float, float] | None = None
    for threshold in THRESHOLDS:
        model_flags = [categories_for(classes, row, threshold) for row in probabilities]
        alone = figures(examples, model_flags)
        both = figures(examples, [r | m for r, m in zip(rules, model_flags, strict=True)])
        if report:
            print(f"threshold {threshold:.3f}: classifier alone {alone}; rules or classifier {both}")
        if both.false_positive_rate <= MAX_CV_FALSE_POSITIVES and (best is None or both.recall > best[1]):
            best = (threshold, both.recall)
    if best is None:
        raise SystemExit("no threshold keeps cross-validated false positives low enough")
    if report:
        print(f"chosen threshold {best[0]:.3f}")
    return best[0]


def train(corpus: Path = CORPUS, report: bool = False) -> Model:
    examples = tuning_examples(corpus)
    threshold = choose_threshold(examples, report)
    model = fit([e.text for e in examples], [e.label for e in examples])
    return model.with_threshold(threshold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    assert {c.value for c in RiskCategory} | {ORDINARY} >= set()  # the classes are risk categories
    train(args.corpus, args.report).save(args.output)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
