"""The question types of a definition: one pydantic model per type, with its own checks.

Every question has ``id``, ``type``, ``text``, optional ``hint``, ``required`` (default false:
consultations are voluntary), optional ``error_message`` (the GOV.UK "Select ..." text shown when a
required question is left empty) and optional ``show_if: {question: <earlier id>, in: [values]}``.
The type-specific fields are documented on each class. An option is ``{value, label}`` or just a
label, whose value is then the label slugified (``"Drug dealing"`` -> ``drug_dealing``).

Checks that need the whole definition (unique ids, ``show_if`` targets) are in
:mod:`survey.definitions.definition`; a check here reports a path relative to the question through
:class:`~survey.definitions.errors.DefinitionProblem` so the loader can name the line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from survey.definitions.errors import DefinitionProblem

OTHER = "other"
"""Option value added by ``other: true``; its part carries the respondent's words in ``text``."""
DONT_KNOW = "dont_know"
"""Option value added to a scale by ``dont_know: true``; its score is ``None``."""
OTHER_TEXT_MAX_LENGTH = 200
LOCATION_DESCRIPTION_MAX_LENGTH = 500


def slugify(label: str) -> str:
    """The option value a plain-string option gets: ``"Don't know"`` -> ``dont_know``."""
    words = re.sub(r"['\u2019]", "", label.lower())
    return re.sub(r"[^a-z0-9]+", "_", words).strip("_")[:63].rstrip("_")


def _pattern(regex: str, what: str) -> AfterValidator:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"{value!r} is not a valid {what}")
        return value

    return AfterValidator(check)


QuestionId = Annotated[
    str,
    _pattern(
        r"[a-z][a-z0-9_]{0,62}", "question id (lower-case letters, digits and _, starting with a letter)"
    ),
]
OptionValue = Annotated[
    str, _pattern(r"[a-z0-9][a-z0-9_]{0,62}", "option value (lower-case letters, digits and _)")
]
DefinitionId = Annotated[
    str, _pattern(r"[a-z0-9][a-z0-9_-]{0,62}", "definition id (lower-case letters, digits, - and _)")
]
Text = Annotated[str, Field(min_length=1)]


class StrictModel(BaseModel):
    """Definition models are immutable and reject unknown fields (a typo is an error, not ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(StrictModel):
    """One answer a respondent can pick. ``score`` is used by scales (``None`` for "Don't know")."""

    value: OptionValue
    label: Text
    score: float | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            data = {"label": data}
        elif not isinstance(data, dict | BaseModel):
            raise ValueError(f"an option is a label or a mapping of value and label, not {data!r}")
        if isinstance(data, dict) and "value" not in data and isinstance(data.get("label"), str):
            data = {**data, "value": slugify(data["label"])}
        return data


OTHER_OPTION = Option(value=OTHER, label="Other - please specify")
DONT_KNOW_OPTION = Option(value=DONT_KNOW, label="Don't know", score=None)
SAFETY_SCALE: tuple[Option, ...] = (
    Option(value="very_safe", label="Very safe", score=2),
    Option(value="fairly_safe", label="Fairly safe", score=1),
    Option(value="a_bit_unsafe", label="A bit unsafe", score=-1),
    Option(value="very_unsafe", label="Very unsafe", score=-2),
)
"""``preset: safety``: the Crime Survey for England and Wales wording; net = % safe - % unsafe."""
SCALE_PRESETS = {"safety": SAFETY_SCALE}


class ShowIf(StrictModel):
    """Show a question only if the answer to an earlier ``question`` includes any of ``values``."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    question: QuestionId
    values: tuple[OptionValue, ...] = Field(alias="in", min_length=1)


class _Question(StrictModel):
    id: QuestionId
    text: Text
    hint: str | None = None
    required: bool = False
    error_message: str | None = None
    show_if: ShowIf | None = None
    about_you: bool = False
    """Set on questions expanded from an ``about_you:`` block (for equality cross-tabs)."""

    @property
    def all_options(self) -> tuple[Option, ...]:
        """Every option value an answer may hold, including ``other`` and ``dont_know``."""
        return ()

    def option(self, value: str) -> Option | None:
        """The option with this value, or ``None``."""
        return next((option for option in self.all_options if option.value == value), None)

    def _problems(self) -> Iterator[tuple[tuple[Any, ...], str]]:
        yield from _duplicate_values(self.all_options)

    @model_validator(mode="after")
    def _check(self) -> Any:
        problems = list(self._problems())
        if problems:
            raise DefinitionProblem(problems)
        return self


def _duplicate_values(options: tuple[Option, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    seen: set[str] = set()
    for option in options:
        if option.value in seen:
            yield (), f"option value {option.value!r} is used more than once"
        seen.add(option.value)


def _too_many(
    field: str, number: int | None, options: tuple[Option, ...]
) -> Iterator[tuple[tuple[Any, ...], str]]:
    if number is not None and number > len(options):
        yield (field,), f"{field} ({number}) is more than the number of options ({len(options)})"


class SingleChoiceQuestion(_Question):
    """Pick one option; ``other: true`` adds "Other - please specify" with up to 200 characters."""

    type: Literal["single_choice"]
    options: tuple[Option, ...] = Field(min_length=1)
    other: bool = False

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.options + ((OTHER_OPTION,) if self.other else ())


class MultipleChoiceQuestion(_Question):
    """Pick any number (up to ``max_choices``); an ``exclusive`` option must be picked on its own."""

    type: Literal["multiple_choice"]
    options: tuple[Option, ...] = Field(min_length=1)
    other: bool = False
    max_choices: int | None = Field(default=None, ge=1)
    exclusive: tuple[OptionValue, ...] = ()

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.options + ((OTHER_OPTION,) if self.other else ())

    def _problems(self) -> Iterator[tuple[tuple[Any, ...], str]]:
        yield from super()._problems()
        yield from _too_many("max_choices", self.max_choices, self.all_options)
        for index, value in enumerate(self.exclusive):
            if self.option(value) is None:
                yield ("exclusive", index), f"exclusive: {value!r} is not one of the options"


class RankingQuestion(_Question):
    """Put between 1 and ``rank`` of the options in order, most important first."""

    type: Literal["ranking"]
    options: tuple[Option, ...] = Field(min_length=2)
    rank: int = Field(ge=1)

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.options

    def _problems(self) -> Iterator[tuple[tuple[Any, ...], str]]:
        yield from super()._problems()
        yield from _too_many("rank", self.rank, self.options)


class ScaleQuestion(_Question):
    """Ordered points each with a numeric ``score``, or ``preset: safety``; ``dont_know: true`` adds one."""

    type: Literal["scale"]
    options: tuple[Option, ...] = ()
    preset: Literal["safety"] | None = None
    dont_know: bool = False

    @model_validator(mode="before")
    @classmethod
    def _apply_preset(cls, data: Any) -> Any:
        if not isinstance(data, dict) or data.get("preset") not in SCALE_PRESETS:
            return data
        preset = [option.model_dump() for option in SCALE_PRESETS[data["preset"]]]
        # model_dump() writes the preset's points back out as options; accept exactly those when re-parsing.
        if data.get("options") and not _same_options(data["options"], preset):
            raise DefinitionProblem([(("options",), "give either a preset or options, not both")])
        return {"dont_know": True, **data, "options": preset}

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.options + ((DONT_KNOW_OPTION,) if self.dont_know else ())

    def _problems(self) -> Iterator[tuple[tuple[Any, ...], str]]:
        if not self.options:
            yield (), "a scale needs options (each with a score) or a preset"
        for index, option in enumerate(self.options):
            if option.score is None:
                yield ("options", index), f"scale option {option.value!r} needs a numeric score"
        yield from super()._problems()


def _same_options(given: Any, wanted: list[dict[str, Any]]) -> bool:
    try:
        return [Option.model_validate(option).model_dump() for option in given] == wanted
    except (ValidationError, TypeError):
        return False


class FreeTextQuestion(_Question):
    """Words in the respondent's own voice (never published)."""

    type: Literal["free_text"]
    max_length: int = Field(default=2000, ge=1, le=5000)


class NumberQuestion(_Question):
    """A number between optional ``min`` and ``max``; ``integer: true`` for whole numbers only."""

    type: Literal["number"]
    min: float | None = None
    max: float | None = None
    integer: bool = False

    def _problems(self) -> Iterator[tuple[tuple[Any, ...], str]]:
        if self.min is not None and self.max is not None and self.min > self.max:
            yield ("max",), f"max ({self.max:g}) is less than min ({self.min:g})"


class DateQuestion(_Question):
    """A date between optional ``min`` and ``max``; ``not_in_future: true`` for past events."""

    type: Literal["date"]
    min: dt.date | None = None
    max: dt.date | None = None
    not_in_future: bool = False

    def _problems(self) -> Iterator[tuple[tuple[Any, ...], str]]:
        if self.min is not None and self.max is not None and self.min > self.max:
            yield ("max",), f"max ({self.max}) is before min ({self.min})"


class LocationQuestion(_Question):
    """A place: a map pin, an area (ward) or landmark from the lists, and/or a description.

    There must always be a way to name a place without the map, so a location question needs
    ``areas``, ``landmarks`` or ``allow_description``.
    """

    type: Literal["location"]
    areas: tuple[Option, ...] = ()
    landmarks: tuple[Option, ...] = ()
    allow_description: bool = True

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.areas + self.landmarks

    def _problems(self) -> Iterator[tuple[tuple[Any, ...], str]]:
        yield from super()._problems()
        if not (self.areas or self.landmarks or self.allow_description):
            yield (), "a location question needs areas, landmarks or allow_description, not just a map"


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
QUESTION_TYPES = (
    "single_choice",
    "multiple_choice",
    "ranking",
    "scale",
    "free_text",
    "number",
    "date",
    "location",
)
CONDITION_TYPES = ("single_choice", "multiple_choice", "ranking", "scale")
"""Question types a ``show_if`` can depend on: their answers are option values."""
