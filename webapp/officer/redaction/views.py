"""The pages for correcting responses. Every one reads only the officer's own partnership's
responses: another partnership's reference is a 404. Each change is a POST with a CSRF token that
redirects once done; a form with a problem is shown again with a GOV.UK error summary and nothing
changed. Redacting and deleting show a check page first, and are audited (never with the words)."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import Connection, event
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as HttpResponse
from wtforms.fields.choices import SelectChoice

from analysis.exports.dates import moment_in_words
from survey.consultations import definition_of
from survey.responses import redaction
from survey.responses.personal_data import KIND_LABELS, describe, find_personal_data, kinds_of
from survey.retention.files import scrub_files
from survey.storage.models import Answer, Consultation, Response
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.redaction.forms import DeleteForm, KeepForm, RedactForm

logger = logging.getLogger(__name__)
bp = Blueprint("officer_redaction", __name__, url_prefix="/officer/responses")


def _own_response(reference: str) -> Response:
    response = redaction.response_of(db_session(), signed_in_officer().partnership_id, reference)
    if response is None:
        abort(404)
    return response


def _own_answer(reference: str, answer_id: int) -> tuple[Response, Answer]:
    response = _own_response(reference)
    answer = redaction.answer_of(db_session(), response, answer_id)
    if answer is None:
        abort(404)
    return response, answer


def _question_text(consultation: Consultation, question_id: str) -> str:
    return next((q.text for q in definition_of(consultation).questions if q.id == question_id), question_id)


def forget_after_commit(session: Session) -> None:
    """Once the request's work commits, rewrite the database's files as a retention run does, so the
    removed words cannot be read from them (``survey.retention.files.scrub_files``). It never raises:
    what it could not do (a reader holding the SQLite log, a role that may not checkpoint) is logged,
    and the next rewrite (another redaction, or a retention run that changes anything) takes it."""
    bind = session.get_bind()
    if isinstance(bind, Connection) and bind.in_transaction():
        return  # a session inside someone else's transaction (a test's) commits nothing to the files
    engine = bind.engine

    def scrub(_session: Session) -> None:
        outcome = scrub_files(engine)
        if not outcome.done:  # counts and reasons only: the words are not in the message
            logger.warning("After a redaction or deletion, %s", outcome.what)

    event.listen(session, "after_commit", scrub, once=True)


@bp.route("/personal-details")
@officer_required(Role.VIEWER)
def review_list() -> Any:
    officer = signed_in_officer()
    flagged = redaction.flagged_answers(db_session(), officer.partnership_id)
    items = [
        {"item": item, "received": moment_in_words(item.submitted_at), "may_contain": describe(item.kinds)}
        for item in flagged
    ]
    return render_template(
        "officer/redaction/review.html",
        title="Answers that may contain personal details",
        items=items,
        total=redaction.count_flagged(db_session(), officer.partnership_id),
        can_review=officer.role.allows(Role.ANALYST),
        can_redact=officer.role.allows(Role.ADMIN),
        keep_form=KeepForm(formdata=None),
    )


@bp.route("/<reference>/answers/<int:answer_id>/keep", methods=["POST"])
@officer_required(Role.ANALYST)
def keep_answer(reference: str, answer_id: int) -> Any:
    response, answer = _own_answer(reference, answer_id)
    if KeepForm().validate_on_submit():
        redaction.keep_as_is(db_session(), response, answer, officer_id=signed_in_officer().id)
        flash(f"The answer in response {response.reference} is kept as it is. Exports may now quote it.")
    return redirect(url_for(".review_list"))


@bp.route("/<reference>/redact")
@officer_required(Role.ADMIN)
def choose_answer(reference: str) -> Any:
    response = _own_response(reference)
    consultation = db_session().get_one(Consultation, response.consultation_id)
    answers = [
        {
            "answer": answer,
            "question": _question_text(consultation, answer.question_id),
            "may_contain": describe(kinds_of(answer.personal_data)),
        }
        for answer in sorted(response.answers, key=lambda a: a.id)
        if answer.text
    ]
    return render_template(
        "officer/redaction/choose.html",
        title="Choose the answer to redact",
        response=response,
        consultation=consultation,
        answers=answers,
    )


@bp.route("/<reference>/answers/<int:answer_id>/redact", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def redact_answer(reference: str, answer_id: int) -> Any:
    response, answer = _own_answer(reference, answer_id)
    consultation = db_session().get_one(Consultation, response.consultation_id)
    form = RedactForm()
    found = list(dict.fromkeys((item.words, item.kind) for item in find_personal_data(answer.text or "")))
    form.found.choices = [SelectChoice(words, words) for words, _kind in found]
    page = {
        "response": response,
        "answer": answer,
        "consultation": consultation,
        "form": form,
        "question": _question_text(consultation, answer.question_id),
        "found": [{"words": words, "kind": KIND_LABELS.get(kind, kind)} for words, kind in found],
    }
    if not form.validate_on_submit() or "change" in request.form:  # "Change what to remove" on the check page
        return _redact_form(page)
    pieces = form.pieces()
    if form.confirmed.data == "yes" and pieces and _already_done(answer.text or "", pieces):
        return _back_to_report(response, "These words were already removed.")  # a second click
    try:
        preview, places = redaction.redacted_text(answer.text or "", pieces)
        redaction.check_reason(form.reason.data or "", pieces)
    except redaction.RedactionRefused as refused:
        return _redact_form(page, refused.problems)
    if form.confirmed.data != "yes":
        return render_template(
            "officer/redaction/check_redaction.html",
            title="Check the redaction",
            preview=preview,
            places=places,
            pieces=pieces,
            **page,
        )
    redaction.redact_answer(
        db_session(),
        response,
        answer,
        pieces,
        reason=form.reason.data or "",
        officer_id=signed_in_officer().id,
    )
    forget_after_commit(db_session())
    where = "1 place" if places == 1 else f"{places} places"
    return _back_to_report(
        response, f"The words were removed from the answer ({where}) and deleted from the database."
    )


def _redact_form(page: dict[str, Any], problems: dict[str, str] | None = None) -> str:
    form = page["form"]
    for name, message in (problems or {}).items():
        getattr(form, name).errors = [*getattr(form, name).errors, message]
    return render_template("officer/redaction/redact.html", title="Redact words from an answer", **page)


def _already_done(text: str, pieces: list[str]) -> bool:
    return redaction.REDACTED in text and not any(piece.casefold() in text.casefold() for piece in pieces)


def _back_to_report(response: Response, message: str) -> HttpResponse:
    flash(message)
    return redirect(url_for("officer_reports.report", reference=response.reference))


@bp.route("/<reference>/delete", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def delete_response(reference: str) -> Any:
    response = _own_response(reference)
    consultation = db_session().get_one(Consultation, response.consultation_id)
    form = DeleteForm()
    if form.validate_on_submit():
        try:
            redaction.delete_response(
                db_session(), response, reason=form.reason.data or "", officer_id=signed_in_officer().id
            )
        except redaction.RedactionRefused as refused:
            form.reason.errors = [*form.reason.errors, *refused.problems.values()]
        else:
            forget_after_commit(db_session())
            flash(f"Response {reference.upper()} was deleted, with its answers and notes.")
            return redirect(url_for("officer_reports.inbox_page"))
    return render_template(
        "officer/redaction/delete.html",
        title=f"Delete response {response.reference}",
        response=response,
        consultation=consultation,
        form=form,
        received=moment_in_words(response.submitted_at),
    )
