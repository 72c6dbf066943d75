"""Themes in free text: what people say most often, with key phrases and example quotes.

A pure function over a list of answers (:func:`find_themes`), in the manner of i-dot-ai's
themefinder, but with no language model: answers are weighed with TF-IDF (words and two-word phrases,
English stop words left out) and split into topics with non-negative matrix factorisation (NMF,
scikit-learn, deterministic ``nndsvda`` start), so the same answers always give the same themes, and
nothing leaves the machine. Each answer belongs to the theme it loads on most; one that loads on none
(no shared vocabulary) is left unthemed.

Themes are a starting point for an officer reading the answers, not a finding: their names are just
their top words. Urgent answers (each answer's own flag, ``FreeTextItem.urgent``, not its response's)
are never used as example quotes; they are listed first, separately, so an officer sees them before
anything else.

Large consultations are themed on at most ``sample_limit`` answers (the newest), which is stated in
the result and in the report's method notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.free_text import FreeTextItem

MIN_ANSWERS = 5
"""Fewer answers than this are listed, not themed: there is nothing to generalise from."""
QUOTE_MAX_LENGTH = 280


@dataclass(frozen=True)
class Theme:
    name: str
    key_phrases: tuple[str, ...]
    count: int
    """Answers whose strongest theme this is."""
    examples: tuple[FreeTextItem, ...]


@dataclass(frozen=True)
class ThemeResult:
    themes: tuple[Theme, ...]
    key_phrases: tuple[str, ...]
    """The most weighty two-word phrases across all answers (single words if there are none)."""
    analysed: int
    unthemed: int
    urgent: tuple[FreeTextItem, ...]
    """Urgent answers, to be read first; never used as examples."""


def quote(text: str, limit: int = QUOTE_MAX_LENGTH) -> str:
    """The text shortened to ``limit`` characters at a word boundary, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def find_themes(items: Sequence[FreeTextItem], *, max_themes: int = 6, examples: int = 3) -> ThemeResult:
    """Group free-text answers into at most ``max_themes`` themes (see the module docstring)."""
    urgent = tuple(item for item in items if item.urgent)
    texts = [item.text for item in items if item.text and item.text.strip()]
    if len(texts) < MIN_ANSWERS:
        return ThemeResult((), (), len(texts), len(texts), urgent)
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(
        stop_words="english", ngram_range=(1, 2), sublinear_tf=True, min_df=2 if len(texts) >= 20 else 1,
        max_df=0.9 if len(texts) >= 20 else 1.0, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b",
        max_features=5000,
    )
    try:
        weights = vectoriser.fit_transform(texts)
    except ValueError:  # every word a stop word, or too rare: no vocabulary
        return ThemeResult((), (), len(texts), len(texts), urgent)
    terms = np.array(vectoriser.get_feature_names_out())
    # About one theme per eight answers, at least two once there are ten, at most max_themes.
    wanted = max(2, len(texts) // 8) if len(texts) >= 10 else 1
    n_themes = max(1, min(max_themes, wanted, weights.shape[1]))
    model = NMF(n_components=n_themes, init="nndsvda", random_state=0, max_iter=500)
    loadings = model.fit_transform(weights)
    texted = [item for item in items if item.text and item.text.strip()]
    strongest = loadings.argmax(axis=1)
    has_theme = loadings.max(axis=1) > 1e-9
    themes = []
    for index in range(n_themes):
        members = np.flatnonzero(has_theme & (strongest == index))
        if not len(members):
            continue
        top_terms = tuple(str(term) for term in terms[np.argsort(-model.components_[index])[:6]])
        ranked = members[np.argsort(-loadings[members, index], kind="stable")]
        chosen = [texted[i] for i in ranked if not texted[i].urgent][:examples]
        themes.append(Theme(name=", ".join(top_terms[:3]), key_phrases=top_terms, count=len(members),
                            examples=tuple(chosen)))
    themes.sort(key=lambda theme: (-theme.count, theme.name))
    return ThemeResult(
        themes=tuple(themes), key_phrases=_key_phrases(weights, terms), analysed=len(texts),
        unthemed=int((~has_theme).sum()), urgent=urgent,
    )


def _key_phrases(weights, terms: np.ndarray, count: int = 10) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    totals = np.asarray(weights.sum(axis=0)).ravel()
    order = np.argsort(-totals, kind="stable")
    phrases = [str(terms[i]) for i in order if " " in terms[i] and totals[i] > 0]
    if not phrases:
        phrases = [str(terms[i]) for i in order if totals[i] > 0]
    return tuple(phrases[:count])
