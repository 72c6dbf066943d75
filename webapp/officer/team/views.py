"""Officer pages: the dashboard, managing officers, and the audit log.

Every view here is for signed-in officers and only ever reads its own partnership's records: a
record id from another partnership is a 404, exactly like one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, make_response, redirect, render_template, session, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from survey.dashboard import morning
from survey.officers import accounts as officers
from survey.officers.audit import recent_events, record_event
from survey.retention import falls_due
from survey.safeguarding.risk import RiskCategory
from survey.storage.models import Officer
from survey.storage.types import utcnow
from survey.triage.listing import LOCAL_TIME
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.auth.access import SIGNED_IN_AT
from webapp.database import db_session

bp = Blueprint("officer", __name__, url_prefix="/officer")

RISK_LABELS = {category.value: category.label for category in RiskCategory}

ROLE_CHOICES = [
    SelectChoice(Role.VIEWER.value, "Viewer"),
    SelectChoice(Role.ANALYST.value, "Analyst"),
    SelectChoice(Role.ADMIN.value, "Administrator"),
]
ROLE_HINTS = {
    Role.VIEWER.value: "Reads results and dashboards",
    Role.ANALYST.value: "Also enters paper responses, imports and exports data",
    Role.ADMIN.value: "Also runs consultations and manages officers",
}


class NewOfficerForm(FlaskForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the officer's email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    role = RadioField(
        "Role",
        choices=ROLE_CHOICES,
        widget=GovRadioInput(),
        validators=[InputRequired("Select a role")],
    )
    submit = SubmitField("Create officer", widget=GovSubmitInput())


class ActiveForm(FlaskForm):
    submit = SubmitField("Save", widget=GovSubmitInput())


class ResetPasswordForm(FlaskForm):
    submit = SubmitField("Reset password", widget=GovSubmitInput())


@bp.route("/")
@officer_required()
def dashboard() -> Any:
    officer = signed_in_officer()
    began = session.get(SIGNED_IN_AT)
    began_at = dt.datetime.fromtimestamp(began, dt.UTC) if isinstance(began, int | float) else None
    summary = morning(db_session(), officer.partnership_id, officer.id, began_at, utcnow())
    return render_template("officer/dashboard.html", title="Dashboard", morning=summary,
                           plan_attention=summary.plan, tension_dashboard=summary.tensions,
                           risk_labels=RISK_LABELS,
                           retention_due=falls_due(db_session(), officer.partnership_id, summary.today))


@bp.app_template_filter("uk_time")
def uk_time(moment: dt.datetime) -> str:
    """A moment as UK local time in GOV.UK style: "2 December 2026 at 9:05am"."""
    local = moment.astimezone(LOCAL_TIME)
    return f"{local:%-d %B %Y} at {local:%-I:%M}{local:%p}".replace("AM", "am").replace("PM", "pm")


@bp.route("/officers")
@officer_required(Role.ADMIN)
def officers_list() -> Any:
    me = signed_in_officer()
    return render_template(
        "officer/officers.html",
        title="Officers",
        officers=officers.partnership_officers(db_session(), me.partnership_id),
    )


@bp.route("/officers/new", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def new_officer() -> Any:
    me = signed_in_officer()
    form = NewOfficerForm()
    if form.validate_on_submit():
        password = officers.generate_password()
        try:
            # The administrator sees this password, so the officer must replace it at first sign-in.
            created = officers.create_officer(
                db_session(), email=form.email.data, password=password, role=form.role.data,
                partnership=me.partnership, must_change_password=True,
            )
        except officers.OfficerError as error:
            form.email.errors = [str(error)]
        else:
            record_event(db_session(), partnership_id=me.partnership_id, officer_id=me.id,
                         action="officer_created", target_type="officer", target_id=created.id)
            return _one_time_password_page(created, password, title="Officer added")
    return render_template("officer/new_officer.html", title="Add an officer", form=form,
                           role_hints=ROLE_HINTS)


@bp.route("/officers/<int:officer_id>", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def officer_detail(officer_id: int) -> Any:
    me = signed_in_officer()
    other = _own_officer(officer_id)
    form = ActiveForm()
    if form.validate_on_submit():
        if other.id == me.id:
            abort(400)
        officers.set_active(db_session(), other, not other.active)
        record_event(db_session(), partnership_id=me.partnership_id, officer_id=me.id,
                     action="officer_activated" if other.active else "officer_deactivated",
                     target_type="officer", target_id=other.id)
        return redirect(url_for("officer.officer_detail", officer_id=other.id))
    return render_template("officer/officer.html", title=other.email, other=other, me=me, form=form,
                           reset_form=ResetPasswordForm())


@bp.route("/officers/<int:officer_id>/reset-password", methods=["POST"])
@officer_required(Role.ADMIN)
def reset_officer_password(officer_id: int) -> Any:
    """Force a reset: the old password stops working, the officer is signed out everywhere, and must
    choose a new password after signing in with the one-time password shown here."""
    me = signed_in_officer()
    other = _own_officer(officer_id)
    if other.id == me.id:
        abort(400)  # administrators change their own password like anyone else
    if not ResetPasswordForm().validate_on_submit():
        abort(400)
    password = officers.reset_password(db_session(), other)
    record_event(db_session(), partnership_id=me.partnership_id, officer_id=me.id,
                 action="password_reset", target_type="officer", target_id=other.id)
    return _one_time_password_page(other, password, title="Password reset")


@bp.route("/audit")
@officer_required(Role.ADMIN)
def audit_log() -> Any:
    me = signed_in_officer()
    events = recent_events(db_session(), me.partnership_id)
    return render_template("officer/audit.html", title="Audit log", events=events)


def _one_time_password_page(other: Officer, password: str, *, title: str) -> Any:
    """The generated password, shown once in the answer to the POST that made it: it is never put in
    the session cookie (signed, not encrypted) nor stored unhashed, and no cache may keep the page."""
    response = make_response(render_template("officer/one_time_password.html", title=title, other=other,
                                             password=password))
    response.headers["Cache-Control"] = "no-store"
    return response


def _own_officer(officer_id: int) -> Officer:
    officer = officers.partnership_officer(db_session(), signed_in_officer().partnership_id, officer_id)
    if officer is None:
        abort(404)
    return officer

