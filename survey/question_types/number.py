"""Number: a number between optional ``min`` and ``max``; ``integer: true`` for whole numbers only.

Raw value: a ``str`` (commas allowed: ``"1,250"``) or an ``int``/``float``. Stored as one part,
``number``. Cell: the shortest exact decimal (``12``, ``3.5``, ``1e+20``). JSON: the number. Web
form: a text input named ``answer``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, ClassVar, Literal

from survey.answers import Answer, AnswerPart, RawAnswer
from survey.languages import Filled
from survey.question_types import texts
from survey.question_types.base import (
    AnswerError,
    ChatInput,
    FormFields,
    Problems,
    QuestionType,
    Tally,
    field,
)

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def number_text(value: float) -> str:
    """A number as people write it: ``12`` not ``12.0``; otherwise the shortest exact form."""
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


class NumberQuestion(QuestionType):
    """A number between optional ``min`` and ``max``; ``integer: true`` for whole numbers only."""

    kind: ClassVar[str] = "number"
    tally: ClassVar[Tally] = Tally.NUMBERS
    chat_input: ClassVar[ChatInput] = ChatInput.TYPE
    required_text: ClassVar[str] = texts.ENTER_A_NUMBER

    type: Literal["number"]
    min: float | None = None
    max: float | None = None
    integer: bool = False

    def _problems(self) -> Problems:
        if self.min is not None and self.max is not None and self.min > self.max:
            yield ("max",), f"max ({self.max:g}) is less than min ({self.min:g})"

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        value = _number_value(raw.value)
        if value is None:
            return ()
        if not math.isfinite(value):
            raise AnswerError(texts.ENTER_A_WHOLE_NUMBER if self.integer else texts.ENTER_A_NUMBER)
        if self.integer and not value.is_integer():
            raise AnswerError(texts.ENTER_A_WHOLE_NUMBER)
        low, high = self.min, self.max
        if (low is not None and value < low) or (high is not None and value > high):
            if low is not None and high is not None:
                raise AnswerError(Filled(texts.NUMBER_BETWEEN, low=number_text(low), high=number_text(high)))
            if low is not None:
                raise AnswerError(Filled(texts.NUMBER_OR_MORE, low=number_text(low)))
            raise AnswerError(Filled(texts.NUMBER_OR_LESS, high=number_text(high)))  # type: ignore[arg-type]
        return (AnswerPart(number=value),)

    def raw_of(self, answer: Answer) -> RawAnswer:
        return RawAnswer(answer[0].number if answer else None)

    def from_form(self, fields: FormFields) -> RawAnswer:
        return RawAnswer(field(fields, "answer"))

    def _show(self, answer: Answer) -> str:
        return number_text(answer[0].number or 0.0)

    def _cell(self, answer: Answer) -> str:
        return number_text(answer[0].number or 0.0)

    def _json(self, answer: Answer) -> Any:
        value = answer[0].number or 0.0
        return int(value) if value.is_integer() and abs(value) < 2**53 else value

    def _form_values(self, answer: Answer) -> dict[str, Any]:
        return {"answer": [number_text(answer[0].number or 0.0)]}


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
