"""Another tool's cells written as this platform's cells, ready for the one importer.

:func:`translate` turns an :class:`~.plan.ImportPlan`'s rows into rows of
:func:`survey.responses.csv_import.import_records` (one column per question, cells as ``to_cell``
writes them, ``submitted_at`` in ISO 8601). It only translates: whether an answer is allowed (limits,
conditions, the boundary of a place) is decided by the importer's answer step, as for every channel.
An answer that matches no option is reported with the closest options, never guessed; where the
question offers "Other", words that are no option's label are the respondent's own words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from survey.definitions.definition import Question
from survey.question_types.base import OTHER
from survey.question_types.choice import OTHER_PREFIX
from survey.responses.csv_import import MAX_CELL_LENGTH, RowError
from survey.responses.csv_mapping import ColumnMapping
from survey.responses.imports import texts
from survey.responses.imports.matching import closest, normalise, option_choices, option_for, rank_of
from survey.responses.imports.plan import REFERENCE, SUBMITTED_AT, ColumnMatch, ImportPlan, Target
from survey.responses.imports.presets import Preset

_UNTICKED = frozenset({"0", "no", "false", "n"})


@dataclass
class Translated:
    """Rows for :func:`import_records`: ``records[0]`` the header, ``mapping`` its columns' targets."""

    records: list[list[str]]
    mapping: ColumnMapping
    first_row: int
    errors: list[RowError] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    """The tool's own response ids, or else its times, in file order (for the file's fingerprint)."""


@dataclass
class _Answer:
    values: list[str] = field(default_factory=list)
    ranks: dict[str, int] = field(default_factory=dict)
    other: str | None = None
    text: str = ""


def translate(plan: ImportPlan) -> Translated:
    """Every row of ``plan`` as this platform's cells (call when ``plan.problems()`` is empty)."""
    targets = [(column, target) for column, target in plan.targets() if target.extra != "ignore"]
    questions = [q for q in plan.definition.questions if any(t.question is q for _c, t in targets)]
    sources: dict[str, list[str]] = {}
    for column, target in targets:
        if target.question is not None:
            sources.setdefault(target.question.id, []).append(column.header)
    header = [names[0] if len(names) == 1 else question.text
              for question in questions for names in [sources[question.id]]]
    columns = {name: question.id for name, question in zip(header, questions, strict=True)}
    times = [column for column, target in targets if target.extra == SUBMITTED_AT]
    if times:
        header.append(times[0].header)
        columns[times[0].header] = SUBMITTED_AT
    result = Translated([header], ColumnMapping(columns=columns), plan.first_row)
    for number, cells in enumerate(plan.rows, start=plan.first_row):
        row, when, reference = _row(plan, number, cells, targets, questions, header, result.errors)
        if any(cell.strip() for cell in cells):
            result.references.append(reference or _id_of(plan, cells))
        result.records.append([*row, *([when] if times else [])])
    return result


def _row(
    plan: ImportPlan, number: int, cells: Sequence[str], targets: list[tuple[ColumnMatch, Target]],
    questions: list[Question], header: list[str], errors: list[RowError],
) -> tuple[list[str], str, str]:
    answers: dict[str, _Answer] = {question.id: _Answer() for question in questions}
    when, reference = "", ""
    for column, target in targets:
        cell = cells[column.index] if column.index < len(cells) else ""
        if not cell.strip():
            continue
        if len(cell) > MAX_CELL_LENGTH:
            errors.append(RowError(number, column.header, texts.CELL_TOO_LONG.format(limit=MAX_CELL_LENGTH)))
            continue
        try:
            if target.extra == SUBMITTED_AT:
                when = _time(cell, plan.tool)
                reference = reference or cell.strip()
            elif target.extra == REFERENCE:
                reference = cell.strip()
            elif target.question is not None:
                _read(plan, target, cell, answers[target.question.id])
        except ValueError as error:
            errors.append(RowError(number, column.header, str(error)))
    row = []
    for question, name in zip(questions, header, strict=False):
        try:
            row.append(_cell(question, answers[question.id]))
        except ValueError as error:
            errors.append(RowError(number, name, str(error)))
            row.append("")
    return row, when, reference


def _id_of(plan: ImportPlan, cells: Sequence[str]) -> str:
    for column in plan.columns:
        if plan.tool.id_columns and column.header in plan.tool.id_columns and column.index < len(cells):
            return cells[column.index].strip()
    return ""


def _read(plan: ImportPlan, target: Target, cell: str, answer: _Answer) -> None:
    question = target.question
    assert question is not None
    table = plan.values.get(question.id, {})
    if not question.all_options:
        answer.text = cell
    elif target.option is not None:
        _grid_option(question, target.option, cell, answer)
    elif target.rank is not None:
        value = _option(question, cell.strip(), table)
        if value is None:
            raise ValueError(_not_an_answer(question, cell))
        answer.ranks[value] = target.rank
    else:
        _whole_cell(question, cell, table, plan.tool, answer)


def _grid_option(question: Question, option: str, cell: str, answer: _Answer) -> None:
    if question.type == "ranking":
        rank = rank_of(cell)
        if rank is None:
            raise ValueError(texts.RANK_NOT_A_NUMBER.format(rank=cell.strip()))
        answer.ranks[option] = rank
    elif option == OTHER and getattr(question, "other", False):
        words = cell.strip()
        chosen_only = option_for(question, words) == OTHER or normalise(words) in ("yes", "1", "true", "x")
        answer.other = answer.other or ("" if chosen_only else words)
    elif normalise(cell) not in _UNTICKED:
        answer.values.append(option)


def _whole_cell(question: Question, cell: str, table: dict[str, str], tool: Preset, answer: _Answer) -> None:
    several = question.type in ("multiple_choice", "ranking")
    offers_other = bool(getattr(question, "other", False))
    if cell.strip() in table or not several or tool.joiner is None:
        items, rest = [cell.strip()], []
    else:
        items, rest = _split(question, cell, tool.joiner, table)
    for item in items:
        value = _option(question, item, table)
        if value is None and offers_other and item is items[-1] and not rest:
            answer.other = item
        elif value is None:
            raise ValueError(_not_an_answer(question, item))
        elif value:
            answer.values.append(value)
    if rest:
        if not offers_other:
            raise ValueError(_not_an_answer(question, tool.joiner.join(rest) if tool.joiner else rest[0]))
        answer.other = (tool.joiner or "").join(rest)


def _split(question: Question, cell: str, joiner: str, table: dict[str, str]) -> tuple[list[str], list[str]]:
    """The cell's options, longest label first so a label with the joiner in it stays whole; the
    unmatched rest, from the first piece that starts no label (a tool writes "Other" words last)."""
    pieces = [piece.strip() for piece in cell.strip().removesuffix(joiner.strip()).split(joiner.strip())]
    if joiner.strip() == ",":
        pieces = [piece.strip() for piece in cell.strip().split(",")]
    items: list[str] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            item = (joiner.strip() + " ").join(pieces[start:end]).strip()
            if _option(question, item, table) is not None:
                items.append(item)
                start = end
                break
        else:
            return [item for item in items if item], pieces[start:]
    return [item for item in items if item], []


def _option(question: Question, item: str, table: dict[str, str]) -> str | None:
    if item in table:
        return table[item]
    return option_for(question, item)


def _not_an_answer(question: Question, item: str) -> str:
    reason = texts.NOT_AN_ANSWER.format(answer=item.strip())
    near = closest(item, option_choices(question))
    return f"{reason} {texts.CLOSEST.format(candidates=', '.join(near))}" if near else reason


def _cell(question: Question, answer: _Answer) -> str:
    if not question.all_options:
        return answer.text
    values = list(answer.values)
    if answer.ranks:
        by_rank: dict[int, str] = {}
        for value, rank in answer.ranks.items():
            if rank in by_rank:
                raise ValueError(texts.SAME_RANK.format(rank=rank))
            by_rank[rank] = value
        values = [by_rank[rank] for rank in sorted(by_rank)]
    if answer.other is not None:
        if not answer.other:
            raise ValueError(texts.OTHER_WITHOUT_WORDS)
        values = [value for value in values if value != OTHER] + [f"{OTHER_PREFIX}{answer.other}"]
    return ";".join(values)


def _time(cell: str, tool: Preset) -> str:
    text = cell.strip()
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        value = None
    for form in tool.time_formats:
        if value is not None:
            break
        try:
            value = dt.datetime.strptime(text, form)
        except ValueError:
            continue
    if value is None:
        example = tool.time_formats[0] if tool.time_formats else "%Y-%m-%d %H:%M:%S"
        raise ValueError(texts.BAD_TIME.format(cell=text, example=_readable(example)))
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(tool.time_zone))
    return value.astimezone(dt.UTC).isoformat()


def _readable(form: str) -> str:
    for code, shown in (("%d", "dd"), ("%m", "mm"), ("%Y", "yyyy"), ("%y", "yy"), ("%H", "hh"),
                        ("%M", "mm"), ("%S", "ss")):
        form = form.replace(code, shown)
    return form
