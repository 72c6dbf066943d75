"""The action plan's forms: a priority, an action, a progress update, a CSV import and the board update.

The templates draw them with the GOV.UK macros (govuk-frontend-wtf widgets); these classes check
what comes back, with GOV.UK error wording. The core (``survey.plans.store``) checks again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional

from survey.plans.store import LEAD_MAX_LENGTH, PARTNERS_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH
from survey.vocabulary import RagStatus

RAG_CHOICES = [SelectChoice(status.value, status.label) for status in RagStatus]
RAG_HINTS = {
    RagStatus.RED.value: "Off track: it will not be delivered as planned without help",
    RagStatus.AMBER.value: "At risk: there are problems the lead is working through",
    RagStatus.GREEN.value: "On track to be delivered by its due date",
    RagStatus.COMPLETE.value: "Delivered",
}
NO_ISSUE = ""


def _one_of(choices: list[SelectChoice], message: str) -> list[Any]:
    return [InputRequired(message), AnyOf([choice.value for choice in choices], message=message)]


class DayMonthYearField(DateField):
    """A GOV.UK date input: three boxes sent under one name (day, month, year), with GOV.UK wording.

    A request that does not send the three boxes (not from the page's form) reads as empty, and is
    shown again as three empty boxes rather than failing.
    """

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        super().process(formdata, data, extra_filters=extra_filters)
        if self.raw_data is not None and len(self.raw_data) != 3:
            self.raw_data = ([*self.raw_data, "", "", ""])[:3]
            self.data = None if not any(v.strip() for v in self.raw_data) else self.data

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist or not any(value.strip() for value in valuelist):
            return
        try:
            day, month, year = (int(value) for value in valuelist)
            self.data = dt.date(year, month, day)
        except (TypeError, ValueError):
            self.data = None
            raise ValueError(f"{self.label.text.removesuffix(' (optional)')} must be a real date, "
                             "for example 31 3 2027") from None


def _length(limit: int, name: str) -> Length:
    return Length(max=limit, message=f"{name} must be {limit:,} characters or fewer")


class PriorityForm(FlaskForm):
    title = StringField("Title", widget=GovTextInput(), validators=[
        InputRequired("Enter the priority's title"), _length(TITLE_MAX_LENGTH, "The title")])
    description = TextAreaField("Description (optional)", widget=GovTextArea(),
                                validators=[Optional(), _length(TEXT_MAX_LENGTH, "The description")])
    issue = SelectField("The issue residents ranked that it answers (optional)", widget=GovSelect(),
                        validate_choice=False,
                        description="From the ranking questions of your consultations. What residents said "
                        "about it goes in the quarterly board update.")
    submit = SubmitField("Save priority", widget=GovSubmitInput())

    def offer(self, issues: list[tuple[str, str]]) -> PriorityForm:
        """Offer "none" and ``issues`` (value, label); anything else is refused."""
        offered = [SelectChoice(value, label) for value, label in issues]
        self.issue.choices = [SelectChoice(NO_ISSUE, "None"), *offered]
        self.issue.validators = [AnyOf([c.value for c in self.issue.choices],
                                       message="Select an issue from the list")]
        return self


class ActionForm(FlaskForm):
    description = TextAreaField("What is the action?", widget=GovTextArea(), validators=[
        InputRequired("Enter what the action is"), _length(TEXT_MAX_LENGTH, "The action")])
    lead = StringField("Lead agency", widget=GovTextInput(), validators=[
        Optional(), _length(LEAD_MAX_LENGTH, "The lead agency")])
    partners = StringField("Partners (optional)", widget=GovTextInput(),
                           description="Separate agencies with a semicolon, for example Police; Fire service",
                           validators=[Optional(), _length(PARTNERS_MAX_LENGTH, "The partners")])
    due_on = DayMonthYearField("Due date (optional)", widget=GovDateInput(), format="%d %m %Y",
                       description="For example, 31 3 2027", validators=[Optional()])
    success_measure = TextAreaField("How will success be measured? (optional)", widget=GovTextArea(),
                                    validators=[Optional(), _length(TEXT_MAX_LENGTH, "The success measure")])
    public_summary = TextAreaField(
        "Summary for residents (optional)", widget=GovTextArea(),
        description="Residents read this, with the status, where a \u201cYou said, we did\u201d entry links "
        "to the action. Do not name people or give internal details.",
        validators=[Optional(), _length(TEXT_MAX_LENGTH, "The summary for residents")])
    status = RadioField("Status", choices=RAG_CHOICES, widget=GovRadioInput(), validate_choice=False,
                        validators=_one_of(RAG_CHOICES, "Select a status"))
    submit = SubmitField("Save action", widget=GovSubmitInput())


class EditActionForm(ActionForm):
    """Editing changes what the action is; its status changes only through a progress update."""

    status = None  # type: ignore[assignment]


class UpdateForm(FlaskForm):
    new_status = RadioField("Status now", choices=RAG_CHOICES, widget=GovRadioInput(), validate_choice=False,
                            validators=_one_of(RAG_CHOICES, "Select the action's status now"))
    progress = TextAreaField("What has happened?", widget=GovTextArea(), validators=[
        InputRequired("Enter what has happened"), _length(TEXT_MAX_LENGTH, "The update")])
    made_on = DayMonthYearField("Date of the update (optional)", widget=GovDateInput(), format="%d %m %Y",
                        description="Leave it blank for today. For example, 2 12 2026",
                        validators=[Optional()])
    public = BooleanField("Residents may read this update", widget=GovCheckboxInput(),
                          description="It is shown on published results where a \u201cYou said, we did\u201d "
                          "entry links to the action.")
    submit = SubmitField("Add update", widget=GovSubmitInput())


class ImportForm(FlaskForm):
    plan_file = FileField("Action plan file (CSV)", widget=GovFileInput(),
                          description="One row per action, with the columns priority, action, lead, "
                          "partners, due, status, measure and update. 5 MB or smaller.",
                          validators=[FileRequired("Choose a CSV file")])
    submit = SubmitField("Import action plan", widget=GovSubmitInput())


FORMAT_CHOICES = [SelectChoice("pdf", "PDF"), SelectChoice("docx", "Word (.docx)")]


class BoardUpdateForm(FlaskForm):
    quarter = SelectField("Quarter", widget=GovSelect(), validate_choice=False)
    file_format = RadioField("Format", choices=FORMAT_CHOICES, widget=GovRadioInput(), validate_choice=False,
                             validators=_one_of(FORMAT_CHOICES, "Select PDF or Word"))
    public = BooleanField("Only what residents may read (OFFICIAL, for publishing)",
                          widget=GovCheckboxInput(),
                          description="Each action's summary for residents and its status, updates marked "
                          "public, and published consultation figures. Without this the update is "
                          "OFFICIAL-SENSITIVE.")
    submit = SubmitField("Download board update", widget=GovSubmitInput())

    def offer(self, quarters: list[tuple[str, str]]) -> BoardUpdateForm:
        self.quarter.choices = [SelectChoice(code, label) for code, label in quarters]
        self.quarter.validators = [InputRequired("Select a quarter"),
                                   AnyOf([code for code, _ in quarters],
                                         message="Select a quarter from the list")]
        return self
