"""Forms for tension entries and events of risk (GOV.UK Frontend widgets, GOV.UK error wording).

Each new-record form carries a random submission key minted when the page is shown: a re-sent form
(a double click, the back button) finds the record it stored instead of storing a second.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.fields.numeric import IntegerField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from survey.storage.models import RiskEvent, TensionEntry, Ward
from survey.tensions.entries import TensionValues
from survey.tensions.events import EventValues
from survey.vocabulary import EventStatus, EventType, RiskRating, TensionCategory, TensionLevel

DATE_HINT = "For example, 27 11 2026"


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
            raise ValueError(f"{self.label.text.removesuffix(' (optional)')} must be a real date") from None


class AttendanceField(IntegerField):
    """A whole number, with a GOV.UK error when it is not one."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0].strip().replace(",", ""))
            except ValueError:
                self.data = None
                raise ValueError("Expected attendance must be a whole number, like 500") from None
        else:
            self.data = None


def _choices(members: Any) -> list[SelectChoice]:
    return [SelectChoice(member.value, member.label) for member in members]


def ward_choices(wards: list[Ward], *, blank: str) -> list[SelectChoice]:
    return [SelectChoice("", blank)] + [SelectChoice(str(ward.id), ward.name) for ward in wards]


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class TensionEntryForm(FlaskForm):
    submission_key = HiddenField()
    entry_date = GovDateField(
        "Date",
        widget=GovDateInput(),
        format="%d %m %Y",
        description=DATE_HINT,
        validators=[InputRequired("Enter the date of the entry, like 27 11 2026")],
    )
    ward_id = SelectField("Ward", widget=GovSelect(), validators=[InputRequired("Select the ward")])
    category = RadioField(
        "Category",
        choices=_choices(TensionCategory),
        widget=GovRadioInput(),
        validators=[InputRequired("Select the category")],
    )
    level = RadioField(
        "Level",
        choices=_choices(TensionLevel),
        widget=GovRadioInput(),
        validators=[InputRequired("Select the level")],
    )
    source = StringField(
        "Source",
        widget=GovTextInput(),
        description="Where this came from, for example a neighbourhood team or a community leader",
        validators=[
            InputRequired("Enter where this came from"),
            Length(max=200, message="Source must be 200 characters or fewer"),
        ],
    )
    narrative = TextAreaField(
        "What is happening",
        widget=GovTextArea(),
        description="Officers of this partnership only. Never published or exported.",
        validators=[
            InputRequired("Enter what is happening"),
            Length(max=10000, message="Narrative must be 10,000 characters or fewer"),
        ],
    )
    review_on = GovDateField(
        "Review date (optional)",
        widget=GovDateInput(),
        format="%d %m %Y",
        description=DATE_HINT,
        validators=[Optional()],
    )
    submit = SubmitField("Save entry", widget=GovSubmitInput())

    def values(self) -> TensionValues:
        return TensionValues(
            entry_date=self.entry_date.data,
            ward_id=int(self.ward_id.data),
            category=TensionCategory(self.category.data),
            level=TensionLevel(self.level.data),
            source=self.source.data or "",
            narrative=self.narrative.data or "",
            review_on=self.review_on.data,
        )

    def fill(self, entry: TensionEntry) -> None:
        self.entry_date.data, self.ward_id.data = entry.entry_date, str(entry.ward_id or "")
        self.category.data, self.level.data = entry.category.value, entry.level.value
        self.source.data, self.narrative.data, self.review_on.data = (
            entry.source,
            entry.narrative,
            entry.review_on,
        )


class CloseEntryForm(FlaskForm):
    submit = SubmitField("Close entry", widget=GovSubmitInput())


class ReopenEntryForm(FlaskForm):
    submit = SubmitField("Reopen entry", widget=GovSubmitInput())


class EventForm(FlaskForm):
    submission_key = HiddenField()
    title = StringField(
        "Name of the event",
        widget=GovTextInput(),
        validators=[
            InputRequired("Enter the name of the event"),
            Length(max=200, message="Name must be 200 characters or fewer"),
        ],
    )
    event_type = RadioField(
        "Type",
        choices=_choices(EventType),
        widget=GovRadioInput(),
        validators=[InputRequired("Select the type of event")],
    )
    starts_on = GovDateField(
        "Start date",
        widget=GovDateInput(),
        format="%d %m %Y",
        description=DATE_HINT,
        validators=[InputRequired("Enter the start date, like 31 10 2026")],
    )
    ends_on = GovDateField(
        "End date",
        widget=GovDateInput(),
        format="%d %m %Y",
        description="The same as the start date for a single day",
        validators=[InputRequired("Enter the end date, like 5 11 2026")],
    )
    place = StringField(
        "Place (optional if you select a ward)",
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message="Place must be 200 characters or fewer")],
    )
    ward_id = SelectField("Ward (optional)", widget=GovSelect(), validators=[Optional()])
    expected_attendance = AttendanceField(
        "Expected attendance (optional)",
        widget=GovTextInput(),
        validators=[Optional(), NumberRange(min=0, message="Expected attendance must be 0 or more")],
    )
    risk_rating = RadioField(
        "Risk rating",
        choices=_choices(RiskRating),
        widget=GovRadioInput(),
        validators=[InputRequired("Select the risk rating")],
    )
    mitigations = TextAreaField(
        "Mitigations (optional)",
        widget=GovTextArea(),
        description="What partners will do to reduce the risk",
        validators=[Length(max=10000, message="Mitigations must be 10,000 characters or fewer")],
    )
    owner = StringField(
        "Owner",
        widget=GovTextInput(),
        description="The person or agency who owns the plan",
        validators=[
            InputRequired("Enter who owns the plan for this event"),
            Length(max=200, message="Owner must be 200 characters or fewer"),
        ],
    )
    status = RadioField(
        "Status",
        choices=_choices(EventStatus),
        widget=GovRadioInput(),
        default="planned",
        validators=[InputRequired("Select the status")],
    )
    submit = SubmitField("Save event", widget=GovSubmitInput())

    def values(self) -> EventValues:
        return EventValues(
            title=self.title.data or "",
            event_type=EventType(self.event_type.data),
            starts_on=self.starts_on.data,
            ends_on=self.ends_on.data,
            risk_rating=RiskRating(self.risk_rating.data),
            owner=self.owner.data or "",
            place=self.place.data,
            ward_id=int(self.ward_id.data) if self.ward_id.data else None,
            expected_attendance=self.expected_attendance.data,
            mitigations=self.mitigations.data or "",
            status=EventStatus(self.status.data),
        )

    def fill(self, event: RiskEvent) -> None:
        self.title.data, self.event_type.data = event.title, event.event_type.value
        self.starts_on.data, self.ends_on.data = event.starts_on, event.ends_on
        self.place.data, self.ward_id.data = event.place, str(event.ward_id or "")
        self.expected_attendance.data, self.risk_rating.data = (
            event.expected_attendance,
            event.risk_rating.value,
        )
        self.mitigations.data, self.owner.data, self.status.data = (
            event.mitigations,
            event.owner,
            event.status.value,
        )


class DebriefForm(FlaskForm):
    debrief = TextAreaField(
        "Debrief",
        widget=GovTextArea(),
        description="What happened, what worked and what to do differently next time",
        validators=[
            InputRequired("Enter the debrief"),
            Length(max=10000, message="Debrief must be 10,000 characters or fewer"),
        ],
    )
    submit = SubmitField("Save debrief", widget=GovSubmitInput())
