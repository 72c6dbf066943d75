"""Safe havens: places that let a frightened child or adult come in and get help.

Opening hours are kept per weekday in the partnership's local time, e.g.
``{"mon": [["09:00", "17:30"]], "sat": [["10:00", "16:00"]], "sun": []}``; a missing day means
closed. A haven whose ``verified_until`` date has passed is hidden from the public until an officer
checks it again.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.boundary import is_on_earth
from survey.languages import translate
from survey.places.texts import (
    ABOUT_KILOMETRES,
    ABOUT_METRES,
    CLOSED,
    HAVEN_KINDS,
    HOURS_SPAN,
    UNDER_100_METRES,
    WEEKDAY_NAMES,
    WEEKDAYS,
)
from survey.storage.models import SafeHaven

LOCAL_TIME = ZoneInfo("Europe/London")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")
EARTH_RADIUS_M = 6_371_008.8


class SafeHavenError(ValueError):
    """A safe haven that cannot be saved; ``errors`` maps field names to GOV.UK-style messages."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


@dataclass(frozen=True)
class NearbyHaven:
    haven: SafeHaven
    distance_m: float


def parse_opening_hours(data: Mapping[str, Any]) -> dict[str, list[list[str]]]:
    """Check and normalise opening hours; raises ValueError naming the day that is wrong."""
    hours: dict[str, list[list[str]]] = {}
    for day, spans in data.items():
        if day not in WEEKDAYS:
            raise ValueError(f"'{day}' is not a day: use {', '.join(WEEKDAYS)}")
        checked = []
        for span in spans or []:
            if len(span) != 2 or not all(isinstance(t, str) and _TIME.match(t) for t in span):
                raise ValueError(f"{WEEKDAY_NAMES[day]}: times must be like 09:00 to 17:30")
            if span[0] >= span[1]:
                raise ValueError(f"{WEEKDAY_NAMES[day]}: the closing time must be after the opening time")
            checked.append([span[0], span[1]])
        hours[day] = sorted(checked)
    return hours


def is_open(haven: SafeHaven, at: dt.datetime) -> bool:
    """Whether the haven is open at the aware datetime ``at`` (compared in local time)."""
    local = at.astimezone(LOCAL_TIME)
    clock = local.strftime("%H:%M")
    spans = (haven.opening_hours or {}).get(WEEKDAYS[local.weekday()], [])
    return any(start <= clock < end for start, end in spans)


def describe_hours(haven: SafeHaven, code: str | None = None) -> list[tuple[str, str]]:
    """``[("Monday", "09:00 to 17:30"), ("Sunday", "Closed"), ...]`` for pages and messages, in
    language ``code`` (English when not given)."""
    rows = []
    for day in WEEKDAYS:
        spans = (haven.opening_hours or {}).get(day, [])
        text = (", ".join(translate(HOURS_SPAN, code, start=start, end=end) for start, end in spans)
                if spans else translate(CLOSED, code))
        rows.append((translate(WEEKDAY_NAMES[day], code), text))
    return rows


def public_havens(session: Session, partnership_id: int, *, today: dt.date | None = None) -> list[SafeHaven]:
    """The havens the public may see: verified until today or later, by name."""
    today = today or dt.datetime.now(LOCAL_TIME).date()
    query = (
        select(SafeHaven)
        .where(SafeHaven.partnership_id == partnership_id, SafeHaven.verified_until >= today)
        .order_by(SafeHaven.name, SafeHaven.id)
    )
    return list(session.scalars(query))


def partnership_havens(session: Session, partnership_id: int) -> list[SafeHaven]:
    """Every haven of the partnership, expired ones included (officer view)."""
    query = select(SafeHaven).where(SafeHaven.partnership_id == partnership_id).order_by(SafeHaven.name)
    return list(session.scalars(query))


def partnership_haven(session: Session, partnership_id: int, haven_id: int) -> SafeHaven | None:
    """The haven with this id if it belongs to this partnership; ``None`` otherwise."""
    return session.scalar(
        select(SafeHaven).where(SafeHaven.id == haven_id, SafeHaven.partnership_id == partnership_id)
    )


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def nearest_open_havens(
    session: Session,
    partnership_id: int,
    latitude: float,
    longitude: float,
    *,
    at: dt.datetime | None = None,
    limit: int = 3,
    max_distance_m: float | None = 5000,
) -> list[NearbyHaven]:
    """The nearest public havens open at ``at`` (default now), closest first.

    A partnership has tens to hundreds of havens, so they are ranked in Python after one query.
    """
    at = at or dt.datetime.now(dt.UTC)
    found = [
        NearbyHaven(haven, distance_m(latitude, longitude, haven.latitude, haven.longitude))
        for haven in public_havens(session, partnership_id, today=at.astimezone(LOCAL_TIME).date())
        if is_open(haven, at)
    ]
    if max_distance_m is not None:
        found = [nearby for nearby in found if nearby.distance_m <= max_distance_m]
    return sorted(found, key=lambda nearby: nearby.distance_m)[:limit]


def save_haven(
    session: Session,
    partnership_id: int,
    values: Mapping[str, Any],
    *,
    haven: SafeHaven | None = None,
) -> SafeHaven:
    """Create (or update ``haven``) from checked values; raises :class:`SafeHavenError` on bad input.

    ``values``: name, kind, address, latitude, longitude, opening_hours, contact, verified_until, and
    for a new haven optionally submission_key (see :func:`haven_by_submission_key`).
    """
    errors: dict[str, str] = {}
    name = str(values.get("name") or "").strip()
    if not name or len(name) > 200:
        errors["name"] = "Enter the name of the safe haven (200 characters or fewer)"
    kind = values.get("kind")
    if kind not in HAVEN_KINDS:
        errors["kind"] = "Select what kind of place it is"
    address = str(values.get("address") or "").strip()
    if not address or len(address) > 500:
        errors["address"] = "Enter the address (500 characters or fewer)"
    coordinates = _coordinates(values.get("latitude"), values.get("longitude"))
    if coordinates is None:
        errors["latitude"] = "Enter a latitude between -90 and 90 and a longitude between -180 and 180"
    try:
        hours = parse_opening_hours(values.get("opening_hours") or {})
    except (ValueError, TypeError, AttributeError) as error:
        errors["opening_hours"] = str(error)
        hours = {}
    contact = str(values.get("contact") or "").strip() or None
    if contact and len(contact) > 200:
        errors["contact"] = "Contact must be 200 characters or fewer"
    verified_until = values.get("verified_until")
    if not isinstance(verified_until, dt.date):
        errors["verified_until"] = "Enter the date the details were checked until"
    if errors:
        raise SafeHavenError(errors)
    assert coordinates is not None
    if haven is None:
        haven = SafeHaven(partnership_id=partnership_id, submission_key=values.get("submission_key") or None)
    haven.name, haven.kind, haven.address = name, kind, address
    haven.latitude, haven.longitude = coordinates
    haven.opening_hours, haven.contact, haven.verified_until = hours, contact, verified_until
    session.add(haven)
    session.flush()
    return haven


def _coordinates(latitude: Any, longitude: Any) -> tuple[float, float] | None:
    try:
        lat, lon = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not is_on_earth(lat, lon):
        return None
    return lat, lon


def haven_kind_label(kind: str, code: str | None = None) -> str:
    """What kind of place a haven is, in language ``code`` (English when not given)."""
    return translate(HAVEN_KINDS[kind], code) if kind in HAVEN_KINDS else kind


def all_day(days: Sequence[str] = WEEKDAYS) -> dict[str, list[list[str]]]:
    """Opening hours for a haven open around the clock on ``days``."""
    return {day: [["00:00", "24:00"]] for day in days}


def haven_by_submission_key(session: Session, partnership_id: int, key: str | None) -> SafeHaven | None:
    """The haven a form with this one-off key already added (a double click, a re-sent form)."""
    if not key:
        return None
    return session.scalar(
        select(SafeHaven).where(SafeHaven.partnership_id == partnership_id, SafeHaven.submission_key == key)
    )


def delete_haven(session: Session, haven: SafeHaven) -> None:
    """Remove a haven for good (an expired one can instead be left to hide itself)."""
    session.delete(haven)
    session.flush()


def havens_geojson(
    havens: Sequence[SafeHaven], at: dt.datetime | None = None, code: str | None = None
) -> dict[str, Any]:
    """Havens as GeoJSON points for a map layer, each saying whether it is open at ``at`` (the kind of
    place in language ``code``)."""
    at = at or dt.datetime.now(dt.UTC)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [haven.longitude, haven.latitude]},
                "properties": {
                    "id": haven.id,
                    "name": haven.name,
                    "kind": haven_kind_label(haven.kind, code),
                    "address": haven.address,
                    "open_now": is_open(haven, at),
                },
            }
            for haven in havens
        ],
    }


def havens_by_distance(havens: Sequence[SafeHaven], latitude: float, longitude: float) -> list[NearbyHaven]:
    """Every haven given, nearest to the point first (the point itself is neither kept nor logged)."""
    found = [NearbyHaven(haven, distance_m(latitude, longitude, haven.latitude, haven.longitude))
             for haven in havens]
    return sorted(found, key=lambda nearby: (nearby.distance_m, nearby.haven.name))


def describe_distance(metres: float, code: str | None = None) -> str:
    """``"Less than 100 metres away"``, ``"About 350 metres away"``, ``"About 1.2 km away"``, ``"About 12 km
    away"`` in language ``code`` (havens-near.mjs says distances the same way: keep them alike)."""
    if metres < 100:
        return translate(UNDER_100_METRES, code)
    rounded = math.floor(metres / 50 + 0.5) * 50
    if rounded < 1000:
        return translate(ABOUT_METRES, code, metres=rounded)
    kilometres = metres / 1000
    if kilometres < 9.95:
        return translate(ABOUT_KILOMETRES, code, kilometres=f"{math.floor(kilometres * 10 + 0.5) / 10:.1f}")
    return translate(ABOUT_KILOMETRES, code, kilometres=math.floor(kilometres + 0.5))


# A UK phone number inside free text: 999, 101 and 111, or 10 to 11 digits from 0 or +44.
_PHONE_NUMBER = re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?|0)\d(?:[\s-]?\d){8,9}(?!\d)|\b(?:999|101|111)\b")


def contact_parts(contact: str | None) -> list[tuple[str, str | None]]:
    """A haven's contact split into ``(text, href)`` pieces: every phone number a ``tel:`` link, an
    email address a ``mailto:`` link, anything else plain text (``href`` ``None``)."""
    text = (contact or "").strip()
    if not text:
        return []
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        return [(text, f"mailto:{text}")]
    parts: list[tuple[str, str | None]] = []
    position = 0
    for match in _PHONE_NUMBER.finditer(text):
        if match.start() > position:
            parts.append((text[position:match.start()], None))
        number = match.group(0)
        digits = re.sub(r"[^\d+]", "", number)
        if digits.startswith("+440"):  # "+44 (0)20 ...": the 0 is not dialled from abroad
            digits = "+44" + digits[4:]
        parts.append((number, f"tel:{digits}"))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], None))
    return parts
