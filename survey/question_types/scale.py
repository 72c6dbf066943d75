"""Scale: ordered points, each with a score (or ``preset: safety``); ``dont_know: true`` adds one.

Raw value: one option value ``str`` (``dont_know`` when the scale offers it). Stored as one part,
``option`` and ``number`` (the point's score; ``None`` for "Don't know"). Cell and JSON: the option
value (the score follows from it). Web form: radios named ``answer``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import ValidationError, model_validator

from survey.answers import Answer, AnswerPart, RawAnswer
from survey.languages import N_
from survey.question_types.base import (
    DONT_KNOW_OPTION,
    AnswerError,
    ChatInput,
    DefinitionProblem,
    Option,
    Problems,
    Tally,
    known,
    option_values,
)
from survey.question_types.choice import ChoiceQuestion

SAFETY_SCALE: tuple[Option, ...] = (
    Option(value="very_safe", label=N_("Very safe"), score=2),
    Option(value="fairly_safe", label=N_("Fairly safe"), score=1),
    Option(value="a_bit_unsafe", label=N_("A bit unsafe"), score=-1),
    Option(value="very_unsafe", label=N_("Very unsafe"), score=-2),
)
"""``preset: safety``: the Crime Survey for England and Wales wording; net = % safe - % unsafe."""
SCALE_PRESETS = {"safety": SAFETY_SCALE}


class ScaleQuestion(ChoiceQuestion):
    """Ordered points each with a numeric ``score``, or ``preset: safety``; ``dont_know: true`` adds one."""

    kind: ClassVar[str] = "scale"
    tally: ClassVar[Tally] = Tally.SCALE
    chat_input: ClassVar[ChatInput] = ChatInput.CHOOSE
    required_text: ClassVar[str] = "Select an answer"

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

    def _problems(self) -> Problems:
        if not self.options:
            yield (), "a scale needs options (each with a score) or a preset"
        for index, option in enumerate(self.options):
            if option.score is None:
                yield ("options", index), f"scale option {option.value!r} needs a numeric score"
        yield from super()._problems()

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        values = option_values(raw.value)
        if len(values) > 1:
            raise AnswerError("Select one option only")
        return tuple(AnswerPart(option=value, number=known(self, value).score) for value in values)


def _same_options(given: Any, wanted: list[dict[str, Any]]) -> bool:
    try:
        return [Option.model_validate(option).model_dump() for option in given] == wanted
    except (ValidationError, TypeError):
        return False
