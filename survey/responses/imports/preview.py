"""What an import would do, before it does it: the officer wizard's table and counts.

:func:`preview` detects the tool (unless told), matches the columns, applies an officer's changes
(``overrides``: column index -> target, as in a mapping file) and reports, per column, where it goes,
why, a few sample answers and how many of its cells will not map; then how many responses and how
many answers per option the import would add. Answers are read with each question type's
``from_cell``, as the importer reads them; the importer still checks every row again (conditions,
limits, the boundary of a place) when it stores them, and :func:`leave_out` counts again without
the rows it turns away (:func:`survey.responses.imports.run.trial_import` finds them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field

from survey.definitions.definition import Definition
from survey.question_types import AnswerError
from survey.responses.csv_import import RowError
from survey.responses.csv_mapping import ColumnMapping
from survey.responses.imports.plan import ImportPlan, plan_import
from survey.responses.imports.presets import PRESETS, detect_tool
from survey.responses.imports.translate import Translated, translate


@dataclass(frozen=True)
class ColumnReport:
    """One row of the wizard's table."""

    index: int
    header: str
    target: str | None
    how: str
    candidates: tuple[str, ...]
    samples: tuple[str, ...]
    unmatched_cells: int


@dataclass
class Preview:
    tool: str
    columns: list[ColumnReport]
    problems: list[RowError]
    """Header problems: while there are any, nothing can be imported."""
    errors: list[RowError] = field(default_factory=list)
    """Cell problems, by row and column."""
    responses: int = 0
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(question id, option value) -> answers the import would add."""


def preview(
    definition: Definition,
    records: Sequence[list[str]],
    tool: str | None = None,
    mapping: ColumnMapping | None = None,
    overrides: Mapping[int, str] | None = None,
) -> tuple[ImportPlan, Preview]:
    """The plan (to import with :func:`translate` and ``import_records``) and what it would add.

    Raises :class:`ValueError` (a sentence) for an override the consultation cannot take.
    """
    name = tool or detect_tool(list(records[0]) if records else [])
    plan = plan_import(definition, records, PRESETS[name], mapping)
    for index, target in (overrides or {}).items():
        plan.override(index, target)
    problems = plan.problems()
    result = Preview(name, [], problems)
    table = None if problems else translate(plan)
    if table is not None:
        result.errors = list(table.errors)
        _count(definition, table, result)
    unmatched = Counter(error.column for error in result.errors)
    result.columns = [
        ColumnReport(column.index, column.header, column.target, column.how, column.candidates,
                     tuple(column.samples), unmatched[column.header])
        for column in plan.columns
    ]
    return plan, result


def leave_out(definition: Definition, table: Translated, result: Preview, rows: Iterable[int]) -> None:
    """Count ``result`` again without ``rows`` (the rows the import itself turns away, which reading the
    cells alone cannot tell): the responses and answers a trial import shows would be added."""
    result.responses, result.counts = 0, Counter()
    _count(definition, table, result, skip=set(rows))


def _count(definition: Definition, table: Translated, result: Preview, skip: Set[int] = frozenset()) -> None:
    header = table.records[0]
    questions = {name: definition.question(target) for name, target in table.mapping.columns.items()
                 if target != "submitted_at"}
    failed = {error.row for error in table.errors} | skip
    for number, cells in enumerate(table.records[1:], start=table.first_row):
        if number in failed or not any(cell.strip() for cell in cells):
            continue
        counts: Counter[tuple[str, str]] = Counter()
        try:
            for name, cell in zip(header, cells, strict=False):
                if name in questions:
                    question = questions[name]
                    parts = question.from_cell(cell)
                    counts.update((question.id, part.option) for part in parts if part.option)
        except AnswerError as error:
            result.errors.append(RowError(number, name, str(error)))
            continue
        result.responses += 1
        result.counts.update(counts)
