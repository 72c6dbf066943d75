"""The forms of the local services editor: one service, removing one, and a CSV import.

The templates draw them with the GOV.UK macros; these classes read what comes back. The rules of a
service (a UK phone number, an https:// website, ages in order...) live once, in
:func:`survey.signposting.local_store.check_fields`: the views put its messages on these fields.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovFileInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import HiddenField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.numeric import IntegerField

from survey.signposting.local_store import ServiceFields, fields_of
from survey.signposting.services import HelpTopic
from survey.storage.models import LocalService


class AgeField(IntegerField):
    """A whole number of years, or nothing; a GOV.UK error when it is not a whole number."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0].strip())
            except ValueError:
                raise ValueError("Age must be a whole number, like 11, or left empty") from None


class ServiceForm(FlaskForm):
    submission_key = HiddenField()
    name = StringField("Name", widget=GovTextInput())
    description = TextAreaField(
        "What the service does",
        widget=GovTextArea(),
        description="One or two sentences that tell a young person or a parent "
        "what to expect, like: Youth workers you can talk to after "
        "school about anything.",
    )
    topics = SelectMultipleField(
        "What it helps with",
        widget=GovCheckboxesInput(),
        choices=[SelectChoice(topic.value, topic.label) for topic in HelpTopic],
        description="People choose one of these on the Get help page and in the bot. Select all that apply.",
    )
    min_age = AgeField("Youngest age (optional)", widget=GovTextInput())
    max_age = AgeField("Oldest age (optional)", widget=GovTextInput())
    phone = StringField(
        "Phone number (optional)",
        widget=GovTextInput(),
        description="A UK number, like 01632 960 001 or 0808 800 5000. It is shown as a "
        "link people can tap to call.",
    )
    text_message = StringField(
        "Text message (optional)",
        widget=GovTextInput(),
        description="The number to text, or a word and the number, like SHOUT to 85258.",
    )
    website = StringField(
        "Website (optional)",
        widget=GovTextInput(),
        description="Starting with https://, like https://www.example.org.uk/help.",
    )
    hours = StringField(
        "Opening hours (optional)", widget=GovTextInput(), description="Like: Monday to Friday, 9am to 5pm."
    )
    ward_codes = SelectMultipleField(
        "Areas it serves (optional)",
        widget=GovCheckboxesInput(),
        description="Leave every ward unselected if the service is for the whole area.",
    )
    submit = SubmitField("Save service", widget=GovSubmitInput())

    def offer_wards(self, wards: dict[str, str]) -> ServiceForm:
        """Offer the partnership's wards (code -> name) as the areas to choose from."""
        self.ward_codes.choices = [SelectChoice(code, name) for code, name in wards.items()]
        return self

    def fill(self, row: LocalService) -> None:
        """Show a stored service's details."""
        values = fields_of(row)
        for name in (
            "name",
            "description",
            "min_age",
            "max_age",
            "phone",
            "text_message",
            "website",
            "hours",
        ):
            getattr(self, name).data = getattr(values, name)
        self.topics.data = [topic.value for topic in values.topics]
        self.ward_codes.data = list(values.ward_codes)

    def values(self) -> ServiceFields:
        """What the officer entered, for the core to check and store."""
        return ServiceFields(
            name=self.name.data or "",
            description=self.description.data or "",
            topics=tuple(HelpTopic(value) for value in self.topics.data or ()),
            min_age=self.min_age.data,
            max_age=self.max_age.data,
            phone=self.phone.data or "",
            text_message=self.text_message.data or "",
            website=self.website.data or "",
            hours=self.hours.data or "",
            ward_codes=tuple(self.ward_codes.data or ()),
        )


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class RemoveServiceForm(FlaskForm):
    submit = SubmitField("Remove service", widget=GovSubmitInput())


class ImportServicesForm(FlaskForm):
    services_file = FileField(
        "Services file (CSV)",
        widget=GovFileInput(),
        description="One row per service, with the columns described above.",
        validators=[FileRequired("Choose a CSV file")],
    )
    submit = SubmitField("Import services", widget=GovSubmitInput())
