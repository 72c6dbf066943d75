"""Showing an answer to a person, and writing it to (and reading it from) one CSV cell.

:func:`display` is for "check your answers" pages, the bot's summary and officers' views: option
labels, one per line for multiple answers, ``Not answered`` when empty.

:func:`to_cell` / :func:`from_cell` define the CSV cell format used by exports and by the importer
for paper responses. ``from_cell(question, to_cell(question, answer)) == answer`` for every valid
answer. An empty cell means "not answered". Option values are lower-case letters, digits and ``_``,
so ``;`` and ``:`` never occur inside them.

=================  ====================================================================================
question type      cell
=================  ====================================================================================
single choice      the option value: ``fairly_safe``; the other option as ``other:<words>``
multiple choice    option values in the definition's option order joined by ``;``:
                   ``groups_gathering;robbery``; the other option comes last as ``other:<words>``,
                   and everything after ``other:`` is the words (they may contain ``;``)
ranking            option values in rank order joined by ``;``: ``violence;anti_social_behaviour``
scale              the option value: ``a_bit_unsafe`` or ``dont_know`` (the score follows from it)
free text          the text itself
number             shortest exact decimal: ``12``, ``3.5``, ``1e+20``
date               ISO 8601: ``2025-03-27``
location           a pin as ``<latitude>,<longitude>`` (shortest exact decimals: ``51.5072,-0.1276``);
                   otherwise ``area:<value>`` or ``landmark:<value>`` and/or ``text:<words>``, joined by
                   ``;`` with the text last (everything after ``text:`` is the words):
                   ``area:castle;text:the alley behind the library``
=================  ====================================================================================

Cells are not escaped against spreadsheet formula injection here; that is the CSV writer's job.
"""

from __future__ import annotations

from typing import Any

from survey.answers import Answer, AnswerPart
from survey.question_types.models import OTHER, Question
from survey.question_types.parsing import AnswerError, date_text, number_text, parse_answer

NOT_ANSWERED = "Not answered"


def display(question: Question, answer: Answer) -> str:
    """The answer as a person reads it; several options or lines are separated by newlines."""
    if not answer:
        return NOT_ANSWERED
    match question.type:
        case "single_choice" | "scale" | "multiple_choice":
            return "\n".join(_option_text(question, part) for part in _in_option_order(question, answer))
        case "ranking":
            return "\n".join(
                f"{part.rank}. {_option_text(question, part)}" for part in _in_rank_order(answer)
            )
        case "free_text":
            return answer[0].text or ""
        case "number":
            return number_text(answer[0].number or 0.0)
        case "date":
            return date_text(answer[0].date) if answer[0].date else ""
        case "location":
            return _location_text(question, answer[0])
    raise AssertionError(f"unknown question type {question.type!r}")  # pragma: no cover


def _option_text(question: Any, part: AnswerPart) -> str:
    if part.option == OTHER and part.text:
        return f"Other: {part.text}"
    option = question.option(part.option)
    return option.label if option else str(part.option)


def _location_text(question: Any, part: AnswerPart) -> str:
    if part.latitude is not None and part.longitude is not None:
        return f"Pin on the map ({part.latitude:.5f}, {part.longitude:.5f})"
    return "\n".join(text for text in (part.option and _option_text(question, part), part.text) if text)


def _in_option_order(question: Any, answer: Answer) -> list[AnswerPart]:
    order = {option.value: index for index, option in enumerate(question.all_options)}
    return sorted(answer, key=lambda part: order.get(part.option, len(order)))


def _in_rank_order(answer: Answer) -> list[AnswerPart]:
    return sorted(answer, key=lambda part: part.rank or 0)


def to_cell(question: Question, answer: Answer) -> str:
    """The answer as one CSV cell (format in the module docstring); ``""`` when not answered."""
    if not answer:
        return ""
    match question.type:
        case "single_choice" | "scale" | "multiple_choice":
            return ";".join(_option_cell(part) for part in _in_option_order(question, answer))
        case "ranking":
            return ";".join(str(part.option) for part in _in_rank_order(answer))
        case "free_text":
            return answer[0].text or ""
        case "number":
            return number_text(answer[0].number or 0.0)
        case "date":
            return answer[0].date.isoformat() if answer[0].date else ""
        case "location":
            return _location_cell(question, answer[0])
    raise AssertionError(f"unknown question type {question.type!r}")  # pragma: no cover


def _option_cell(part: AnswerPart) -> str:
    return f"{OTHER}:{part.text}" if part.option == OTHER else str(part.option)


def _location_cell(question: Any, part: AnswerPart) -> str:
    if part.latitude is not None and part.longitude is not None:
        return f"{part.latitude!r},{part.longitude!r}"
    items = []
    if part.option is not None:
        kind = "area" if any(area.value == part.option for area in question.areas) else "landmark"
        items.append(f"{kind}:{part.option}")
    if part.text is not None:
        items.append(f"text:{part.text}")
    return ";".join(items)


def from_cell(question: Question, cell: str) -> Answer:
    """Read a cell written by :func:`to_cell` (or typed in from a paper form) back into an answer.

    The answer is checked like a respondent's input, except that a required question may be empty
    (paper forms are often incomplete; :func:`survey.runner.navigation.validate_response` decides). Raises
    :class:`AnswerError` saying what is wrong with the cell.
    """
    if not cell.strip():
        return ()
    match question.type:
        case "single_choice" | "scale" | "multiple_choice":
            values, other_text = _split_last(cell, OTHER + ":")
            return parse_answer(
                question, values + ([OTHER] if other_text is not None else []), other_text=other_text
            )
        case "ranking":
            return parse_answer(question, cell.split(";"))
        case "location":
            return parse_answer(question, _location_raw(cell))
    return parse_answer(question, cell)


def _split_last(cell: str, prefix: str) -> tuple[list[str], str | None]:
    """Split ``a;b;<prefix>free words`` into ``["a", "b"]`` and ``"free words"``."""
    items: list[str] = []
    rest: str | None = cell
    while rest is not None:
        if rest.startswith(prefix):
            return items, rest[len(prefix) :]
        item, separator, remainder = rest.partition(";")
        items.append(item)
        rest = remainder if separator else None
    return items, None


def _location_raw(cell: str) -> dict[str, str]:
    latitude, comma, longitude = cell.partition(",")
    if comma and ":" not in cell and ";" not in cell:
        return {"latitude": latitude, "longitude": longitude}
    items, words = _split_last(cell, "text:")
    raw = {} if words is None else {"description": words}
    for item in items:
        kind, colon, value = item.partition(":")
        if not colon or kind not in ("area", "landmark") or kind in raw:
            raise AnswerError(
                f"Write a place as 'latitude,longitude', 'area:<value>', 'landmark:<value>' or "
                f"'text:<words>' ({item!r} is not understood)"
            )
        raw[kind] = value
    return raw
