"""Themes in free text: what people say most often, named in their words, with quotes that show the range.

A pure function over a list of answers (:func:`find_themes`), in the manner of i-dot-ai's
themefinder, but with no language model and nothing downloaded: answers are weighed with TF-IDF
(words and two-word phrases, English stop words left out) and split into topics with non-negative
matrix factorisation (NMF, scikit-learn, deterministic ``nndsvda`` start), so the same answers always
give the same themes, and nothing leaves the machine. Each answer belongs to the theme it loads on
most; one that loads on none (no shared vocabulary) is left unthemed.

**Name.** A theme is named by the phrase of one to four words (not starting or ending with a stop
word) that the most of its answers use and the fewest answers of other themes use, longer phrases
preferred when nearly as common: "Street lighting", "Police patrols at night". A theme with no
phrase that at least two of its answers (and a sixth of them) share is named by its most typical
short answer instead, trimmed. Its top TF-IDF terms are kept as ``key_phrases``.

**Quotes.** The first quote is the theme's most typical answer (the one that loads on it most); each
next one is the answer farthest from those already chosen (farthest-point sampling over the TF-IDF
vectors), so the quotes show the range of the theme rather than three ways of saying one thing.
Exact and near duplicates (character n-gram similarity of :data:`NEAR_DUPLICATE` or more, which
catches "More police patrols at night!" against "more police patrols at nite please") are never
quoted twice.

**Counts.** Each theme has its count and its share of the answers analysed; the shares and the
unthemed share add up to 100. The answers analysed are the question's base (everyone who answered
it) unless the consultation was large enough to be themed on a sample (``ThemeResult.sampled``).

Themes are a starting point for an officer reading the answers, not a finding. Urgent answers (each
answer's own flag, ``FreeTextItem.urgent``, not its response's) are counted in their theme but never
quoted; they are listed first, separately, so an officer sees them before anything else.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.free_text import FreeTextItem
from analysis.intervals import round_half_up

MIN_ANSWERS = 5
"""Fewer answers than this are listed, not themed: there is nothing to generalise from."""
QUOTE_MAX_LENGTH = 280
NAME_MAX_LENGTH = 60
"""Characters of an answer kept when it names its theme."""
NAME_LONGEST_PHRASE = 4
NEAR_DUPLICATE = 0.8
"""Cosine similarity of character 3-5-gram counts at or above which two answers count as the same quote: a
word or two added, changed or misspelt ("at night" and "at nite please"), or one inside the other."""
RANGE_WEIGHT = 0.5
"""How much a quote is chosen for being unlike those already chosen, against being typical of its theme."""
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_ANY_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True)
class Theme:
    name: str
    """A short phrase many of its answers use, in sentence case (see the module docstring)."""
    key_phrases: tuple[str, ...]
    """Its most weighty TF-IDF words and two-word phrases."""
    count: int
    """Answers whose strongest theme this is."""
    examples: tuple[FreeTextItem, ...]
    """Distinct quotes, most typical first, then chosen to show the theme's range; never urgent."""
    share: float = 0.0
    """``count`` as a percentage of the answers analysed (one decimal place)."""


@dataclass(frozen=True)
class ThemeResult:
    themes: tuple[Theme, ...]
    key_phrases: tuple[str, ...]
    """The most weighty two-word phrases across all answers (single words if there are none)."""
    analysed: int
    """Answers themed: the base, or the sample of it when ``sampled``."""
    unthemed: int
    urgent: tuple[FreeTextItem, ...]
    """Urgent answers, to be read first; never used as examples."""
    base: int = 0
    """How many answered the question (at least ``analysed``)."""

    @property
    def sampled(self) -> bool:
        """Whether the themes were found in a sample of the answers (the newest), not all of them."""
        return self.analysed < self.base

    @property
    def unthemed_share(self) -> float:
        """Unthemed answers as a percentage of the answers analysed."""
        return _share(self.unthemed, self.analysed)


def quote(text: str, limit: int = QUOTE_MAX_LENGTH) -> str:
    """The text shortened to ``limit`` characters at a word boundary, with an ellipsis if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def find_themes(
    items: Sequence[FreeTextItem], *, max_themes: int = 6, examples: int = 3, base: int | None = None,
    language: str = "en",
) -> ThemeResult:
    """Group free-text answers into at most ``max_themes`` themes (see the module docstring).

    ``base`` is how many answered the question when ``items`` is a sample of their answers. Answers
    in one ``language`` are themed together (:func:`themes_by_language` splits them): English leaves
    out English stop words; another language keeps every word of two letters or more, in any script.
    """
    urgent = tuple(item for item in items if item.urgent)
    texted = [item for item in items if item.text and item.text.strip()]
    base = max(base or 0, len(texted))

    def unthemed() -> ThemeResult:
        return ThemeResult((), (), len(texted), len(texted), urgent, base)

    if len(texted) < MIN_ANSWERS:
        return unthemed()
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [item.text for item in texted]
    many = len(texts) >= 20
    english = language == "en"
    vectoriser = TfidfVectorizer(
        stop_words="english" if english else None, ngram_range=(1, 2), sublinear_tf=True,
        min_df=2 if many else 1, max_df=0.9 if many else 1.0, max_features=5000,
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b" if english else r"(?u)\b\w\w+\b",
    )
    try:
        weights = vectoriser.fit_transform(texts)
    except ValueError:  # every word a stop word, or too rare: no vocabulary
        return unthemed()
    terms = np.array(vectoriser.get_feature_names_out())
    # About one theme per eight answers, at least two once there are ten, at most max_themes.
    wanted = max(2, len(texts) // 8) if len(texts) >= 10 else 1
    n_themes = max(1, min(max_themes, wanted, weights.shape[1]))
    model = NMF(n_components=n_themes, init="nndsvda", random_state=0, max_iter=500)
    loadings = model.fit_transform(weights)
    strongest = loadings.argmax(axis=1)
    has_theme = loadings.max(axis=1) > 1e-9
    memberships = [np.flatnonzero(has_theme & (strongest == index)) for index in range(n_themes)]
    # Most typical first: by loading on the theme, ties in the order given (newest first).
    ranked = [members[np.argsort(-loadings[members, index], kind="stable")]
              for index, members in enumerate(memberships)]
    namer = _Namer([_words(text, english) for text in texts], strongest, has_theme)
    picker = _QuotePicker(texted, weights, english)
    themes = []
    for index, members in enumerate(ranked):
        if not len(members):
            continue
        top = np.argsort(-model.components_[index], kind="stable")[:6]
        top_terms = tuple(str(term) for term in terms[top])
        fallback = _typical_short_answer([texts[i] for i in members]) or top_terms[0]
        themes.append(Theme(
            name=namer.name(index, fallback), key_phrases=top_terms, count=len(members),
            examples=tuple(texted[i] for i in picker.pick(list(members), loadings[members, index], examples)),
            share=_share(len(members), len(texts)),
        ))
    themes.sort(key=lambda theme: (-theme.count, theme.name))
    return ThemeResult(
        themes=tuple(themes), key_phrases=_key_phrases(weights, terms), analysed=len(texts),
        unthemed=int((~has_theme).sum()), urgent=urgent, base=base,
    )


def themes_by_language(items: Sequence[FreeTextItem], *, base: int | None = None) -> dict[str, ThemeResult]:
    """Themes found apart for the answers in each language (English first), so that words in Welsh,
    Polish or Urdu are neither dropped nor mixed into English themes. ``base`` is the English base when
    the items are a sample (other languages are themed whole)."""
    grouped: dict[str, list[FreeTextItem]] = {}
    for item in items:
        grouped.setdefault(item.language, []).append(item)
    order = sorted(grouped, key=lambda code: (code != "en", code))
    return {code: find_themes(grouped[code], base=base if code == "en" else None, language=code)
            for code in order}


def _share(count: int, total: int) -> float:
    return round_half_up(100 * count / total, 1) if total else 0.0


def _words(text: str, english: bool = True) -> list[str]:
    return (_WORD if english else _ANY_WORD).findall(text.lower().replace("\u2019", "'"))


def _phrases(words: list[str]) -> set[tuple[str, ...]]:
    """Every phrase of one to four words in ``words`` that neither starts nor ends with a stop word."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    found = set()
    for length in range(1, NAME_LONGEST_PHRASE + 1):
        for start in range(len(words) - length + 1):
            phrase = tuple(words[start : start + length])
            if phrase[0] not in ENGLISH_STOP_WORDS and phrase[-1] not in ENGLISH_STOP_WORDS:
                found.add(phrase)
    return found


class _Namer:
    """Names each theme by its most representative phrase, never the same name twice."""

    def __init__(self, words: list[list[str]], strongest: np.ndarray, has_theme: np.ndarray) -> None:
        self._phrases = [_phrases(answer) for answer in words]
        self._strongest = strongest
        self._has_theme = has_theme
        self._everywhere: Counter[tuple[str, ...]] = Counter()
        for phrases in self._phrases:
            self._everywhere.update(phrases)
        self._used: set[str] = set()

    def name(self, index: int, fallback: str) -> str:
        members = np.flatnonzero(self._has_theme & (self._strongest == index))
        inside: Counter[tuple[str, ...]] = Counter()
        for member in members:
            inside.update(self._phrases[member])
        needed = max(2, -(-len(members) // 6)) if len(members) > 1 else 1

        def score(phrase: tuple[str, ...]) -> tuple[float, int, str]:
            support = inside[phrase] / len(members)
            precision = inside[phrase] / self._everywhere[phrase]
            # A longer phrase reads as a theme ("police patrols at night"), a single word as a tag.
            return support * precision * (1 + 0.5 * (len(phrase) - 1)), len(phrase), " ".join(phrase)

        candidates = sorted((phrase for phrase, n in inside.items() if n >= needed), key=score, reverse=True)
        for phrase in candidates:
            name = _sentence_case(" ".join(phrase))
            if name not in self._used:
                self._used.add(name)
                return name
        name = _sentence_case(fallback)
        self._used.add(name)
        return name


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _typical_short_answer(texts: list[str]) -> str:
    """The first (most typical) answer that is short enough to be a name, or the first trimmed."""
    for text in texts:
        if len(" ".join(text.split())) <= NAME_MAX_LENGTH:
            return " ".join(text.split()).rstrip(".!")
    return quote(texts[0], NAME_MAX_LENGTH) if texts else ""


class _QuotePicker:
    """Distinct quotes that show a theme's range: farthest-point sampling, near duplicates skipped."""

    def __init__(self, items: list[FreeTextItem], weights, english: bool = True) -> None:  # type: ignore[no-untyped-def]
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._items = items
        self._english = english
        self._words = weights  # rows are L2-normalised, so a dot product is the cosine similarity
        normalised = [" ".join(_words(item.text, english)) or item.text.lower() for item in items]
        # Counts, not TF-IDF: rare character runs are exactly where a misspelling differs.
        self._characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), use_idf=False,
                                           lowercase=False).fit_transform(normalised)

    def pick(self, ranked: list[int], loadings: np.ndarray, limit: int) -> list[int]:
        """Up to ``limit`` of the ``ranked`` answers (most typical first, ``loadings`` on the theme
        in the same order) to quote."""
        keep = [n for n, i in enumerate(ranked) if not self._items[i].urgent]
        # Quote what says something: an answer of three words or more, unless there are none.
        substantive = [n for n in keep if len(_words(self._items[ranked[n]].text, self._english)) >= 3]
        keep = substantive or keep
        if not keep or limit < 1:
            return []
        pool = np.array([ranked[n] for n in keep], dtype=int)
        relevance = loadings[keep] / max(float(loadings[keep[0]]), 1e-12)
        chosen = [int(pool[0])]
        pool, relevance = pool[1:], relevance[1:]
        while len(chosen) < limit and len(pool):
            twins = (self._characters[pool] @ self._characters[chosen].T).toarray().max(axis=1)
            distinct = twins < NEAR_DUPLICATE
            pool, relevance = pool[distinct], relevance[distinct]
            if not len(pool):
                break
            nearest = (self._words[pool] @ self._words[chosen].T).toarray().max(axis=1)
            # Farthest from the quotes chosen, weighed against how typical of the theme it is
            # (maximal marginal relevance), so the range shown is the theme's, not its misfits'.
            gain = RANGE_WEIGHT * (1 - nearest) + (1 - RANGE_WEIGHT) * relevance
            best = int(np.argmax(gain))  # the first of equals: the most typical
            chosen.append(int(pool[best]))
            pool, relevance = np.delete(pool, best), np.delete(relevance, best)
        return chosen


def _key_phrases(weights, terms: np.ndarray, count: int = 10) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    totals = np.asarray(weights.sum(axis=0)).ravel()
    order = np.argsort(-totals, kind="stable")
    phrases = [str(terms[i]) for i in order if " " in terms[i] and totals[i] > 0]
    if not phrases:
        phrases = [str(terms[i]) for i in order if totals[i] > 0]
    return tuple(phrases[:count])
