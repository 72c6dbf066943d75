"""The records a page's URL names, only from the signed-in officer's partnership (else a 404)."""

from __future__ import annotations

from flask import abort

from survey.plans import store
from survey.storage.models import PlanAction, PlanPriority
from webapp.auth import signed_in_officer
from webapp.database import db_session


def own_priority(priority_id: int) -> PlanPriority:
    priority = store.own_priority(db_session(), signed_in_officer().partnership_id, priority_id)
    if priority is None:
        abort(404)
    return priority


def own_action(action_id: int) -> PlanAction:
    action = store.own_action(db_session(), signed_in_officer().partnership_id, action_id)
    if action is None:
        abort(404)
    return action
