"""The normalised shape of an answer, shared by the runner, storage and analysis, and the raw input
every channel gives before it is checked.

Every answer to every question type is a tuple of :class:`AnswerPart`. Storage writes one
``answer`` row per part, so tallies are SQL aggregates over typed columns:

==================  ===========================================================================
question type       parts
==================  ===========================================================================
single choice       one part: ``option``
multiple choice     one part per chosen option: ``option`` (``text`` holds "Other - please
                    specify" wording on the ``other`` option's part)
ranking             one part per ranked option: ``option`` and ``rank`` (1 = first)
scale               one part: ``option`` (the scale point's value, or ``dont_know``) and
                    ``number`` (the point's score; ``None`` for "Don't know")
free text           one part: ``text``
number              one part: ``number``
date                one part: ``date``
location            one part: ``latitude`` and ``longitude`` (a pin), or ``option`` (an area
                    or landmark value) and/or ``text`` (a place described in words)
==================  ===========================================================================

An unanswered (skipped) question has no parts at all and is simply absent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class AnswerPart:
    """One stored piece of an answer: exactly the columns of an ``answer`` row."""

    option: str | None = None
    rank: int | None = None
    number: float | None = None
    date: dt.date | None = None
    text: str | None = None
    latitude: float | None = None
    longitude: float | None = None


Answer = tuple[AnswerPart, ...]
"""All the parts of one question's answer, in a stable order (ranking parts by rank)."""


@dataclass(frozen=True)
class RawAnswer:
    """What a person gave, channel-neutral, before it is checked.

    ``value`` has the shape each question type documents on its ``parse`` (an option value, a list
    of them, text, a mapping of place fields...); ``other_text`` carries the words for an
    "Other - please specify" option. The web form, the bot, a CSV cell and a JSON value all become one.
    """

    value: Any = None
    other_text: str | None = None
