"""Running a definition: which question comes next, and whether an answer or a response is acceptable.

Everything here is a pure function of a :class:`~survey.definitions.definition.Definition` and the answers
collected so far, ``{question_id: Answer}``; the web app keeps those in the session, the bot in the
conversation, and both ask the runner what to do next. An answer is the normalised tuple of
:class:`~survey.answers.AnswerPart` (see :mod:`survey.answers`); ``()`` means "not answered".

Conditional logic: a question with ``show_if: {question: P, in: [...]}`` is shown only if P is
itself shown and its answer includes one of the listed option values. When an earlier answer
changes so that a later question is hidden, :func:`prune` drops the later answer, so a response
never keeps an answer to a question its respondent was not shown.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterator, Mapping
from typing import Any

from survey.answers import Answer, AnswerPart
from survey.definitions.definition import Definition, Question
from survey.question_types import AnswerError, ChatInput, RawAnswer, display, from_cell, to_cell

__all__ = [
    "AnswerError",
    "Answers",
    "display",
    "from_cell",
    "next_question",
    "position",
    "previous_question",
    "prune",
    "required_message",
    "to_cell",
    "validate_answer",
    "validate_response",
    "visible_questions",
]

Answers = Mapping[str, Answer]


def _is_shown(question: Question, answers: Answers, shown: set[str]) -> bool:
    condition = question.show_if
    if condition is None:
        return True
    if condition.question not in shown:
        return False
    chosen = {part.option for part in answers.get(condition.question, ())}
    return not chosen.isdisjoint(condition.values)


def visible_questions(definition: Definition, answers: Answers) -> list[Question]:
    """The questions to ask given these answers, in order (hidden conditional questions left out)."""
    shown: set[str] = set()
    visible = []
    for question in definition.questions:
        if _is_shown(question, answers, shown):
            shown.add(question.id)
            visible.append(question)
    return visible


def prune(definition: Definition, answers: Answers) -> dict[str, Answer]:
    """The answers to visible questions only, in question order; empty and unknown ones dropped."""
    return {
        question.id: answers[question.id]
        for question in visible_questions(definition, answers)
        if answers.get(question.id)
    }


def next_question(definition: Definition, answers: Answers, after: str | None) -> Question | None:
    """The first visible question after ``after`` (the first question when ``after`` is None).

    ``after`` need not be visible itself (its answer may just have hidden it). ``None`` means there
    are no more questions: go to "check your answers". KeyError for an unknown id.
    """
    start = 0 if after is None else _index(definition, after) + 1
    return _first_visible(definition, answers, range(start, len(definition.questions)))


def previous_question(definition: Definition, answers: Answers, before: str) -> Question | None:
    """The last visible question before ``before``; ``None`` at the start. KeyError for an unknown id."""
    return _first_visible(definition, answers, range(_index(definition, before) - 1, -1, -1))


def position(definition: Definition, answers: Answers, question_id: str) -> tuple[int, int | None]:
    """``(n, total)`` for "Question n of total": n counts the questions shown with these answers.

    "Question 2 of 7" is a promise. Counting only the questions visible so far, a form with a
    follow-up shown by an earlier answer would say "of 6" before that answer and "of 7" after it.
    So ``total`` is the number every way through the form asks (:func:`question_count`), or
    ``None`` when that depends on the answers, and then only "Question 2" is shown: nothing shown
    ever changes, on the web or in the chat.

    Raises ValueError if the question is hidden by these answers, KeyError if there is no such question.
    """
    definition.question(question_id)
    visible_ids = [question.id for question in visible_questions(definition, answers)]
    if question_id not in visible_ids:
        raise ValueError(f"question {question_id!r} is not shown with these answers")
    return visible_ids.index(question_id) + 1, question_count(definition)


MAX_WAYS = 4096
"""Ways through a form worth counting; a form with more shows no total (none has come close)."""
_MULTIPLE = (ChatInput.TICK, ChatInput.RANK)
_counts: dict[int, tuple[Definition, int | None]] = {}


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


def _index(definition: Definition, question_id: str) -> int:
    return definition.questions.index(definition.question(question_id))


def _first_visible(definition: Definition, answers: Answers, indexes: range) -> Question | None:
    visible_ids = {question.id for question in visible_questions(definition, answers)}
    questions = definition.questions
    return next((questions[i] for i in indexes if questions[i].id in visible_ids), None)


def required_message(question: Question) -> str:
    """What to tell a respondent who left a required question empty (``error_message`` if set)."""
    return question.required_message


def validate_answer(
    question: Question, raw: Any, *, other_text: str | None = None, today: dt.date | None = None
) -> Answer:
    """Check a respondent's raw input and return the normalised answer (``()`` = not answered).

    ``raw`` is the channel-neutral input each question type documents; ``other_text`` is
    the "Other - please specify" words; ``today`` (default: the real today) is for ``not_in_future``.
    Raises :class:`AnswerError` with GOV.UK-style wording, including when a required question is empty.
    """
    answer = question.parse(RawAnswer(raw, other_text), today)
    if not answer and question.required:
        raise AnswerError(required_message(question))
    return answer


def validate_response(definition: Definition, answers: Answers) -> tuple[dict[str, Answer], dict[str, str]]:
    """Final check before a response is stored: ``(clean_answers, errors)``.

    ``clean_answers`` holds the answers to visible questions only (see :func:`prune`); ``errors``
    maps each visible required question left unanswered to its message, in question order. The
    response may be stored only when ``errors`` is empty.
    """
    clean = prune(definition, answers)
    errors = {
        question.id: required_message(question)
        for question in visible_questions(definition, clean)
        if question.required and question.id not in clean
    }
    return clean, errors
