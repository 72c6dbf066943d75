"""Officer pages for running consultations: create, open and close, dates, share link and QR code,
and importing responses from a CSV file.

Viewers read; analysts also import responses and enter paper ones; administrators create
consultations and change their status and dates. Another partnership's consultation is a 404,
exactly like one that does not exist. Every change is an audit event; nothing changes on a GET.
"""

from __future__ import annotations

import io
from typing import Any

import segno
from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from werkzeug.routing import BuildError

from survey.consultations import (
    ConsultationError,
    is_accepting,
    partnership_consultation,
    partnership_consultations,
    response_counts,
    set_dates,
    set_status,
)
from survey.officers.audit import record_event
from survey.responses.csv_import import (
    ColumnMapping,
    ImportFileError,
    MappingError,
    decode_csv,
    import_responses,
    load_mapping,
)
from survey.storage.models import Consultation
from survey.vocabulary import ConsultationStatus, DefinitionKind, Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.consultations.forms import DatesForm, ImportForm, StatusForm

bp = Blueprint("officer_consultations", __name__, url_prefix="/officer/consultations")

STATUS_ACTIONS = {
    ConsultationStatus.OPEN: "consultation_opened",
    ConsultationStatus.CLOSED: "consultation_closed",
    ConsultationStatus.DRAFT: "consultation_made_draft",
}
MAX_ERRORS_SHOWN = 200


@bp.route("/")
@officer_required(Role.VIEWER)
def consultations_list() -> Any:
    officer = signed_in_officer()
    consultations = partnership_consultations(db_session(), officer.partnership_id)
    counts = response_counts(db_session(), [consultation.id for consultation in consultations])
    return render_template(
        "officer/consultations/list.html", title="Consultations", consultations=consultations,
        counts=counts, can_create=officer.role.allows(Role.ADMIN),
    )


@bp.route("/<slug>")
@officer_required(Role.VIEWER)
def consultation_detail(slug: str) -> Any:
    officer = signed_in_officer()
    consultation = _own_consultation(slug)
    count = response_counts(db_session(), [consultation.id])[consultation.id]
    public = consultation.kind == DefinitionKind.CONSULTATION
    return render_template(
        "officer/consultations/detail.html", title=consultation.title, consultation=consultation,
        responses=count, accepting=is_accepting(consultation), status_form=StatusForm(),
        share_url=_public_url(consultation.slug) if public else None,
        preview_url=_public_url(consultation.slug, preview="1", external=False) if public else None,
        paper_url=_public_url(consultation.slug, channel="paper", external=False) if public else None,
        can_import=officer.role.allows(Role.ANALYST), can_manage=officer.role.allows(Role.ADMIN),
        can_edit=officer.role.allows(Role.ANALYST), builder_url=builder_url(consultation.slug),
        transitions=_transitions(consultation.status),
    )


def builder_url(slug: str) -> str | None:
    """The builder's overview of the consultation (``None`` where the builder is not registered)."""
    try:
        return url_for("officer_builder.overview", slug=slug)
    except BuildError:
        return None


def _transitions(status: ConsultationStatus) -> list[tuple[str, str, bool]]:
    """``(target status, button text, warning)`` for the buttons a status offers."""
    match status:
        case ConsultationStatus.DRAFT:
            return [(ConsultationStatus.OPEN.value, "Open to the public", False)]
        case ConsultationStatus.OPEN:
            return [(ConsultationStatus.CLOSED.value, "Close consultation", True)]
    return [(ConsultationStatus.OPEN.value, "Reopen consultation", False)]


@bp.route("/<slug>/status", methods=["POST"])
@officer_required(Role.ADMIN)
def change_status(slug: str) -> Any:
    consultation = _own_consultation(slug)
    form = StatusForm()
    if not form.validate_on_submit():
        abort(400)
    before, after = consultation.status, ConsultationStatus(form.status.data)
    if after != before:
        set_status(db_session(), consultation, after)
        _audit(consultation, STATUS_ACTIONS[after], before=before.value, after=after.value)
        flash(f"{consultation.title} is now {after.value}")
    return redirect(url_for(".consultation_detail", slug=consultation.slug))


@bp.route("/<slug>/dates", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def edit_dates(slug: str) -> Any:
    consultation = _own_consultation(slug)
    form = DatesForm(data={"opens_on": consultation.opens_on, "closes_on": consultation.closes_on}
                     if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            set_dates(db_session(), consultation, form.opens_on.data, form.closes_on.data)
        except ConsultationError as error:
            form.closes_on.errors = [str(error)]
        else:
            _audit(consultation, "consultation_dates_changed", opens_on=_iso(consultation.opens_on),
                   closes_on=_iso(consultation.closes_on))
            flash("Dates saved")
            return redirect(url_for(".consultation_detail", slug=consultation.slug))
    for field, name in ((form.opens_on, "Opening date"), (form.closes_on, "Closing date")):
        if field.errors and any("valid date" in str(message) for message in field.errors):
            field.errors = [f"{name} must be a real date, for example 6 1 2026"]
    return render_template("officer/consultations/dates.html", title="Opening and closing dates",
                           form=form, consultation=consultation)


@bp.route("/<slug>/import", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def import_page(slug: str) -> Any:
    consultation = _own_consultation(slug)
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        text, mapping = _read_uploads(form)
        if text is not None:
            try:
                result = import_responses(db_session(), consultation, text,
                                          skip_invalid=form.skip_invalid.data, mapping=mapping)
            except ImportFileError as error:
                form.responses_file.errors = [str(error)]
            else:
                if result.stored:
                    _audit(consultation, "responses_imported", stored=result.stored,
                           rejected_rows=len(result.rejected_rows))
                if result.ok:
                    flash(result.summary)
                    return redirect(url_for(".consultation_detail", slug=consultation.slug))
    return render_template(
        "officer/consultations/import.html", title=f"Import responses: {consultation.title}", form=form,
        consultation=consultation, result=result, max_errors=MAX_ERRORS_SHOWN,
    )


def _read_uploads(form: ImportForm) -> tuple[str | None, ColumnMapping | None]:
    """The CSV text and the mapping, or ``(None, None)`` with the problem set on the form's field."""
    try:
        text = decode_csv(form.responses_file.data.read())
    except ImportFileError as error:
        form.responses_file.errors = [str(error)]
        return None, None
    upload = form.mapping_file.data
    if not upload or not getattr(upload, "filename", None):
        return text, None
    try:
        return text, load_mapping(upload.read().decode("utf-8-sig"), _file_name(upload.filename))
    except UnicodeDecodeError:
        form.mapping_file.errors = ["The mapping file must be text in UTF-8"]
    except MappingError as error:
        form.mapping_file.errors = [str(error)]
    return None, None


def _file_name(name: str, default: str = "mapping.yaml") -> str:
    return name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or default


def uploaded_definition(field: Any) -> tuple[str, str] | None:
    """The text and file name of the YAML definition uploaded in ``field``; ``None``, with the problem
    set on the field, when there is no file or it is not UTF-8 text."""
    upload = field.data
    if not upload or not getattr(upload, "filename", None):
        field.errors = ["Choose a YAML definition file"]
        return None
    source_name = _file_name(upload.filename, "definition.yaml")
    try:
        return upload.read().decode("utf-8-sig"), source_name
    except UnicodeDecodeError:
        field.errors = ["The definition file must be text in UTF-8"]
        return None


@bp.route("/<slug>/qr.png")
@officer_required(Role.VIEWER)
def qr_png(slug: str) -> Any:
    return _qr(slug, "png")


@bp.route("/<slug>/qr.svg")
@officer_required(Role.VIEWER)
def qr_svg(slug: str) -> Any:
    return _qr(slug, "svg")


def _qr(slug: str, kind: str) -> Any:
    consultation = _own_consultation(slug)
    if consultation.kind != DefinitionKind.CONSULTATION:
        abort(404)
    # Error correction "M" survives a scuffed poster; a scale of 10 prints sharply at A4.
    code = segno.make(_public_url(consultation.slug), error="m")
    buffer = io.BytesIO()
    if kind == "png":
        code.save(buffer, kind="png", scale=10, border=4)
        mimetype = "image/png"
    else:
        code.save(buffer, kind="svg", scale=10, border=4, title=f"QR code: {consultation.title}")
        mimetype = "image/svg+xml"
    buffer.seek(0)
    return send_file(buffer, mimetype=mimetype, as_attachment=True,
                     download_name=f"{consultation.slug}-qr.{kind}")


def _public_url(slug: str, *, external: bool = True, **params: str) -> str:
    """The consultation's public address (``/consultations/<slug>/``), absolute for sharing."""
    try:
        return url_for("consult.start", slug=slug, _external=external, **params)
    except BuildError:  # the public flow is not registered in this app
        query = "&".join(f"{key}={value}" for key, value in params.items())
        path = f"/consultations/{slug}/" + (f"?{query}" if query else "")
        return request.url_root.rstrip("/") + path if external else path


def _own_consultation(slug: str) -> Consultation:
    consultation = partnership_consultation(db_session(), signed_in_officer().partnership_id, slug)
    if consultation is None:
        abort(404)
    return consultation


def _audit(consultation: Consultation, action: str, **details: Any) -> None:
    officer = signed_in_officer()
    record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id, action=action,
                 target_type="consultation", target_id=consultation.id,
                 details={"slug": consultation.slug, **details})


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None

