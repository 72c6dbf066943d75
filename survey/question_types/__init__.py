"""Question types: what each kind of question is, how its answers are read, stored and shown.

One module per type (``single_choice``, ``multiple_choice``, ``ranking``, ``scale``, ``free_text``,
``number``, ``date``, ``location``), each a :class:`~survey.question_types.base.QuestionType`
subclass, plus ``about_you`` (the equality questions, expanded into ordinary ones). This module is
the registry: :data:`REGISTRY` maps each ``type:`` to its class, and the discriminated
:data:`Question` union, :data:`QUESTION_TYPES` and :data:`CONDITION_TYPES` follow from it. Adding a
type is one new module and one line in :data:`REGISTRY`.

The functions below are the names the rest of the code has always called; each asks the question
itself. Blank input (``None``, ``""``, ``[]``, ``{}``, whitespace) is "not answered": the answer is
``()``. Whether a question may be left unanswered is the runner's business
(:func:`survey.runner.navigation.validate_answer`, :mod:`survey.runner.step`). Errors are
:class:`AnswerError` with GOV.UK-style wording a respondent can act on.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field

from survey.answers import Answer, RawAnswer
from survey.question_types.base import (
    DONT_KNOW,
    NOT_ANSWERED,
    OTHER,
    OTHER_TEXT_MAX_LENGTH,
    AnswerError,
    ChatInput,
    DefinitionId,
    FormFields,
    Option,
    QuestionType,
    ShowIf,
    StrictModel,
    Tally,
    Text,
    slugify,
)
from survey.question_types.date import DateQuestion, date_text
from survey.question_types.free_text import FreeTextQuestion, scores_sentiment
from survey.question_types.location import LOCATION_DESCRIPTION_MAX_LENGTH, LocationQuestion
from survey.question_types.multiple_choice import MultipleChoiceQuestion
from survey.question_types.number import NumberQuestion, number_text
from survey.question_types.ranking import RankingQuestion
from survey.question_types.scale import SAFETY_SCALE, SCALE_PRESETS, ScaleQuestion
from survey.question_types.single_choice import SingleChoiceQuestion

__all__ = [
    "CONDITION_TYPES",
    "DONT_KNOW",
    "LOCATION_DESCRIPTION_MAX_LENGTH",
    "NOT_ANSWERED",
    "OTHER",
    "OTHER_TEXT_MAX_LENGTH",
    "QUESTION_TYPES",
    "REGISTRY",
    "SAFETY_SCALE",
    "SCALE_PRESETS",
    "AnswerError",
    "ChatInput",
    "DateQuestion",
    "DefinitionId",
    "FormFields",
    "FreeTextQuestion",
    "LocationQuestion",
    "MultipleChoiceQuestion",
    "NumberQuestion",
    "Option",
    "Question",
    "QuestionType",
    "RankingQuestion",
    "RawAnswer",
    "ScaleQuestion",
    "ShowIf",
    "SingleChoiceQuestion",
    "StrictModel",
    "Tally",
    "Text",
    "date_text",
    "display",
    "from_cell",
    "kinds_that_tally",
    "number_text",
    "parse_answer",
    "scores_sentiment",
    "slugify",
    "tally_of",
    "to_cell",
]

REGISTRY: dict[str, type[QuestionType]] = {
    cls.kind: cls
    for cls in (
        SingleChoiceQuestion,
        MultipleChoiceQuestion,
        RankingQuestion,
        ScaleQuestion,
        FreeTextQuestion,
        NumberQuestion,
        DateQuestion,
        LocationQuestion,
    )
}
"""Every question type by its ``type:``, in the order the documentation lists them."""

if TYPE_CHECKING:
    Question = Annotated[
        SingleChoiceQuestion
        | MultipleChoiceQuestion
        | RankingQuestion
        | ScaleQuestion
        | FreeTextQuestion
        | NumberQuestion
        | DateQuestion
        | LocationQuestion,
        Field(discriminator="type"),
    ]
else:
    Question = Annotated[functools.reduce(operator.or_, REGISTRY.values()), Field(discriminator="type")]
"""Any question of a definition: pydantic picks the class by its ``type``."""

QUESTION_TYPES: tuple[str, ...] = tuple(REGISTRY)
CONDITION_TYPES: tuple[str, ...] = tuple(kind for kind, cls in REGISTRY.items() if cls.is_condition)
"""Question types a ``show_if`` can depend on: their answers are option values."""


def tally_of(kind: str) -> Tally:
    """What answers to questions of type ``kind`` add to a report; KeyError for an unknown type."""
    return REGISTRY[kind].tally


def kinds_that_tally(*tallies: Tally) -> tuple[str, ...]:
    """The question types whose answers are tallied as any of ``tallies``, in registry order."""
    return tuple(kind for kind, cls in REGISTRY.items() if cls.tally in tallies)


def parse_answer(
    question: Question, raw: Any, *, other_text: str | None = None, today: dt.date | None = None
) -> Answer:
    """Check ``raw`` (see the question type's module) against ``question``; ``()`` when it is blank."""
    return question.parse(RawAnswer(raw, other_text), today)


def display(question: Question, answer: Answer) -> str:
    """The answer as a person reads it; several options or lines are separated by newlines."""
    return question.show(answer)


def to_cell(question: Question, answer: Answer) -> str:
    """The answer as one CSV cell (format in the type's module); ``""`` when not answered."""
    return question.to_cell(answer)


def from_cell(question: Question, cell: str) -> Answer:
    """Read a cell written by :func:`to_cell` (or typed in from a paper form) back into an answer.

    The answer is checked like a respondent's input, except that a required question may be empty
    (paper forms are often incomplete; the runner decides). Raises :class:`AnswerError` saying what
    is wrong with the cell.
    """
    return question.from_cell(cell)
