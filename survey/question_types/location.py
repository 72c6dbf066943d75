"""Location: a place, as a map pin, an area (ward) or landmark from the lists, and/or a description.

Raw value: a mapping with any of ``latitude``, ``longitude`` (str or number), ``area``, ``landmark``,
``description``. Stored as one part: ``latitude`` and ``longitude`` (a pin), or ``option`` (an area
or landmark value) and/or ``text`` (words). Cell: a pin as ``<latitude>,<longitude>`` (shortest exact
decimals: ``51.5072,-0.1276``); otherwise ``area:<value>`` or ``landmark:<value>`` and/or
``text:<words>``, joined by ``;`` with the text last (everything after ``text:`` is the words):
``area:castle;text:the alley behind the library``. JSON: the raw mapping. Web form: the fields of
the raw mapping, by the same names. Whether a pin is inside the partnership's area is the answer
step's rule (:mod:`survey.runner.step`), since it needs the partnership.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from survey.answers import Answer, AnswerPart, RawAnswer
from survey.languages import Filled
from survey.question_types import texts
from survey.question_types.base import (
    AnswerError,
    ChatInput,
    FormFields,
    Option,
    Problems,
    QuestionType,
    Tally,
    field,
    known,
    split_last,
    text_of,
)

LOCATION_DESCRIPTION_MAX_LENGTH = 500
LOCATION_FIELDS = ("latitude", "longitude", "area", "landmark", "description")
NO_PLACE = texts.NO_PLACE


class LocationQuestion(QuestionType):
    """A place: a map pin, an area (ward) or landmark from the lists, and/or a description.

    There must always be a way to name a place without the map, so a location question needs
    ``areas``, ``landmarks`` or ``allow_description``.
    """

    kind: ClassVar[str] = "location"
    tally: ClassVar[Tally] = Tally.PLACES
    chat_input: ClassVar[ChatInput] = ChatInput.PLACE
    required_text: ClassVar[str] = NO_PLACE
    error_key: ClassVar[str] = "place"

    type: Literal["location"]
    areas: tuple[Option, ...] = ()
    landmarks: tuple[Option, ...] = ()
    allow_description: bool = True

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.areas + self.landmarks

    @property
    def first_field_id(self) -> str:
        return "place"

    def _problems(self) -> Problems:
        yield from super()._problems()
        if not (self.areas or self.landmarks or self.allow_description):
            yield (), "a location question needs areas, landmarks or allow_description, not just a map"

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        value = raw.value
        if value is None:
            return ()
        if not isinstance(value, Mapping) or not set(value) <= set(LOCATION_FIELDS):
            raise AnswerError(NO_PLACE)
        latitude = _coordinate(value.get("latitude"), "Latitude", 90)
        longitude = _coordinate(value.get("longitude"), "Longitude", 180)
        area, landmark, description = (text_of(value.get(key)) for key in ("area", "landmark", "description"))
        if (latitude is None) != (longitude is None):
            raise AnswerError(texts.BOTH_COORDINATES)
        if latitude is not None:
            if area or landmark or description:
                raise AnswerError(texts.PIN_OR_PLACE)
            return (AnswerPart(latitude=latitude, longitude=longitude),)
        if area and landmark:
            raise AnswerError(texts.AREA_OR_LANDMARK)
        if area:
            known(self, area, self.areas)
        if landmark:
            known(self, landmark, self.landmarks)
        if description and not self.allow_description:
            raise AnswerError(texts.PLACE_FROM_LIST)
        if len(description) > LOCATION_DESCRIPTION_MAX_LENGTH:
            raise AnswerError(Filled(texts.DESCRIPTION_TOO_LONG, limit=LOCATION_DESCRIPTION_MAX_LENGTH))
        if not (area or landmark or description):
            return ()
        return (AnswerPart(option=area or landmark or None, text=description or None),)

    def raw_of(self, answer: Answer) -> RawAnswer:
        if not answer:
            return RawAnswer()
        part = answer[0]
        if part.latitude is not None:
            return RawAnswer({"latitude": part.latitude, "longitude": part.longitude})
        raw: dict[str, Any] = {}
        if part.option:
            raw[self._list_of(part.option)] = part.option
        if part.text:
            raw["description"] = part.text
        return RawAnswer(raw)

    def _list_of(self, value: str) -> str:
        return "area" if any(area.value == value for area in self.areas) else "landmark"

    def from_form(self, fields: FormFields) -> RawAnswer:
        return RawAnswer({
            key: field(fields, key) for key in LOCATION_FIELDS if (field(fields, key) or "").strip()
        })

    def _show(self, answer: Answer) -> str:
        part = answer[0]
        if part.latitude is not None and part.longitude is not None:
            return f"Pin on the map ({part.latitude:.5f}, {part.longitude:.5f})"
        option = self.option(part.option) if part.option else None
        label = (option.label if option else part.option) if part.option else None
        return "\n".join(text for text in (label, part.text) if text)

    def _cell(self, answer: Answer) -> str:
        part = answer[0]
        if part.latitude is not None and part.longitude is not None:
            return f"{part.latitude!r},{part.longitude!r}"
        items = []
        if part.option is not None:
            items.append(f"{self._list_of(part.option)}:{part.option}")
        if part.text is not None:
            items.append(f"text:{part.text}")
        return ";".join(items)

    def _raw_from_cell(self, cell: str) -> RawAnswer:
        latitude, comma, longitude = cell.partition(",")
        if comma and ":" not in cell and ";" not in cell:
            return RawAnswer({"latitude": latitude, "longitude": longitude})
        items, words = split_last(cell, "text:")
        raw = {} if words is None else {"description": words}
        for item in items:
            kind, colon, value = item.partition(":")
            if not colon or kind not in ("area", "landmark") or kind in raw:
                raise AnswerError(
                    f"Write a place as 'latitude,longitude', 'area:<value>', 'landmark:<value>' or "
                    f"'text:<words>' ({item!r} is not understood)"
                )
            raw[kind] = value
        return RawAnswer(raw)

    def _form_values(self, answer: Answer) -> dict[str, Any]:
        part = answer[0]
        if part.latitude is not None:
            return {"latitude": repr(part.latitude), "longitude": repr(part.longitude)}
        values: dict[str, Any] = {}
        if part.option:
            values[self._list_of(part.option)] = part.option
        if part.text:
            values["description"] = part.text
        return values


def pin_of(answer: Answer) -> tuple[float, float] | None:
    """The map pin an answer holds, ``(latitude, longitude)``, or ``None``."""
    for part in answer:
        if part.latitude is not None and part.longitude is not None:
            return part.latitude, part.longitude
    return None


def _coordinate(raw: Any, name: str, limit: int) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = float(raw) if isinstance(raw, str | int | float) and not isinstance(raw, bool) else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise AnswerError(texts.COORDINATE_NOT_A_NUMBER[name])
    if not -limit <= value <= limit:
        raise AnswerError(texts.COORDINATE_OUT_OF_RANGE[name])
    return value
