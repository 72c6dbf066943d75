"""Events of risk: the list, one event, adding and changing one, and its debrief after."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for

from survey.officers.audit import record_event
from survey.storage.models import RiskEvent
from survey.tensions.assessment import local_today
from survey.tensions.entries import TensionError, partnership_wards
from survey.tensions.events import create_event, partnership_events, record_debrief, update_event
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.tensions.blueprint import audit_details, bp, own_event
from webapp.officer.tensions.forms import DebriefForm, EventForm, new_submission_key, ward_choices


@bp.route("/events")
@officer_required(Role.VIEWER)
def events_list() -> Any:
    officer = signed_in_officer()
    today = local_today()
    events = partnership_events(db_session(), officer.partnership_id)
    return render_template(
        "officer/tensions/events.html",
        title="Events of risk",
        coming=[event for event in events if event.ends_on >= today],
        past=[event for event in reversed(events) if event.ends_on < today],
        can_edit=officer.role.allows(Role.ANALYST),
    )


@bp.route("/events/new", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def new_event() -> Any:
    return _event_form(None)


@bp.route("/events/<int:event_id>")
@officer_required(Role.VIEWER)
def event_detail(event_id: int) -> Any:
    event = own_event(event_id)
    return render_template(
        "officer/tensions/event.html",
        title=event.title,
        event=event,
        can_edit=signed_in_officer().role.allows(Role.ANALYST),
    )


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def edit_event(event_id: int) -> Any:
    return _event_form(own_event(event_id))


@bp.route("/events/<int:event_id>/debrief", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def debrief_event(event_id: int) -> Any:
    event = own_event(event_id)
    form = DebriefForm()
    if not form.is_submitted() and event.debrief:
        form.debrief.data = event.debrief
    if form.validate_on_submit():
        record_debrief(db_session(), event, form.debrief.data or "")
        _audit("risk_event_debriefed", event)
        flash("Debrief saved")
        return redirect(url_for("officer_tensions.event_detail", event_id=event.id))
    return render_template(
        "officer/tensions/debrief.html", title=f"Debrief: {event.title}", form=form, event=event
    )


def _event_form(event: RiskEvent | None) -> Any:
    officer = signed_in_officer()
    form = EventForm()
    form.ward_id.choices = ward_choices(
        partnership_wards(db_session(), officer.partnership_id), blank="No ward (the whole area or a place)"
    )
    if not form.is_submitted():
        if event is not None:
            form.fill(event)
        else:
            form.submission_key.data = new_submission_key()
    if form.validate_on_submit():
        try:
            if event is None:
                saved, new = create_event(
                    db_session(),
                    officer.partnership_id,
                    form.values(),
                    officer_id=officer.id,
                    submission_key=form.submission_key.data,
                )
            else:
                saved, new = update_event(db_session(), event, form.values()), True
        except TensionError as error:
            for name, message in error.errors.items():
                getattr(form, name, form.title).errors = [message]
        else:
            if new:
                _audit("risk_event_created" if event is None else "risk_event_updated", saved)
                flash(f"{saved.title} saved")
            return redirect(url_for("officer_tensions.event_detail", event_id=saved.id))
    title = "Add an event of risk" if event is None else f"Change {event.title}"
    return render_template("officer/tensions/event_form.html", title=title, form=form, event=event)


def _audit(action: str, event: RiskEvent) -> None:
    officer = signed_in_officer()
    record_event(
        db_session(),
        partnership_id=officer.partnership_id,
        officer_id=officer.id,
        action=action,
        target_type="risk_event",
        target_id=event.id,
        details=audit_details(event),
    )
