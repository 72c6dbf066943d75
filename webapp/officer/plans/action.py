"""One action, one page: what it is, who leads it, its status and history, and (for analysts and
administrators) a form for a progress update that sets its status. Submitting the same update twice
stores it once (``survey.plans.store.add_update``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import flash, redirect, render_template, url_for

from survey.plans import store
from survey.storage.models import PlanAction
from survey.vocabulary import RagStatus, Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.plans.blueprint import bp
from webapp.officer.plans.forms import RAG_HINTS, UpdateForm
from webapp.officer.plans.lookup import own_action


def _render(action: PlanAction, form: UpdateForm, failed: bool = False) -> str:
    me = signed_in_officer()
    return render_template(
        "officer/plans/action.html", title="Action", action=action, update_form=form,
        form=form if failed else None, overdue=store.is_overdue(action, dt.date.today()),
        can_change=me.role.allows(Role.ANALYST), rag_hints=RAG_HINTS,
        updates=list(reversed(action.updates)),
    )


@bp.route("/actions/<int:action_id>")
@officer_required(Role.VIEWER)
def action_page(action_id: int) -> Any:
    action = own_action(action_id)
    return _render(action, UpdateForm(formdata=None, data={"new_status": action.status.value}))


@bp.route("/actions/<int:action_id>/updates", methods=["POST"])
@officer_required(Role.ANALYST)
def add_update(action_id: int) -> Any:
    action = own_action(action_id)
    form = UpdateForm()
    if not form.validate_on_submit():
        return _render(action, form, failed=True)
    made_on = form.made_on.data or dt.date.today()
    if made_on > dt.date.today():
        form.made_on.errors = ["The date of the update must be today or in the past"]
        return _render(action, form, failed=True)
    try:
        store.add_update(db_session(), action, text=form.progress.data,
                         status=RagStatus(form.new_status.data), made_on=made_on,
                         officer_id=signed_in_officer().id, public=bool(form.public.data))
    except store.PlanError as error:
        form.progress.errors = [str(error)]
        return _render(action, form, failed=True)
    flash(f"Update added. The status is {action.status.label.lower()}.")
    return redirect(url_for(".action_page", action_id=action.id))
