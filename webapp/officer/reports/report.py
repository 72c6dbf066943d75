"""One report: what the person sent, where it has got to, and a form for each thing an officer does.

Opening a report shows what the person sent and writes an audit event (who, when, which reference;
never the content); the first open takes an urgent report off the top of the list. Viewers read;
analysts and administrators change the status, the assignee, add notes and reply. Each change is a
POST that redirects back to the report (or shows the page again with a GOV.UK error summary), and is
audited by ``survey.triage.actions``. A reference from another partnership is a 404.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup
from werkzeug.wrappers import Response as HttpResponse

from survey.consultations import definition_answered
from survey.definitions.definition import Definition, Question
from survey.officers.accounts import partnership_officer, partnership_officers
from survey.responses.store import response_answers
from survey.runner.navigation import display, visible_questions
from survey.storage.models import Consultation, Officer, Response
from survey.triage import actions
from survey.triage.actions import STATUS_LABELS, Actor, TriageError, status_only_by_default
from survey.triage.listing import report_by_reference, report_notes, split_categories
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.reports.blueprint import bp
from webapp.officer.reports.filters import CHANNEL_LABELS, KIND_LABELS
from webapp.officer.reports.forms import SEND_REPLY, STATUS_ONLY, AssignForm, NoteForm, ReplyForm, StatusForm
from webapp.officer.reports.views import risk_label


def _own_report(reference: str) -> Response:
    response = report_by_reference(db_session(), reference, signed_in_officer().partnership_id)
    if response is None:
        abort(404)
    return response


def _active_officers(partnership_id: int) -> list[Officer]:
    return [o for o in partnership_officers(db_session(), partnership_id) if o.active]


def _blank_forms(response: Response, consultation: Consultation) -> dict[str, FlaskForm]:
    """Each action's form filled from the report as it is (never from a request's body)."""
    quiet = status_only_by_default(consultation, response) and not response.reply
    share = STATUS_ONLY if quiet else SEND_REPLY
    return {
        "status": StatusForm(formdata=None, new_status=response.status.value),
        "assign": AssignForm(formdata=None, assignee=str(response.assigned_officer_id or "")).offer(
            _active_officers(response.partnership_id)),
        "note": NoteForm(formdata=None),
        "reply": ReplyForm(formdata=None, share=share, reply=response.reply or ""),
    }


def _answer_rows(response: Response, definition: Definition) -> list[dict[str, Any]]:
    """Each visible question, worded as the person saw it, and its answer; the urgent tag is on the
    answer whose words raised it."""
    answers = response_answers(response)
    flagged: dict[str, set[str]] = {}
    for row in response.answers:
        if row.urgent:
            flagged.setdefault(row.question_id, set()).update(split_categories(row.risk_categories))
    rows = []
    for question in visible_questions(definition, answers):
        rows.append(_summary_row(question, display(question, answers.get(question.id, ())),
                                 flagged.get(question.id)))
    return rows


def _summary_row(question: Question, shown: str, risks: set[str] | None) -> dict[str, Any]:
    # Markup.join escapes each line: the person's words are shown as text, their line breaks kept.
    value = Markup("<br>").join(shown.split("\n"))
    if risks is not None:
        words = ", ".join(risk_label(risk) for risk in sorted(risks)) or "urgent risk"
        tag = Markup('<strong class="govuk-tag govuk-tag--red">Urgent: {}</strong><br>').format(words)
        value = tag + value
    return {"key": {"text": question.text}, "value": {"html": value}}


def _render(response: Response, forms: dict[str, FlaskForm], failed: FlaskForm | None = None) -> str:
    session = db_session()
    consultation = session.get_one(Consultation, response.consultation_id)
    shown = _blank_forms(response, consultation) | forms
    definition, version = definition_answered(session, consultation, response)
    assignee = session.get(Officer, response.assigned_officer_id) if response.assigned_officer_id else None
    me = signed_in_officer()
    return render_template(
        "officer/report.html", title=f"Report {response.reference}", response=response,
        consultation=consultation, rows=_answer_rows(response, definition), version=version,
        kind_label=KIND_LABELS[consultation.kind], channel_label=CHANNEL_LABELS[response.channel],
        risks=[risk_label(value) for value in split_categories(response.risk_categories)],
        status_label=STATUS_LABELS[response.status], assignee=assignee,
        notes=report_notes(session, response), forms=shown, form=failed,
        can_change=me.role.allows(Role.ANALYST),
        home_worry=status_only_by_default(consultation, response),
    )


@bp.route("/<reference>")
@officer_required(Role.VIEWER)
def report(reference: str) -> Any:
    response = _own_report(reference)
    actions.record_opened(db_session(), response, signed_in_officer())
    return _render(response, {})


def _done(response: Response, message: str) -> HttpResponse:
    flash(message)
    return redirect(url_for(".report", reference=response.reference))


def _failed(
    response: Response, name: str, form: FlaskForm, field: Any, error: TriageError | None = None
) -> str:
    if error is not None:
        field.errors = [*field.errors, str(error)]
    return _render(response, {name: form}, failed=form)


@bp.route("/<reference>/status", methods=["POST"])
@officer_required(Role.ANALYST)
def change_status(reference: str) -> Any:
    response = _own_report(reference)
    form = StatusForm()
    if not form.validate_on_submit():
        return _failed(response, "status", form, form.new_status)
    try:
        changed = actions.set_status(db_session(), response, form.new_status.data,
                                     by=Actor.web(signed_in_officer()))
    except TriageError as error:
        return _failed(response, "status", form, form.new_status, error)
    label = STATUS_LABELS[response.status]
    return _done(response, f"Status changed to {label}" if changed else f"The status is already {label}")


@bp.route("/<reference>/assignee", methods=["POST"])
@officer_required(Role.ANALYST)
def change_assignee(reference: str) -> Any:
    response = _own_report(reference)
    me = signed_in_officer()
    form = AssignForm().offer(_active_officers(me.partnership_id))
    if not form.validate_on_submit():
        return _failed(response, "assign", form, form.assignee)
    chosen = partnership_officer(db_session(), me.partnership_id, int(form.assignee.data)) \
        if form.assignee.data else None
    try:
        actions.assign(db_session(), response, chosen, by=Actor.web(me))
    except TriageError as error:
        return _failed(response, "assign", form, form.assignee, error)
    return _done(response, f"Assigned to {chosen.email}" if chosen else "Assigned to nobody")


@bp.route("/<reference>/notes", methods=["POST"])
@officer_required(Role.ANALYST)
def add_note(reference: str) -> Any:
    response = _own_report(reference)
    form = NoteForm()
    if not form.validate_on_submit():
        return _failed(response, "note", form, form.note)
    try:
        actions.add_note(db_session(), response, form.note.data, by=Actor.web(signed_in_officer()))
    except TriageError as error:
        return _failed(response, "note", form, form.note, error)
    return _done(response, "Note added")


@bp.route("/<reference>/reply", methods=["POST"])
@officer_required(Role.ANALYST)
def change_reply(reference: str) -> Any:
    response = _own_report(reference)
    form = ReplyForm()
    if not form.validate_on_submit():
        return _failed(response, "reply", form, form.reply)
    try:
        actions.set_reply(db_session(), response, form.chosen_reply, by=Actor.web(signed_in_officer()))
    except TriageError as error:
        return _failed(response, "reply", form, form.reply, error)
    if form.chosen_reply is None:
        return _done(response, "Only the status will be shown to the reporter")
    return _done(response, "Reply saved: the reporter will see it when they check their report")
