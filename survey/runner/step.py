"""The answer step: the one door every channel's answers go through.

A channel (the web form, the bot, paper entry, the CSV importer) turns what a person gave into a
:class:`RawAnswer` and calls :func:`answer`; the step checks it through the question's type, applies
the rules that hold in every channel (a required question answered, a map pin inside the
partnership's area, no answer to a question the earlier answers hide), drops answers the new one
hides, and says what comes next as a :class:`Step`. The channel then only translates the step back
to its medium. :func:`first_step` says where to start or resume; :func:`check_response` applies the
same rules to a whole set of answers at once (a CSV row).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from survey.answers import Answer, RawAnswer
from survey.boundary import Boundary, boundary_of
from survey.definitions.definition import Definition, Question, ShowIf
from survey.languages import N_, Filled
from survey.question_types import AnswerError
from survey.question_types.location import pin_of
from survey.runner.navigation import next_question, prune, visible_questions
from survey.storage.models import Partnership

OUTSIDE_THE_AREA = N_("The place you chose is outside {area_name}. Choose a place inside {area_name}")
"""Said in every channel (web form, chat, import) when a pin is outside the partnership's area."""

__all__ = [
    "AnswerContext",
    "RawAnswer",
    "Step",
    "StepKind",
    "answer",
    "answer_context",
    "check_response",
    "first_step",
    "next_unanswered",
]

DEFAULT_AREA_NAME = "the partnership's area"


@dataclass(frozen=True)
class AnswerContext:
    """Facts about where the answer is given that rules need: the partnership's area for pins."""

    boundary: Boundary | None = None
    area_name: str = DEFAULT_AREA_NAME
    today: dt.date | None = None
    partnership: Partnership | None = field(default=None, repr=False, compare=False)
    """Whose boundary :meth:`area` reads when ``boundary`` is not given (``answer_context(lazy=True)``)."""

    def area(self) -> Boundary | None:
        """The area pins must fall in, if there is one."""
        if self.boundary is not None or self.partnership is None:
            return self.boundary
        return boundary_of(self.partnership)


def answer_context(
    partnership: Partnership | None, *, today: dt.date | None = None, lazy: bool = False
) -> AnswerContext:
    """The context for answers given to one of ``partnership``'s consultations (its boundary and name).

    ``lazy``: read the boundary only if a pin is checked (a web request, whose session stays open
    while it checks; most answers are not pins, and a full-resolution boundary runs to megabytes).
    A context kept beyond its session (the chat's, shared across turns) is read now.
    """
    if partnership is None:
        return AnswerContext(today=today)
    if lazy:
        return AnswerContext(partnership=partnership, area_name=partnership.name, today=today)
    return AnswerContext(boundary=boundary_of(partnership), area_name=partnership.name, today=today)


class StepKind(StrEnum):
    """What comes after an answer: another question, a problem to put right, or checking the answers."""

    QUESTION = "question"
    PROBLEM = "problem"
    CHECK_ANSWERS = "check_answers"


@dataclass(frozen=True)
class Step:
    """Where a respondent is after an answer, with the answers as they now stand."""

    kind: StepKind
    answers: dict[str, Answer]
    """The answers after this step, pruned to visible questions (unchanged by a PROBLEM)."""
    question: Question | None = None
    """QUESTION: the next question to ask; PROBLEM: the question with the problem."""
    problem: str | None = None
    """PROBLEM: what to tell the person, in GOV.UK wording."""


def answer(
    definition: Definition,
    answers: Mapping[str, Answer],
    question_id: str,
    raw: RawAnswer,
    *,
    context: AnswerContext = AnswerContext(),  # noqa: B008 - frozen, so one shared default is safe
    changing: bool = False,
) -> Step:
    """Check ``raw`` as the answer to ``question_id`` and say what comes next.

    A PROBLEM stores nothing: its ``answers`` are ``answers`` as given (pruned). Otherwise the answer
    is stored (a blank one removes an earlier answer), answers the new one hides are dropped, and the
    next step is the next visible question, or CHECK_ANSWERS after the last. With ``changing=True``
    (a Change link from check your answers) the next step is CHECK_ANSWERS, unless the change revealed
    a conditional question not yet answered. Raises KeyError for a question the definition lacks.
    """
    question = definition.question(question_id)
    before = prune(definition, answers)
    if question.id not in {shown.id for shown in visible_questions(definition, before)}:
        return Step(StepKind.PROBLEM, before, question, _not_asked(question))
    try:
        given = question.parse(raw, context.today)
        _check(question, given, context)
    except AnswerError as error:
        return Step(StepKind.PROBLEM, before, question, error.message)
    after = prune(definition, {**before, question.id: given})
    return _next(definition, after, question.id, changing)


def first_step(definition: Definition, answers: Mapping[str, Answer]) -> Step:
    """Where to start or resume: the first visible question not yet answered, or CHECK_ANSWERS."""
    current = prune(definition, answers)
    upcoming = next_unanswered(definition, current, None)
    if upcoming is None:
        return Step(StepKind.CHECK_ANSWERS, current)
    return Step(StepKind.QUESTION, current, upcoming)


def next_unanswered(
    definition: Definition, answers: Mapping[str, Answer], after: str | None
) -> Question | None:
    """The first visible question after ``after`` (from the start for ``None``) with no answer yet."""
    upcoming = next_question(definition, answers, after)
    while upcoming is not None and upcoming.id in answers:
        upcoming = next_question(definition, answers, upcoming.id)
    return upcoming


def check_response(
    definition: Definition, answers: Mapping[str, Answer], context: AnswerContext = AnswerContext()  # noqa: B008
) -> tuple[dict[str, Answer], dict[str, str]]:
    """The step's rules over a whole set of already-parsed answers (a CSV row): ``(clean, problems)``.

    ``problems`` maps a question id to what is wrong, in question order: a pin outside the area, a
    required question left empty, an answer to a question the other answers hide. ``clean`` holds
    the answers to visible questions only.
    """
    clean = prune(definition, answers)
    problems: dict[str, str] = {}
    shown = visible_questions(definition, clean)
    shown_ids = {question.id for question in shown}
    for question in definition.questions:
        given = answers.get(question.id, ())
        if question.id in shown_ids:
            try:
                _check(question, given, context)
            except AnswerError as error:
                problems[question.id] = error.message
        elif given:
            problems[question.id] = _answered_but_not_asked(question)
    return clean, problems


def _check(question: Question, given: Answer, context: AnswerContext) -> None:
    """The rules beyond the question type's own: required, and pins inside the area."""
    if not given and question.required:
        raise AnswerError(question.required_message)
    pin = pin_of(given)
    area = context.area() if pin is not None else None
    if pin is not None and area is not None and not area.contains(*pin):
        raise AnswerError(Filled(OUTSIDE_THE_AREA, area_name=context.area_name))


def _next(definition: Definition, answers: dict[str, Answer], after: str, changing: bool) -> Step:
    if changing:
        # Back to check-your-answers, unless the change revealed a question not yet seen.
        upcoming = next_unanswered(definition, answers, after)
        if upcoming is None or upcoming.show_if is None:
            return Step(StepKind.CHECK_ANSWERS, answers)
        return Step(StepKind.QUESTION, answers, upcoming)
    upcoming = next_question(definition, answers, after)
    if upcoming is None:
        return Step(StepKind.CHECK_ANSWERS, answers)
    return Step(StepKind.QUESTION, answers, upcoming)


def _not_asked(question: Question) -> str:
    condition = _condition(question)
    values = " or ".join(condition.values)
    return (
        f"This question is not asked with the answers given so far: "
        f"it is only asked when {condition.question} is {values}"
    )


def _answered_but_not_asked(question: Question) -> str:
    condition = _condition(question)
    values = " or ".join(condition.values)
    return f"Answered, but the question was not asked: it is only asked when {condition.question} is {values}"


def _condition(question: Question) -> ShowIf:
    if question.show_if is None:  # pragma: no cover - a question without a condition is always shown
        raise AssertionError(f"question {question.id!r} is hidden without a condition")
    return question.show_if
