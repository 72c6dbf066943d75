"""An action plan from a CSV file: one row per action, under its priority.

The columns (row 1 names them, in any order; ``priority``, ``action`` and ``status`` are needed,
the others may be left out)::

    priority,action,lead,partners,due,status,measure,update

* ``priority``: the priority's title; a title the plan does not have yet adds a priority;
* ``action``: what the action is; a row whose priority and action match an action already in the
  plan changes that action, any other row adds one;
* ``due``: ``2026-12-02``, ``2 December 2026`` or ``02/12/2026`` (day first), or empty;
* ``status``: red, amber, green or complete, in any case;
* ``update``: a progress update, dated the day of the import, unless it is the action's latest
  update already (so a plan exported and imported again changes nothing). A changed status with no
  update is recorded as an update saying the import set it.

A cell that starts with ``'`` and then ``=``, ``+``, ``-``, ``@``, a tab or a carriage return loses
the ``'`` (the export writes it to stop spreadsheets running a formula). Every row is checked before
anything is stored: one problem anywhere stores nothing, and every problem is reported by row and
column (:class:`~survey.responses.csv_import.RowError`, the header being row 1). Nothing commits here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from survey.plans import store
from survey.plans.dates import read_date
from survey.responses.csv_import import MAX_FILE_BYTES, ImportFileError, RowError
from survey.storage.models import PlanAction, PlanPriority
from survey.vocabulary import RagStatus

__all__ = ["COLUMNS", "ImportFileError", "PlanImport", "RowError", "import_plan"]

COLUMNS = ("priority", "action", "lead", "partners", "due", "status", "measure", "update")
REQUIRED = ("priority", "action", "status")
MAX_ROWS = 2_000
HEADER_ROW = 1
_FORMULA_TRIGGERS = frozenset("=+-@\t\r")
_LIMITS = {"priority": store.TITLE_MAX_LENGTH, "action": store.TEXT_MAX_LENGTH, "lead": store.LEAD_MAX_LENGTH,
           "partners": store.PARTNERS_MAX_LENGTH, "measure": store.TEXT_MAX_LENGTH,
           "update": store.TEXT_MAX_LENGTH}
STATUS_CHOICES = ", ".join(status.value for status in RagStatus)
IMPORTED_STATUS_TEXT = "Status set by a spreadsheet import."


@dataclass
class PlanImport:
    """What an import did, or every problem that stopped it (then nothing was stored)."""

    errors: list[RowError] = field(default_factory=list)
    priorities_added: int = 0
    actions_added: int = 0
    actions_changed: int = 0
    updates_added: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        """In a sentence: ``Added 2 priorities and 5 actions, changed 1 action and added 3 updates.``"""
        def count(number: int, word: str) -> str:
            return f"{number} {word}" if number == 1 else f"{number} {word}s"
        return (f"Added {count(self.priorities_added, 'priority').replace('prioritys', 'priorities')} and "
                f"{count(self.actions_added, 'action')}, changed {count(self.actions_changed, 'action')} "
                f"and added {count(self.updates_added, 'progress update')}.")


@dataclass(frozen=True)
class _Row:
    number: int
    priority: str
    action: str
    lead: str
    partners: str
    due: dt.date | None
    status: RagStatus
    measure: str
    update: str


def import_plan(session: Session, partnership_id: int, csv_text: str, *, officer_id: int | None = None,
                today: dt.date | None = None) -> PlanImport:
    """Read every row of ``csv_text`` and, only if none has a problem, add or change the actions.

    Raises :class:`ImportFileError` when the file as a whole cannot be read (too big, not CSV).
    """
    if len(csv_text.encode("utf-8")) > MAX_FILE_BYTES:
        raise ImportFileError(f"The file is too big: the most that can be imported is "
                              f"{MAX_FILE_BYTES // 1024 // 1024} MB")
    records = _records(csv_text.removeprefix("\ufeff"))
    result = PlanImport()
    if not records or not any(cell.strip() for cell in records[0]):
        result.errors.append(RowError(HEADER_ROW, None, f"The file is empty: row 1 must name the columns "
                                                        f"{','.join(COLUMNS)}"))
        return result
    if len(records) - 1 > MAX_ROWS:
        raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows; split it into smaller files")
    columns, result.errors = _header(records[0])
    if result.errors:
        return result
    rows: list[_Row] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(records[1:], start=HEADER_ROW + 1):
        if not any(cell.strip() for cell in cells):
            continue
        row, errors = _row(number, cells, columns, len(records[0]))
        if row is not None:
            key = (row.priority.casefold(), row.action.casefold())
            if key in seen:
                errors.append(RowError(number, "action", f"The same action is already in row {seen[key]}"))
            seen.setdefault(key, number)
        result.errors.extend(errors)
        if row is not None and not errors:
            rows.append(row)
    if not result.errors and not rows:
        result.errors.append(RowError(HEADER_ROW, None, "The file has no actions: add a row for each action"))
    if not result.errors:
        _store(session, partnership_id, rows, result, officer_id, today or dt.date.today())
    return result


def _records(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        return list(reader)
    except csv.Error as error:
        raise ImportFileError(f"Line {reader.line_num} is not valid CSV ({error})") from None


def _header(cells: list[str]) -> tuple[dict[str, int], list[RowError]]:
    columns: dict[str, int] = {}
    errors: list[RowError] = []
    for index, raw in enumerate(cells):
        name = raw.strip().lower()
        if not name:
            errors.append(RowError(HEADER_ROW, str(index + 1), "The column has no name"))
        elif name not in COLUMNS:
            errors.append(RowError(HEADER_ROW, raw.strip(), f"Not a column of an action plan. "
                                                            f"The columns are {','.join(COLUMNS)}"))
        elif name in columns:
            errors.append(RowError(HEADER_ROW, name, "The column is named twice"))
        else:
            columns[name] = index
    errors.extend(RowError(HEADER_ROW, name, "The column is missing: every action plan needs it")
                  for name in REQUIRED if name not in columns and not errors)
    return columns, errors


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    cell = cells[index] if index is not None and index < len(cells) else ""
    if cell.startswith("'") and cell[1:2] in _FORMULA_TRIGGERS:
        cell = cell[1:]
    return cell.strip()


def _row(
    number: int, cells: list[str], columns: dict[str, int], width: int
) -> tuple[_Row | None, list[RowError]]:
    errors: list[RowError] = []
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        reason = f"The row has {len(cells)} cells but the header has {width} columns"
        errors.append(RowError(number, None, reason))
    values = {name: _cell(cells, columns, name) for name in COLUMNS}
    for name, limit in _LIMITS.items():
        if len(values[name]) > limit:
            errors.append(RowError(number, name, f"The cell must be {limit:,} characters or fewer"))
    if not values["priority"]:
        errors.append(RowError(number, "priority", "Enter the priority the action belongs to"))
    if not values["action"]:
        errors.append(RowError(number, "action", "Enter what the action is"))
    due = None
    if values["due"]:
        try:
            due = read_date(values["due"])
        except ValueError as error:
            errors.append(RowError(number, "due", str(error)))
    try:
        status = RagStatus(values["status"].lower())
    except ValueError:
        reason = (f"'{values['status']}' is not a status. " if values["status"] else "Enter a status. ")
        errors.append(RowError(number, "status", f"{reason}The status must be one of {STATUS_CHOICES}"))
        status = RagStatus.GREEN
    if errors and not (values["priority"] and values["action"]):
        return None, errors
    return _Row(number, values["priority"], values["action"], values["lead"], values["partners"], due, status,
                values["measure"], values["update"]), errors


def _store(session: Session, partnership_id: int, rows: list[_Row], result: PlanImport,
           officer_id: int | None, today: dt.date) -> None:
    by_title: dict[str, PlanPriority] = {}
    for priority in store.priorities(session, partnership_id):
        by_title.setdefault(priority.title.casefold(), priority)
    next_order = max((priority.sort_order for priority in by_title.values()), default=0) + 1
    for row in rows:
        priority = by_title.get(row.priority.casefold())
        if priority is None:
            priority = store.create_priority(session, partnership_id,
                                             store.PriorityFields(row.priority, sort_order=next_order),
                                             officer_id=officer_id)
            next_order += 1
            by_title[row.priority.casefold()] = priority
            result.priorities_added += 1
        _store_action(session, priority, row, result, officer_id, today)


def _store_action(session: Session, priority: PlanPriority, row: _Row, result: PlanImport,
                  officer_id: int | None, today: dt.date) -> None:
    action: PlanAction | None = next(
        (a for a in priority.actions if a.description.casefold() == row.action.casefold()), None)
    if action is None:
        fields = store.ActionFields(row.action, row.lead, row.partners, row.due, row.measure)
        action = store.create_action(session, priority, fields, status=row.status, officer_id=officer_id)
        result.actions_added += 1
    else:
        fields = store.ActionFields(action.description, row.lead, row.partners, row.due, row.measure,
                                    action.public_summary)
        if (action.lead, action.partners, action.due_on, action.success_measure) != (
                row.lead, row.partners, row.due, row.measure) or action.status != row.status:
            store.update_action(session, action, fields, officer_id=officer_id)
            result.actions_changed += 1
    latest = action.updates[-1].text if action.updates else None
    if row.update and row.update != latest:
        store.add_update(session, action, text=row.update, status=row.status, made_on=today,
                         officer_id=officer_id)
        result.updates_added += 1
    elif action.status != row.status:
        store.add_update(session, action, text=IMPORTED_STATUS_TEXT, status=row.status, made_on=today,
                         officer_id=officer_id)
        result.updates_added += 1
