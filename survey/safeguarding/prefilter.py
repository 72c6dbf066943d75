"""Which patterns are worth running on a text: a word index built from the patterns themselves.

Running every pattern over every message costs most of :func:`survey.safeguarding.risk.assess`'s time,
and most patterns cannot match most messages: "threat_to_life" needs a word like "kill" or "batter".
For each compiled pattern, :func:`required_prefixes` reads its parsed form and finds a set of word
beginnings of which any match must contain at least one ("kil", "batter", ...). :class:`PatternIndex`
then runs only the patterns whose word beginnings occur in the text. The analysis is conservative: when
it cannot prove a pattern needs some word, the pattern always runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import product

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_SPACE = ord(" ")
_SPACE_ITEM = (sre_constants.LITERAL, _SPACE)
_MAX_STRINGS = 400  # expanding a finite part of a pattern beyond this gives up on that part
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
# Words too common to narrow anything down: a requirement made of these is ranked last.
_COMMON = frozenset(
    """
    i me my he she they we you to a an the in at on of and is am are it him her us them be for with
    so or not do did get got go was were has have had this that there where when what who how why
    would could should will can more some any all just like because but if out up down over off
    after before about from by into then than now still too also very really here one two no yes
    your his our their these those been being does done going come came want need make made take
    took see saw said says say tell told know think feel time day night home town school people
    police safe every
    """.split()
)
Requirement = frozenset[str]


def _strings(items: Sequence) -> set[str] | None:
    """Every string a run of parsed items can match, or None when that is infinite or too many."""
    results = {""}
    for op, av in items:
        if op is sre_constants.LITERAL:
            options = {chr(av)}
        elif op in _ZERO_WIDTH:
            continue
        elif op is sre_constants.IN:
            options = _characters(av)
        elif op is sre_constants.SUBPATTERN:
            options = _strings(av[-1])
        elif op is sre_constants.BRANCH:
            options = set()
            for branch in av[1]:
                branch_strings = _strings(branch)
                if branch_strings is None:
                    return None
                options |= branch_strings
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            body = _strings(av[2])
            options = None if body is None else body | {""}
        else:
            return None
        if options is None or len(results) * len(options) > _MAX_STRINGS:
            return None
        results = {a + b for a, b in product(results, options)}
    return results


def _characters(members: Sequence) -> set[str] | None:
    """The characters a small class like ``[2-9]`` matches, or None for a negated, named or large class."""
    chars: set[str] = set()
    for kind, value in members:
        if kind is sre_constants.LITERAL:
            chars.add(chr(value))
        elif kind is sre_constants.RANGE and value[1] - value[0] < 26:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        else:
            return None
    return chars


def _word_starts(strings: set[str], starts_at_word: bool) -> Requirement | None:
    """One word beginning from each string (the most telling), or None if a string has none."""
    chosen = set()
    for text in strings:
        words = text.split(" ")
        candidates = [word for i, word in enumerate(words) if word and (i > 0 or starts_at_word)]
        if not candidates:
            return None
        chosen.add(max(candidates, key=lambda word: (word not in _COMMON, len(word))))
    return frozenset(chosen)


def _score(requirement: Requirement) -> tuple[int, int, int]:
    """Higher is more telling: fewer common words, then longer words, then fewer of them."""
    common = sum(word in _COMMON for word in requirement)
    rare = [len(word) for word in requirement if word not in _COMMON]
    return (-common, min(rare, default=0), -len(requirement))


def _run_requirements(run: list, run_at_word: bool) -> list[Requirement]:
    """Requirements from a run of finite items: the run as a whole, and each word in it on its own.

    A single word is small enough to expand when the whole run is not.
    """
    found: list[Requirement] = []
    strings = _strings(run) if run else None
    if strings and "" not in strings:
        requirement = _word_starts(strings, run_at_word)
        if requirement:
            found.append(requirement)
    for i in range(len(run)):
        if not (run[i - 1] == _SPACE_ITEM if i else run_at_word):
            continue
        end = next((j for j in range(i + 1, len(run)) if run[j] == _SPACE_ITEM), len(run))
        part = _strings(run[i:end]) or _strings(run[i:i + 1])
        if part and "" not in part:
            requirement = _word_starts(part, True)
            if requirement:
                found.append(requirement)
    return found


def _item_requirement(item: tuple, after_space: bool) -> Requirement | None:
    """The requirement of one item that is not finite: a group, a choice, or a repeat of at least one."""
    op, av = item
    if op is sre_constants.SUBPATTERN:
        return _requirement(av[-1], after_space)
    if op is sre_constants.BRANCH:
        alternatives = [_requirement(branch, after_space) for branch in av[1]]
        return frozenset().union(*alternatives) if all(alternatives) else None
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
        return _requirement(av[2])
    return None


def _requirement(items: Sequence, starts_at_word: bool = False) -> Requirement | None:
    """A set of word beginnings of which every match of ``items`` contains one, or None."""
    found: list[Requirement] = []
    run: list = []
    run_at_word = starts_at_word
    for item in items:
        if _strings([item]) is not None:
            run.append(item)
            continue
        found += _run_requirements(run, run_at_word)
        inner = _item_requirement(item, _ends_with_space(run) if run else run_at_word)
        if inner:
            found.append(inner)
        run, run_at_word = [], False
    found += _run_requirements(run, run_at_word)
    return max(found, key=_score) if found else None


def _ends_with_space(run: list) -> bool:
    return bool(run) and run[-1] == _SPACE_ITEM


def required_prefixes(pattern: re.Pattern[str]) -> Requirement | None:
    """Word beginnings of which any match of ``pattern`` contains one; None when none can be proven."""
    return _requirement(sre_parse.parse(pattern.pattern))


class PatternIndex:
    """Picks the patterns worth running on a text from the words it contains."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self._always: set[int] = set()
        self._by_prefix: dict[str, set[int]] = {}
        for number, pattern in enumerate(patterns):
            requirement = required_prefixes(pattern)
            if requirement is None:
                self._always.add(number)
                continue
            for prefix in requirement:
                self._by_prefix.setdefault(prefix, set()).add(number)
        self._longest = max((len(prefix) for prefix in self._by_prefix), default=0)

    def candidates(self, words: str) -> list[int]:
        """Numbers of the patterns that may match the space-separated ``words``, in pattern order."""
        chosen = set(self._always)
        by_prefix = self._by_prefix
        for word in set(words.split()):
            for end in range(1, min(len(word), self._longest) + 1):
                numbers = by_prefix.get(word[:end])
                if numbers:
                    chosen |= numbers
        return sorted(chosen)
