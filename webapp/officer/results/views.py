"""Officer results: each consultation's tallies with charts, cross-tabs, free text and exports.

Who may do what (decided here, documented in the README):

* **viewer** and above: read results (aggregates, charts, cross-tabs), read free-text answers in
  the browser (raw words, so every view is audited), and download the **public** variants (JSON,
  Excel, HTML, PDF, Word; disclosure control applied, no free text);
* **analyst** and above: download the officer exports (raw responses as CSV, Excel with the raw
  data, and the OFFICIAL-SENSITIVE summaries with example quotes). Every download is audited.

Another partnership's consultation is a 404, exactly like one that does not exist. Downloads are
GET links: the only state they change is the audit log.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, render_template, request, stream_with_context
from werkzeug.datastructures import MultiDict

from analysis.crosstabs import CROSSTAB_TYPES, CrosstabError, crosstab
from analysis.exports.build import EXPORT_ACTION, ExportError, audit_details, export_report
from analysis.exports.formats import FORMATS, public_formats
from analysis.exports.html import question_chart, weekly_chart
from analysis.filters import ResponseFilter
from analysis.free_text import FreeTextQuery, free_text_items, text_question_ids
from analysis.languages import responses_by_language
from analysis.report import build_report
from analysis.report.comparison import compare
from analysis.tallies import count_responses, tally_consultation
from analysis.trend import weekly_trend
from survey.consultations import definition_of, partnership_consultation, partnership_consultations
from survey.definitions.definition import Definition
from survey.officers.audit import record_event
from survey.storage.models import Consultation
from survey.vocabulary import Channel, DefinitionKind, Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.query import date_arg

bp = Blueprint("officer_results", __name__, url_prefix="/officer/consultations")
PAGE_SIZE = 25


def _own_consultation(slug: str) -> Consultation:
    consultation = partnership_consultation(db_session(), signed_in_officer().partnership_id, slug)
    if consultation is None:
        abort(404)
    return consultation


def filter_from_args(
    args: MultiDict[str, str], definition: Definition
) -> tuple[ResponseFilter, dict[str, str]]:
    """The response filter the query string asks for, and what is wrong with it (GOV.UK wording)."""
    errors: dict[str, str] = {}
    since, until = date_arg(args, "from", errors), date_arg(args, "to", errors)
    if since and until and until < since:
        errors["to"] = "The end date must be the same as or after the start date"
    channels = tuple(Channel(c) for c in args.getlist("channel") if c in {ch.value for ch in Channel})
    about_you = {}
    for question in definition.questions:
        if getattr(question, "about_you", False):
            known = {option.value for option in question.all_options}
            chosen = tuple(v for v in args.getlist(question.id) if v in known)
            if chosen:
                about_you[question.id] = chosen
    return ResponseFilter(since=since, until=until, channels=channels, about_you=about_you), errors


def _filter_context(consultation: Consultation, definition: Definition) -> dict[str, Any]:
    response_filter, errors = filter_from_args(request.args, definition)
    about_you = [q for q in definition.questions if getattr(q, "about_you", False)]
    return {"consultation": consultation, "definition": definition, "response_filter": response_filter,
            "filter_errors": errors, "about_you_questions": about_you, "channels": list(Channel),
            "args": request.args, "filter_query": _filter_query(response_filter)}


def _filter_query(response_filter: ResponseFilter) -> dict[str, Any]:
    query: dict[str, Any] = {}
    if response_filter.since:
        query["from"] = response_filter.since.isoformat()
    if response_filter.until:
        query["to"] = response_filter.until.isoformat()
    if response_filter.channels:
        query["channel"] = [c.value for c in response_filter.channels]
    query.update({qid: list(values) for qid, values in response_filter.about_you.items()})
    return query


def _alongside(consultation: Consultation) -> list[dict[str, Any]]:
    """Place reports and bot worries of the same partnership, with their counts, for the side panel."""
    session = db_session()
    rows = []
    for other in partnership_consultations(session, consultation.partnership_id):
        if other.kind in (DefinitionKind.PLACE_REPORT, DefinitionKind.WORRY) and other.id != consultation.id:
            _items, urgent = free_text_items(session, other, definition_of(other),
                                             FreeTextQuery(urgent_only=True), limit=0)
            rows.append({"consultation": other, "responses": count_responses(session, other),
                         "urgent": urgent})
    return rows


@bp.route("/<slug>/results")
@officer_required()
def results(slug: str) -> Any:
    consultation = _own_consultation(slug)
    definition = definition_of(consultation)
    context = _filter_context(consultation, definition)
    response_filter = context["response_filter"]
    session = db_session()
    tallies = tally_consultation(session, consultation, definition, response_filter)
    report = build_report(tallies, partnership=consultation.partnership.name,
                          languages=responses_by_language(session, consultation, response_filter))
    weeks = [(w.week_start.strftime("%-d %b %Y"), w.responses) for w in weekly_trend(session, consultation,
                                                                                   response_filter)]
    _items, urgent = free_text_items(session, consultation, definition, FreeTextQuery(urgent_only=True),
                                     response_filter, limit=0)
    others = [c for c in partnership_consultations(session, consultation.partnership_id)
              if c.id != consultation.id and c.kind == consultation.kind]
    earlier = None
    if request.args.get("compare"):
        earlier = partnership_consultation(session, consultation.partnership_id, request.args["compare"])
    changes = []
    if earlier is not None:
        changes = compare(tallies, tally_consultation(session, earlier, definition_of(earlier)))
    return render_template(
        "officer/results/results.html", title=f"Results: {consultation.title}", data=report,
        weekly_chart=weekly_chart(weeks), weeks=weeks, question_chart=question_chart,
        urgent=urgent, alongside=_alongside(consultation), others=others, earlier=earlier, changes=changes,
        crosstab_types=CROSSTAB_TYPES, text_questions=text_question_ids(definition),
        can_export=signed_in_officer().role.allows(Role.ANALYST), export_formats=list(FORMATS.values()),
        public_formats=public_formats(), **context,
    )


@bp.route("/<slug>/results/free-text")
@officer_required()
def free_text(slug: str) -> Any:
    consultation = _own_consultation(slug)
    definition = definition_of(consultation)
    context = _filter_context(consultation, definition)
    sentiment = request.args.get("sentiment")
    query = FreeTextQuery(
        question_ids=tuple(q for q in request.args.getlist("question") if q),
        urgent_only=request.args.get("urgent") == "yes",
        sentiment=sentiment if sentiment in ("positive", "neutral", "negative") else None,  # type: ignore
        contains=request.args.get("contains", "")[:200],
    )
    page = max(1, request.args.get("page", 1, type=int) or 1)
    items, total = free_text_items(db_session(), consultation, definition, query,
                                   context["response_filter"], limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    officer = signed_in_officer()
    # Reading free text is reading raw data: record who looked, and at what (never the words).
    record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                 action="free_text_viewed", target_type="consultation", target_id=consultation.id,
                 details={"filters": context["response_filter"].describe(), "page": page,
                          "urgent_only": query.urgent_only, "shown": len(items)})
    questions = {q.id: q for q in definition.questions if q.id in text_question_ids(definition)}
    pages = max(1, -(-total // PAGE_SIZE))
    base_args = {k: request.args.getlist(k) for k in request.args if k != "page"}
    return render_template(
        "officer/results/free_text.html", title=f"Free-text answers: {consultation.title}", items=items,
        total=total, page=page, pages=pages, questions=questions, query=query, base_args=base_args,
        **context,
    )


@bp.route("/<slug>/results/crosstab")
@officer_required()
def crosstab_view(slug: str) -> Any:
    consultation = _own_consultation(slug)
    definition = definition_of(consultation)
    context = _filter_context(consultation, definition)
    questions = [
        q for q in definition.questions if q.type in CROSSTAB_TYPES and not getattr(q, "about_you", False)
    ]
    groups = context["about_you_questions"]
    question_id = request.args.get("question") or (questions[0].id if questions else "")
    by_id = request.args.get("by") or (groups[0].id if groups else "")
    table, error = None, None
    if question_id and by_id:
        try:
            table = crosstab(db_session(), consultation, definition, question_id, by_id,
                             context["response_filter"])
        except CrosstabError as problem:
            error = str(problem)
    return render_template("officer/results/crosstab.html", title=f"Cross-tab: {consultation.title}",
                           table=table, error=error, questions=questions, groups=groups,
                           question_id=question_id, by_id=by_id, **context)


def _download(slug: str, fmt: str, public: bool) -> Response:
    consultation = _own_consultation(slug)
    definition = definition_of(consultation)
    response_filter, errors = filter_from_args(request.args, definition)
    if errors:
        abort(400)
    officer = signed_in_officer()
    try:
        exported = export_report(db_session(), consultation, fmt, public=public,
                                 response_filter=response_filter)
    except ExportError:
        abort(404)
    record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                 action=EXPORT_ACTION, target_type="consultation", target_id=consultation.id,
                 details=audit_details(fmt, public, response_filter, via="web"))
    body = exported.body if isinstance(exported.body, bytes) else stream_with_context(exported.body)
    response = Response(body, mimetype=exported.media_type.split(";")[0])
    response.headers["Content-Type"] = exported.media_type
    response.headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@bp.route(f"/<slug>/export/<any({', '.join(FORMATS)}):fmt>")
@officer_required(Role.ANALYST)
def export(slug: str, fmt: str) -> Any:
    return _download(slug, fmt, public=False)


@bp.route(f"/<slug>/public-export/<any({', '.join(f.name for f in public_formats())}):fmt>")
@officer_required()
def public_export(slug: str, fmt: str) -> Any:
    return _download(slug, fmt, public=True)

