"""What the paper form says about each question: its number, words, instruction, boxes and conditions.

Built once from the definition, with no reportlab in sight, so tests can read it and the PDF
(:mod:`.pdf`) only lays it out. How each type is answered on paper follows from its
:attr:`~survey.question_types.base.QuestionType.tally` (what its answers are), the one thing the
rest of the code dispatches on too. Numbers come from
:func:`~survey.definitions.numbering.question_numbers`, the numbering paper entry shows.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from analysis.exports.questionnaire import texts
from survey.definitions.definition import OTHER, Definition, Question
from survey.definitions.numbering import question_numbers
from survey.question_types import Tally, number_text

CHARACTERS_PER_LINE = 160
"""Lines for free text: one per 160 characters it allows, 3 to 12. A long limit is rarely used in
full on paper (2,000 characters get 12 lines, 500 get 4, 200 get 3)."""
MIN_LINES, MAX_LINES = 3, 12


@dataclass(frozen=True)
class Boxes:
    """One box per option: ticked, or numbered (a ranking). ``write_in``: options with a line to specify."""

    options: tuple[str, ...]
    mark: Literal["tick", "number"] = "tick"
    write_in: frozenset[str] = frozenset()
    label: str | None = None


@dataclass(frozen=True)
class ScaleRow:
    """The points of a scale side by side, each with its box beneath."""

    labels: tuple[str, ...]


@dataclass(frozen=True)
class Lines:
    """Ruled lines to write on."""

    count: int
    label: str | None = None


@dataclass(frozen=True)
class WriteIn:
    """Boxes to write a number or a date in: each part's label and how many characters it holds."""

    parts: tuple[tuple[str, int], ...]


Area = Boxes | ScaleRow | Lines | WriteIn


@dataclass(frozen=True)
class PaperQuestion:
    """One question as the paper prints it, numbered as paper entry numbers it."""

    number: int
    text: str
    hint: str | None
    instructions: tuple[str, ...]
    areas: tuple[Area, ...]
    only_if: str | None = None
    """When to answer it: "Answer question 7 only if you answered 'Yes' to question 6."."""
    go_to: str | None = None
    """On the question a skip depends on: "If you answered 'No', go to question 8."."""


@dataclass(frozen=True)
class Section:
    title: str | None
    questions: tuple[PaperQuestion, ...]


@dataclass(frozen=True)
class Questionnaire:
    partnership: str
    title: str
    intro: str
    privacy_notice: str
    online_url: str
    return_by: str | None
    sections: tuple[Section, ...]
    large_print: bool = False
    language: str = "en-GB"

    def questions(self) -> Iterator[PaperQuestion]:
        for section in self.sections:
            yield from section.questions


def build_questionnaire(
    definition: Definition,
    *,
    partnership: str,
    online_url: str,
    return_by: str | None = None,
    large_print: bool = False,
) -> Questionnaire:
    """The paper form of ``definition``: every question numbered, in order, page titles as sections."""
    numbers = question_numbers(definition)
    skips = _go_to_sentences(definition, numbers)
    sections = tuple(
        Section(
            page.title,
            tuple(
                _paper_question(question, numbers, skips.get(question.id), definition)
                for question in page.questions
            ),
        )
        for page in definition.pages
    )
    return Questionnaire(
        partnership=partnership,
        title=definition.title,
        intro=definition.intro,
        privacy_notice=definition.privacy_notice,
        online_url=online_url,
        return_by=return_by,
        sections=sections,
        large_print=large_print,
    )


def _paper_question(
    question: Question, numbers: dict[str, int], go_to: str | None, definition: Definition
) -> PaperQuestion:
    instructions, areas = _answering(question)
    if question.required:
        instructions = (*instructions, texts.REQUIRED)
    return PaperQuestion(
        number=numbers[question.id],
        text=question.text,
        hint=_paper_hint(question.hint),
        instructions=instructions,
        areas=areas,
        go_to=go_to,
        only_if=_only_if(question, numbers, definition),
    )


def _paper_hint(hint: str | None) -> str | None:
    """The question's hint, unless it only tells a web user how to use the page ("Select all that
    apply."): the paper instruction says that in paper words."""
    if not hint or hint.strip().rstrip(".").lower() in {"select all that apply", "select one", "choose one"}:
        return None
    return hint


def _answering(question: Any) -> tuple[tuple[str, ...], tuple[Area, ...]]:
    """The instruction sentences and the answer areas, by what the question's answers are."""
    match question.tally:
        case Tally.ONE_OPTION:
            return (texts.TICK_ONE,), (_tick_boxes(question),)
        case Tally.OPTIONS:
            return _tick_any(question), (_tick_boxes(question),)
        case Tally.RANKS:
            return (_rank_instruction(question.rank, len(question.options)),), (
                Boxes(tuple(option.label for option in question.options), mark="number"),
            )
        case Tally.SCALE:
            return (texts.TICK_ONE,), (ScaleRow(tuple(option.label for option in question.all_options)),)
        case Tally.TEXT:
            return (texts.WRITE,), (Lines(_line_count(question.max_length)),)
        case Tally.NUMBERS:
            return (_number_instruction(question),), (WriteIn((("", 8),)),)
        case Tally.DATES:
            return (texts.WRITE_DATE,), (
                WriteIn(((texts.DATE_DAY, 2), (texts.DATE_MONTH, 2), (texts.DATE_YEAR, 4))),
            )
        case Tally.PLACES:
            return _place(question)
    raise ValueError(f"question {question.id!r}: no paper layout for {question.tally}")


def _tick_boxes(question: Any) -> Boxes:
    other = question.offers_other
    return Boxes(
        tuple(option.label for option in question.all_options),
        write_in=frozenset(
            option.label for option in question.all_options if other and option.value == OTHER
        ),
    )


def _tick_any(question: Any) -> tuple[str, ...]:
    count = question.max_choices
    limited = count is not None and count < len(question.all_options)
    first = texts.TICK_UP_TO.format(count=count) if limited else texts.TICK_ALL
    if not question.exclusive:
        return (first,)
    labels = _labels([question.option(value).label for value in question.exclusive])
    return first, texts.ON_ITS_OWN.format(labels=labels.strip("\u2018\u2019"))


def _rank_instruction(rank: int, options: int) -> str:
    if rank == 1:
        return texts.RANK_ONE
    if rank >= options:
        return texts.RANK_ALL.format(count=options)
    return texts.RANK_TOP.format(count=rank)


def _line_count(max_length: int) -> int:
    return max(MIN_LINES, min(MAX_LINES, math.ceil(max_length / CHARACTERS_PER_LINE)))


def _number_instruction(question: Any) -> str:
    words = texts.WRITE_WHOLE_NUMBER if question.integer else texts.WRITE_NUMBER
    low = number_text(question.min) if question.min is not None else None
    high = number_text(question.max) if question.max is not None else None
    if low is not None and high is not None:
        return words + texts.NUMBER_FROM_TO.format(low=low, high=high)
    if low is not None:
        return words + texts.NUMBER_AT_LEAST.format(low=low)
    if high is not None:
        return words + texts.NUMBER_AT_MOST.format(high=high)
    return words


def _place(question: Any) -> tuple[tuple[str, ...], tuple[Area, ...]]:
    areas: list[Area] = []
    if question.areas:
        areas.append(Boxes(tuple(option.label for option in question.areas), label=texts.AREAS))
    if question.landmarks:
        areas.append(Boxes(tuple(option.label for option in question.landmarks), label=texts.LANDMARKS))
    if question.allow_description:
        areas.append(Lines(MIN_LINES, label=texts.DESCRIBE if areas else None))
    instruction = texts.PLACE_CHOOSE if question.areas or question.landmarks else texts.PLACE_DESCRIBE
    return (instruction,), tuple(areas)


def _labels(labels: Sequence[str]) -> str:
    return texts.OR.join(f"\u2018{label}\u2019" for label in labels)


def _chosen(parent: Any, values: Sequence[str]) -> list[str]:
    return [option.label for option in parent.all_options if option.value in set(values)]


def _verbs(parent: Any) -> tuple[str, str, str]:
    """How a respondent gave an answer to ``parent`` on paper: (did, "to" or "at", did not)."""
    if parent.tally == Tally.RANKS:
        return texts.VERB_NUMBERED, "at", texts.VERB_DID_NOT_NUMBER
    if parent.tally == Tally.OPTIONS:
        return texts.VERB_TICKED, "at", texts.VERB_DID_NOT_TICK
    return texts.VERB_ANSWERED, "to", texts.VERB_ANSWERED


def _only_if(question: Question, numbers: dict[str, int], definition: Definition) -> str | None:
    condition = question.show_if
    if condition is None:
        return None
    parent = definition.question(condition.question)
    verb, preposition, _ = _verbs(parent)
    return texts.ANSWER_ONLY_IF.format(
        number=numbers[question.id],
        verb=verb,
        labels=_labels(_chosen(parent, condition.values)),
        at=preposition,
        parent=numbers[parent.id],
    )


def _go_to_sentences(definition: Definition, numbers: dict[str, int]) -> dict[str, str]:
    """For each question that the questions straight after it depend on, where its other answers go:
    "If you answered 'No', go to question 8." (the answers that show none of them skip the run)."""
    questions = definition.questions
    sentences: dict[str, str] = {}
    for index, parent in enumerate(questions):
        run = _dependent_run(questions, index)
        if not run:
            continue
        showing = {
            value
            for question in run
            if question.show_if and question.show_if.question == parent.id
            for value in question.show_if.values
        }
        verb, _, did_not = _verbs(parent)
        if parent.tally in (Tally.ONE_OPTION, Tally.SCALE):
            labels = [option.label for option in parent.all_options if option.value not in showing]
        else:
            verb, labels = did_not, _chosen(parent, sorted(showing))
        if not labels:
            continue
        after = index + 1 + len(run)
        template = texts.GO_TO if after < len(questions) else texts.GO_TO_END
        target = numbers[questions[after].id] if after < len(questions) else None
        sentences[parent.id] = template.format(verb=verb, labels=_labels(labels), target=target)
    return sentences


def _dependent_run(questions: Sequence[Question], index: int) -> list[Question]:
    """The questions straight after ``questions[index]`` that are shown only through its answer."""
    depending = {questions[index].id}
    run = []
    for question in questions[index + 1 :]:
        if question.show_if is None or question.show_if.question not in depending:
            break
        depending.add(question.id)
        run.append(question)
    return run
