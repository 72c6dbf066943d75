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
import re
from dataclasses import dataclass
from typing import Any

# Characters that have no place in anything a person types: NUL and the other C0 controls except
# tab, line feed and carriage return (PostgreSQL refuses NUL in text; spreadsheets refuse them all),
# and lone UTF-16 surrogates, which are not text at all (only a JSON escape can make one).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATES = re.compile("[\ud800-\udfff]")


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

    def __post_init__(self) -> None:
        # Cleaned here, where every channel's answer comes in, so no channel can store them.
        object.__setattr__(self, "value", _cleaned(self.value))
        object.__setattr__(self, "other_text", _cleaned(self.other_text))


def clean_text(text: str) -> str:
    """``text`` without the characters no answer can hold: NUL and the other invisible control
    characters are dropped (a person never types them, and they mean nothing), and a lone surrogate
    becomes U+FFFD (the replacement character), as undecodable bytes do. Line breaks and tabs stay.

    Stripped rather than refused: the person cannot see them, so could not act on a message
    asking them to remove them.
    """
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_cleaned(item) for item in value)
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    return value
