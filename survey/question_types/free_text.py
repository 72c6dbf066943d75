"""Free text: words in the respondent's own voice (never published).

Raw value: a ``str``. Stored as one part, ``text``. Cell and JSON: the text itself. Web form: a text
area named ``answer``.

``sentiment: true`` scores each answer's sentiment when it is stored. It is off unless the
definition turns it on: a lexicon scorer measures how positive the words are, which says something
only when the question asks how people feel or what they think of something ("How do you feel
about the town centre at night?"). Asked "What would make you feel safer?", a resident who writes
"more police, the park is dangerous" scores negative while making a constructive suggestion, so a
score there would mislead. Off by default, a new question never shows such a figure by accident.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

from pydantic import Field, StrictBool

from survey.answers import Answer, AnswerPart, RawAnswer
from survey.languages import Filled
from survey.question_types import texts
from survey.question_types.base import AnswerError, ChatInput, FormFields, QuestionType, Tally, field, text_of


class FreeTextQuestion(QuestionType):
    """Words in the respondent's own voice (never published)."""

    kind: ClassVar[str] = "free_text"
    tally: ClassVar[Tally] = Tally.TEXT
    chat_input: ClassVar[ChatInput] = ChatInput.TYPE
    required_text: ClassVar[str] = texts.ENTER_YOUR_ANSWER

    type: Literal["free_text"]
    max_length: int = Field(default=2000, ge=1, le=5000)
    sentiment: StrictBool = False
    """Score each answer's sentiment when it is stored (only where the question asks for feelings or
    views; see the module docstring). Strict: ``yes`` or ``"true"`` is an error, not a guess."""

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        words = text_of(raw.value)
        if len(words) > self.max_length:
            raise AnswerError(Filled(texts.ANSWER_TOO_LONG, limit=self.max_length))
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


def scores_sentiment(question: QuestionType) -> bool:
    """Whether answers to ``question`` are scored for sentiment: free text with ``sentiment: true``."""
    return isinstance(question, FreeTextQuestion) and question.sentiment
