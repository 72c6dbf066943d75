"""Forms for the officer consultation pages (GOV.UK wording: "Select ...", "Enter ...")."""

from __future__ import annotations

import secrets
from functools import cache

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, DateField, HiddenField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import AnyOf, InputRequired, Length, Optional, Regexp

from survey.consultations import SLUG_PATTERN
from survey.definitions.definition import list_templates, load_template
from survey.vocabulary import ConsultationStatus

UPLOAD = "upload"
BLANK = "blank"
COPY = "copy"


@cache
def template_choices() -> tuple[tuple[str, str], ...]:
    """``(template name, "Title (kind)")`` for each shipped definition (they never change at run time)."""
    choices = []
    for name in list_templates():
        definition = load_template(name)
        choices.append((name, f"{definition.title} ({definition.kind.replace('_', ' ')})"))
    return tuple(choices)


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class NewConsultationForm(FlaskForm):
    submission_key = HiddenField()
    source = RadioField(
        "Start from",
        widget=GovRadioInput(),
        validators=[InputRequired("Select how to start the consultation")],
    )
    copy_of = SelectField(
        "Earlier consultation to copy",
        widget=GovSelect(),
        description="Only if you chose to copy an earlier consultation. The copy keeps its questions, so "
        "the results can be compared.",
        validate_choice=False,
    )
    definition = FileField(
        "Definition file (YAML)",
        widget=GovFileInput(),
        description="Only if you chose to upload a definition. A .yaml file of 200,000 characters or fewer.",
    )
    title = StringField(
        "Title (optional)",
        widget=GovTextInput(),
        description="What people will see at the top of every page. Leave it blank to keep the title of "
        "the template, the upload or the earlier consultation. You can change it later.",
        validators=[Optional(), Length(max=200, message="Title must be 200 characters or fewer")],
    )
    slug = StringField(
        "Web address name (optional)",
        widget=GovTextInput(),
        description="Lower-case letters, digits and hyphens, for example community-safety-2026. It is "
        "part of the public web address and cannot be changed later. Leave it blank to have one made "
        "for you.",
        validators=[
            Optional(),
            Length(max=63, message="Web address name must be 63 characters or fewer"),
            Regexp(SLUG_PATTERN, message="Web address name must only include lower-case letters, digits "
                   "and hyphens, and must not start or end with a hyphen"),
        ],
    )
    submit = SubmitField("Create consultation", widget=GovSubmitInput())

    def __init__(self, *args: object, earlier: list[tuple[str, str]] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.source.choices = [
            (BLANK, "A blank consultation to build on the web"),
            *((name, f"The template: {label}") for name, label in template_choices()),
            *([(COPY, "A copy of an earlier consultation")] if earlier else []),
            (UPLOAD, "Upload a definition file (YAML)"),
        ]
        self.copy_of.choices = [("", "Choose a consultation"), *(earlier or [])]


class ReplaceDefinitionForm(FlaskForm):
    definition = FileField(
        "Definition file (YAML)",
        widget=GovFileInput(),
        description="A .yaml file of 200,000 characters or fewer, for example one you downloaded from this "
        "consultation and changed.",
        validators=[FileRequired("Choose a YAML definition file")],
    )
    submit = SubmitField("Replace the definition", widget=GovSubmitInput())


class StatusForm(FlaskForm):
    status = HiddenField(validators=[AnyOf([status.value for status in ConsultationStatus])])


class DatesForm(FlaskForm):
    opens_on = DateField(
        "Opening date (optional)", widget=GovDateInput(), format="%d %m %Y",
        description="The first day people can answer. For example, 6 1 2026",
        validators=[Optional()],
    )
    closes_on = DateField(
        "Closing date (optional)", widget=GovDateInput(), format="%d %m %Y",
        description="The last day people can answer. For example, 2 3 2026",
        validators=[Optional()],
    )
    submit = SubmitField("Save dates", widget=GovSubmitInput())


class ImportForm(FlaskForm):
    responses_file = FileField(
        "Responses file (CSV)",
        widget=GovFileInput(),
        description="One row per response, with a header row of question ids. 5 MB or smaller; use the "
        "command line for bigger files.",
        validators=[FileRequired("Choose a CSV file")],
    )
    mapping_file = FileField(
        "Column mapping file (optional, YAML)",
        widget=GovFileInput(),
        description="Only if the columns are named by another tool: it maps their headers and answers "
        "to this consultation's.",
    )
    skip_invalid = BooleanField(
        "Store the valid rows even if some rows have errors",
        widget=GovCheckboxInput(),
        description="Without this, a file with any bad row stores nothing.",
    )
    submit = SubmitField("Import responses", widget=GovSubmitInput())
