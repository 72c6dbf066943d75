"""The settings area's forms, with GOV.UK error wording."""

from __future__ import annotations

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput, GovTextInput
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import InputRequired, Length


class DigestForm(FlaskForm):
    daily_digest = BooleanField(
        "Email me each morning how many new reports arrived that are not urgent",
        widget=GovCheckboxInput(),
        description="Just the number, sent to the address you sign in with. Urgent reports are "
        "emailed to the partnership's alert addresses as they arrive.",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class AlertAddressForm(FlaskForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter an email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    submit = SubmitField("Add address", widget=GovSubmitInput())


class TwoFactorRuleForm(FlaskForm):
    all_officers = BooleanField(
        "Every officer must use an authenticator app to sign in",
        widget=GovCheckboxInput(),
        description="Administrators always must. Officers without an app set one up when they next "
        "sign in or open a page.",
    )
    save_rule = SubmitField("Save sign-in rule", widget=GovSubmitInput())


class RemoveForm(FlaskForm):
    """A button: the CSRF token is all it carries."""
