"""Multiple choice: pick any number of options (up to ``max_choices``).

Raw value: an option value ``str`` or a list of them; ``other_text`` as for single choice. Stored as
one part per chosen option, in the definition's option order (so "other", always last, ends the
list). Cell: the values joined by ``;`` (``groups_gathering;robbery;other:<words>``). JSON: a list of
values (the other option as ``{"other": "<words>"}``). Web form: checkboxes named ``answer``.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from survey.answers import Answer, RawAnswer
from survey.languages import Filled
from survey.question_types import texts
from survey.question_types.base import (
    OTHER_OPTION,
    AnswerError,
    ChatInput,
    Option,
    OptionValue,
    Problems,
    Tally,
    known,
    option_values,
    too_many,
)
from survey.question_types.choice import ChoiceQuestion


class MultipleChoiceQuestion(ChoiceQuestion):
    """Pick any number (up to ``max_choices``); an ``exclusive`` option must be picked on its own."""

    kind: ClassVar[str] = "multiple_choice"
    tally: ClassVar[Tally] = Tally.OPTIONS
    chat_input: ClassVar[ChatInput] = ChatInput.TICK
    required_text: ClassVar[str] = texts.SELECT_AT_LEAST_ONE
    several: ClassVar[bool] = True

    type: Literal["multiple_choice"]
    options: tuple[Option, ...] = Field(min_length=1)
    other: bool = False
    max_choices: int | None = Field(default=None, ge=1)
    exclusive: tuple[OptionValue, ...] = ()

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.options + ((OTHER_OPTION,) if self.other else ())

    def _problems(self) -> Problems:
        yield from super()._problems()
        yield from too_many("max_choices", self.max_choices, self.all_options)
        for index, value in enumerate(self.exclusive):
            if self.option(value) is None:
                yield ("exclusive", index), f"exclusive: {value!r} is not one of the options"

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        chosen = set(option_values(raw.value))
        for value in chosen:
            known(self, value)
        for value in self.exclusive:
            if value in chosen and len(chosen) > 1:
                label = self.option(value).label  # type: ignore[union-attr]  # checked by _problems
                raise AnswerError(Filled(texts.EITHER_EXCLUSIVE, label=label))
        if self.max_choices is not None and len(chosen) > self.max_choices:
            if self.max_choices == 1:
                raise AnswerError(texts.ONE_OPTION_ONLY)
            raise AnswerError(Filled(texts.NO_MORE_THAN, number=self.max_choices))
        return tuple(
            self.choice_part(option.value, raw.other_text)
            for option in self.all_options
            if option.value in chosen
        )
