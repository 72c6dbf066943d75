"""Creating and changing a partnership's priorities and actions, their progress updates, and the
queries the pages, the dashboard and the exports read.

Every change writes an audit event (which record, never its words). A progress update records the
status it set and the one it replaced, so "what changed this quarter" is read from the updates.
Adding the same update twice (a double-clicked button, a resubmitted form) stores it once. Nothing
commits here: the caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from survey.officers.audit import record_event
from survey.storage.models import ActionUpdate, PlanAction, PlanPriority
from survey.storage.types import utcnow
from survey.vocabulary import RagStatus

TITLE_MAX_LENGTH = 200
LEAD_MAX_LENGTH = 200
PARTNERS_MAX_LENGTH = 500
TEXT_MAX_LENGTH = 5_000


class PlanError(ValueError):
    """A change that cannot be made, in a sentence an officer can act on."""


@dataclass(frozen=True)
class PriorityFields:
    """What an officer writes about a priority; the ranked issue is a consultation's ranking option."""

    title: str
    description: str = ""
    consultation_id: int | None = None
    question_id: str | None = None
    option_value: str | None = None
    sort_order: int = 0


@dataclass(frozen=True)
class ActionFields:
    """What an officer writes about an action (its status changes through progress updates)."""

    description: str
    lead: str = ""
    partners: str = ""
    due_on: dt.date | None = None
    success_measure: str = ""
    public_summary: str = ""


@dataclass(frozen=True)
class Attention:
    """The actions the dashboard puts in front of officers."""

    overdue: list[PlanAction]
    red: list[PlanAction]


def _checked(text: str, name: str, limit: int, *, required: bool = False) -> str:
    text = (text or "").strip()
    if required and not text:
        raise PlanError(f"Enter {name}")
    if len(text) > limit:
        raise PlanError(f"{name[0].upper()}{name[1:]} must be {limit:,} characters or fewer")
    return text


def _check_priority(fields: PriorityFields) -> PriorityFields:
    return PriorityFields(
        title=_checked(fields.title, "the priority's title", TITLE_MAX_LENGTH, required=True),
        description=_checked(fields.description, "the description", TEXT_MAX_LENGTH),
        consultation_id=fields.consultation_id if fields.option_value else None,
        question_id=fields.question_id if fields.option_value else None,
        option_value=fields.option_value or None,
        sort_order=fields.sort_order,
    )


def _check_action(fields: ActionFields) -> ActionFields:
    return ActionFields(
        description=_checked(fields.description, "what the action is", TEXT_MAX_LENGTH, required=True),
        lead=_checked(fields.lead, "the lead agency", LEAD_MAX_LENGTH),
        partners=_checked(fields.partners, "the partners", PARTNERS_MAX_LENGTH),
        due_on=fields.due_on,
        success_measure=_checked(fields.success_measure, "the success measure", TEXT_MAX_LENGTH),
        public_summary=_checked(fields.public_summary, "the summary for residents", TEXT_MAX_LENGTH),
    )


def _audit(session: Session, partnership_id: int, action: str, officer_id: int | None,
           target_type: str, target_id: int, **details: object) -> None:
    record_event(session, partnership_id=partnership_id, officer_id=officer_id, action=action,
                 target_type=target_type, target_id=target_id,
                 details={"via": "web" if officer_id else "command line", **details})


# --- reading -------------------------------------------------------------------------------------

def priorities(session: Session, partnership_id: int) -> list[PlanPriority]:
    """The partnership's priorities in their order, each with its actions and their updates loaded."""
    query = (
        select(PlanPriority)
        .where(PlanPriority.partnership_id == partnership_id)
        .order_by(PlanPriority.sort_order, PlanPriority.id)
        .options(selectinload(PlanPriority.actions).selectinload(PlanAction.updates))
    )
    return list(session.scalars(query))


def own_priority(session: Session, partnership_id: int, priority_id: int) -> PlanPriority | None:
    """The priority, if it is this partnership's (another partnership's id reads as no priority)."""
    priority = session.get(PlanPriority, priority_id)
    return priority if priority is not None and priority.partnership_id == partnership_id else None


def own_action(session: Session, partnership_id: int, action_id: int) -> PlanAction | None:
    """The action, if it is this partnership's (another partnership's id reads as no action)."""
    action = session.get(PlanAction, action_id)
    return action if action is not None and action.partnership_id == partnership_id else None


def partnership_actions(session: Session, partnership_id: int) -> list[PlanAction]:
    """Every action of the partnership, priority by priority."""
    return [action for priority in priorities(session, partnership_id) for action in priority.actions]


def is_overdue(action: PlanAction, today: dt.date) -> bool:
    """Past its due date and not complete."""
    return action.due_on is not None and action.due_on < today and action.status != RagStatus.COMPLETE


def overdue_actions(session: Session, partnership_id: int, today: dt.date) -> list[PlanAction]:
    """Actions past their due date and not complete, the longest overdue first."""
    query = (
        select(PlanAction)
        .where(PlanAction.partnership_id == partnership_id, PlanAction.due_on < today,
               PlanAction.status != RagStatus.COMPLETE)
        .order_by(PlanAction.due_on, PlanAction.id)
    )
    return list(session.scalars(query))


def red_actions(session: Session, partnership_id: int) -> list[PlanAction]:
    """Actions rated red, soonest due first (those with no due date last)."""
    query = (
        select(PlanAction)
        .where(PlanAction.partnership_id == partnership_id, PlanAction.status == RagStatus.RED)
        .order_by(PlanAction.due_on.is_(None), PlanAction.due_on, PlanAction.id)
    )
    return list(session.scalars(query))


def needing_attention(session: Session, partnership_id: int, today: dt.date | None = None) -> Attention:
    """Overdue and red actions, for the dashboard."""
    today = today or dt.date.today()
    return Attention(overdue_actions(session, partnership_id, today), red_actions(session, partnership_id))


def updates_between(
    session: Session, partnership_id: int, first: dt.date, last: dt.date
) -> list[ActionUpdate]:
    """The partnership's progress updates dated ``first`` to ``last`` (both included), oldest first."""
    query = (
        select(ActionUpdate)
        .join(PlanAction)
        .where(PlanAction.partnership_id == partnership_id, ActionUpdate.made_on >= first,
               ActionUpdate.made_on <= last)
        .order_by(ActionUpdate.made_on, ActionUpdate.id)
    )
    return list(session.scalars(query))


def status_on(action: PlanAction, day: dt.date) -> RagStatus:
    """The action's status at the end of ``day``, read from its updates."""
    before = [update for update in action.updates if update.made_on <= day]
    if before:
        return before[-1].status
    later = [update for update in action.updates if update.made_on > day]
    if later and later[0].previous_status is not None:
        return later[0].previous_status
    return action.status


# --- changing ------------------------------------------------------------------------------------

def create_priority(session: Session, partnership_id: int, fields: PriorityFields, *,
                    officer_id: int | None) -> PlanPriority:
    """Add a priority to the partnership's plan (at the end, unless ``fields.sort_order`` says where)."""
    fields = _check_priority(fields)
    priority = PlanPriority(partnership_id=partnership_id, **fields.__dict__)
    if not fields.sort_order:
        orders = [p.sort_order for p in priorities(session, partnership_id)]
        priority.sort_order = max(orders, default=0) + 1
    session.add(priority)
    session.flush()
    _audit(session, partnership_id, "plan_priority_created", officer_id, "plan_priority", priority.id)
    return priority


def update_priority(session: Session, priority: PlanPriority, fields: PriorityFields, *,
                    officer_id: int | None) -> None:
    """Change a priority's title, description, ranked issue or order."""
    for name, value in _check_priority(fields).__dict__.items():
        setattr(priority, name, value)
    priority.updated_at = utcnow()
    session.flush()
    _audit(session, priority.partnership_id, "plan_priority_changed", officer_id, "plan_priority",
           priority.id)


def create_action(session: Session, priority: PlanPriority, fields: ActionFields, *,
                  status: RagStatus = RagStatus.GREEN, officer_id: int | None) -> PlanAction:
    """Add an action to a priority, with its starting status."""
    fields = _check_action(fields)
    action = PlanAction(partnership_id=priority.partnership_id, priority_id=priority.id,
                        status=RagStatus(status), **fields.__dict__)
    session.add(action)
    session.flush()
    _audit(session, priority.partnership_id, "plan_action_created", officer_id, "plan_action", action.id)
    return action


def update_action(session: Session, action: PlanAction, fields: ActionFields, *,
                  officer_id: int | None) -> None:
    """Change what an action is, who leads it, its due date, measure and summary for residents."""
    for name, value in _check_action(fields).__dict__.items():
        setattr(action, name, value)
    action.updated_at = utcnow()
    session.flush()
    _audit(session, action.partnership_id, "plan_action_changed", officer_id, "plan_action", action.id)


def move_action(
    session: Session, action: PlanAction, priority: PlanPriority, *, officer_id: int | None
) -> None:
    """Put an action under another priority of the same partnership."""
    if priority.partnership_id != action.partnership_id:
        raise PlanError("Select one of your partnership's priorities")
    if action.priority_id != priority.id:
        action.priority_id = priority.id
        session.flush()
        _audit(session, action.partnership_id, "plan_action_moved", officer_id, "plan_action", action.id)


def add_update(session: Session, action: PlanAction, *, text: str, status: RagStatus, made_on: dt.date,
               officer_id: int | None, public: bool = False) -> ActionUpdate:
    """Add a dated progress update, which sets the action's status (the old one is kept on the update).

    An update the same as the action's latest (date, words, status, public) is the same submission
    again: it is not stored twice, and the one stored is returned.
    """
    text = _checked(text, "what has happened", TEXT_MAX_LENGTH, required=True)
    status = RagStatus(status)
    latest = action.updates[-1] if action.updates else None
    if latest is not None and (latest.made_on, latest.text, latest.status, latest.public) == (
        made_on, text, status, public
    ):
        return latest
    update = ActionUpdate(action_id=action.id, made_on=made_on, text=text, status=status,
                          previous_status=action.status, officer_id=officer_id, public=public)
    session.add(update)
    action.updates.append(update)
    action.status = status
    action.updated_at = utcnow()
    session.flush()
    _audit(session, action.partnership_id, "plan_action_updated", officer_id, "plan_action", action.id,
           update_id=update.id, status=status.value, status_changed=update.previous_status != status)
    return update
