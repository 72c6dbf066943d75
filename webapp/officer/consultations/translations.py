"""A consultation's texts in Welsh, Polish and Urdu (``/officer/consultations/<slug>/translations``).

The page shows which texts lack which language (a missing one falls back to English for the
reader); officers download the texts as a CSV spreadsheet for a translator and upload it back. The
upload is all or nothing and is stored as a new version of the definition, like any other change
(:mod:`survey.authoring.translations` does the work).
"""

from __future__ import annotations

from typing import Any

from flask import Response, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from wtforms import SubmitField

from survey.authoring.translations import TranslationsRefused, texts_csv, with_translations
from survey.authoring.versions import ChangeRefused, latest_version, save_definition
from survey.consultations import definition_of
from survey.definitions.definition import DefinitionError
from survey.languages import BY_CODE
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.consultations.views import _own_consultation, bp

CSV_TYPE = "text/csv"


class TranslationsForm(FlaskForm):
    spreadsheet = FileField(
        "Translated texts (CSV)",
        widget=GovFileInput(),
        description="The CSV file you downloaded from this page, with the Welsh (cy), Polish (pl) and Urdu "
        "(ur) columns filled in. Save it from your spreadsheet as CSV UTF-8.",
        validators=[FileRequired("Choose the CSV file of translated texts")],
    )
    submit = SubmitField("Upload the translations", widget=GovSubmitInput())


@bp.route("/<slug>/translations")
@officer_required(Role.VIEWER)
def translations_page(slug: str) -> Any:
    consultation = _own_consultation(slug)
    definition = definition_of(consultation)
    missing = [(BY_CODE[code], texts) for code, texts in definition.missing_texts().items()]
    return render_template(
        "officer/consultations/translations_page.html", title=f"Languages: {consultation.title}",
        consultation=consultation, texts=definition.texts, missing=missing,
        can_edit=signed_in_officer().role.allows(Role.ANALYST),
    )


@bp.route("/<slug>/translations.csv")
@officer_required(Role.VIEWER)
def translations_csv(slug: str) -> Any:
    consultation = _own_consultation(slug)
    response = Response("\ufeff" + texts_csv(consultation.definition.source), mimetype=CSV_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{consultation.slug}-texts.csv"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/<slug>/translations/upload", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def upload_translations(slug: str) -> Any:
    consultation = _own_consultation(slug)
    form = TranslationsForm()
    problems: list[str] = []
    if form.validate_on_submit():
        try:
            text = form.spreadsheet.data.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.spreadsheet.errors = ["The file must be saved as CSV UTF-8"]
        else:
            problems = _store(consultation, text)
            if not problems:
                return redirect(url_for(".translations_page", slug=consultation.slug))
            form.spreadsheet.errors = ["The file was not used: see the list at the top of the page"]
    return render_template(
        "officer/consultations/translations_upload.html", title=f"Upload translations: {consultation.title}",
        form=form, consultation=consultation, problems=problems,
    )


def _store(consultation: Any, text: str) -> list[str]:
    """Save the spreadsheet's languages as the next version; the problems (nothing stored) if refused."""
    before = consultation.definition_id
    session = db_session()
    try:
        source = with_translations(consultation.definition.source, text)
        with session.begin_nested():
            save_definition(session, consultation, source, officer_id=signed_in_officer().id,
                            source_name=f"{consultation.slug}.yaml", via="translations")
    except (TranslationsRefused, DefinitionError, ChangeRefused) as error:
        session.refresh(consultation)
        return error.problems
    if consultation.definition_id == before:
        flash("The file has the same words as the current version, so nothing was changed.")
    else:
        flash(f"The translations were saved. This is now version {latest_version(session, consultation)}.")
    return []
