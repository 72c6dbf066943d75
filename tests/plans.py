"""Builders for action-plan tests: a small plan in one partnership, and its CSV."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from survey.plans import store
from survey.storage.models import Partnership, PlanAction, PlanPriority
from survey.vocabulary import RagStatus

TODAY = dt.date(2026, 12, 2)
HEADER = "priority,action,lead,partners,due,status,measure,update"


def make_priority(session: Session, partnership: Partnership, title: str = "Violence in the town centre",
                  **fields: object) -> PlanPriority:
    return store.create_priority(session, partnership.id, store.PriorityFields(title, **fields),  # type: ignore[arg-type]
                                 officer_id=None)


def make_action(
    session: Session, priority: PlanPriority, description: str = "Street lighting review",
    status: RagStatus = RagStatus.GREEN, due_on: dt.date | None = None, **fields: str,
) -> PlanAction:
    action_fields = store.ActionFields(description, lead=fields.get("lead", "Council"),
                                       partners=fields.get("partners", "Police"), due_on=due_on,
                                       success_measure=fields.get("success_measure", "Fewer reports"),
                                       public_summary=fields.get("public_summary", ""))
    return store.create_action(session, priority, action_fields, status=status, officer_id=None)


def plan_csv(*rows: str) -> str:
    return "\n".join((HEADER, *rows)) + "\n"
