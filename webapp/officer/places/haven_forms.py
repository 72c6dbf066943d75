"""Forms for officers: a safe haven (with opening hours per weekday) and a boundary upload."""

from __future__ import annotations

import re
import secrets
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from sqlalchemy.orm import Session
from wtforms import DateField, HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from survey.places.postcodes import normalise_postcode, postcode_location
from survey.places.safe_havens import HAVEN_KINDS, WEEKDAY_NAMES, WEEKDAYS, SafeHaven

_SPAN = re.compile(r"^\s*(\d{1,2})[:.]?(\d{2})\s*(?:-|to|–)\s*(\d{1,2})[:.]?(\d{2})\s*$")


NO_PLACE = "Enter a postcode, or put a pin on the map, or enter the latitude and longitude"
NO_PLACE_WITHOUT_POSTCODES = "Put a pin on the map, or enter the latitude and longitude"
POSTCODES_UNAVAILABLE = ("Postcodes are not available on this site. Put a pin on the map, or enter the "
                         "latitude and longitude")
KIND_CHOICES = [SelectChoice(value, label) for value, label in HAVEN_KINDS.items()]


class GovDateField(DateField):
    """A GOV.UK date input (day, month, year boxes) that treats a missing part as no date."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if len(valuelist) != 3:
            self.raw_data = None
            return
        super().process_formdata(valuelist)


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class HavenForm(FlaskForm):
    submission_key = HiddenField()
    name = StringField("Name", widget=GovTextInput(),
                       validators=[InputRequired("Enter the name of the safe haven"), Length(max=200)])
    kind = RadioField("Kind of place", choices=KIND_CHOICES, widget=GovRadioInput(),
                      validators=[InputRequired("Select what kind of place it is")])
    address = TextAreaField("Address", widget=GovTextArea(),
                            validators=[InputRequired("Enter the address"), Length(max=500)])
    postcode = StringField("Postcode (optional)", widget=GovTextInput(),
                           description="The haven is put in the middle of the postcode. To place it exactly, "
                                       "leave this empty and use the map or the latitude and longitude.",
                           validators=[Optional(), Length(max=20)])
    # Optional here: a postcode can stand in for them (checked by ``place_from_postcode``).
    latitude = StringField("Latitude", widget=GovTextInput(),
                           description="In decimal degrees, for example 51.5072",
                           validators=[Optional(), Length(max=30)])
    longitude = StringField("Longitude", widget=GovTextInput(),
                            description="In decimal degrees, for example -0.1276 (minus west of Greenwich)",
                            validators=[Optional(), Length(max=30)])
    contact = StringField("Contact (optional)", widget=GovTextInput(), description="A phone number or email",
                          validators=[Optional(), Length(max=200)])
    verified_until = GovDateField("Details checked until", widget=GovDateInput(), format="%d %m %Y",
                               description="After this date the haven is hidden from the public until "
                                           "someone checks it again. For example, 31 3 2027",
                               validators=[InputRequired("Enter the date the details were checked until")])
    submit = SubmitField("Save safe haven", widget=GovSubmitInput())


for _day in WEEKDAYS:
    setattr(HavenForm, f"hours_{_day}", StringField(
        WEEKDAY_NAMES[_day], widget=GovTextInput(), validators=[Optional(), Length(max=100)],
    ))


def hours_fields(form: HavenForm) -> list[Any]:
    return [getattr(form, f"hours_{day}") for day in WEEKDAYS]


def parse_hours_field(text: str | None) -> list[list[str]]:
    """``"09:00-12:00, 13:00-17:30"`` -> ``[["09:00", "12:00"], ["13:00", "17:30"]]``; empty: closed."""
    spans = []
    for piece in (text or "").split(","):
        if not piece.strip():
            continue
        match = _SPAN.match(piece)
        if not match:
            raise ValueError("Enter times like 09:00-17:30, or leave empty if closed")
        start_h, start_m, end_h, end_m = match.groups()
        spans.append([f"{int(start_h):02d}:{start_m}", f"{int(end_h):02d}:{end_m}"])
    return spans


def haven_values(form: HavenForm) -> tuple[dict[str, Any], dict[str, str]]:
    """The values for ``survey.places.safe_havens.save_haven``, and errors in the hours fields."""
    hours: dict[str, list[list[str]]] = {}
    errors: dict[str, str] = {}
    for day, field in zip(WEEKDAYS, hours_fields(form), strict=True):
        try:
            hours[day] = parse_hours_field(field.data)
        except ValueError as error:
            errors[field.name] = f"{WEEKDAY_NAMES[day]}: {error}"
    values = {
        "name": form.name.data, "kind": form.kind.data, "address": form.address.data,
        "latitude": form.latitude.data, "longitude": form.longitude.data, "contact": form.contact.data,
        "verified_until": form.verified_until.data, "opening_hours": hours,
        "submission_key": (form.submission_key.data or "")[:64] or None,
    }
    return values, errors


def place_from_postcode(form: HavenForm, session: Session, *, available: bool) -> None:
    """Put a typed postcode's latitude and longitude into the form, or an error on the field that
    needs it: a postcode, when given, places the haven; otherwise the coordinates (map or typed) do."""
    typed = (form.postcode.data or "").strip()
    if not typed:
        if not (form.latitude.data or "").strip() and not (form.longitude.data or "").strip():
            form.latitude.errors = [NO_PLACE if available else NO_PLACE_WITHOUT_POSTCODES]
        return
    if not available:
        form.postcode.errors = [POSTCODES_UNAVAILABLE]
        return
    if normalise_postcode(typed) is None:
        form.postcode.errors = ["Enter a real postcode, like SW1A 2AA"]
        return
    location = postcode_location(session, typed)
    if location is None:
        form.postcode.errors = [f"We could not find the postcode {normalise_postcode(typed)}. Check it, or "
                                "leave it empty and use the map or the latitude and longitude"]
        return
    form.postcode.data = normalise_postcode(typed)
    form.latitude.data, form.longitude.data = (f"{value:.6f}" for value in location)


def fill_from_haven(form: HavenForm, haven: SafeHaven) -> None:
    form.name.data, form.kind.data, form.address.data = haven.name, haven.kind, haven.address
    form.latitude.data, form.longitude.data = str(haven.latitude), str(haven.longitude)
    form.contact.data, form.verified_until.data = haven.contact, haven.verified_until
    for day, field in zip(WEEKDAYS, hours_fields(form), strict=True):
        field.data = ", ".join(f"{start}-{end}" for start, end in (haven.opening_hours or {}).get(day, []))


def field_for_error(form: HavenForm, key: str, message: str) -> Any:
    """The form field a core error belongs to (opening hours errors name their day)."""
    if key == "opening_hours":
        day = next((day for day in WEEKDAYS if message.startswith(WEEKDAY_NAMES[day])), "mon")
        return getattr(form, f"hours_{day}")
    return getattr(form, key, form.name)


class BoundaryForm(FlaskForm):
    boundary = FileField("Boundary file (GeoJSON)", widget=GovFileInput(),
                         description="A .geojson file with a Polygon or MultiPolygon in longitude and "
                                     "latitude (WGS84), 16 MB or smaller",
                         validators=[FileRequired("Choose a GeoJSON file")])
    submit = SubmitField("Upload boundary", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    submit = SubmitField("Delete safe haven", widget=GovSubmitInput())
