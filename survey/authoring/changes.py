"""Which changes to a definition the responses already given allow, and what a change did.

A draft with no responses may change anything. Once a consultation has responses (from any channel,
open or not), a change must not make a stored answer meaningless or a stored response incomplete:

* the definition's id and kind stay the same;
* a question that has answers keeps its type and is not removed;
* an option that has answers is not removed (nor renamed: its value is what answers hold), and a
  scale option that has answers keeps its score (means and net scores would silently change);
* no question becomes required, and no new question is required (earlier responses lack it);
* no limit is tightened below what stored answers hold: ``max_choices`` below the most options one
  response ticked, ``rank`` below the deepest rank given, ``max_length`` below the longest answer,
  a number's or date's ``min``/``max`` past a stored value, ``integer`` with a stored fraction, a
  location's ``allow_description`` turned off when descriptions are stored.

Wording, hints, error messages, page titles, the intro and privacy notice, new optional questions,
new options, looser limits and conditions (``show_if``) may change at any time. Conditions only
decide what a respondent is asked next; answers already stored are counted as they are.

:func:`refusals` returns one sentence per refused change, each naming the question (and option) and
saying what to do instead; :func:`describe_changes` says what a change did, by question and option id,
never with anything a respondent wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.definitions.definition import Definition
from survey.storage.models import Answer as AnswerRow
from survey.storage.models import Response

COPY_INSTEAD = "close the consultation and copy it instead"


@dataclass
class StoredAnswers:
    """What a consultation's stored answers hold, per question id: all a safe-change check needs."""

    responses: int = 0
    options: dict[str, set[str]] = field(default_factory=dict)
    """Answered question ids, each with the option values its answers hold (empty for text, numbers...)."""
    most_parts: dict[str, int] = field(default_factory=dict)
    """The most answer parts one response gave (ticks of a multiple choice)."""
    deepest_rank: dict[str, int] = field(default_factory=dict)
    longest_text: dict[str, int] = field(default_factory=dict)
    numbers: dict[str, tuple[float, float]] = field(default_factory=dict)
    """The lowest and highest number stored."""
    dates: dict[str, tuple[dt.date, dt.date]] = field(default_factory=dict)
    non_integers: set[str] = field(default_factory=set)


def stored_answers(session: Session, consultation_id: int) -> StoredAnswers:
    """Summarise what the consultation's stored answers hold (a few grouped queries, no answer words)."""
    found = StoredAnswers()
    found.responses = (
        session.scalar(
            select(func.count()).select_from(Response).where(Response.consultation_id == consultation_id)
        )
        or 0
    )
    if not found.responses:
        return found
    mine = AnswerRow.consultation_id == consultation_id
    for question_id, option in session.execute(
        select(AnswerRow.question_id, AnswerRow.option).where(mine).distinct()
    ):
        values = found.options.setdefault(question_id, set())
        if option is not None:
            values.add(option)
    per_response = (
        select(AnswerRow.question_id, func.count().label("parts"))
        .where(mine)
        .group_by(AnswerRow.question_id, AnswerRow.response_id)
        .subquery()
    )
    most = select(per_response.c.question_id, func.max(per_response.c.parts)).group_by(
        per_response.c.question_id
    )
    found.most_parts = {question_id: parts for question_id, parts in session.execute(most)}
    limits = session.execute(
        select(
            AnswerRow.question_id,
            func.max(AnswerRow.rank),
            func.max(func.length(AnswerRow.text)),
            func.min(AnswerRow.number),
            func.max(AnswerRow.number),
            func.min(AnswerRow.date),
            func.max(AnswerRow.date),
            func.sum(func.abs(AnswerRow.number - func.round(AnswerRow.number))),
        )
        .where(mine)
        .group_by(AnswerRow.question_id)
    )
    for question_id, rank, length, low, high, earliest, latest, fractions in limits:
        if rank is not None:
            found.deepest_rank[question_id] = rank
        if length is not None:
            found.longest_text[question_id] = length
        if low is not None:
            found.numbers[question_id] = (low, high)
        if earliest is not None:
            found.dates[question_id] = (earliest, latest)
        if fractions:
            found.non_integers.add(question_id)
    return found


def refusals(old: Definition, new: Definition, stored: StoredAnswers) -> list[str]:
    """One sentence for each change ``stored`` answers forbid (none when there are no responses)."""
    if not stored.responses:
        return []
    problems: list[str] = []
    if new.id != old.id:
        problems.append(
            f"The definition's id cannot change from '{old.id}' to '{new.id}' once there are responses; "
            f"{COPY_INSTEAD}."
        )
    if new.kind != old.kind:
        problems.append(
            f"The kind cannot change from {old.kind} to {new.kind} once there are responses; {COPY_INSTEAD}."
        )
    before = {question.id: question for question in old.questions}
    kept = {question.id for question in new.questions}
    for question_id in before:
        if question_id in stored.options and question_id not in kept:
            problems.append(
                f"The question '{question_id}' has answers, so it cannot be removed; {COPY_INSTEAD}."
            )
    for question in new.questions:
        earlier = before.get(question.id)
        if earlier is None:
            if question.required:
                problems.append(
                    f"The new question '{question.id}' cannot be required, because earlier responses do "
                    "not have it; make it optional."
                )
            continue
        problems.extend(_question_refusals(earlier, question, stored))
    return problems


def _question_refusals(old: Any, new: Any, stored: StoredAnswers) -> Iterator[str]:
    qid = new.id
    if new.required and not old.required:
        yield (
            f"The question '{qid}' cannot become required, because earlier responses may not have "
            "answered it; leave it optional."
        )
    if qid not in stored.options:
        return
    if new.type != old.type:
        yield (
            f"The question '{qid}' has answers, so its type cannot change from {old.type} to "
            f"{new.type}; {COPY_INSTEAD}."
        )
        return
    # Only what the current version offers: an answer stored from a page opened before an earlier
    # change may hold an option that is already gone, and that must not block every later change.
    for value in sorted(value for value in stored.options[qid] if old.option(value) is not None):
        option = new.option(value)
        if option is None:
            yield (
                f"The option '{value}' of the question '{qid}' has answers, so it cannot be removed or "
                "given a new value; to change only its wording, keep its value and change its label, "
                f"or {COPY_INSTEAD}."
            )
        elif new.type == "scale" and option.score != _score(old, value):
            yield (
                f"The option '{value}' of the question '{qid}' has answers, so its score cannot change; "
                f"{COPY_INSTEAD}."
            )
    yield from _limit_refusals(old, new, stored)


def _score(question: Any, value: str) -> float | None:
    option = question.option(value)
    return option.score if option is not None else None


def _limit_refusals(old: Any, new: Any, stored: StoredAnswers) -> Iterator[str]:
    qid = new.id
    tighter = COPY_INSTEAD
    word = f"The question '{qid}' has"
    most = stored.most_parts.get(qid, 0)
    if new.type == "multiple_choice" and new.max_choices is not None and most > new.max_choices:
        yield (
            f"The question '{qid}' has a response with {most} options ticked, so max_choices cannot be "
            f"{new.max_choices}; {tighter}."
        )
    deepest = stored.deepest_rank.get(qid, 0)
    if new.type == "ranking" and deepest > new.rank:
        yield f"{word} answers ranked down to {deepest}, so rank cannot be {new.rank}; {tighter}."
    longest = stored.longest_text.get(qid, 0)
    if new.type == "free_text" and longest > new.max_length:
        yield (
            f"The question '{qid}' has an answer {longest} characters long, so max_length cannot be "
            f"{new.max_length}; {tighter}."
        )
    if new.type == "location" and longest and old.allow_description and not new.allow_description:
        yield f"{word} places described in words, so allow_description cannot be turned off; {tighter}."
    if new.type in ("number", "date"):
        low, high = (stored.numbers if new.type == "number" else stored.dates).get(qid, (None, None))
        if low is not None and new.min is not None and low < new.min:
            yield f"{word} an answer of {low}, so min cannot be {new.min}; {tighter}."
        if high is not None and new.max is not None and high > new.max:
            yield f"{word} an answer of {high}, so max cannot be {new.max}; {tighter}."
    if new.type == "number" and new.integer and not old.integer and qid in stored.non_integers:
        yield f"{word} answers that are not whole numbers, so integer cannot be turned on; {tighter}."


def describe_changes(old: Definition | None, new: Definition) -> list[str]:
    """What changed from ``old`` to ``new``, one short sentence each, by question and option id."""
    if old is None:
        return ["First version."]
    lines: list[str] = []
    for name in ("id", "kind", "title", "intro", "privacy_notice", "opens", "closes"):
        if getattr(old, name) != getattr(new, name):
            lines.append(f"Changed the {name.replace('_', ' ')}.")
    if [page.title for page in old.pages] != [page.title for page in new.pages]:
        lines.append("Changed the pages.")
    before = {question.id: question for question in old.questions}
    after = {question.id: question for question in new.questions}
    lines += [f"Added the question '{qid}'." for qid in after if qid not in before]
    lines += [f"Removed the question '{qid}'." for qid in before if qid not in after]
    for qid, question in after.items():
        earlier = before.get(qid)
        if earlier is None or earlier == question:
            continue
        old_values = [option.value for option in earlier.all_options]
        new_values = [option.value for option in question.all_options]
        added = [value for value in new_values if value not in old_values]
        removed = [value for value in old_values if value not in new_values]
        if added:
            lines.append(f"Added {_quoted(added)} to the question '{qid}'.")
        if removed:
            lines.append(f"Removed {_quoted(removed)} from the question '{qid}'.")
        if not added and not removed:
            lines.append(f"Changed the question '{qid}'.")
    if [q.id for q in old.questions] != [q.id for q in new.questions] and not any(
        line.startswith(("Added the question", "Removed the question")) for line in lines
    ):
        lines.append("Changed the order of the questions.")
    return lines or ["No change to the questions."]


def _quoted(values: list[str]) -> str:
    names = [f"'{value}'" for value in values]
    return ("the option " if len(names) == 1 else "the options ") + ", ".join(names)
