"""Urgent-risk detection for free text from young people and residents.

:func:`assess` runs on every free-text message (the bot's and the web form's). It is rule-based so an
officer can see why a message was flagged: the text is normalised (:func:`normalise`), then a table of
named patterns is searched. Missing a real risk is much worse than a false alarm, so the patterns lean
towards flagging; a few cheap exemptions cover idioms and consultation phrases ("knife crime", "die my
hair", "in danger of failing maths") that would otherwise be flagged every day. Patterns are written in
ordinary spelling and pass through the same letter-collapsing as the text ("kiiill", "kill" -> "kil").

Measured by ``tests/unit/safeguarding_corpus.yaml``: add a phrase there before adding a pattern.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from survey.safeguarding.lexicon import EXEMPTIONS, PATTERNS, TEXT_SPEAK

if TYPE_CHECKING:
    from survey.signposting.services import ServicesDirectory


class RiskCategory(StrEnum):
    """Kinds of urgent risk; each leads the reply with different helplines."""

    IMMEDIATE_DANGER = "immediate_danger"
    WEAPONS = "weapons"
    SELF_HARM = "self_harm"  # self-harm or suicide
    ABUSE_AT_HOME = "abuse_at_home"
    EXPLOITATION = "exploitation"  # gangs, county lines, being made to carry or sell, sexual exploitation


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """What :func:`assess` found. ``matched`` holds pattern names, never the person's words."""

    urgent: bool
    categories: frozenset[RiskCategory]
    matched: tuple[str, ...] = ()


NOT_URGENT = RiskAssessment(urgent=False, categories=frozenset())

# --- normalising -----------------------------------------------------------------------------------


_REPEATED_LETTER = re.compile(r"([a-z])\1+")


def _collapse(text: str) -> str:
    return _REPEATED_LETTER.sub(r"\1", text)


_EMOJI = {"\N{HOCHO}": " knife ", "\N{DAGGER KNIFE}": " knife ", "\N{PISTOL}": " gun "}
_CONTRACTION = re.compile(r"(?<![a-z])(can|won)[’']t|n[’']t(?![a-z])|[’'](ll|re|ve|m|d)(?![a-z])|[’']")
_CONTRACTED = {"can": "can not", "won": "will not", "ll": " will", "re": " are", "ve": " have", "m": " am",
               "d": " would"}
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s", "!": "i"})
_MAYBE_SPECIAL = re.compile(r"[0134@$!'*._-]")
_HAS_LEET = re.compile(r"[a-z][0134@$!]|[0134@$][a-z]")
_LEET_TOKEN = re.compile(r"[a-z0-9@$!]*[a-z][a-z0-9@$!]*|[@$][a-z0-9@$!]+")
_PUNCTUATION_IN_WORD = re.compile(r"(?<=[a-z])[*.\-_](?=[a-z])")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_TEXT_SPEAK = {_collapse(key): _collapse(value) for key, value in TEXT_SPEAK.items()}


def _expand_contraction(match: re.Match[str]) -> str:
    if match.group(1):
        return _CONTRACTED[match.group(1)]
    if match.group(0)[0] == "n":
        return " not"
    return _CONTRACTED.get(match.group(2) or "", "")


def _unleet(match: re.Match[str]) -> str:
    token = match.group(0)
    if token in TEXT_SPEAK:  # "b4", "m8": text-speak, not leetspeak
        return token
    word = token.rstrip("!")
    return word.translate(_LEET) + token[len(word):]


def normalise(text: str) -> str:
    """Lower-case, de-accented, de-leeted, letter-collapsed words separated by single spaces.

    >>> normalise("He's got a KNIIIFE!! 🔪")
    'he is got a knife knife'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        for emoji, word in _EMOJI.items():
            text = text.replace(emoji, word)
        text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    if _MAYBE_SPECIAL.search(text):  # skip three passes for plain words, the usual case
        text = _CONTRACTION.sub(_expand_contraction, text)
        if _HAS_LEET.search(text):
            text = _LEET_TOKEN.sub(_unleet, text)
        text = _PUNCTUATION_IN_WORD.sub("", text)
    text = _collapse(_NOT_WORD.sub(" ", text))
    return " ".join(_TEXT_SPEAK.get(word, word) for word in text.split())


# --- matching --------------------------------------------------------------------------------------


def _compile(source: str) -> re.Pattern[str]:
    # Matching runs on " words " (padded): a leading literal space lets the regex engine jump from word
    # to word instead of trying every character, which keeps assess() fast.
    return re.compile(rf" (?:{_collapse(source).replace('$', '(?= $)')})(?= )")


_COMPILED_PATTERNS = tuple(
    (name, frozenset(RiskCategory(c) for c in categories), _compile(source))
    for name, categories, source in PATTERNS
)
_ANY_EXEMPTION = _compile("|".join(f"(?:{source})" for source in EXEMPTIONS))


def assess(text: str) -> RiskAssessment:
    """Whether ``text`` suggests someone is at urgent risk, which kinds, and which patterns matched."""
    words = _ANY_EXEMPTION.sub(" #", f" {normalise(text)} ")
    matched: list[str] = []
    categories: set[RiskCategory] = set()
    for name, pattern_categories, pattern in _COMPILED_PATTERNS:
        if pattern.search(words):
            matched.append(name)
            categories |= pattern_categories
    if not categories:
        return NOT_URGENT
    return RiskAssessment(urgent=True, categories=frozenset(categories), matched=tuple(matched))


# --- replying --------------------------------------------------------------------------------------

# Life-threatening first: the order in which categories contribute helplines.
_HELPLINES: dict[RiskCategory, tuple[str, ...]] = {
    RiskCategory.IMMEDIATE_DANGER: ("emergency", "childline"),
    RiskCategory.SELF_HARM: ("samaritans", "shout", "childline"),
    RiskCategory.ABUSE_AT_HOME: ("childline", "national_domestic_abuse_helpline", "nspcc"),
    RiskCategory.EXPLOITATION: ("childline", "fearless", "crimestoppers"),
    RiskCategory.WEAPONS: ("fearless", "crimestoppers", "childline"),
}


def helplines_for(assessment: RiskAssessment) -> list[str]:
    """Service ids to lead the first reply with: ``emergency`` first, then each category's helplines.

    Categories contribute in the order immediate danger, self-harm, abuse at home, exploitation,
    weapons; an id already listed is not repeated. Not urgent: an empty list.
    """
    if not assessment.urgent:
        return []
    ids = ["emergency"]
    for category, service_ids in _HELPLINES.items():
        if category in assessment.categories:
            ids.extend(service_id for service_id in service_ids if service_id not in ids)
    return ids


DANGER_LINE = (
    "If you or someone else is in danger right now, call 999. "
    "If you can't speak, call 999 and press 55 when asked."
)
NOT_WATCHED_LINE = "This service is not watched 24/7, so we can't reply straight away."


def urgent_message(assessment: RiskAssessment, services: ServicesDirectory) -> str:
    """The plain-English text that leads the reply to an urgent message ("" when not urgent).

    The 999 line, then one line per helpline from :func:`helplines_for` with its numbers from the
    services directory, then an honest line that nobody is watching all the time.
    """
    if not assessment.urgent:
        return ""
    lines = [DANGER_LINE, "", "You can also talk to someone now:"]
    for service_id in helplines_for(assessment):
        service = services.get(service_id)
        if service is None or service.urgent:  # 999 is already the first line
            continue
        when = " Open day and night." if service.open_24_7 else ""
        lines.append(f"- {service.name}: {service.contact_in_words()}.{when}")
    lines += ["", NOT_WATCHED_LINE]
    return "\n".join(lines)
