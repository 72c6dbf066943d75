"""Every option a response chose, kept on its pin, so the hotspots count by reason, time band and age
band per map square without joining every answer of every pinned response (issue 17).

A pin's ``response_options`` holds its response's chosen options as ``question_id=option`` lines, in
no particular order: one line per answer row that has an option, and ``""`` for a response that chose
none. It is written with the pin, where the pin gets its ward (:func:`survey.wards.index.assign_rows`,
and :func:`survey.wards.index.assign_answer` when an officer places a report), and it never needs
changing afterwards: no stored answer's option is ever changed (redaction changes words, retention
deletes words and moves pins, deletion removes the whole response with its pins). A pin without it
(``NULL``, stored by a path that bypasses ``assign_rows``) is read from its response's answers at query
time (:func:`options_expression`), so the column is a speed-up and never a second truth.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from survey.storage.models import Answer

#: Between the lines of ``response_options`` (question ids and option values are lower-case letters,
#: digits and ``_``; an option never holds a line break).
SEPARATOR = "\n"


def option_line(question_id: str, option: str) -> str:
    return f"{question_id}={option}"


def split_line(line: str) -> tuple[str, str]:
    """``(question_id, option)`` of one line (a question id never holds ``=``)."""
    question_id, _equals, option = line.partition("=")
    return question_id, option


def fill_rows(rows: Sequence[dict[str, Any]]) -> None:
    """Set ``response_options`` on the pinned rows among answer rows about to be inserted.

    ``rows`` are whole responses (every row of each response they hold), as ``assign_rows`` gets them.
    Every row gets the key, so a bulk insert has the same columns in every row.
    """
    chosen: dict[Any, list[str]] = defaultdict(list)
    for row in rows:
        row.setdefault("response_options", None)
        if row.get("option") is not None:
            chosen[row.get("response_id")].append(option_line(row["question_id"], row["option"]))
    for row in rows:
        if row.get("latitude") is not None and row.get("longitude") is not None:
            row["response_options"] = SEPARATOR.join(chosen.get(row.get("response_id"), ()))


def fill_answer(session: Session, answer: Answer) -> None:
    """Set a stored pin's ``response_options`` from its response's answers (an officer placing a report)."""
    if answer.response_options is not None or answer.latitude is None or answer.longitude is None:
        return
    rows = session.execute(
        select(Answer.question_id, Answer.option).where(
            Answer.response_id == answer.response_id, Answer.option.is_not(None)
        )
    ).all()
    answer.response_options = SEPARATOR.join(option_line(row.question_id, row.option) for row in rows)


def options_expression(pin: Any) -> ColumnElement[str]:
    """SQL for a pin's options: the kept text, or, where there is none, its response's answers read now.

    ``pin`` is an alias of :class:`Answer` standing for the pinned location answer.
    """
    other = aliased(Answer)
    read_now = (
        select(func.aggregate_strings(other.question_id + "=" + other.option, SEPARATOR))
        .where(other.response_id == pin.response_id, other.option.is_not(None))
        .scalar_subquery()
    )
    return func.coalesce(pin.response_options, read_now)
