"""Matching another tool's headers to questions and its answers to options, without guessing.

Headers match a question by its id or its text, after :func:`normalise` (case, spaces, punctuation and
numbering such as ``Q3.``, ``3)`` or ``Question 3:``). A grid header, ``Question [Option]`` (Google
Forms), ``Question - Option`` or ``Question: Option``, matches the question and one of its options, or
a rank (``Rank 1``, ``1st choice``). Answers match an option by its value or its label. Anything that
does not match exactly is left unmatched, with the closest candidates (:func:`closest`) to show.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from survey.definitions.definition import Definition, Question
from survey.question_types.base import OTHER

_NUMBERING = re.compile(r"^\s*(?:(?:q|question)\s*\d+[a-z]?\b\s*[.):\-–]?|\d+[a-z]?\s*[.):\-–])\s*")
_NOT_WORD = re.compile(r"[^\w]+")
_GRID_SEPARATORS = (" - ", " – ", ": ", " : ")
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}
_RANK = re.compile(r"^(?:rank(?:ed)?\s*)?(\d+)\s*(?:st|nd|rd|th)?(?:\s*(?:choice|place|priority|rank))?$")
_OTHER_LABELS = frozenset({"other", "other please specify", "other please state", "other specify"})


def normalise(text: str) -> str:
    """``"Q3. How safe do you feel?"`` -> ``"how safe do you feel"``; curly quotes and accents kept apart."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").lower().strip()
    text = _NUMBERING.sub("", text, count=1)
    text = text.replace("'", "")
    return _NOT_WORD.sub(" ", text).replace("_", " ").strip()


@dataclass(frozen=True)
class HeaderMatch:
    """What a header holds: a whole question, or one option's (or one rank's) part of a grid."""

    question: Question
    option: str | None = None
    rank: int | None = None


def question_named(definition: Definition, text: str) -> Question | None:
    """The question whose id or text is ``text`` (after :func:`normalise`), or ``None``."""
    wanted = normalise(text)
    for question in definition.questions:
        if text.strip() == question.id or wanted in (normalise(question.text), normalise(question.id)):
            return question
    return None


def match_header(definition: Definition, header: str) -> HeaderMatch | None:
    """The question (and option or rank) ``header`` names, or ``None`` when nothing matches exactly."""
    question = question_named(definition, header)
    if question is not None:
        return HeaderMatch(question)
    for stem, part in _grid_splits(header):
        question = question_named(definition, stem)
        if question is None or not question.all_options:
            continue
        option = option_for(question, part)
        if option is not None:
            return HeaderMatch(question, option=option)
        rank = rank_of(part)
        if rank is not None:
            return HeaderMatch(question, rank=rank)
    return None


def _grid_splits(header: str) -> list[tuple[str, str]]:
    text = header.strip()
    splits = []
    if text.endswith("]") and "[" in text:
        at = text.rindex("[")
        splits.append((text[:at], text[at + 1 : -1]))
    for separator in _GRID_SEPARATORS:
        start = text.find(separator)
        while start > 0:
            splits.append((text[:start], text[start + len(separator) :]))
            start = text.find(separator, start + 1)
    return splits


def option_for(question: Question, text: str) -> str | None:
    """The value of the option of ``question`` whose value or label is ``text``, or ``None``."""
    raw = text.strip()
    wanted = normalise(raw)
    if not wanted:
        return None
    for option in question.all_options:
        if raw == option.value or wanted in (normalise(option.label), normalise(option.value)):
            return option.value
    if getattr(question, "other", False) and wanted in _OTHER_LABELS:
        return OTHER
    return None


def rank_of(text: str) -> int | None:
    """``"1"``, ``"1st"``, ``"Rank 1"``, ``"First choice"`` -> 1; anything else -> ``None``."""
    wanted = normalise(text)
    words = wanted.split()
    if words and words[0] in _ORDINALS and len(words) <= 2:
        return _ORDINALS[words[0]]
    found = _RANK.match(wanted)
    return int(found.group(1)) if found and int(found.group(1)) > 0 else None


def closest(text: str, choices: dict[str, str], count: int = 3) -> list[str]:
    """Up to ``count`` of ``choices`` (``{candidate: how to show it}``) nearest to ``text``, best first."""
    by_normal: dict[str, str] = {}
    for candidate, shown in choices.items():
        by_normal.setdefault(normalise(candidate), shown)
    found = difflib.get_close_matches(normalise(text), list(by_normal), n=count * 2, cutoff=0.45)
    shown_once: list[str] = []
    for match in found:
        if by_normal[match] not in shown_once:
            shown_once.append(by_normal[match])
    return shown_once[:count]


def question_choices(definition: Definition) -> dict[str, str]:
    """Every question's id and text, each shown as ``'text' (id)``, for :func:`closest`."""
    choices: dict[str, str] = {}
    for question in definition.questions:
        shown = f"'{question.text}' ({question.id})"
        choices[question.text] = shown
        choices[question.id] = shown
    return choices


def option_choices(question: Question) -> dict[str, str]:
    """Every option's value and label, each shown as its label, for :func:`closest`."""
    choices: dict[str, str] = {}
    for option in question.all_options:
        choices[option.label] = f"'{option.label}'"
        choices[option.value] = f"'{option.label}'"
    return choices
