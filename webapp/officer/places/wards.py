"""Officer pages for wards: the partnership's wards with their place reports, and loading a ward file.

Everyone signed in reads the list (its counts are aggregates); analysts and administrators load a
new file, which replaces every ward at once and is an audit event. Only the officer's own
partnership's wards are ever read or changed.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from wtforms import SubmitField

from survey.officers.audit import record_event
from survey.places.by_ward import ward_counts
from survey.vocabulary import Role
from survey.wards.parsing import WardFileError
from survey.wards.register import import_wards
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session

bp = Blueprint("officer_wards", __name__, url_prefix="/officer")


class WardFileForm(FlaskForm):
    wards = FileField(
        "Ward file (GeoJSON)",
        widget=GovFileInput(),
        description="A .geojson FeatureCollection with one feature per ward, each with a code and a "
        "name, in longitude and latitude (WGS84), 16 MB or smaller",
        validators=[FileRequired("Choose a GeoJSON file")],
    )
    submit = SubmitField("Upload wards", widget=GovSubmitInput())


@bp.route("/wards")
@officer_required(Role.VIEWER)
def wards() -> Any:
    officer = signed_in_officer()
    counts = ward_counts(db_session(), officer.partnership_id)
    return render_template(
        "officer/wards.html",
        title="Wards",
        counts=counts,
        has_wards=any(count.code for count in counts),
        can_upload=officer.role.allows(Role.ANALYST),
    )


@bp.route("/wards/upload", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def upload() -> Any:
    officer = signed_in_officer()
    form = WardFileForm()
    if form.validate_on_submit():
        raw = form.wards.data.read()
        try:
            result = import_wards(db_session(), officer.partnership_id, raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            form.wards.errors = ["The ward file must be text in UTF-8 (a .geojson file)"]
        except WardFileError as error:
            form.wards.errors = [str(error)]
        else:
            record_event(
                db_session(),
                partnership_id=officer.partnership_id,
                officer_id=officer.id,
                action="wards_imported",
                target_type="partnership",
                target_id=officer.partnership_id,
                details={"wards": result.wards, "assigned": result.assigned, "bytes": len(raw), "via": "web"},
            )
            flash(
                f"{result.wards} wards loaded. {result.assigned} of {result.pinned} place reports on the map "
                "lie in a ward."
            )
            return redirect(url_for("officer_wards.wards"))
    return render_template("officer/ward_upload.html", title="Upload wards", form=form)
