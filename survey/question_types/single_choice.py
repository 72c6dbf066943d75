"""Single choice: pick one option; ``other: true`` adds "Other - please specify".

Raw value: an option value ``str`` (or a list of at most one); ``other_text`` carries the words for
the ``other`` option. Stored as one part, ``option``. Cell: the option value (``fairly_safe``), or
``other:<words>``. JSON: the option value, or ``{"other": "<words>"}``. Web form: radios named
``answer`` and a text box ``other_text``.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from pydantic import Field

from survey.answers import Answer, RawAnswer
from survey.question_types import texts
from survey.question_types.base import OTHER_OPTION, AnswerError, ChatInput, Option, Tally, option_values
from survey.question_types.choice import ChoiceQuestion


class SingleChoiceQuestion(ChoiceQuestion):
    """Pick one option; ``other: true`` adds "Other - please specify" with up to 200 characters."""

    kind: ClassVar[str] = "single_choice"
    tally: ClassVar[Tally] = Tally.ONE_OPTION
    chat_input: ClassVar[ChatInput] = ChatInput.CHOOSE
    required_text: ClassVar[str] = texts.SELECT_AN_ANSWER

    type: Literal["single_choice"]
    options: tuple[Option, ...] = Field(min_length=1)
    other: bool = False

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.options + ((OTHER_OPTION,) if self.other else ())

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        values = option_values(raw.value)
        if len(values) > 1:
            raise AnswerError(texts.ONE_OPTION_ONLY)
        return tuple(self.choice_part(value, raw.other_text) for value in values)
