"""Forms of the officer import wizard (GOV.UK wording: "Choose ...", "Select ...")."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovFileInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional

from survey.responses.csv_import import MAX_FILE_BYTES
from survey.responses.imports.presets import PRESETS
from webapp.officer.consultations import import_texts as texts

AUTO = "auto"


class UploadForm(FlaskForm):
    responses_file = FileField(
        "Responses file",
        widget=GovFileInput(),
        description=texts.FILE_HINT.format(limit=MAX_FILE_BYTES // 2**20),
        validators=[FileRequired(texts.CHOOSE_FILE)],
    )
    tool = SelectField(
        "Tool the file was exported from",
        widget=GovSelect(),
        choices=[(AUTO, texts.WORK_IT_OUT), *((name, preset.title) for name, preset in PRESETS.items())],
        default=AUTO,
    )
    sheet = StringField(
        "Sheet name (optional)",
        widget=GovTextInput(),
        description="Only for a spreadsheet with several sheets. Leave it blank to read the first sheet.",
        validators=[Optional(), Length(max=100, message="Sheet name must be 100 characters or fewer")],
    )
    submit = SubmitField("Upload and match the columns", widget=GovSubmitInput())


class MatchesForm(FlaskForm):
    """The select boxes are drawn from the plan in the template and read from ``request.form``."""

    check_again = SubmitField("Check again", widget=GovSubmitInput())
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ImportForm(FlaskForm):
    skip_invalid = BooleanField(
        "Store the rows without problems",
        widget=GovCheckboxInput(),
        description="Without this, a file with any row that has a problem stores nothing.",
    )
    allow_duplicate = BooleanField("I mean to import this file again", widget=GovCheckboxInput())
    submit = SubmitField("Import responses", widget=GovSubmitInput())
