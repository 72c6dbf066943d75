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

from collections.abc import Mapping
from dataclasses import dataclass

from survey.answers import Answer
from survey.conversations import texts
from survey.definitions.definition import Definition, Question
from survey.languages import SOURCE, translate
from survey.question_types import ChatInput
from survey.runner.navigation import position


def question_heading(definition: Definition, answers: Mapping[str, Answer], question_id: str,
                     language: str = SOURCE) -> str:
    """ "Question 2 of 7" when every way through the form asks 7 questions, else "Question 2"."""
    number, total = position(definition, answers, question_id)
    if total is None:
        return translate(texts.QUESTION_NUMBER, language, number=number)
    return translate(texts.QUESTION, language, number=number, total=total)


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


def group_named(question: Question, text: str, language: str = SOURCE) -> int | None:
    """Which button of the shorter keyboard someone typed the label of instead of tapping, if any."""
    wanted = " ".join(text.casefold().split())
    groups = option_groups(question) or ()
    return next((index for index, group in enumerate(groups)
                 if wanted in (group.label.casefold(), translate(group.label, language).casefold())), None)
