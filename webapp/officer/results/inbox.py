"""The officers' reports inbox: place reports, worries and anything urgent, urgent first.

The list shows no content. Opening one report shows what the person sent and writes an audit event
(who, when, which reference; never the content). A reference from another partnership is a 404.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request
from markupsafe import Markup

from survey.answers import Answer
from survey.consultations import definition_of
from survey.definitions.definition import Question
from survey.officers.audit import record_event
from survey.responses.inbox import InboxFilter, inbox, partnership_response
from survey.responses.store import response_answers
from survey.runner.navigation import display, visible_questions
from survey.safeguarding.risk import RiskCategory
from survey.storage.models import Consultation
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session

bp = Blueprint("officer_reports", __name__, url_prefix="/officer/reports")

FILTERS = {
    InboxFilter.ALL: "All reports",
    InboxFilter.URGENT: "Urgent only",
    InboxFilter.WORRY: "Worries",
    InboxFilter.PLACE_REPORT: "Place reports",
}
KIND_LABELS = {"worry": "Worry", "place_report": "Place report", "consultation": "Consultation response"}
RISK_LABELS = {
    RiskCategory.IMMEDIATE_DANGER: "Immediate danger",
    RiskCategory.WEAPONS: "Weapons",
    RiskCategory.SELF_HARM: "Self-harm or suicide",
    RiskCategory.ABUSE_AT_HOME: "Abuse at home",
    RiskCategory.EXPLOITATION: "Exploitation",
}


@bp.route("")
@officer_required(Role.VIEWER)
def inbox_page() -> Any:
    me = signed_in_officer()
    show = request.args.get("show", InboxFilter.ALL.value)
    show_filter = InboxFilter(show) if show in InboxFilter.__members__.values() else InboxFilter.ALL
    page_number = request.args.get("page", "1")
    page_number = int(page_number) if page_number.isdigit() and int(page_number) > 0 else 1
    page = inbox(db_session(), me.partnership_id, show=show_filter, page=page_number)
    return render_template("officer/reports.html", title="Reports", page=page, show=show_filter,
                           filters=FILTERS, kind_labels=KIND_LABELS, risk_labels=RISK_LABELS)


@bp.route("/<reference>")
@officer_required(Role.VIEWER)
def report(reference: str) -> Any:
    me = signed_in_officer()
    response = partnership_response(db_session(), me.partnership_id, reference)
    if response is None:
        abort(404)
    consultation = db_session().get_one(Consultation, response.consultation_id)
    definition = definition_of(consultation)
    answers = response_answers(response)
    rows = [_summary_row(question, answers.get(question.id, ()))
            for question in visible_questions(definition, answers)]
    risks = [RISK_LABELS.get(value, value) for value in (response.risk_categories or "").split(",") if value]
    record_event(db_session(), partnership_id=me.partnership_id, officer_id=me.id, action="report_viewed",
                 target_type="response", target_id=response.reference)
    return render_template(
        "officer/report.html", title=f"Report {response.reference}", response=response,
        consultation=consultation, rows=rows, kind_label=KIND_LABELS[consultation.kind.value],
        risks=risks,
    )


def _summary_row(question: Question, answer: Answer) -> dict[str, Any]:
    # Markup.join escapes each line: the person's words are shown as text, their line breaks kept.
    return {"key": {"text": question.text},
            "value": {"html": Markup("<br>").join(display(question, answer).split("\n"))}}

