"""A small text classifier beside the safeguarding rules, read from ``data/classifier.npz``.

The rules (:mod:`survey.safeguarding.lexicon`) catch the phrasings they were written for; on fresh
wording they caught about two urgent messages in three. This linear model, trained on the same tuning
rows (``python -m survey.safeguarding.train``), reads TF-IDF weighted character n-grams (2 to 5 letters
inside each word, so misspellings and mixed languages still share pieces with known words) and word
n-grams (1 and 2 words) of the normalised text, and gives a probability for each risk category and for
"ordinary". :func:`survey.safeguarding.risk.assess` flags a category when the rules match or its
probability is above the threshold chosen by cross-validation on the tuning rows.

The model is stored as plain arrays (no pickle) and read with numpy alone, once, on first use or at
:func:`warm_up`. It computes exactly what scikit-learn's ``TfidfVectorizer`` and
``LogisticRegression.predict_proba`` would (a test checks this against a fresh training run).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).resolve().parent / "data" / "classifier.npz"
ORDINARY = "ordinary"
CHAR_NGRAMS = (2, 5)
WORD_NGRAMS = (1, 2)


def char_ngrams(words: list[str]) -> Counter[str]:
    """scikit-learn's ``char_wb`` n-grams: each word padded with a space, then 2 to 5 letters at a time."""
    grams: list[str] = []
    low, high = CHAR_NGRAMS
    for word in words:
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            if n >= length:
                grams.append(padded)  # a short word counts once as a whole, as scikit-learn does
                break
            grams += [padded[i:i + n] for i in range(length - n + 1)]
    return Counter(grams)


def word_ngrams(words: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter(words)
    counts.update(f"{first} {second}" for first, second in zip(words, words[1:], strict=False))
    return counts


@dataclass(frozen=True, eq=False)
class Model:
    """TF-IDF vocabularies and weights, and a multinomial logistic regression over their union."""

    char_vocabulary: tuple[str, ...]
    char_idf: np.ndarray
    word_vocabulary: tuple[str, ...]
    word_idf: np.ndarray
    coef: np.ndarray  # (characters + words) x classes
    intercept: np.ndarray
    classes: tuple[str, ...]
    threshold: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "_chars", {term: i for i, term in enumerate(self.char_vocabulary)})
        offset = len(self.char_vocabulary)
        object.__setattr__(self, "_words", {term: offset + i for i, term in enumerate(self.word_vocabulary)})
        object.__setattr__(self, "_idf", np.concatenate([self.char_idf, self.word_idf]))

    def with_threshold(self, threshold: float) -> Model:
        return replace(self, threshold=threshold)

    def _block(self, counts: Counter[str], vocabulary: dict[str, int]) -> tuple[list[int], np.ndarray]:
        indices, tf = [], []
        for term, count in counts.items():
            index = vocabulary.get(term)
            if index is not None:
                indices.append(index)
                tf.append(1.0 if count == 1 else 1 + math.log(count))
        if not indices:
            return [], np.zeros(0)
        weights = np.array(tf) * self._idf[indices]
        return indices, weights / np.sqrt(weights @ weights)

    def probabilities(self, normalised: str) -> np.ndarray:
        """Each class's probability for text already passed through ``normalise``."""
        words = normalised.split()
        char_indices, char_weights = self._block(char_ngrams(words), self._chars)  # type: ignore[attr-defined]
        word_indices, word_weights = self._block(word_ngrams(words), self._words)  # type: ignore[attr-defined]
        scores = self.intercept + np.concatenate([char_weights, word_weights]) @ self.coef[
            char_indices + word_indices]
        scores = np.exp(scores - scores.max())
        return scores / scores.sum()

    def categories(self, normalised: str) -> set[str]:
        return categories_for(self.classes, self.probabilities(normalised), self.threshold)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            np.savez_compressed(
                file, char_vocabulary=np.array(self.char_vocabulary), char_idf=self.char_idf,
                word_vocabulary=np.array(self.word_vocabulary), word_idf=self.word_idf,
                coef=self.coef.astype(np.float32), intercept=self.intercept, classes=np.array(self.classes),
                threshold=np.array(self.threshold),
            )

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> Model:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                char_vocabulary=tuple(data["char_vocabulary"].tolist()), char_idf=data["char_idf"],
                word_vocabulary=tuple(data["word_vocabulary"].tolist()), word_idf=data["word_idf"],
                coef=data["coef"].astype(np.float64), intercept=data["intercept"],
                classes=tuple(data["classes"].tolist()), threshold=float(data["threshold"]),
            )


def categories_for(classes: tuple[str, ...], probabilities: np.ndarray, threshold: float) -> set[str]:
    """The risk categories whose probability is above ``threshold``."""
    return {c for c, p in zip(classes, probabilities, strict=True) if c != ORDINARY and p > threshold}


@cache
def model() -> Model:
    """The shipped model, loaded once per process."""
    return Model.load()


def warm_up() -> None:
    """Load the model now: a server calls this before its workers fork, so they share it."""
    model().categories("warm up")
