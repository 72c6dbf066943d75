"""How the chat asks a definition's questions: a count that never changes mid-flow, and short keyboards.

"Question 2 of 7" is a promise. The runner counts the questions visible with the answers given so
far, so a form with a follow-up shown by an earlier answer ("Why do you feel unsafe?" or "Why do you
feel safe?") would say "of 6" before the answer and "of 7" after it. Here the total is worked out over
every way through the form: when each way asks the same number of questions, that number is shown;
when the number depends on the answers, only "Question 2" is shown, so nothing shown ever changes.

A long list of buttons is hard to use on a phone, so a few questions get a shorter keyboard in the
chat: :data:`SHORTER_KEYBOARDS`. Each button stands for one or more of the question's own options;
a button for several asks which one next. Stored values are always the definition's own options, so
the web form and the chat store the same values for the same answers, and tallies, cross-tabs and
comparisons with earlier years line up.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from survey.answers import Answer, AnswerPart
from survey.conversations import texts
from survey.definitions.definition import Definition, Question
from survey.question_types import ChatInput
from survey.runner.navigation import position, visible_questions

MAX_WAYS = 4096
"""Ways through a form worth counting; a form with more shows no total (none has come close)."""
_MULTIPLE = (ChatInput.TICK, ChatInput.RANK)
_counts: dict[int, tuple[Definition, int | None]] = {}


def question_heading(definition: Definition, answers: Mapping[str, Answer], question_id: str) -> str:
    """ "Question 2 of 7" when every way through the form asks 7 questions, else "Question 2"."""
    number, _ = position(definition, answers, question_id)
    total = question_count(definition)
    if total is None:
        return texts.QUESTION_NUMBER.format(number=number)
    return texts.QUESTION.format(number=number, total=total)


def question_count(definition: Definition) -> int | None:
    """How many questions every way through ``definition`` asks, or ``None`` when it depends on the
    answers. Worked out once per definition (definitions never change)."""
    cached = _counts.get(id(definition))
    if cached is None or cached[0] is not definition:
        if len(_counts) >= 64:
            _counts.clear()
        cached = (definition, _count(definition))
        _counts[id(definition)] = cached
    return cached[1]


def _count(definition: Definition) -> int | None:
    ways = list(_choices(definition))
    if math.prod(len(selections) for _, selections in ways) > MAX_WAYS:
        return None
    totals = set()
    for picked in itertools.product(*(selections for _, selections in ways)):
        answers = {qid: tuple(AnswerPart(option=value) for value in values)
                   for (qid, _), values in zip(ways, picked, strict=True) if values}
        totals.add(len(visible_questions(definition, answers)))
        if len(totals) > 1:
            return None
    return totals.pop() if totals else len(definition.questions)


def _choices(definition: Definition) -> Iterator[tuple[str, list[tuple[str, ...]]]]:
    """For each question a condition looks at, the answers that can make a difference to what is shown:
    each option a condition names (or, for tick-all questions, each set of them), and "none of those"
    when the question may be skipped or has options no condition names."""
    named: dict[str, set[str]] = {}
    for question in definition.questions:
        if question.show_if is not None:
            named.setdefault(question.show_if.question, set()).update(question.show_if.values)
    for qid, values in named.items():
        question = definition.question(qid)
        ordered = sorted(values)
        others = not question.required or any(o.value not in values for o in question.all_options)
        if question.chat_input in _MULTIPLE:
            selections = [combo for size in range(1, len(ordered) + 1)
                          for combo in itertools.combinations(ordered, size)]
        else:
            selections = [(value,) for value in ordered]
        yield qid, selections + ([()] if others else [])


@dataclass(frozen=True)
class OptionGroup:
    """One button of a shorter keyboard: a label and the question's option values it stands for."""

    label: str
    values: tuple[str, ...]


SHORTER_KEYBOARDS: dict[str, tuple[OptionGroup, ...]] = {
    # "How old are you?": the web's nine bands plus "Prefer not to say" would be twelve buttons with
    # Skip and Cancel. Young people get their own band in one tap; adults tap "25 or over", then theirs.
    "about_age_band": (
        OptionGroup(texts.AGE_11_TO_15, ("11_15",)),
        OptionGroup(texts.AGE_16_OR_17, ("16_17",)),
        OptionGroup(texts.AGE_18_TO_24, ("18_24",)),
        OptionGroup(texts.AGE_25_OR_OVER, ("25_34", "35_44", "45_54", "55_64", "65_74", "75_and_over")),
        OptionGroup(texts.AGE_RATHER_NOT_SAY, ("prefer_not_to_say",)),
    ),
}
"""Shorter keyboards by question id (the fixed ids of the "About you" questions)."""


def option_groups(question: Question) -> tuple[OptionGroup, ...] | None:
    """The shorter keyboard for ``question``, or ``None`` to offer every option.

    Only when its groups cover the question's options exactly, each option once: a definition whose
    options differ (other bands, another order of words) gets every option rather than a keyboard
    that could store a value the web form would not.
    """
    groups = SHORTER_KEYBOARDS.get(question.id)
    if groups is None or question.chat_input != ChatInput.CHOOSE:
        return None
    covered = [value for group in groups for value in group.values]
    if sorted(covered) != sorted(option.value for option in question.all_options):
        return None
    return groups


def group_named(question: Question, text: str) -> int | None:
    """Which button of the shorter keyboard someone typed the label of instead of tapping, if any."""
    wanted = " ".join(text.casefold().split())
    groups = option_groups(question) or ()
    return next((index for index, group in enumerate(groups) if group.label.casefold() == wanted), None)
