"""What the option-picking types (single choice, multiple choice, scale) share.

An answer is one part per chosen option, kept in the definition's option order. The ``other`` option
is special only where the question offers it (``other: true``): its part carries the respondent's
words, shown as ``Other: <words>``, written to a cell as ``other:<words>`` (last, and everything after
``other:`` is the words, which may contain ``;``) and to JSON as ``{"other": "<words>"}``. Once the
retention run has deleted the words (``survey.retention``) it is shown and written as the plain
option. A plain option whose value happens to be ``other`` is an ordinary option everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from survey.answers import Answer, AnswerPart, RawAnswer
from survey.languages import Filled
from survey.question_types import texts
from survey.question_types.base import (
    FIELD_LIMIT,
    OTHER,
    OTHER_TEXT_MAX_LENGTH,
    AnswerError,
    FormFields,
    QuestionType,
    field,
    known,
    split_last,
    text_of,
)

OTHER_PREFIX = OTHER + ":"


class ChoiceQuestion(QuestionType):
    """Options picked from a list; the cell holds option values joined by ``;``."""

    is_condition: ClassVar[bool] = True
    several: ClassVar[bool] = False
    """Whether more than one option may be chosen (the form posts a list, JSON holds a list)."""

    @property
    def offers_other(self) -> bool:
        """Whether the question has ``other: true`` (so the ``other`` option carries words)."""
        return bool(getattr(self, "other", False))

    def is_other(self, part: AnswerPart) -> bool:
        """Whether ``part`` is the "Other - please specify" option with the respondent's words."""
        return self.offers_other and part.option == OTHER

    def choice_part(self, value: str, other_text: str | None) -> AnswerPart:
        """The part for one chosen option (with the other words when it is the other option)."""
        known(self, value)
        if not (self.offers_other and value == OTHER):
            return AnswerPart(option=value)
        words = text_of(other_text)
        if not words:
            raise AnswerError(texts.ENTER_OTHER)
        if len(words) > OTHER_TEXT_MAX_LENGTH:
            raise AnswerError(Filled(texts.OTHER_TOO_LONG, limit=OTHER_TEXT_MAX_LENGTH))
        return AnswerPart(option=OTHER, text=words)

    def in_option_order(self, answer: Answer) -> list[AnswerPart]:
        """The parts in the definition's option order (unknown options last)."""
        order = {option.value: index for index, option in enumerate(self.all_options)}
        return sorted(answer, key=lambda part: order.get(part.option, len(order)))

    def option_text(self, part: AnswerPart) -> str:
        """An option's label, or ``Other: <words>``."""
        if self.is_other(part) and part.text:
            return f"Other: {part.text}"
        option = self.option(part.option or "")
        return option.label if option else str(part.option)

    def raw_of(self, answer: Answer) -> RawAnswer:
        values = [part.option for part in self.in_option_order(answer)]
        other_text = next((part.text for part in answer if self.is_other(part)), None)
        return RawAnswer(values if self.several else (values[0] if values else None), other_text)

    def from_form(self, fields: FormFields) -> RawAnswer:
        if self.several:
            value: Any = [item[:FIELD_LIMIT] for item in fields.get("answer", ())]
        else:
            value = field(fields, "answer")
        return RawAnswer(value, field(fields, "other_text"))

    def _show(self, answer: Answer) -> str:
        return "\n".join(self.option_text(part) for part in self.in_option_order(answer))

    def _cell(self, answer: Answer) -> str:
        return ";".join(
            f"{OTHER_PREFIX}{part.text}" if self.is_other(part) and part.text else str(part.option)
            for part in self.in_option_order(answer)
        )

    def _raw_from_cell(self, cell: str) -> RawAnswer:
        if not self.offers_other:
            return RawAnswer(cell.split(";"))
        values, other_text = split_last(cell, OTHER_PREFIX)
        return RawAnswer(values + ([OTHER] if other_text is not None else []), other_text)

    def _json(self, answer: Answer) -> Any:
        items = [
            {OTHER: part.text} if self.is_other(part) and part.text else part.option
            for part in self.in_option_order(answer)
        ]
        return items if self.several else items[0]

    def _raw_from_json(self, value: Any) -> RawAnswer:
        items = value if isinstance(value, list) else [value]
        other_text = None
        values = []
        for item in items:
            if self.offers_other and isinstance(item, Mapping) and set(item) == {OTHER}:
                values.append(OTHER)
                other_text = item[OTHER]
            else:
                values.append(item)
        return RawAnswer(values if isinstance(value, list) else values[0], other_text)

    def _form_values(self, answer: Answer) -> dict[str, Any]:
        values: dict[str, Any] = {"answer": [part.option for part in answer]}
        other = next((part.text for part in answer if part.text), None)
        if other:
            values["other_text"] = other
        return values
