"""Creating a consultation (``/officer/consultations/new``): blank, from a shipped template, as a copy
of an earlier consultation of the same partnership, or from an uploaded YAML file.

Administrators create. A new consultation is a draft; the officer goes on to the builder to change it
(or to its page, where the builder is not part of this app).
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from survey.authoring.copying import blank_source, copy_consultation, free_slug, set_top_level
from survey.consultations import (
    ConsultationError,
    consultation_by_submission_key,
    create_consultation,
    partnership_consultation,
    partnership_consultations,
)
from survey.definitions.definition import DefinitionError, parse_definition, template_path
from survey.storage.models import Consultation, Officer
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.consultations.forms import BLANK, COPY, UPLOAD, NewConsultationForm, new_submission_key
from webapp.officer.consultations.views import _audit, bp, builder_url, uploaded_definition


class _Unusable(Exception):
    """The form's choice cannot be carried out; the reason is already on the form's field."""


@bp.route("/new", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def new_consultation() -> Any:
    officer = signed_in_officer()
    earlier = [(c.slug, c.title) for c in partnership_consultations(db_session(), officer.partnership_id)]
    copy = request.args.get("copy")  # "Create a copy" on a consultation's page chooses it here
    form = NewConsultationForm(earlier=earlier, data={"source": COPY, "copy_of": copy} if copy else None)
    problems: list[str] = []
    if not form.is_submitted():
        form.submission_key.data = new_submission_key()
    else:
        key = form.submission_key.data
        created = consultation_by_submission_key(db_session(), officer.partnership_id, key)
        if created is not None:  # sent twice: the first one created it
            return redirect(builder_or_detail(created.slug))
    if form.validate_on_submit():
        try:
            created, started_from = _create(form, officer)
        except _Unusable:
            pass
        except DefinitionError as error:
            problems = error.problems
            form.definition.errors = ["The definition file has problems: see the list at the top of the page"]
        except ConsultationError as error:
            form.slug.errors = [str(error)]
        else:
            _audit(created, "consultation_created", source=started_from, via="web")
            flash(f"{created.title} was created as a draft. Only officers can see it until you open it.")
            return redirect(builder_or_detail(created.slug))
    return render_template("officer/consultations/new.html", title="Create a consultation", form=form,
                           problems=problems)


def builder_or_detail(slug: str) -> str:
    """The builder's overview of the consultation, or its page where the builder is not registered."""
    return builder_url(slug) or url_for(".consultation_detail", slug=slug)


def _create(form: NewConsultationForm, officer: Officer) -> tuple[Consultation, str]:
    """The new consultation and what it started from (for the audit log)."""
    session = db_session()
    title = (form.title.data or "").strip() or None
    slug = form.slug.data or None
    key = (form.submission_key.data or "")[:64] or None
    if form.source.data == COPY:
        original = partnership_consultation(session, officer.partnership_id, form.copy_of.data or "")
        if original is None:
            form.copy_of.errors = ["Select the consultation to copy"]
            raise _Unusable
        copy = copy_consultation(session, original, slug=slug, title=title, officer_id=officer.id,
                                 submission_key=key)
        return copy, f"copy of {original.slug}"
    if form.source.data == BLANK:
        source, source_name = blank_source(session, officer.partnership, title or "New consultation"), "blank"
    else:
        source, source_name = _template_or_upload(form)
    definition = parse_definition(source, source_name=source_name)  # its problems before anything else
    if title:
        source = set_top_level(source, "title", title)
    created = create_consultation(
        session, officer.partnership, source, source_name=source_name,
        slug=slug or free_slug(session, definition.id), officer_id=officer.id, submission_key=key,
    )
    return created, source_name


def _template_or_upload(form: NewConsultationForm) -> tuple[str, str]:
    if form.source.data != UPLOAD:
        name = form.source.data
        return template_path(name).read_text(encoding="utf-8"), f"{name}.yaml"
    uploaded = uploaded_definition(form.definition)
    if uploaded is None:
        raise _Unusable
    return uploaded
