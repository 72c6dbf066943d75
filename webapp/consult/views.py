"""The public consultation flow: start, one question per page, check answers, confirmation.

Works with JavaScript off. Answers in progress live in a server-side draft opened by a token in
the session cookie (``survey.runner.drafts``); the response is stored only on the final submit, once, even
if the submit is sent twice. Officers use the same pages to preview a consultation and to enter
paper responses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from survey.consultations import definition_of, is_accepting, partnership_consultation, site_consultation
from survey.definitions.definition import Definition, Question
from survey.definitions.numbering import question_numbers
from survey.responses.store import ResponseError, new_reference, prepare_response, save_response
from survey.runner import drafts
from survey.runner.navigation import position, previous_question
from survey.runner.navigation import visible_questions as visible
from survey.runner.step import Step, StepKind, answer, answer_context, check_response, first_step
from survey.safeguarding.risk import RiskAssessment, RiskCategory, urgent_message
from survey.signposting.local_services import partnership_directory
from survey.storage.models import Consultation
from survey.triage.codes import new_check_code
from survey.vocabulary import Channel, ConsultationStatus, Role
from webapp.consult import sent, texts
from webapp.consult.fields import own_words, raw_from_form, values_from_form
from webapp.database import app_state, commit_now, db_session, read_first, start_writing
from webapp.extensions import (
    PER_ADDRESS_ANSWER,
    PER_ADDRESS_RESUME,
    PER_ADDRESS_START,
    PER_ADDRESS_SUBMIT,
    draft_key,
    limiter,
    session_key,
)
from webapp.places.maps import location_question_context
from webapp.public.language import current_language, t

bp = Blueprint("consult", __name__, url_prefix="/consultations")
HONEYPOT = "website"


def _officer_of(consultation: Consultation, role: Role) -> bool:
    return (
        current_user.is_authenticated
        and current_user.partnership_id == consultation.partnership_id
        and current_user.role.allows(role)
    )


def _load(slug: str) -> tuple[Consultation, Definition]:
    """The consultation this site serves under ``slug``: the site partnership's, or (for its own
    officers previewing or entering paper responses) the signed-in officer's partnership's. Another
    partnership's consultation does not exist here, whatever its slug."""
    consultation = site_consultation(db_session(), app_state().settings.site_partnership, slug)
    if consultation is None and current_user.is_authenticated:
        consultation = partnership_consultation(db_session(), current_user.partnership_id, slug)
    if consultation is None:
        abort(404)
    if consultation.status == ConsultationStatus.DRAFT and not _officer_of(consultation, Role.VIEWER):
        abort(404)  # a draft does not exist as far as the public is concerned
    # Shown in the page's language; ids and option values are the same in every language.
    return consultation, definition_of(consultation).in_language(current_language().code)


def _mode_allowed(consultation: Consultation, channel: Channel, preview: bool) -> bool:
    if preview:
        return _officer_of(consultation, Role.VIEWER)
    if channel == Channel.PAPER:
        return _officer_of(consultation, Role.ANALYST) and consultation.status != ConsultationStatus.DRAFT
    return is_accepting(consultation)


def _draft(consultation: Consultation, definition: Definition) -> drafts.Draft | None:
    token = (session.get("drafts") or {}).get(consultation.slug)
    if not token:
        return None
    draft = drafts.open_draft(db_session(), consultation, definition, token)
    if draft is None or not _mode_allowed(consultation, draft.channel, draft.preview):
        return None
    return draft


def _remember(slug: str, token: str | None) -> None:
    tokens = dict(session.get("drafts") or {})
    if token is None:
        tokens.pop(slug, None)
    else:
        tokens[slug] = token
    session["drafts"] = tokens


@bp.route("/<slug>/")
def start(slug: str) -> Any:
    consultation, definition = _load(slug)
    preview = request.args.get("preview") == "1"
    channel = Channel.PAPER if request.args.get("channel") == "paper" else Channel.WEB
    if (preview or channel == Channel.PAPER) and not _mode_allowed(consultation, channel, preview):
        abort(403)
    accepting = _mode_allowed(consultation, channel, preview)
    closed = consultation.status == ConsultationStatus.CLOSED or (
        consultation.closes_on is not None and consultation.closes_on < dt.date.today()
    )
    return render_template(
        "consult/start.html",
        closed=closed,
        title=definition.title,
        consultation=consultation,
        definition=definition,
        accepting=accepting,
        preview=preview,
        channel=channel,
        in_progress=_draft(consultation, definition) is not None,
    )


@bp.route("/<slug>/start", methods=["POST"])
@limiter.limit("60 per minute", key_func=session_key)
@limiter.limit(PER_ADDRESS_START)
def begin(slug: str) -> Any:
    consultation, definition = _load(slug)
    preview = request.form.get("preview") == "1"
    channel = Channel.PAPER if request.form.get("channel") == "paper" else Channel.WEB
    if not _mode_allowed(consultation, channel, preview):
        return redirect(url_for("consult.start", slug=slug))
    sent.forget_check_codes()  # a new response: perhaps someone else on a shared device
    existing = _draft(consultation, definition)
    if existing is not None and request.form.get("restart") == "1":
        drafts.discard(db_session(), existing)
        existing = None
    if existing is None:
        token, _ = drafts.start_draft(db_session(), consultation, channel=channel, preview=preview)
        _remember(slug, token)
        answers: dict = {}
    else:
        answers = existing.answers
    return redirect(_url_of(consultation, first_step(definition, answers), changing=False))


@bp.route("/<slug>/questions/<question_id>", methods=["GET", "POST"])
@limiter.limit("120 per minute", methods=["POST"], key_func=draft_key)
@limiter.limit(PER_ADDRESS_ANSWER, methods=["POST"])
def question(slug: str, question_id: str) -> Any:
    consultation, definition = _load(slug)
    draft = _draft(consultation, definition)
    if draft is None:
        return redirect(url_for("consult.start", slug=slug))
    try:
        current = definition.question(question_id)
    except KeyError:
        abort(404)
    if current.id not in {q.id for q in visible(definition, draft.answers)}:
        return redirect(url_for("consult.check_answers", slug=slug))
    changing = request.args.get("change") == "1"
    error = None
    values = current.form_values(draft.answers.get(current.id, ()))
    if request.method == "POST":
        values = values_from_form(request.form)
        step = answer(
            definition,
            draft.answers,
            current.id,
            raw_from_form(current, request.form),
            context=answer_context(consultation.partnership, lazy=True),
            changing=changing,
        )
        saving = request.form.get("action") == "save"
        if step.kind != StepKind.PROBLEM or saving:
            draft.answers = step.answers  # a problem keeps the answers as they were
            if saving:
                return _save_for_later(consultation, definition, draft)
            drafts.save_answers(db_session(), draft, definition)
            return redirect(_url_of(consultation, step, changing))
        error = t(step.problem) if step.problem else step.problem
    number, total = position(definition, draft.answers, current.id)
    if draft.channel == Channel.PAPER:  # the number printed beside it on the paper form
        number, total = question_numbers(definition)[current.id], None
    previous = previous_question(definition, draft.answers, current.id)
    back = (
        url_for("consult.check_answers", slug=slug)
        if changing
        else url_for("consult.question", slug=slug, question_id=previous.id)
        if previous
        else url_for("consult.start", slug=slug)
    )
    status = 200
    return render_template(
        "consult/question.html",
        title=current.text,
        error_title=error is not None,
        consultation=consultation,
        definition=definition,
        question=current,
        values=values,
        error=error,
        number=number,
        total=total,
        back=back,
        draft=draft,
        field_id=current.first_field_id,
        errors={current.error_key: error} if error is not None else {},
        **(location_question_context(consultation.partnership) if current.type == "location" else {}),
    ), status


def _url_of(consultation: Consultation, step: Step, changing: bool) -> str:
    """The page for a step: the next question (still in "change" mode when changing) or check answers."""
    if step.kind == StepKind.QUESTION and step.question is not None:
        extra = {"change": 1} if changing else {}
        return url_for("consult.question", slug=consultation.slug, question_id=step.question.id, **extra)
    return url_for("consult.check_answers", slug=consultation.slug)


def _save_for_later(consultation: Consultation, definition: Definition, draft: drafts.Draft) -> Any:
    code = drafts.save_for_later(db_session(), draft, definition)
    _remember(consultation.slug, None)
    session["resume_code"] = code
    return redirect(url_for("consult.saved", slug=consultation.slug))


@bp.route("/<slug>/saved")
def saved(slug: str) -> Any:
    consultation, definition = _load(slug)
    code = session.pop("resume_code", None)
    if code is None:
        return redirect(url_for("consult.start", slug=slug))
    return render_template(
        "consult/saved.html",
        title=t(texts.SAVED_TITLE),
        code=code,
        consultation=consultation,
        definition=definition,
    )


@bp.route("/<slug>/resume", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"], key_func=session_key)
@limiter.limit(PER_ADDRESS_RESUME, methods=["POST"])
def resume(slug: str) -> Any:
    consultation, definition = _load(slug)
    error = None
    code = ""
    if request.method == "POST":
        code = (request.form.get("code") or "").strip()[:40]
        found = drafts.resume(db_session(), consultation, definition, code) if code else None
        if not code:
            error = t(texts.ENTER_RESUME_CODE)
        elif found is None or not _mode_allowed(consultation, found[1].channel, found[1].preview):
            error = t(texts.RESUME_CODE_NOT_FOUND)
        else:
            token, draft = found
            _remember(slug, token)
            return redirect(_url_of(consultation, first_step(definition, draft.answers), changing=False))
    return render_template(
        "consult/resume.html",
        title=t(texts.RESUME_TITLE),
        error=error,
        error_title=error is not None,
        code=code,
        consultation=consultation,
        definition=definition,
    )


@bp.route("/<slug>/check-answers", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"], key_func=draft_key)
@limiter.limit(PER_ADDRESS_SUBMIT, methods=["POST"])
def check_answers(slug: str) -> Any:
    if request.method == "POST":
        read_first()  # the checks and scoring run before the write lock is taken
    consultation, definition = _load(slug)
    draft = _draft(consultation, definition)
    if draft is None:
        if request.method == "POST" and sent.details_of(slug) is not None:
            return redirect(url_for("consult.confirmation", slug=slug))  # a re-sent submit
        return redirect(url_for("consult.start", slug=slug))
    errors: dict[str, str] = {}
    if request.method == "POST":
        if request.form.get(HONEYPOT):
            # A bot filled the field people never see: look like success, store nothing.
            drafts.discard(db_session(), draft)
            _remember(slug, None)
            sent.remember(slug, {"reference": new_reference(), "check_code": new_check_code(), "urgent": []})
            return redirect(url_for("consult.confirmation", slug=slug))
        if draft.preview:
            sent.remember(slug, {"reference": None, "urgent": [], "preview": True})
            return redirect(url_for("consult.confirmation", slug=slug))
        # The draft's answers each went through the answer step; this checks them as a whole.
        context = answer_context(consultation.partnership, lazy=True)
        _clean, errors = check_response(definition, draft.answers, context)
        stored = None
        if not errors:
            try:
                prepared = prepare_response(
                    consultation,
                    definition,
                    draft.answers,
                    channel=draft.channel,
                    submission_key=draft.submission_key,
                    language=current_language().code,
                )
            except ResponseError as problem:
                errors = problem.errors
            else:
                start_writing()
                stored = save_response(db_session(), prepared)
        if stored is not None:
            drafts.discard(db_session(), draft)
            commit_now()  # stored: let the next respondent's submit in while this page is built
            _remember(slug, None)
            sent.remember_stored(slug, stored, draft.channel)
            return redirect(url_for("consult.confirmation", slug=slug))
    numbers = question_numbers(definition) if draft.channel == Channel.PAPER else {}
    rows = [
        _summary_row(consultation, q, draft, numbers.get(q.id)) for q in visible(definition, draft.answers)
    ]
    errors_list = [
        {"text": t(message), "href": url_for("consult.question", slug=slug, question_id=qid, change=1)}
        for qid, message in errors.items()
    ]
    return render_template(
        "consult/check_answers.html",
        title=t(texts.CHECK_ANSWERS_TITLE),
        consultation=consultation,
        definition=definition,
        rows=rows,
        draft=draft,
        errors=errors,
        errors_list=errors_list,
        error_title=bool(errors),
        honeypot=HONEYPOT,
    )


def _summary_row(
    consultation: Consultation, q: Question, draft: drafts.Draft, number: int | None
) -> dict[str, Any]:
    """A check-answers row; in paper entry, with the question's number on the paper form."""
    given = draft.answers.get(q.id, ())
    labels = {option.label for option in q.all_options}
    # Fixed words (an unanswered question, "Don't know", "Prefer not to say") in the page's language;
    # what the respondent typed, never.
    shown = q.show(given).split("\n")
    lines = [t(line) if not given else own_words(q, line) if line in labels else line for line in shown]
    numbered = Markup('<span class="govuk-caption-m">Question {}</span>{}').format(number, q.text)
    return {
        "key": {"html": numbered} if number else {"text": q.text},
        "value": {"html": Markup("<br>").join(escape(line) for line in lines)},
        "actions": {
            "items": [
                {
                    "href": url_for("consult.question", slug=consultation.slug, question_id=q.id, change=1),
                    "text": t(texts.CHANGE),
                    "visuallyHiddenText": q.text,
                }
            ]
        },
    }


@bp.route("/<slug>/confirmation")
def confirmation(slug: str) -> Any:
    consultation, definition = _load(slug)
    details = sent.details_of(slug)
    if details is None:
        return redirect(url_for("consult.start", slug=slug))
    urgent = None
    if details.get("urgent"):
        assessment = RiskAssessment(
            urgent=True, categories=frozenset(RiskCategory(c) for c in details["urgent"])
        )
        directory = partnership_directory(consultation.partnership)
        urgent = urgent_message(assessment, directory, current_language().code)  # 999 first, in their words
    return render_template(
        "consult/confirmation.html",
        title=t(texts.SENT_TITLE),
        consultation=consultation,
        definition=definition,
        details=details,
        urgent=urgent,
    )
