"""Date: a date between optional ``min`` and ``max``; ``not_in_future: true`` for past events.

Raw value: an ISO ``str`` (``"2025-03-01"``), a ``datetime.date``, or ``(day, month, year)`` strings
from a GOV.UK date input. Stored as one part, ``date``. Cell and JSON: ISO 8601 (``2025-03-27``).
Shown GOV.UK style (``27 March 2025``). Web form: ``answer-day``, ``answer-month``, ``answer-year``.
"""

from __future__ import annotations

import datetime as dt
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
    text_of,
)

_PARTS = ("day", "month", "year")


def date_text(value: dt.date) -> str:
    """GOV.UK date style: ``1 March 2025``."""
    return f"{value.day} {value:%B %Y}"


class DateQuestion(QuestionType):
    """A date between optional ``min`` and ``max``; ``not_in_future: true`` for past events."""

    kind: ClassVar[str] = "date"
    tally: ClassVar[Tally] = Tally.DATES
    chat_input: ClassVar[ChatInput] = ChatInput.TYPE
    required_text: ClassVar[str] = texts.ENTER_A_DATE

    type: Literal["date"]
    min: dt.date | None = None
    max: dt.date | None = None
    not_in_future: bool = False

    @property
    def first_field_id(self) -> str:
        return "answer-day"

    def _problems(self) -> Problems:
        if self.min is not None and self.max is not None and self.min > self.max:
            yield ("max",), f"max ({self.max}) is before min ({self.min})"

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        value = _date_value(raw.value)
        if value is None:
            return ()
        if self.not_in_future and value > (today or dt.date.today()):
            raise AnswerError(texts.DATE_NOT_IN_FUTURE)
        if self.min is not None and value < self.min:
            raise AnswerError(Filled(texts.DATE_ON_OR_AFTER, date=self.min))
        if self.max is not None and value > self.max:
            raise AnswerError(Filled(texts.DATE_ON_OR_BEFORE, date=self.max))
        return (AnswerPart(date=value),)

    def raw_of(self, answer: Answer) -> RawAnswer:
        return RawAnswer(answer[0].date if answer else None)

    def from_form(self, fields: FormFields) -> RawAnswer:
        parts = tuple(field(fields, f"answer-{part}") or "" for part in _PARTS)
        return RawAnswer(parts if any(part.strip() for part in parts) else None)

    def _show(self, answer: Answer) -> str:
        return date_text(answer[0].date) if answer[0].date else ""

    def _cell(self, answer: Answer) -> str:
        return answer[0].date.isoformat() if answer[0].date else ""

    def _json(self, answer: Answer) -> Any:
        return self._cell(answer)

    def _form_values(self, answer: Answer) -> dict[str, Any]:
        value = answer[0].date
        if value is None:
            return {}
        return {
            "answer-day": str(value.day),
            "answer-month": str(value.month),
            "answer-year": str(value.year),
            "iso": date_text(value),
        }


def _date_value(raw: Any) -> dt.date | None:
    if raw is None:
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, list | tuple) and len(raw) == 3:
        return _date_from_fields(*(text_of(part) for part in raw))
    if not isinstance(raw, str):
        raise AnswerError(texts.ENTER_A_REAL_DATE)
    text = raw.strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        raise AnswerError(texts.ENTER_A_REAL_ISO_DATE)
    return _real_date(*(int(part) for part in match.groups()))


def _date_from_fields(day: str, month: str, year: str) -> dt.date | None:
    fields = {"day": day, "month": month, "year": year}
    missing = tuple(name for name, text in fields.items() if not text)
    if len(missing) == 3:
        return None
    if missing:
        raise AnswerError(texts.DATE_MUST_INCLUDE[missing])
    if not all(text.isdigit() for text in fields.values()):
        raise AnswerError(texts.ENTER_A_REAL_DATE)
    if len(year) != 4:
        raise AnswerError(texts.YEAR_FOUR_NUMBERS)
    return _real_date(int(year), int(month), int(day))


def _real_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise AnswerError(texts.ENTER_A_REAL_DATE) from None
