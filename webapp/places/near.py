"""Safe havens near a resident: by an area or postcode typed into a form that works without
JavaScript, or (in the browser only, havens-near.mjs) by the location the browser gives when they
press a button.

The anonymity promise: what is typed is used to sort one page and then forgotten. It is sent by
POST (never in a URL, so not in a browser's history, a proxy's log or a Referer), the form has no
CSRF token (it changes nothing, so needs no session cookie), nothing is stored, audited or logged,
and the page is ``no-store`` like every page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from sqlalchemy.orm import Session
from wtforms import StringField, SubmitField
from wtforms.validators import Length

from survey.places.postcodes import MAX_TYPED, FoundPlace, find_place
from survey.places.safe_havens import (
    contact_parts,
    describe_distance,
    describe_hours,
    haven_kind_label,
    havens_by_distance,
    is_open,
)
from survey.storage.models import SafeHaven
from webapp.places.texts import (
    HINT_AREA,
    HINT_POSTCODE,
    HINT_POSTCODE_OR_AREA,
    NEAR_BUTTON,
    NEAR_LABEL,
    NO_WARDS_NOT_FOUND,
    NOT_FOUND,
)
from webapp.public.language import current_language, t


class NearForm(FlaskForm):
    class Meta:
        csrf = False  # a search that changes nothing: no session cookie is needed to use it

    near = StringField(NEAR_LABEL, widget=GovTextInput(), validators=[Length(max=MAX_TYPED)])
    submit = SubmitField(NEAR_BUTTON, widget=GovSubmitInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.near.label.text = t(NEAR_LABEL)
        self.submit.label.text = t(NEAR_BUTTON)


def find_near(
    session: Session, partnership_id: int | None, form: NearForm, *, has_wards: bool
) -> FoundPlace | None:
    """Where the typed text is, or ``None`` with an error on the field."""
    found = find_place(session, partnership_id or 0, form.near.data)
    if isinstance(found, FoundPlace):
        return found
    message = (None if has_wards else NO_WARDS_NOT_FOUND.get(found)) or NOT_FOUND[found]
    form.near.errors = [t(message)]
    return None


def haven_rows(havens: list[SafeHaven], now: dt.datetime, place: FoundPlace | None) -> list[dict[str, Any]]:
    """What the public list shows of each haven, nearest first when a place was found."""
    code = current_language().code
    distances: dict[int, float] = {}
    if place is not None:
        nearby = havens_by_distance(havens, place.latitude, place.longitude)
        havens = [item.haven for item in nearby]
        distances = {item.haven.id: item.distance_m for item in nearby}
    return [
        {
            "haven": haven,
            "kind": haven_kind_label(haven.kind, code),
            "open_now": is_open(haven, now),
            "hours": describe_hours(haven, code),
            "contact": contact_parts(haven.contact),
            "distance": describe_distance(distances[haven.id], code) if haven.id in distances else None,
        }
        for haven in havens
    ]


def search_hint(available: bool, ward_names: list[str]) -> str | None:
    """The hint under the box, or ``None`` when nothing typed could be found (no postcodes, no wards)."""
    if available and ward_names:
        return t(HINT_POSTCODE_OR_AREA, area=ward_names[0])
    if available:
        return t(HINT_POSTCODE)
    if ward_names:
        return t(HINT_AREA, area=ward_names[0])
    return None
