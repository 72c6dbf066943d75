"""What every question type shares: options, the common question fields, and the one shape of a type.

Every question has ``id``, ``type``, ``text``, optional ``hint``, ``required`` (default false:
consultations are voluntary), optional ``error_message`` (the GOV.UK "Select ..." text shown when a
required question is left empty) and optional ``show_if: {question: <earlier id>, in: [values]}``.
The type-specific fields are documented on each type's class. An option is ``{value, label}`` or just
a label, whose value is then the label slugified (``"Drug dealing"`` -> ``drug_dealing``).

A question type is a subclass of :class:`QuestionType` in its own module; it owns its definition
fields and checks, how a raw answer is parsed (:meth:`QuestionType.parse`), how an answer is shown
(:meth:`~QuestionType.show`), written to and read from a CSV cell and a JSON value, read from a web
form's posted fields and shown in the form again, and what it adds to tallies (:attr:`~QuestionType.tally`).
Checks that need the whole definition (unique ids, ``show_if`` targets) are in
:mod:`survey.definitions.definition`; a check here reports a path relative to the question through
:class:`DefinitionProblem` so the loader can name the line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from survey.answers import Answer, RawAnswer
from survey.languages import N_

OTHER = "other"
"""Option value added by ``other: true``; its part carries the respondent's words in ``text``."""
DONT_KNOW = "dont_know"
"""Option value added to a scale by ``dont_know: true``; its score is ``None``."""
OTHER_TEXT_MAX_LENGTH = 200
NOT_ANSWERED = "Not answered"
FIELD_LIMIT = 6000
"""Characters kept of a posted form field: more than any question allows (the type says what is too long)."""

FormFields = Mapping[str, Sequence[str]]
"""A web form's posted fields: each name with all its values (``request.form.to_dict(flat=False)``)."""
Problems = Iterator[tuple[tuple[Any, ...], str]]


class DefinitionProblem(ValueError):
    """Raised inside model validators: ``problems`` is a list of (path within the model, message).

    It lives with the question types, which raise it, so the definitions loader (which reports it
    with the file and line) depends on the question types and never the other way round.
    """

    def __init__(self, problems: Iterable[tuple[tuple[Any, ...], str]]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(message for _, message in self.problems))


class AnswerError(ValueError):
    """The raw input cannot be accepted; the message says how to put it right."""


class ChatInput(StrEnum):
    """How a chat (the bot, the web chat) asks a question of this type."""

    CHOOSE = "choose"  # one button per option; a tap answers
    TICK = "tick"  # buttons to tick, then Done
    RANK = "rank"  # buttons tapped in order of importance, then Done
    PLACE = "place"  # share a location, tap an area or landmark, or describe the place
    TYPE = "type"  # type the answer


class Tally(StrEnum):
    """What a question type's answers add to a report (analysis dispatches on it)."""

    ONE_OPTION = "one_option"  # respondents per option, adding up to the base
    OPTIONS = "options"  # respondents per option, never combinations
    RANKS = "ranks"  # respondents per option and rank position, mean rank, points
    SCALE = "scale"  # respondents per point, net and mean score
    TEXT = "text"  # the base and sentiment
    NUMBERS = "numbers"  # the base, mean, lowest and highest
    DATES = "dates"  # the base, earliest and latest
    PLACES = "places"  # areas and landmarks chosen, pins, places described


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


OTHER_OPTION = Option(value=OTHER, label=N_("Other - please specify"))
DONT_KNOW_OPTION = Option(value=DONT_KNOW, label=N_("Don't know"), score=None)


class ShowIf(StrictModel):
    """Show a question only if the answer to an earlier ``question`` includes any of ``values``."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    question: QuestionId
    values: tuple[OptionValue, ...] = Field(alias="in", min_length=1)


class QuestionType(StrictModel):
    """The fields every question has, and the operations every question type provides.

    A subclass sets the class attributes, declares ``type: Literal["<kind>"]`` and its own fields,
    and implements :meth:`parse`, :meth:`_show`, :meth:`_cell`, :meth:`raw_of`, :meth:`from_form`
    and :meth:`_form_values` (the rest have defaults that follow from those).
    """

    kind: ClassVar[str]
    """The ``type:`` a definition gives; the registry's key."""
    tally: ClassVar[Tally]
    """What its answers add to a report: analysis dispatches on this, never on ``kind``."""
    chat_input: ClassVar[ChatInput]
    """How a chat asks it: the conversations dispatch on this, never on ``kind``."""
    is_condition: ClassVar[bool] = False
    """Whether a ``show_if`` may depend on it (its answers are option values)."""
    required_text: ClassVar[str]
    """What to tell a respondent who left a required question empty, unless ``error_message`` says."""
    error_key: ClassVar[str] = "answer"
    """The form field (or group) a problem is shown beside."""

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

    @property
    def offers_other(self) -> bool:
        """Whether an ``other`` answer carries the respondent's words (only ``other: true`` choices)."""
        return False

    def option(self, value: str) -> Option | None:
        """The option with this value, or ``None``."""
        return next((option for option in self.all_options if option.value == value), None)

    @property
    def required_message(self) -> str:
        """What to tell a respondent who left this question empty when it is required."""
        return self.error_message or self.required_text

    @property
    def first_field_id(self) -> str:
        """Where the error summary's link for this question lands on its web page."""
        return "answer"

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        """Check what a person gave and normalise it; ``()`` when blank. Raises :class:`AnswerError`."""
        raise NotImplementedError

    def show(self, answer: Answer) -> str:
        """The answer as a person reads it (check your answers, the bot's summary, officers' views)."""
        return self._show(answer) if answer else NOT_ANSWERED

    def to_cell(self, answer: Answer) -> str:
        """The answer as one CSV cell; ``""`` when not answered."""
        return self._cell(answer) if answer else ""

    def from_cell(self, cell: str) -> Answer:
        """Read a cell written by :meth:`to_cell` (or typed from a paper form); checked like :meth:`parse`."""
        return self.parse(self._raw_from_cell(cell)) if cell.strip() else ()

    def to_json(self, answer: Answer) -> Any:
        """The answer as a JSON value (``None`` when not answered); :meth:`from_json` reads it back."""
        return self._json(answer) if answer else None

    def from_json(self, value: Any) -> Answer:
        """Read a value written by :meth:`to_json`; checked like :meth:`parse`."""
        return self.parse(self._raw_from_json(value))

    def raw_of(self, answer: Answer) -> RawAnswer:
        """The raw input that gives ``answer`` back (what a channel would send for it)."""
        raise NotImplementedError

    def from_form(self, fields: FormFields) -> RawAnswer:
        """The raw answer from a web question page's posted fields."""
        raise NotImplementedError

    def form_values(self, answer: Answer) -> dict[str, Any]:
        """The form values that show a stored answer again on its web page (``{}`` when empty)."""
        return self._form_values(answer) if answer else {}

    def _show(self, answer: Answer) -> str:
        raise NotImplementedError

    def _cell(self, answer: Answer) -> str:
        raise NotImplementedError

    def _raw_from_cell(self, cell: str) -> RawAnswer:
        return RawAnswer(cell)

    def _json(self, answer: Answer) -> Any:
        return self.raw_of(answer).value

    def _raw_from_json(self, value: Any) -> RawAnswer:
        return RawAnswer(value)

    def _form_values(self, answer: Answer) -> dict[str, Any]:
        raise NotImplementedError

    def _problems(self) -> Problems:
        yield from duplicate_values(self.all_options)

    @model_validator(mode="after")
    def _check(self) -> Any:
        problems = list(self._problems())
        if problems:
            raise DefinitionProblem(problems)
        return self


def duplicate_values(options: tuple[Option, ...]) -> Problems:
    """A problem for each option value used twice."""
    seen: set[str] = set()
    for option in options:
        if option.value in seen:
            yield (), f"option value {option.value!r} is used more than once"
        seen.add(option.value)


def too_many(field: str, number: int | None, options: tuple[Option, ...]) -> Problems:
    """A problem when a limit (``rank``, ``max_choices``) is more than there are options."""
    if number is not None and number > len(options):
        yield (field,), f"{field} ({number}) is more than the number of options ({len(options)})"


def option_values(raw: Any) -> list[str]:
    """Option values from ``raw``: one ``str`` or a list of them, blanks dropped."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple) or not all(isinstance(item, str) for item in items):
        raise AnswerError("Select from the options shown")
    return [item.strip() for item in items if item.strip()]


def known(question: QuestionType, value: str, options: tuple[Option, ...] | None = None) -> Option:
    """The option ``value`` names, or :class:`AnswerError` when it is not one of ``options``."""
    options = question.all_options if options is None else options
    option = next((option for option in options if option.value == value), None)
    if option is None:
        raise AnswerError(f"Select from the options shown ({value!r} is not one of them)")
    return option


def text_of(raw: Any) -> str:
    """Text a person gave, stripped, with Windows line ends made plain; ``""`` for ``None``."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise AnswerError("Enter your answer as text")
    return raw.replace("\r\n", "\n").strip()


def field(fields: FormFields, name: str) -> str | None:
    """The first value posted for ``name`` (clipped to :data:`FIELD_LIMIT`), or ``None``."""
    values = fields.get(name) or ()
    return values[0][:FIELD_LIMIT] if values else None


def split_last(cell: str, prefix: str) -> tuple[list[str], str | None]:
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
