"""A consultation's definition as YAML, and its versions.

Viewers download the YAML of the current version or of any earlier one, and read the version
history; analysts and administrators replace the definition with an uploaded YAML file. A
replacement goes through :func:`survey.authoring.versions.save_definition`, like every change made
in the builder: the loader's checks, the safe-change rules once there are responses, a new version
and an audit event. On any problem nothing is stored.
"""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, render_template, url_for

from survey.authoring.versions import (
    ChangeRefused,
    latest_version,
    responses_per_version,
    save_definition,
    version_of,
    versions,
)
from survey.consultations import response_counts
from survey.definitions.definition import DefinitionError
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.consultations.forms import ReplaceDefinitionForm
from webapp.officer.consultations.views import _own_consultation, bp, uploaded_definition

YAML_TYPE = "application/yaml"


@bp.route("/<slug>/definition.yaml")
@officer_required(Role.VIEWER)
def definition_yaml(slug: str) -> Any:
    consultation = _own_consultation(slug)
    return _yaml_file(consultation.definition.source, f"{consultation.slug}.yaml")


@bp.route("/<slug>/versions/<int:number>.yaml")
@officer_required(Role.VIEWER)
def version_yaml(slug: str, number: int) -> Any:
    consultation = _own_consultation(slug)
    stored = version_of(db_session(), consultation, number)
    if stored is None:
        abort(404)
    return _yaml_file(stored.source, f"{consultation.slug}-version-{number}.yaml")


def _yaml_file(source: str, name: str) -> Response:
    response = Response(source, mimetype=YAML_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/<slug>/versions")
@officer_required(Role.VIEWER)
def version_history(slug: str) -> Any:
    consultation = _own_consultation(slug)
    return render_template(
        "officer/consultations/versions.html", title=f"Versions: {consultation.title}",
        consultation=consultation, versions=versions(db_session(), consultation),
        answered=responses_per_version(db_session(), consultation),
    )


@bp.route("/<slug>/replace", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def replace_definition(slug: str) -> Any:
    officer = signed_in_officer()
    consultation = _own_consultation(slug)
    form = ReplaceDefinitionForm()
    problems: list[str] = []
    refused: list[str] = []
    if form.validate_on_submit():
        uploaded = uploaded_definition(form.definition)
        if uploaded is not None:
            source, source_name = uploaded
            before = consultation.definition_id
            try:
                save_definition(db_session(), consultation, source, officer_id=officer.id,
                                source_name=source_name, via="upload")
            except DefinitionError as error:
                problems = error.problems
            except ChangeRefused as error:
                refused = error.problems
            else:
                if consultation.definition_id == before:
                    flash("The file asks the same questions in the same words as the current version, "
                          "so nothing was changed.")
                else:
                    flash(f"The definition was replaced. This is now version "
                          f"{latest_version(db_session(), consultation)}.")
                return redirect(url_for(".consultation_detail", slug=consultation.slug))
    if problems or refused:
        form.definition.errors = ["The definition file was not used: see the list at the top of the page"]
    return render_template(
        "officer/consultations/replace.html", title=f"Replace the definition: {consultation.title}",
        form=form, consultation=consultation, problems=problems, refused=refused,
        responses=response_counts(db_session(), [consultation.id])[consultation.id],
    )
