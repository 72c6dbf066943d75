"""Free text: words in the respondent's own voice (never published).

Raw value: a ``str``. Stored as one part, ``text``. Cell and JSON: the text itself. Web form: a text
area named ``answer``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import Field

from survey.answers import Answer, AnswerPart, RawAnswer
from survey.question_types.base import AnswerError, ChatInput, FormFields, QuestionType, Tally, field, text_of


class FreeTextQuestion(QuestionType):
    """Words in the respondent's own voice (never published)."""

    kind: ClassVar[str] = "free_text"
    tally: ClassVar[Tally] = Tally.TEXT
    chat_input: ClassVar[ChatInput] = ChatInput.TYPE
    required_text: ClassVar[str] = "Enter your answer"

    type: Literal["free_text"]
    max_length: int = Field(default=2000, ge=1, le=5000)

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        words = text_of(raw.value)
        if len(words) > self.max_length:
            raise AnswerError(f"Answer must be {self.max_length} characters or fewer")
        return (AnswerPart(text=words),) if words else ()

    def raw_of(self, answer: Answer) -> RawAnswer:
        return RawAnswer(answer[0].text if answer else None)

    def from_form(self, fields: FormFields) -> RawAnswer:
        return RawAnswer(field(fields, "answer"))

    def _show(self, answer: Answer) -> str:
        return answer[0].text or ""

    def _cell(self, answer: Answer) -> str:
        return answer[0].text or ""

    def _form_values(self, answer: Answer) -> dict[str, Any]:
        return {"answer": [answer[0].text]}
