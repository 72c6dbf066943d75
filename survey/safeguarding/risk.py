"""Urgent-risk detection for free text from young people and residents.

:func:`assess` runs on every free-text message (the bot's and the web form's). It is mainly rule-based so
an officer can see why a message was flagged: the text is normalised (:func:`normalise`), then a table of
named patterns (:mod:`survey.safeguarding.lexicon`) is searched. Missing a real risk is much worse than a
false alarm, so the patterns lean towards flagging; a few cheap exemptions cover idioms and consultation
phrases ("knife crime", "die my hair", "my mum will kill me if I'm late") that would otherwise be flagged
every day. Beside the rules, a small classifier (:mod:`survey.safeguarding.classifier`) catches some
wordings no rule was written for. Patterns are written in ordinary spelling and pass through the same
letter-collapsing as the text ("kiiill", "kill" -> "kil").

Measured by the corpus in ``tests/data/safeguarding/``: add examples to its tuning half before adding a
pattern, and never tune on its held-out half.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from survey.languages import N_, SOURCE, translate
from survey.safeguarding import classifier
from survey.safeguarding.lexicon import EXEMPTIONS, PATTERNS
from survey.safeguarding.normalise import collapse, normalise
from survey.safeguarding.prefilter import PatternIndex
from survey.signposting.urgent_helplines import helplines_by_risk

if TYPE_CHECKING:
    from survey.signposting.services import ServicesDirectory

__all__ = [
    "RiskAssessment", "RiskCategory", "assess", "assess_by_rules", "helplines_for", "normalise",
    "urgent_message",
]


class RiskCategory(StrEnum):
    """Kinds of urgent risk; each leads the reply with different helplines.

    Stored as these values (``Answer.risk_categories``, ``Response.risk_categories``), so a value never
    changes once released: ``exploitation`` keeps its name though it now means criminal exploitation only.
    """

    IMMEDIATE_DANGER = "immediate_danger"
    WEAPONS = "weapons"
    SELF_HARM = "self_harm"  # self-harm or suicide
    ABUSE_AT_HOME = "abuse_at_home"
    EXPLOITATION = "exploitation"  # criminal exploitation: county lines, carrying or selling, drug debts
    SEXUAL_EXPLOITATION = "sexual_exploitation"  # sexual exploitation and grooming, online or not
    MISSING = "missing"  # missing from home or care, or staying with people who exploit them
    HELD = "held"  # held somewhere, or unable to get home

    @property
    def label(self) -> str:
        """Plain words for an officer's list or a report: "Missing from home"."""
        return _LABELS[self]


_LABELS = {
    RiskCategory.IMMEDIATE_DANGER: "Immediate danger",
    RiskCategory.WEAPONS: "Weapons",
    RiskCategory.SELF_HARM: "Self-harm or suicide",
    RiskCategory.ABUSE_AT_HOME: "Abuse at home",
    RiskCategory.EXPLOITATION: "Criminal exploitation or county lines",
    RiskCategory.SEXUAL_EXPLOITATION: "Sexual exploitation or grooming",
    RiskCategory.MISSING: "Missing from home or care",
    RiskCategory.HELD: "Held, or can't get home",
}


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    """What :func:`assess` found. ``matched`` holds pattern names, never the person's words."""

    urgent: bool
    categories: frozenset[RiskCategory]
    matched: tuple[str, ...] = ()


NOT_URGENT = RiskAssessment(urgent=False, categories=frozenset())

# --- matching --------------------------------------------------------------------------------------


def _compile(source: str) -> re.Pattern[str]:
    # Matching runs on " words " (padded): a leading literal space lets the regex engine jump from word
    # to word instead of trying every character, which keeps assess() fast. "^" pins the first word.
    anchor = "^" if source.startswith("^") else ""
    source = collapse(source.removeprefix("^")).replace("$", "(?= $)")
    return re.compile(rf"{anchor} (?:{source})(?= )")


class CompiledRules(NamedTuple):
    patterns: tuple[tuple[str, frozenset[RiskCategory], re.Pattern[str]], ...]
    exemptions: tuple[re.Pattern[str], ...]
    index: PatternIndex
    exemption_index: PatternIndex


@functools.cache
def compiled_rules() -> CompiledRules:
    """The lexicon's patterns compiled and indexed, once per process, on first use: compiling takes a
    third of a second, which every command that only imports this module would otherwise pay."""
    patterns = tuple(
        (name, frozenset(RiskCategory(c) for c in categories), _compile(source))
        for name, categories, source in PATTERNS
    )
    exemptions = tuple(_compile(source) for source in EXEMPTIONS)
    return CompiledRules(patterns, exemptions, PatternIndex([pattern for _, _, pattern in patterns]),
                         PatternIndex(exemptions))


def warm_up() -> None:
    """Compile the rules and load the classifier now: a server calls this before its workers fork."""
    compiled_rules()
    classifier.warm_up()


def _without_exemptions(words: str) -> str:
    """``words`` with each idiom or harmless phrase replaced by "#", so no pattern can match it."""
    rules = compiled_rules()
    for number in rules.exemption_index.candidates(words):
        words = rules.exemptions[number].sub(" #", words)
    return words


def assess(text: str) -> RiskAssessment:
    """Whether ``text`` suggests someone is at urgent risk, which kinds, and which patterns matched.

    A category is flagged when a rule matches or the classifier (:mod:`survey.safeguarding.classifier`)
    gives it a probability above its threshold; the classifier's flags are named "classifier:<category>".
    """
    normalised = normalise(text)
    matched, categories = _rules(normalised)
    for category in sorted(classifier.model().categories(normalised)):
        matched.append(f"classifier:{category}")
        categories.add(RiskCategory(category))
    if not categories:
        return NOT_URGENT
    return RiskAssessment(urgent=True, categories=frozenset(categories), matched=tuple(matched))


def assess_by_rules(text: str) -> RiskAssessment:
    """What the rules alone find, without the classifier (to measure each apart)."""
    matched, categories = _rules(normalise(text))
    if not categories:
        return NOT_URGENT
    return RiskAssessment(urgent=True, categories=frozenset(categories), matched=tuple(matched))


def _rules(normalised: str) -> tuple[list[str], set[RiskCategory]]:
    words = _without_exemptions(f" {normalised} ")
    matched: list[str] = []
    categories: set[RiskCategory] = set()
    rules = compiled_rules()
    for number in rules.index.candidates(words):  # only the patterns whose telling words are in the text
        name, pattern_categories, pattern = rules.patterns[number]
        if pattern.search(words):
            matched.append(name)
            categories |= pattern_categories
    return matched, categories


# --- replying --------------------------------------------------------------------------------------


def helplines_for(assessment: RiskAssessment) -> list[str]:
    """Service ids to lead the first reply with: ``emergency`` first, then each category's helplines.

    The services for each category, and the order in which categories contribute (the most
    life-threatening first), are data: ``survey/signposting/data/urgent-helplines.yaml``. An id already
    listed is not repeated. Not urgent: an empty list.
    """
    if not assessment.urgent:
        return []
    ids = ["emergency"]
    for category, service_ids in helplines_by_risk().items():
        if category in assessment.categories:
            ids.extend(service_id for service_id in service_ids if service_id not in ids)
    return ids


DANGER_LINE = N_("If you or someone else is in danger right now, call 999. "
                 "If you can't speak, call 999 and press 55 when asked.")
TALK_NOW_LINE = N_("You can also talk to someone now:")
HELPLINE_LINE = N_("- {name}: {contacts}.")
HELPLINE_LINE_24_7 = N_("- {name}: {contacts}. Open day and night.")
NOT_WATCHED_LINE = N_("This service is not watched 24/7, so we can't reply straight away.")


def urgent_message(assessment: RiskAssessment, services: ServicesDirectory, language: str = SOURCE) -> str:
    """The text that leads the reply to an urgent message, in ``language`` ("" when not urgent).

    The 999 line, then one line per helpline from :func:`helplines_for` with its numbers from the
    services directory, then an honest line that nobody is watching all the time.
    """
    if not assessment.urgent:
        return ""
    lines = [translate(DANGER_LINE, language), "", translate(TALK_NOW_LINE, language)]
    for service_id in helplines_for(assessment):
        service = services.get(service_id)
        if service is None or service.urgent:  # 999 is already the first line
            continue
        line = HELPLINE_LINE_24_7 if service.open_24_7 else HELPLINE_LINE
        lines.append(translate(line, language, name=translate(service.name, language),
                               contacts=service.contact_in_words(language=language)))
    lines += ["", translate(NOT_WATCHED_LINE, language)]
    return "\n".join(lines)
