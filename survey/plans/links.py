""""You said, we did" entries linked to actions of the action plan, and what residents may read of them.

Residents read a linked action's summary for residents and its RAG status, and the progress updates
an officer marked public; never its lead, partners or other updates. An action with no summary for
residents yet is not shown at all (its internal description is never put in its place).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from survey.officers.audit import record_event
from survey.plans import store
from survey.storage.models import Consultation, YouSaidWeDid
from survey.vocabulary import RagStatus

CHOICE_MAX_LENGTH = 120


@dataclass(frozen=True)
class PublicProgress:
    made_on: dt.date
    text: str


@dataclass(frozen=True)
class PublicAction:
    """What residents read of an action linked to a "You said, we did" entry."""

    summary: str
    status: RagStatus
    updates: tuple[PublicProgress, ...]


def action_choices(session: Session, partnership_id: int) -> list[tuple[int, str]]:
    """Each of the partnership's actions as ``(id, "Priority: action")``, for a select."""
    choices = []
    for priority in store.priorities(session, partnership_id):
        for action in priority.actions:
            label = f"{priority.title}: {action.description}"
            if len(label) > CHOICE_MAX_LENGTH:
                label = label[: CHOICE_MAX_LENGTH - 1].rstrip() + "\u2026"
            choices.append((action.id, label))
    return choices


def link_entry(session: Session, entry: YouSaidWeDid, action_id: int | None, *, partnership_id: int,
               officer_id: int | None) -> None:
    """Link the entry to one of the partnership's actions (``None``: to none). Another partnership's
    action is refused with :class:`store.PlanError`. Audited when the link changes."""
    if action_id is not None and store.own_action(session, partnership_id, action_id) is None:
        raise store.PlanError("Select an action from your partnership's action plan")
    if entry.action_id == action_id:
        return
    entry.action_id = action_id
    session.flush()
    record_event(session, partnership_id=partnership_id, officer_id=officer_id,
                 action="you_said_we_did_linked", target_type="you_said_we_did", target_id=entry.id,
                 details={"action_id": action_id})


def public_actions(session: Session, entries: Iterable[YouSaidWeDid]) -> dict[int, PublicAction]:
    """For each entry linked to an action with a summary for residents: entry id -> what they may read."""
    shown: dict[int, PublicAction] = {}
    for entry in entries:
        if entry.action_id is None:
            continue
        # Only an action of the entry's own partnership is ever shown with it.
        partnership_id = session.get_one(Consultation, entry.consultation_id).partnership_id
        action = store.own_action(session, partnership_id, entry.action_id)
        if action is None or not action.public_summary:
            continue
        updates = tuple(PublicProgress(u.made_on, u.text) for u in reversed(action.updates) if u.public)
        shown[entry.id] = PublicAction(action.public_summary, action.status, updates)
    return shown
