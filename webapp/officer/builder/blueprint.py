"""The builder's blueprint (``officer_builder``, under ``/officer/consultations/<slug>/build``) and
what its pages share: finding the officer's own consultation, reading its definition as editable
data, and saving an edit through :func:`survey.authoring.versions.save_definition`.

Viewers read the summary; analysts and administrators edit. Every save is checked by the loader's
rules (and, once responses exist, the safe-change rules); a refused save stores nothing and its
problems are shown in the page's error summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, abort, flash, redirect, url_for
from werkzeug.routing import BuildError

from survey.authoring import versions
from survey.authoring.editing import EditableDefinition, EditError, dump, editable
from survey.consultations import partnership_consultation
from survey.definitions.errors import DefinitionError
from survey.storage.models import Consultation
from webapp.auth import signed_in_officer
from webapp.database import db_session

T = TypeVar("T")

bp = Blueprint("officer_builder", __name__, url_prefix="/officer/consultations/<slug>/build")

SOURCE_NAME = "the consultation"
CHANGED_MEANWHILE = (
    "The consultation changed after you opened that page (perhaps you pressed the button twice), so "
    "nothing more was changed. Check it below and try again if you need to."
)
_LOCATION = re.compile(rf"^{re.escape(SOURCE_NAME)}(, line \d+)?: ")


def own_consultation(slug: str) -> Consultation:
    """The signed-in officer's partnership's consultation with this slug; another's is a 404."""
    consultation = partnership_consultation(db_session(), signed_in_officer().partnership_id, slug)
    if consultation is None:
        abort(404)
    return consultation


def definition_data(consultation: Consultation) -> EditableDefinition:
    """The consultation's stored definition as editable data."""
    try:
        return editable(consultation.definition.source)
    except EditError:
        abort(404)


def version_of(consultation: Consultation) -> str:
    """What a form's ``based_on`` holds: the stored definition it was drawn from."""
    return str(consultation.definition_id)


def is_stale(consultation: Consultation, based_on: str | None) -> bool:
    """Whether the definition changed since the page with the form was drawn (a double submit, or a
    colleague's edit): such a post is not applied."""
    return based_on != version_of(consultation)


def back_to_overview(consultation: Consultation, anchor: str | None = None) -> Any:
    return redirect(url_for("officer_builder.overview", slug=consultation.slug, _anchor=anchor))


def stale_redirect(consultation: Consultation) -> Any:
    flash(CHANGED_MEANWHILE, "important")
    return back_to_overview(consultation)


def edit_and_save(
    consultation: Consultation, data: EditableDefinition, edit: Callable[[EditableDefinition], T]
) -> tuple[T | None, list[str]]:
    """Apply ``edit`` to the editable definition and save it: what the edit returned, and the problems
    (the edit's own, or the save's) if it was refused, in which case nothing is stored."""
    try:
        result = edit(data)
    except EditError as error:
        return None, [str(error)]
    return result, save(consultation, data)


def save(consultation: Consultation, data: EditableDefinition) -> list[str]:
    """Store the edited definition as the consultation's next version; the problems if it is refused
    (then nothing is stored). The messages are the loader's, without the YAML line numbers the
    officer never saw."""
    session = db_session()
    try:
        with session.begin_nested():
            versions.save_definition(
                session, consultation, dump(data), officer_id=signed_in_officer().id, source_name=SOURCE_NAME
            )
    except (DefinitionError, versions.ChangeRefused) as error:
        session.refresh(consultation)
        return [_without_location(problem) for problem in error.problems]
    return []


def _without_location(problem: str) -> str:
    text = _LOCATION.sub("", problem)
    return text[:1].upper() + text[1:]


def preview_url(slug: str) -> str:
    """The public flow's preview of the consultation (nothing entered there is stored)."""
    try:
        return url_for("consult.start", slug=slug, preview="1")
    except BuildError:  # the public flow is not registered in this app
        return f"/consultations/{slug}/?preview=1"


def yaml_url(slug: str) -> str | None:
    """Where the definition's YAML is downloaded, once the consultations area offers it."""
    try:
        return url_for("officer_consultations.definition_yaml", slug=slug)
    except BuildError:
        return None


def linked(problems: list[str], form: Any) -> list[dict[str, str]]:
    """Each problem with a link to the field it names (``rank (3) is more than ...`` -> the rank
    box), or to the question's words when it names none."""
    names = [name for name in form._fields if name not in ("csrf_token", "based_on", "submit")]
    links = []
    for problem in problems:
        found = [
            (match.start(), name) for name in names if (match := re.search(rf"\b{name}\b( \(|:|\[)", problem))
        ]
        named = min(found)[1] if found else None  # the field the message names first
        links.append({"text": problem, "href": f"#{form[named].id if named else names[0]}"})
    return links
