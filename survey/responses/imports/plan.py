"""Which question each column of another tool's file goes to: an :class:`ImportPlan` an officer can
check and change before anything is stored (the web wizard shows it as a table; the command line
prints its problems).

A column's target is written as in a mapping file: a question id (``safety_dark``), a question and
one of its options (``priorities[violence]``, a column per option) or a rank (``priorities[2]``, a
column per rank), ``submitted_at``, ``reference`` or ``ignore``. Where a target comes from, in order:
the mapping file; the tool's own columns (its times, ids and extras); the header matched to a question
(:mod:`.matching`). A column that identifies people is ignored whatever the mapping says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from survey.definitions.definition import Definition, Question
from survey.responses.csv_import import HEADER_ROW, RowError
from survey.responses.csv_mapping import IGNORE, ColumnMapping
from survey.responses.imports import texts
from survey.responses.imports.matching import closest, match_header, option_for, question_choices
from survey.responses.imports.presets import Preset, combined_header

SUBMITTED_AT = "submitted_at"
REFERENCE = "reference"
SAMPLES = 3


@dataclass(frozen=True)
class Target:
    """A column's target read: ``question`` alone, or with an ``option`` or a ``rank`` of a grid."""

    extra: str | None = None
    question: Question | None = None
    option: str | None = None
    rank: int | None = None


def read_target(definition: Definition, target: str) -> Target:
    """The :class:`Target` a target string names; :class:`ValueError` (a sentence) if it names nothing."""
    if target in (IGNORE, SUBMITTED_AT, REFERENCE):
        return Target(extra=target)
    question_id, part = target, None
    if target.endswith("]") and "[" in target:
        question_id, part = target[:-1].split("[", 1)
    try:
        question = definition.question(question_id.strip())
    except KeyError:
        raise ValueError(texts.UNKNOWN_TARGET.format(target=target)) from None
    if part is None:
        return Target(question=question)
    if not question.all_options:
        raise ValueError(texts.NOT_A_GRID.format(question=question.id))
    option = option_for(question, part)
    if option is not None:
        return Target(question=question, option=option)
    if part.strip().isdigit() and question.type == "ranking":
        return Target(question=question, rank=int(part))
    raise ValueError(texts.NO_OPTION.format(option=part.strip(), question=question.id))


@dataclass
class ColumnMatch:
    """One column: where it goes (``target``, ``None`` when nothing matched) and why (``how``)."""

    index: int
    header: str
    target: str | None
    how: str
    candidates: tuple[str, ...] = ()
    samples: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    """The columns of one file matched to one definition, for one tool's layout."""

    definition: Definition
    tool: Preset
    columns: list[ColumnMatch]
    rows: list[list[str]]
    """The data rows, as read (header rows left out)."""
    first_row: int
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def override(self, index: int, target: str) -> None:
        """Send column ``index`` to ``target`` (an officer's choice); :class:`ValueError` if it cannot go."""
        column = self.columns[index]
        if self.tool.is_identifying(column.header) and target != IGNORE:
            raise ValueError(texts.IDENTIFIES_PEOPLE.format(header=column.header))
        read_target(self.definition, target)
        column.target, column.how, column.candidates = target, "override", ()

    def problems(self) -> list[RowError]:
        """What stops the import before any row is read: unmatched columns, targets given twice."""
        errors: list[RowError] = []
        seen: dict[str, str] = {}
        for column in self.columns:
            if column.target is None:
                reason = texts.NO_MATCH
                if column.candidates:
                    reason += " " + texts.CLOSEST.format(candidates=", ".join(column.candidates))
                errors.append(RowError(HEADER_ROW, column.header, f"{reason} {texts.MAP_IT}"))
                continue
            try:
                read_target(self.definition, column.target)
            except ValueError as error:
                errors.append(RowError(HEADER_ROW, column.header, str(error)))
                continue
            if column.target in (IGNORE, REFERENCE):
                continue
            if column.target in seen:
                reason = texts.SAME_TARGET.format(first=seen[column.target], second=column.header,
                                                  target=column.target)
                errors.append(RowError(HEADER_ROW, column.header, reason))
            seen.setdefault(column.target, column.header)
        return errors

    def mapping(self) -> ColumnMapping:
        """The mapping used, to save for next year (:func:`mapping_yaml`)."""
        columns = {column.header: column.target for column in self.columns if column.target and column.header}
        return ColumnMapping(columns=columns, values=self.values)

    def targets(self) -> list[tuple[ColumnMatch, Target]]:
        """Every column with a target, read (call after :meth:`problems` is empty)."""
        return [(column, read_target(self.definition, column.target)) for column in self.columns
                if column.target is not None]


def plan_import(
    definition: Definition, records: Sequence[list[str]], tool: Preset, mapping: ColumnMapping | None = None
) -> ImportPlan:
    """Match every column of ``records`` (header rows first) for ``tool``; a mapping overrides all."""
    mapping = mapping or ColumnMapping()
    header_rows = [list(row) for row in records[: tool.header_rows]]
    header = combined_header(header_rows) if tool.header_rows > 1 else (header_rows[0] if header_rows else [])
    rows = [list(row) for row in records[tool.header_rows :]]
    plan = ImportPlan(definition, tool, [], rows, first_row=tool.header_rows + 1, values=dict(mapping.values))
    choices = question_choices(definition)
    for index, raw in enumerate(header):
        column = _match(definition, tool, mapping, index, raw.strip(), choices)
        if tool.is_identifying(column.header):
            if column.target not in (None, IGNORE) and column.how == "mapping":
                plan.notices.append(texts.IDENTIFIES_PEOPLE.format(header=column.header))
            column.target, column.how = IGNORE, "identifies people"
        column.samples = _samples(rows, index)
        plan.columns.append(column)
    return plan


def _match(
    definition: Definition, tool: Preset, mapping: ColumnMapping, index: int, header: str,
    choices: dict[str, str],
) -> ColumnMatch:
    if header in mapping.columns:
        return ColumnMatch(index, header, mapping.columns[header], "mapping")
    if not header:
        return ColumnMatch(index, header, IGNORE, "empty")
    if tool.is_time(header):
        return ColumnMatch(index, header, SUBMITTED_AT, "tool")
    if tool.is_ignored(header) or tool.is_identifying(header):
        return ColumnMatch(index, header, IGNORE, "tool")
    found = match_header(definition, header)
    if found is None:
        return ColumnMatch(index, header, None, "unmatched", tuple(closest(header, choices)))
    if found.option is not None:
        return ColumnMatch(index, header, f"{found.question.id}[{found.option}]", "question")
    if found.rank is not None:
        return ColumnMatch(index, header, f"{found.question.id}[{found.rank}]", "question")
    return ColumnMatch(index, header, found.question.id, "question")


def _samples(rows: Sequence[list[str]], index: int) -> list[str]:
    samples: list[str] = []
    for row in rows:
        cell = row[index].strip() if index < len(row) else ""
        if cell and cell not in samples:
            samples.append(cell)
            if len(samples) == SAMPLES:
                break
    return samples


def mapping_yaml(mapping: ColumnMapping) -> str:
    """A mapping file (the README's "Column-mapping files" format) that :func:`load_mapping` reads back."""
    data: dict[str, object] = {"columns": dict(mapping.columns)}
    if mapping.values:
        data["values"] = {question: dict(table) for question, table in mapping.values.items()}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
