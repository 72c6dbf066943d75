"""Ranking: put between 1 and ``rank`` of the options in order, most important first.

Raw value: a list of option values in order (first = rank 1), or a mapping ``{value: rank}`` as the
web form sends it (ranks as text or int; blank ranks ignored). Stored as one part per ranked option,
``option`` and ``rank``. Cell: the values in rank order joined by ``;``
(``violence;anti_social_behaviour``). JSON: the list of values in rank order. Web form: one select
per option named ``rank-<value>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from pydantic import Field

from survey.answers import Answer, AnswerPart, RawAnswer
from survey.languages import Filled
from survey.question_types import texts
from survey.question_types.base import (
    AnswerError,
    ChatInput,
    FormFields,
    Option,
    Problems,
    QuestionType,
    Tally,
    field,
    known,
    option_values,
    too_many,
)


class RankingQuestion(QuestionType):
    """Put between 1 and ``rank`` of the options in order, most important first."""

    kind: ClassVar[str] = "ranking"
    tally: ClassVar[Tally] = Tally.RANKS
    chat_input: ClassVar[ChatInput] = ChatInput.RANK
    is_condition: ClassVar[bool] = True
    required_text: ClassVar[str] = texts.RANK_AT_LEAST_ONE

    type: Literal["ranking"]
    options: tuple[Option, ...] = Field(min_length=2)
    rank: int = Field(ge=1)

    @property
    def all_options(self) -> tuple[Option, ...]:
        return self.options

    @property
    def first_field_id(self) -> str:
        return f"rank-{self.options[0].value}"

    def _problems(self) -> Problems:
        yield from super()._problems()
        yield from too_many("rank", self.rank, self.options)

    def parse(self, raw: RawAnswer, today: dt.date | None = None) -> Answer:
        value = raw.value
        order = self._order_from_ranks(value) if isinstance(value, Mapping) else option_values(value)
        for item in order:
            known(self, item)
        if len(set(order)) < len(order):
            raise AnswerError(texts.RANKED_TWICE)
        if len(order) > self.rank:
            raise AnswerError(
                texts.RANK_ONE_ONLY if self.rank == 1 else Filled(texts.RANK_AT_MOST, rank=self.rank)
            )
        return tuple(AnswerPart(option=item, rank=rank) for rank, item in enumerate(order, start=1))

    def _order_from_ranks(self, raw: Mapping[str, Any]) -> list[str]:
        by_rank: dict[int, str] = {}
        for value, given in raw.items():
            text = "" if given is None else str(given).strip()
            if not text:
                continue
            known(self, value)
            if not text.isdigit() or not 1 <= int(text) <= self.rank:
                raise AnswerError(Filled(texts.RANKS_FROM_ONE, rank=self.rank))
            if int(text) in by_rank:
                raise AnswerError(texts.RANK_GIVEN_TWICE)
            by_rank[int(text)] = value
        if sorted(by_rank) != list(range(1, len(by_rank) + 1)):
            raise AnswerError(texts.RANKS_IN_ORDER)
        return [by_rank[rank] for rank in sorted(by_rank)]

    def raw_of(self, answer: Answer) -> RawAnswer:
        return RawAnswer([str(part.option) for part in _in_rank_order(answer)])

    def from_form(self, fields: FormFields) -> RawAnswer:
        return RawAnswer(
            {option.value: field(fields, f"rank-{option.value}") or "" for option in self.options}
        )

    def _show(self, answer: Answer) -> str:
        return "\n".join(f"{part.rank}. {self._label(part.option)}" for part in _in_rank_order(answer))

    def _label(self, value: str | None) -> str:
        option = self.option(value or "")
        return option.label if option else str(value)

    def _cell(self, answer: Answer) -> str:
        return ";".join(str(part.option) for part in _in_rank_order(answer))

    def _raw_from_cell(self, cell: str) -> RawAnswer:
        return RawAnswer(cell.split(";"))

    def _form_values(self, answer: Answer) -> dict[str, Any]:
        return {f"rank-{part.option}": str(part.rank) for part in answer}


def _in_rank_order(answer: Answer) -> list[AnswerPart]:
    return sorted(answer, key=lambda part: part.rank or 0)
