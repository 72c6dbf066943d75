"""The action plan page, and adding and editing priorities and actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import flash, redirect, render_template, url_for

from survey.plans import store
from survey.plans.issues import RankedIssue, issue_of, ranked_issues
from survey.storage.models import PlanAction, PlanPriority
from survey.vocabulary import RagStatus, Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.plans.blueprint import bp
from webapp.officer.plans.forms import NO_ISSUE, RAG_HINTS, ActionForm, EditActionForm, PriorityForm
from webapp.officer.plans.lookup import own_action, own_priority


@bp.route("")
@officer_required(Role.VIEWER)
def plan_page() -> Any:
    me = signed_in_officer()
    session = db_session()
    plan = store.priorities(session, me.partnership_id)
    issues = ranked_issues(session, me.partnership_id)
    today = dt.date.today()
    return render_template(
        "officer/plans/plan.html", title="Action plan", plan=plan, today=today, is_overdue=store.is_overdue,
        issue_labels={priority.id: getattr(issue_of(priority, issues), "label", None) for priority in plan},
        attention=store.needing_attention(session, me.partnership_id, today),
        can_change=me.role.allows(Role.ANALYST),
    )


def _priority_form(issues: list[RankedIssue], priority: PlanPriority | None = None) -> PriorityForm:
    if priority is None:
        form = PriorityForm()
    else:
        chosen = issue_of(priority, issues)
        form = PriorityForm(data={"title": priority.title, "description": priority.description,
                                  "issue": chosen.key if chosen else NO_ISSUE})
    return form.offer([(issue.key, issue.label) for issue in issues])


def _priority_fields(form: PriorityForm, issues: list[RankedIssue], order: int) -> store.PriorityFields:
    issue = next((issue for issue in issues if issue.key == form.issue.data), None)
    return store.PriorityFields(
        title=form.title.data or "", description=form.description.data or "",
        consultation_id=issue.consultation_id if issue else None,
        question_id=issue.question_id if issue else None,
        option_value=issue.option_value if issue else None, sort_order=order,
    )


@bp.route("/priorities/new", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def new_priority() -> Any:
    me = signed_in_officer()
    issues = ranked_issues(db_session(), me.partnership_id)
    form = _priority_form(issues)
    if form.validate_on_submit():
        try:
            fields = _priority_fields(form, issues, 0)
            priority = store.create_priority(db_session(), me.partnership_id, fields, officer_id=me.id)
        except store.PlanError as error:
            form.title.errors = [str(error)]
        else:
            flash(f"Priority added: {priority.title}")
            return redirect(url_for(".plan_page", _anchor=f"priority-{priority.id}"))
    return render_template("officer/plans/priority_form.html", title="Add a priority", form=form)


@bp.route("/priorities/<int:priority_id>", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def edit_priority(priority_id: int) -> Any:
    me = signed_in_officer()
    priority = own_priority(priority_id)
    issues = ranked_issues(db_session(), me.partnership_id)
    form = _priority_form(issues, priority)
    if form.validate_on_submit():
        try:
            store.update_priority(db_session(), priority, _priority_fields(form, issues, priority.sort_order),
                                  officer_id=me.id)
        except store.PlanError as error:
            form.title.errors = [str(error)]
        else:
            flash("Priority saved")
            return redirect(url_for(".plan_page", _anchor=f"priority-{priority.id}"))
    return render_template("officer/plans/priority_form.html", title=f"Change priority: {priority.title}",
                           form=form, priority=priority)


def _action_fields(form: ActionForm) -> store.ActionFields:
    return store.ActionFields(
        description=form.description.data or "", lead=form.lead.data or "", partners=form.partners.data or "",
        due_on=form.due_on.data, success_measure=form.success_measure.data or "",
        public_summary=form.public_summary.data or "",
    )


@bp.route("/priorities/<int:priority_id>/actions/new", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def new_action(priority_id: int) -> Any:
    priority = own_priority(priority_id)
    form = ActionForm(data={"status": RagStatus.GREEN.value})
    if form.validate_on_submit():
        try:
            action = store.create_action(db_session(), priority, _action_fields(form),
                                         status=RagStatus(form.status.data),
                                         officer_id=signed_in_officer().id)
        except store.PlanError as error:
            form.description.errors = [str(error)]
        else:
            flash("Action added")
            return redirect(url_for("officer_plans.action_page", action_id=action.id))
    return render_template("officer/plans/action_form.html", title="Add an action", form=form,
                           priority=priority, rag_hints=RAG_HINTS)


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def edit_action(action_id: int) -> Any:
    action = own_action(action_id)
    form = EditActionForm(data=_action_data(action))
    if form.validate_on_submit():
        try:
            store.update_action(db_session(), action, _action_fields(form), officer_id=signed_in_officer().id)
        except store.PlanError as error:
            form.description.errors = [str(error)]
        else:
            flash("Action saved")
            return redirect(url_for("officer_plans.action_page", action_id=action.id))
    return render_template("officer/plans/action_form.html", title="Change action", form=form,
                           priority=action.priority, action=action)


def _action_data(action: PlanAction) -> dict[str, Any]:
    return {"description": action.description, "lead": action.lead, "partners": action.partners,
            "due_on": action.due_on, "success_measure": action.success_measure,
            "public_summary": action.public_summary}
