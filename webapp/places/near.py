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

from survey.places.postcodes import MAX_TYPED, FoundPlace, NotFound, find_place
from survey.places.safe_havens import (
    contact_parts,
    describe_distance,
    describe_hours,
    haven_kind_label,
    havens_by_distance,
    is_open,
)
from survey.storage.models import SafeHaven

NOT_FOUND = {
    NotFound.EMPTY: "Enter a postcode or the name of an area",
    NotFound.POSTCODES_UNAVAILABLE: "Postcodes are not available on this site. Enter the name of an area, "
    "or use the map or the list of all safe havens",
    NotFound.POSTCODE_NOT_FOUND: "We could not find that postcode. Check it, or enter the name of an area",
    NotFound.PLACE_NOT_FOUND: "We could not find that place. Enter a postcode, like SW1A 2AA, or the name "
    "of an area",
}
NO_WARDS_NOT_FOUND = {
    NotFound.PLACE_NOT_FOUND: "We could not find that place. Enter a postcode, like SW1A 2AA",
}


class NearForm(FlaskForm):
    class Meta:
        csrf = False  # a search that changes nothing: no session cookie is needed to use it

    near = StringField("Postcode or area", widget=GovTextInput(), validators=[Length(max=MAX_TYPED)])
    submit = SubmitField("Find safe havens near here", widget=GovSubmitInput())


def find_near(
    session: Session, partnership_id: int | None, form: NearForm, *, has_wards: bool
) -> FoundPlace | None:
    """Where the typed text is, or ``None`` with an error on the field."""
    found = find_place(session, partnership_id or 0, form.near.data)
    if isinstance(found, FoundPlace):
        return found
    message = (None if has_wards else NO_WARDS_NOT_FOUND.get(found)) or NOT_FOUND[found]
    form.near.errors = [message]
    return None


def haven_rows(havens: list[SafeHaven], now: dt.datetime, place: FoundPlace | None) -> list[dict[str, Any]]:
    """What the public list shows of each haven, nearest first when a place was found."""
    distances: dict[int, float] = {}
    if place is not None:
        nearby = havens_by_distance(havens, place.latitude, place.longitude)
        havens = [item.haven for item in nearby]
        distances = {item.haven.id: item.distance_m for item in nearby}
    return [
        {
            "haven": haven,
            "kind": haven_kind_label(haven.kind),
            "open_now": is_open(haven, now),
            "hours": describe_hours(haven),
            "contact": contact_parts(haven.contact),
            "distance": describe_distance(distances[haven.id]) if haven.id in distances else None,
        }
        for haven in havens
    ]


def search_hint(available: bool, ward_names: list[str]) -> str | None:
    """The hint under the box, or ``None`` when nothing typed could be found (no postcodes, no wards)."""
    example = f", like {ward_names[0]}" if ward_names else ""
    if available and ward_names:
        return f"For example SW1A 2AA, or the name of your area{example}. We do not keep what you type."
    if available:
        return "For example SW1A 2AA, or just the first part, like SW1A. We do not keep what you type."
    if ward_names:
        return (
            f"Postcodes are not available on this site. Enter the name of your area{example}. "
            "We do not keep what you type."
        )
    return None
