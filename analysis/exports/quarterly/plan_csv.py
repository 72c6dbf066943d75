"""The action plan as CSV: one row per action, with the columns ``survey.plans.csv_import`` reads, so
an exported plan imports back unchanged. Every cell goes through ``safe_cell`` (formula injection)."""

from __future__ import annotations

import csv
import io

from sqlalchemy.orm import Session

from analysis.spreadsheet_safety import safe_row
from survey.plans import store
from survey.plans.csv_import import COLUMNS


def plan_csv(session: Session, partnership_id: int) -> str:
    """The partnership's plan as CSV text (dates in ISO 8601, the latest update of each action)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(safe_row(COLUMNS))
    for priority in store.priorities(session, partnership_id):
        for action in priority.actions:
            latest = action.updates[-1].text if action.updates else ""
            due = action.due_on.isoformat() if action.due_on else ""
            writer.writerow(safe_row([priority.title, action.description, action.lead, action.partners, due,
                                      action.status.value, action.success_measure, latest]))
    return buffer.getvalue()
