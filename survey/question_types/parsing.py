"""Checking what a respondent gave against a question, and normalising it to an :data:`Answer`.

The raw input is channel-neutral: the web form, the Telegram bot and the CSV importer all produce it.

=================  ====================================================================================
question type      raw input
=================  ====================================================================================
single choice      an option value ``str`` (or a list of at most one); ``other_text=`` carries the words
                   for the ``other`` option
multiple choice    an option value ``str`` or a list of them; ``other_text=`` as above
ranking            a list of option values in order (first = rank 1), or a mapping
                   ``{value: rank}`` as a web form sends it (ranks as text or int; blank ranks ignored)
scale              an option value ``str`` (``dont_know`` when the scale offers it)
free text          a ``str``
number             a ``str`` (commas allowed: ``"1,250"``) or an ``int``/``float``
date               an ISO ``str`` (``"2025-03-01"``), a ``datetime.date``, or ``(day, month, year)``
                   strings from a GOV.UK date input
location           a mapping with any of ``latitude``, ``longitude`` (str or number), ``area``,
                   ``landmark``, ``description``
=================  ====================================================================================

Blank input (``None``, ``""``, ``[]``, ``{}``, whitespace) is "not answered": the answer is ``()``.
Text is stripped. Whether a question may be left unanswered is the runner's business
(:func:`survey.runner.navigation.validate_answer`), so the CSV importer can reuse :func:`parse_answer`.
Errors are :class:`AnswerError` with GOV.UK-style wording a respondent can act on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from survey.answers import Answer, AnswerPart
from survey.question_types.models import (
    LOCATION_DESCRIPTION_MAX_LENGTH,
    OTHER,
    OTHER_TEXT_MAX_LENGTH,
    Option,
    Question,
)


class AnswerError(ValueError):
    """The raw input cannot be accepted; the message says how to put it right."""


def parse_answer(
    question: Question, raw: Any, *, other_text: str | None = None, today: dt.date | None = None
) -> Answer:
    """Check ``raw`` (see the module docstring) against ``question``; ``()`` when it is blank."""
    match question.type:
        case "single_choice":
            return _single_choice(question, raw, other_text)
        case "multiple_choice":
            return _multiple_choice(question, raw, other_text)
        case "ranking":
            return _ranking(question, raw)
        case "scale":
            return _scale(question, raw)
        case "free_text":
            return _free_text(question, raw)
        case "number":
            return _number(question, raw)
        case "date":
            return _date(question, raw, today or dt.date.today())
        case "location":
            return _location(question, raw)
    raise AssertionError(f"unknown question type {question.type!r}")  # pragma: no cover


def _values(raw: Any) -> list[str]:
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple) or not all(isinstance(item, str) for item in items):
        raise AnswerError("Select from the options shown")
    return [item.strip() for item in items if item.strip()]


def _known(question: Any, value: str, options: tuple[Option, ...] | None = None) -> Option:
    options = question.all_options if options is None else options
    option = next((option for option in options if option.value == value), None)
    if option is None:
        raise AnswerError(f"Select from the options shown ({value!r} is not one of them)")
    return option


def _choice_part(question: Any, value: str, other_text: str | None) -> AnswerPart:
    _known(question, value)
    if value != OTHER:
        return AnswerPart(option=value)
    words = _text(other_text)
    if not words:
        raise AnswerError("Enter the other option")
    if len(words) > OTHER_TEXT_MAX_LENGTH:
        raise AnswerError(f"Other option must be {OTHER_TEXT_MAX_LENGTH} characters or fewer")
    return AnswerPart(option=OTHER, text=words)


def _single_choice(question: Any, raw: Any, other_text: str | None) -> Answer:
    values = _values(raw)
    if len(values) > 1:
        raise AnswerError("Select one option only")
    return tuple(_choice_part(question, value, other_text) for value in values)


def _multiple_choice(question: Any, raw: Any, other_text: str | None) -> Answer:
    chosen = set(_values(raw))
    for value in chosen:
        _known(question, value)
    for value in question.exclusive:
        if value in chosen and len(chosen) > 1:
            label = question.option(value).label
            raise AnswerError(f"Select either '{label}' or other options, not both")
    if question.max_choices is not None and len(chosen) > question.max_choices:
        if question.max_choices == 1:
            raise AnswerError("Select one option only")
        raise AnswerError(f"Select no more than {question.max_choices} options")
    # Parts follow the definition's option order, so "other" (always last) ends the list.
    return tuple(
        _choice_part(question, option.value, other_text)
        for option in question.all_options
        if option.value in chosen
    )


def _ranking(question: Any, raw: Any) -> Answer:
    order = _order_from_ranks(question, raw) if isinstance(raw, Mapping) else _values(raw)
    for value in order:
        _known(question, value)
    if len(set(order)) < len(order):
        raise AnswerError("Each option can only be ranked once")
    if len(order) > question.rank:
        raise AnswerError(
            "Rank one option only" if question.rank == 1 else f"Rank at most {question.rank} options"
        )
    return tuple(AnswerPart(option=value, rank=rank) for rank, value in enumerate(order, start=1))


def _order_from_ranks(question: Any, raw: Mapping[str, Any]) -> list[str]:
    by_rank: dict[int, str] = {}
    for value, given in raw.items():
        text = "" if given is None else str(given).strip()
        if not text:
            continue
        _known(question, value)
        if not text.isdigit() or not 1 <= int(text) <= question.rank:
            raise AnswerError(f"Ranks must be whole numbers from 1 to {question.rank}")
        if int(text) in by_rank:
            raise AnswerError("Give each rank to one option only")
        by_rank[int(text)] = value
    if sorted(by_rank) != list(range(1, len(by_rank) + 1)):
        raise AnswerError("Rank options in order from 1, without leaving gaps")
    return [by_rank[rank] for rank in sorted(by_rank)]


def _scale(question: Any, raw: Any) -> Answer:
    values = _values(raw)
    if len(values) > 1:
        raise AnswerError("Select one option only")
    return tuple(AnswerPart(option=value, number=_known(question, value).score) for value in values)


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise AnswerError("Enter your answer as text")
    return raw.replace("\r\n", "\n").strip()


def _free_text(question: Any, raw: Any) -> Answer:
    words = _text(raw)
    if len(words) > question.max_length:
        raise AnswerError(f"Answer must be {question.max_length} characters or fewer")
    return (AnswerPart(text=words),) if words else ()


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def number_text(value: float) -> str:
    """A number as people write it: ``12`` not ``12.0``; otherwise the shortest exact form."""
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def _number_value(raw: Any) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, str):
        text = re.sub(r"[,\s]", "", raw)
        if not text:
            return None
        if _NUMBER.fullmatch(text):
            return float(text)
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    return math.nan


def _number(question: Any, raw: Any) -> Answer:
    value = _number_value(raw)
    if value is None:
        return ()
    if not math.isfinite(value):
        raise AnswerError("Enter a whole number" if question.integer else "Enter a number")
    if question.integer and not value.is_integer():
        raise AnswerError("Enter a whole number")
    low, high = question.min, question.max
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            raise AnswerError(f"Enter a number between {number_text(low)} and {number_text(high)}")
        if low is not None:
            raise AnswerError(f"Enter a number that is {number_text(low)} or more")
        raise AnswerError(f"Enter a number that is {number_text(high)} or less")
    return (AnswerPart(number=value),)


def date_text(value: dt.date) -> str:
    """GOV.UK date style: ``1 March 2025``."""
    return f"{value.day} {value:%B %Y}"


def _date(question: Any, raw: Any, today: dt.date) -> Answer:
    value = _date_value(raw)
    if value is None:
        return ()
    if question.not_in_future and value > today:
        raise AnswerError("Date must be today or in the past")
    if question.min is not None and value < question.min:
        raise AnswerError(f"Date must be on or after {date_text(question.min)}")
    if question.max is not None and value > question.max:
        raise AnswerError(f"Date must be on or before {date_text(question.max)}")
    return (AnswerPart(date=value),)


def _date_value(raw: Any) -> dt.date | None:
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, list | tuple) and len(raw) == 3:
        return _date_from_fields(*(_text(part) for part in raw))
    if not isinstance(raw, str):
        raise AnswerError("Enter a real date")
    text = raw.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        raise AnswerError("Enter a real date, for example 2025-03-27")
    return _real_date(*(int(part) for part in match.groups()))


def _date_from_fields(day: str, month: str, year: str) -> dt.date | None:
    fields = {"day": day, "month": month, "year": year}
    missing = [name for name, text in fields.items() if not text]
    if len(missing) == 3:
        return None
    if missing:
        raise AnswerError(f"Date must include a {' and '.join(missing)}")
    if not all(text.isdigit() for text in fields.values()):
        raise AnswerError("Enter a real date")
    if len(year) != 4:
        raise AnswerError("Year must include 4 numbers")
    return _real_date(int(year), int(month), int(day))


def _real_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise AnswerError("Enter a real date") from None


_LOCATION_KEYS = frozenset({"latitude", "longitude", "area", "landmark", "description"})


def _location(question: Any, raw: Any) -> Answer:
    if raw is None:
        return ()
    if not isinstance(raw, Mapping) or not set(raw) <= _LOCATION_KEYS:
        raise AnswerError("Drop a pin on the map, choose a place from the list or describe the place")
    latitude = _coordinate(raw.get("latitude"), "Latitude", 90)
    longitude = _coordinate(raw.get("longitude"), "Longitude", 180)
    area, landmark, description = (_text(raw.get(key)) for key in ("area", "landmark", "description"))
    if (latitude is None) != (longitude is None):
        raise AnswerError("Enter both a latitude and a longitude")
    if latitude is not None:
        if area or landmark or description:
            raise AnswerError("Either drop a pin on the map or name the place, not both")
        return (AnswerPart(latitude=latitude, longitude=longitude),)
    if area and landmark:
        raise AnswerError("Choose an area or a landmark, not both")
    if area:
        _known(question, area, question.areas)
    if landmark:
        _known(question, landmark, question.landmarks)
    if description and not question.allow_description:
        raise AnswerError("Choose a place from the list")
    if len(description) > LOCATION_DESCRIPTION_MAX_LENGTH:
        raise AnswerError(f"Description must be {LOCATION_DESCRIPTION_MAX_LENGTH} characters or fewer")
    if not (area or landmark or description):
        return ()
    return (AnswerPart(option=area or landmark or None, text=description or None),)


def _coordinate(raw: Any, name: str, limit: int) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = float(raw) if isinstance(raw, str | int | float) and not isinstance(raw, bool) else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise AnswerError(f"{name} must be a number")
    if not -limit <= value <= limit:
        raise AnswerError(f"{name} must be between -{limit} and {limit}")
    return value
