"""Forms for data sharing agreements and download links (GOV.UK widgets, GOV.UK error wording).

The new-record forms carry a random submission key minted with the page: a re-sent form (a double
click, the back button) finds the record it stored instead of storing a second. The core
(``survey.sharing``) checks every value again.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Optional

from survey.sharing.links import DEFAULT_DAYS, MAX_DAYS
from survey.vocabulary import LawfulBasis, SharedExport

DATE_HINT = "For example, 27 11 2026"
WHOLE_AREA = ""


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class GovDateField(DateField):
    """A GOV.UK date input (day, month, year boxes) that treats a missing part as no date."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if len(valuelist) != 3:
            self.raw_data = None
            return
        if not any(part.strip() for part in valuelist):
            self.raw_data, self.data = list(valuelist), None
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(f"{self.label.text} must be a real date") from None


class DaysField(IntegerField):
    """A whole number of days, with a GOV.UK error when it is not one."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0].strip())
            except ValueError:
                raise ValueError("Enter the number of days as a whole number, like 7") from None


BASES = [SelectChoice(basis.value, basis.label) for basis in LawfulBasis]
EXPORTS = [SelectChoice(export.value, export.label) for export in SharedExport]


def _one_of(choices: list[SelectChoice], message: str) -> list[Any]:
    return [InputRequired(message), AnyOf([choice.value for choice in choices], message=message)]


class AgreementForm(FlaskForm):
    submission_key = HiddenField()
    recipient_id = SelectField(
        "Partnership you are sharing with",
        widget=GovSelect(),
        validators=[InputRequired("Select the partnership you are sharing with")],
    )
    purpose = TextAreaField(
        "Purpose",
        widget=GovTextArea(),
        description="Why the data is shared and what the other partnership will use it for.",
        validators=[InputRequired("Enter the purpose of the agreement")],
    )
    lawful_basis = RadioField(
        "Lawful basis (UK GDPR Article 6)",
        choices=BASES,
        widget=GovRadioInput(),
        validate_choice=False,
        validators=_one_of(BASES, "Select the lawful basis"),
    )
    section_115 = BooleanField(
        "Sharing also relies on section 115 of the Crime and Disorder Act 1998",
        widget=GovCheckboxInput(),
        description="The power to share information with a relevant authority, such as the police or a "
        "council, to reduce crime and disorder.",
    )
    consultation_ids = SelectMultipleField(
        "Published figures of these consultations (optional)",
        widget=GovCheckboxesInput(),
        coerce=str,
        validate_choice=False,
        description="Only figures already published are shared, with small counts hidden as on the "
        "public results page.",
    )
    share_places = BooleanField("Share place reports and hotspots", widget=GovCheckboxInput())
    ward_code = SelectField(
        "Area of the place reports", widget=GovSelect(), validate_choice=False, validators=[Optional()]
    )
    include_free_text = BooleanField(
        "Include people's own words (free text)",
        widget=GovCheckboxInput(),
        description="Leave this unticked unless the agreement needs it: free text can identify the "
        "person who wrote it.",
    )
    starts_on = GovDateField(
        "Start date",
        widget=GovDateInput(),
        format="%d %m %Y",
        description=DATE_HINT,
        validators=[InputRequired("Enter the start date, like 1 12 2026")],
    )
    review_on = GovDateField(
        "Review date",
        widget=GovDateInput(),
        format="%d %m %Y",
        description="Access ends after this date until a new agreement is made. " + DATE_HINT,
        validators=[InputRequired("Enter the review date, like 30 11 2027")],
    )
    submit = SubmitField("Save agreement", widget=GovSubmitInput())

    def offer(
        self,
        recipients: list[tuple[int, str]],
        consultations: list[tuple[int, str]],
        wards: list[tuple[str, str]],
    ) -> AgreementForm:
        self.recipient_id.choices = [SelectChoice("", "Select a partnership")] + [
            SelectChoice(str(value), label) for value, label in recipients
        ]
        self.consultation_ids.choices = [SelectChoice(str(value), label) for value, label in consultations]
        self.ward_code.choices = [SelectChoice(WHOLE_AREA, "The whole area")] + [
            SelectChoice(code, f"{name} ward") for code, name in wards
        ]
        return self


class LinkForm(FlaskForm):
    submission_key = HiddenField()
    recipient = StringField(
        "Organisation the link is for",
        widget=GovTextInput(),
        description="For example, Kent Police analysts. The link works for whoever "
        "holds it, so send it only to this organisation.",
        validators=[InputRequired("Enter the organisation the link is for")],
    )
    purpose = TextAreaField(
        "Purpose", widget=GovTextArea(), validators=[InputRequired("Enter the purpose of sharing")]
    )
    lawful_basis = RadioField(
        "Lawful basis (UK GDPR Article 6)",
        choices=BASES,
        widget=GovRadioInput(),
        validate_choice=False,
        validators=_one_of(BASES, "Select the lawful basis"),
    )
    export = RadioField(
        "What the link downloads",
        choices=EXPORTS,
        widget=GovRadioInput(),
        validate_choice=False,
        validators=_one_of(EXPORTS, "Select what the link downloads"),
    )
    consultation_id = SelectField(
        "Consultation (for its published figures)",
        widget=GovSelect(),
        validate_choice=False,
        validators=[Optional()],
    )
    ward_code = SelectField(
        "Area (for place reports)", widget=GovSelect(), validate_choice=False, validators=[Optional()]
    )
    include_free_text = BooleanField(
        "Include people's own words (free text) in place reports",
        widget=GovCheckboxInput(),
        description="Leave this unticked unless it has been agreed.",
    )
    days = DaysField(
        "Days until the link expires",
        widget=GovTextInput(),
        description=f"Between 1 and {MAX_DAYS}. It can be used once.",
        default=DEFAULT_DAYS,
        validators=[InputRequired("Enter the number of days")],
    )
    submit = SubmitField("Make the link", widget=GovSubmitInput())

    def offer(self, consultations: list[tuple[int, str]], wards: list[tuple[str, str]]) -> LinkForm:
        self.consultation_id.choices = [SelectChoice("", "Select a consultation")] + [
            SelectChoice(str(value), label) for value, label in consultations
        ]
        self.ward_code.choices = [SelectChoice(WHOLE_AREA, "The whole area")] + [
            SelectChoice(code, f"{name} ward") for code, name in wards
        ]
        return self


class ConfirmForm(FlaskForm):
    """A POST with its CSRF token: the revoke buttons."""
