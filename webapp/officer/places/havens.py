"""Officer pages for the map's furniture: safe havens and the partnership's boundary.

Officers see and change only their own partnership's havens: another partnership's haven id is a
404. Every change is an audit event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from survey.boundary import BoundaryError, boundary_of, save_boundary
from survey.officers.audit import record_event
from survey.places.postcodes import postcodes_available
from survey.places.safe_havens import (
    LOCAL_TIME,
    SafeHavenError,
    delete_haven,
    describe_hours,
    haven_by_submission_key,
    haven_kind_label,
    partnership_haven,
    partnership_havens,
    save_haven,
)
from survey.storage.models import SafeHaven
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import app_state, db_session
from webapp.officer.places.haven_forms import (
    BoundaryForm,
    ConfirmForm,
    HavenForm,
    field_for_error,
    fill_from_haven,
    haven_values,
    hours_fields,
    new_submission_key,
    place_from_postcode,
)

bp = Blueprint("officer_havens", __name__, url_prefix="/officer")


@bp.route("/safe-havens")
@officer_required(Role.VIEWER)
def havens_list() -> Any:
    officer = signed_in_officer()
    today = dt.datetime.now(LOCAL_TIME).date()
    rows = [
        {"haven": haven, "kind": haven_kind_label(haven.kind), "expired": haven.verified_until < today}
        for haven in partnership_havens(db_session(), officer.partnership_id)
    ]
    return render_template("officer/safe_havens.html", title="Safe havens", rows=rows,
                           can_edit=officer.role.allows(Role.ADMIN))


@bp.route("/safe-havens/new", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def new_haven() -> Any:
    return _haven_form(None)


@bp.route("/safe-havens/<int:haven_id>", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def edit_haven(haven_id: int) -> Any:
    return _haven_form(_own_haven(haven_id))


def _haven_form(haven: SafeHaven | None) -> Any:
    officer = signed_in_officer()
    form = HavenForm()
    if not form.is_submitted():
        if haven is not None:
            fill_from_haven(form, haven)
        else:
            form.submission_key.data = new_submission_key()
    elif haven is None and haven_by_submission_key(db_session(), officer.partnership_id,
                                                   form.submission_key.data) is not None:
        return redirect(url_for("officer_havens.havens_list"))  # sent twice: the first one saved it
    available = postcodes_available(db_session())
    submitted = form.is_submitted()
    valid = submitted and form.validate()
    if submitted:  # even on a bad submit, so the map shows where a typed postcode is
        place_from_postcode(form, db_session(), available=available)
    if valid:
        values, hour_errors = haven_values(form)
        errors: dict[str, str] = {}
        if not hour_errors and not form.postcode.errors and not form.latitude.errors:
            try:
                saved = save_haven(db_session(), officer.partnership_id, values, haven=haven)
            except SafeHavenError as error:
                errors = error.errors
            else:
                record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                             action="safe_haven_created" if haven is None else "safe_haven_updated",
                             target_type="safe_haven", target_id=saved.id,
                             details={"placed_by": "postcode" if form.postcode.data else "coordinates"})
                flash(f"{saved.name} saved")
                return redirect(url_for("officer_havens.havens_list"))
        for name, message in hour_errors.items():
            getattr(form, name).errors = [message]
        for key, message in errors.items():
            field_for_error(form, key, message).errors = [message]
    title = "Add a safe haven" if haven is None else f"Change {haven.name}"
    return render_template("officer/safe_haven_form.html", title=title, form=form, haven=haven,
                           hours_fields=hours_fields(form), postcodes_available=available,
                           boundary=boundary_of(officer.partnership),
                           tile_url=app_state().settings.map_tile_url)


@bp.route("/safe-havens/<int:haven_id>/delete", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def delete_haven_page(haven_id: int) -> Any:
    officer = signed_in_officer()
    haven = _own_haven(haven_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = haven.name
        delete_haven(db_session(), haven)
        record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                     action="safe_haven_deleted", target_type="safe_haven", target_id=haven_id)
        flash(f"{name} deleted")
        return redirect(url_for("officer_havens.havens_list"))
    return render_template("officer/safe_haven_delete.html", title=f"Delete {haven.name}", form=form,
                           haven=haven, hours=describe_hours(haven))


@bp.route("/boundary", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def boundary() -> Any:
    officer = signed_in_officer()
    partnership = officer.partnership
    form = BoundaryForm()
    if form.validate_on_submit():
        raw = form.boundary.data.read()
        try:
            uploaded = save_boundary(db_session(), partnership, raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            form.boundary.errors = ["The boundary file must be text in UTF-8 (a .geojson file)"]
        except BoundaryError as error:
            form.boundary.errors = [str(error)]
        else:
            record_event(db_session(), partnership_id=partnership.id, officer_id=officer.id,
                         action="boundary_uploaded", target_type="partnership", target_id=partnership.id,
                         details={"polygons": len(uploaded.polygons), "bytes": len(raw)})
            flash("Boundary uploaded")
            return redirect(url_for("officer_havens.boundary"))
    return render_template("officer/boundary.html", title="Partnership boundary", form=form,
                           current=boundary_of(partnership), tile_url=app_state().settings.map_tile_url)


def _own_haven(haven_id: int) -> SafeHaven:
    haven = partnership_haven(db_session(), signed_in_officer().partnership_id, haven_id)
    if haven is None:
        abort(404)
    return haven

