"""The answer step, as the form conversation needs it: a stand-in for ``survey.runner.step``.

It has the shape of the runner's one door (``answer(definition, answers, question_id, raw, *,
context) -> Step``) so that :mod:`survey.conversations.form` calls it in exactly one place. When the
runner's own step is merged, ``form.py`` imports these names from ``survey.runner.step`` instead and
this module is deleted, boundary check and all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from survey.answers import Answer
from survey.definitions.definition import Definition, Question
from survey.places.boundary import Boundary
from survey.places.reports import boundary_of
from survey.runner.navigation import AnswerError, next_question, prune, validate_answer
from survey.storage.models import Partnership

OUTSIDE_THE_AREA = "The place you chose is outside {area_name}. Choose a place inside {area_name}"


@dataclass(frozen=True)
class RawAnswer:
    """What a person gave, channel-neutral (see :mod:`survey.question_types.parsing` for value shapes)."""

    value: Any = None
    other_text: str | None = None


@dataclass(frozen=True)
class AnswerContext:
    """Facts about where the answer is given that rules need: the partnership's area for pins."""

    boundary: Boundary | None = None
    area_name: str = "the partnership's area"
    today: dt.date | None = None


def answer_context(partnership: Partnership | None) -> AnswerContext:
    """The context for answers given to ``partnership``: its boundary (if uploaded) and its name."""
    if partnership is None:
        return AnswerContext()
    return AnswerContext(boundary=boundary_of(partnership), area_name=partnership.name)


class StepKind(StrEnum):
    QUESTION = "question"
    PROBLEM = "problem"
    CHECK_ANSWERS = "check_answers"


@dataclass(frozen=True)
class Step:
    """What comes next: a question to ask, a problem with the answer just given, or check answers."""

    kind: StepKind
    answers: dict[str, Answer]
    question: Question | None = None
    problem: str | None = None


def first_step(definition: Definition, answers: Mapping[str, Answer]) -> Step:
    """Where to start: the first visible question (a definition has at least one)."""
    kept = prune(definition, dict(answers))
    first = next_question(definition, kept, None)
    return Step(StepKind.QUESTION, kept, first) if first else Step(StepKind.CHECK_ANSWERS, kept)


def answer(
    definition: Definition, answers: Mapping[str, Answer], question_id: str, raw: RawAnswer, *,
    context: AnswerContext | None = None,
) -> Step:
    """Check one answer and say what comes next; a refused answer leaves ``answers`` as they were."""
    context = context or AnswerContext()
    question = definition.question(question_id)
    try:
        given = validate_answer(question, raw.value, other_text=raw.other_text, today=context.today)
    except AnswerError as error:
        return Step(StepKind.PROBLEM, dict(answers), question, str(error))
    pin = given[0] if question.type == "location" and given else None
    if (pin is not None and pin.latitude is not None and pin.longitude is not None
            and context.boundary is not None and not context.boundary.contains(pin.latitude, pin.longitude)):
        problem = OUTSIDE_THE_AREA.format(area_name=context.area_name)
        return Step(StepKind.PROBLEM, dict(answers), question, problem)
    kept = prune(definition, {**answers, question_id: given})
    following = next_question(definition, kept, question_id)
    if following is None:
        return Step(StepKind.CHECK_ANSWERS, kept)
    return Step(StepKind.QUESTION, kept, following)
