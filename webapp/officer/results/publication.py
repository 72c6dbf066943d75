"""Publishing a consultation's results, and its "You said, we did" entries (officer side).

Anyone in the partnership may read this page; an **analyst** or above publishes, unpublishes and
writes entries. Publishing freezes a dated snapshot of the public figures (``analysis.published``);
every change is audited by ``survey.publications``. Another partnership's consultation is a 404.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from analysis.published import publish, snapshot_report
from analysis.published.dates import long_date
from analysis.published.findings import top_priorities
from survey.consultations import partnership_consultation
from survey.plans.links import action_choices, link_entry
from survey.publications import (
    LIMITS,
    EntryText,
    PublicationError,
    current_publication,
    entries,
    entry,
    refusal_to_publish,
    save_entry,
    unpublish,
)
from survey.storage.models import Consultation
from survey.vocabulary import ActionStatus, Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session

bp = Blueprint("officer_publication", __name__, url_prefix="/officer/consultations")


class EntryForm(FlaskForm):
    you_said = StringField(
        "You said", widget=GovTextInput(),
        description="A priority residents raised, for example anti-social behaviour in the town centre.",
        validators=[InputRequired("Enter what residents said"),
                    Length(max=LIMITS["you_said"],
                           message="Enter what residents said in 200 characters or fewer")])
    we_did = TextAreaField(
        "What the partnership will do or has done", widget=GovTextArea(),
        description="In plain words a resident will understand. This is published.",
        validators=[InputRequired("Enter what the partnership will do or has done"),
                    Length(max=LIMITS["we_did"], message="Enter what the partnership will do or has done "
                                                         "in 2,000 characters or fewer")])
    lead = StringField(
        "Who leads", widget=GovTextInput(), description="An organisation or team, for example Council "
        "community safety team. Not a person's name.",
        validators=[InputRequired("Enter who leads this"),
                    Length(max=LIMITS["lead"], message="Enter who leads this in 200 characters or fewer")])
    status = RadioField("Status", widget=GovRadioInput(),
                        choices=[(status.value, status.label) for status in ActionStatus],
                        validators=[InputRequired("Select a status")])
    action_id = SelectField(  # the action plan's action this entry reports (survey.plans.links)
        "Action in the action plan (optional)", widget=GovSelect(), validate_choice=False,
        description="Residents then see the action's summary for residents and its status.")
    submit = SubmitField("Save and publish this entry", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A POST with its CSRF token: the buttons that publish and unpublish."""


def _own_consultation(slug: str) -> Consultation:
    consultation = partnership_consultation(db_session(), signed_in_officer().partnership_id, slug)
    if consultation is None:
        abort(404)
    return consultation


@bp.route("/<slug>/results/publication")
@officer_required()
def publication_page(slug: str) -> Any:
    consultation = _own_consultation(slug)
    current = current_publication(db_session(), consultation.id)
    priorities = top_priorities(snapshot_report(current)) if current else []
    return render_template(
        "officer/results/publication.html", title=f"Publish results: {consultation.title}",
        consultation=consultation, current=current, refusal=refusal_to_publish(consultation),
        actions=entries(db_session(), consultation.id), priorities=priorities, confirm=ConfirmForm(),
        can_publish=signed_in_officer().role.allows(Role.ANALYST), long_date=long_date,
    )


@bp.route("/<slug>/results/publish", methods=["POST"])
@officer_required(Role.ANALYST)
def publish_results(slug: str) -> Any:
    consultation = _own_consultation(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        publish(db_session(), consultation, officer_id=signed_in_officer().id, via="web")
    except PublicationError as error:
        flash(str(error), "error")
    else:
        flash("The results are published. The public page shows the figures as they are now.", "success")
    return redirect(url_for("officer_publication.publication_page", slug=slug))


@bp.route("/<slug>/results/unpublish", methods=["POST"])
@officer_required(Role.ANALYST)
def unpublish_results(slug: str) -> Any:
    consultation = _own_consultation(slug)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        unpublish(db_session(), consultation, officer_id=signed_in_officer().id, via="web")
    except PublicationError as error:
        flash(str(error), "error")
    else:
        flash("The results are no longer published.", "success")
    return redirect(url_for("officer_publication.publication_page", slug=slug))


@bp.route("/<slug>/results/you-said-we-did/new", methods=["GET", "POST"])
@bp.route("/<slug>/results/you-said-we-did/<int:entry_id>", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def entry_form(slug: str, entry_id: int | None = None) -> Any:
    consultation = _own_consultation(slug)
    existing = entry(db_session(), consultation.id, entry_id) if entry_id is not None else None
    if entry_id is not None and existing is None:
        abort(404)
    form = EntryForm(obj=existing, data={"status": existing.status.value} if existing else None)
    offered = action_choices(db_session(), consultation.partnership_id)
    form.action_id.choices = [SelectChoice("", "None"),
                              *(SelectChoice(str(value), label) for value, label in offered)]
    form.action_id.validators = [Optional(), AnyOf([str(value) for value, _ in offered],
                                                   message="Select an action from the list")]
    if existing is not None and not form.is_submitted():
        form.action_id.data = str(existing.action_id or "")
    if form.validate_on_submit():
        text = EntryText(you_said=form.you_said.data or "", we_did=form.we_did.data or "",
                         lead=form.lead.data or "", status=ActionStatus(form.status.data))
        problems = text.problems()  # e.g. only spaces, which the form's own checks let through
        for field, message in problems.items():
            getattr(form, field).errors = [message]
        if not problems:
            saved = save_entry(db_session(), consultation, text, existing=existing,
                               officer_id=signed_in_officer().id)
            link_entry(db_session(), saved, int(form.action_id.data) if form.action_id.data else None,
                       partnership_id=consultation.partnership_id, officer_id=signed_in_officer().id)
            flash("The entry is saved.", "success")
            return redirect(url_for("officer_publication.publication_page", slug=slug))
    title = "Change a “You said, we did” entry" if existing else "Add a “You said, we did” entry"
    return render_template("officer/results/you_said_we_did.html", title=title, form=form,
                           consultation=consultation)
