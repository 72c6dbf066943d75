"""Postcodes: tidying what people type, and finding where a postcode, district or ward is.

The postcode table is optional (``safer-voices postcodes import`` loads it from the ONS Postcode
Directory). Without it a postcode cannot be found, and the pages say so and offer the map or
coordinates instead; wards can still be found by name when the partnership has loaded them.

Nothing here stores or logs what is looked up: a resident's postcode is used for one answer and
forgotten.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.storage.models import Postcode, Ward

_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_FULL = re.compile(rf"^({_OUTWARD})([0-9][A-Z]{{2}})$")
_DISTRICT = re.compile(rf"^{_OUTWARD}$")
MAX_TYPED = 100


def normalise_postcode(text: str | None) -> str | None:
    """``" sw1a2aa "`` -> ``"SW1A 2AA"``: upper case, one space before the inward code; ``None`` if
    the text is not shaped like a full UK postcode."""
    compact = re.sub(r"\s+", "", text or "").upper()
    match = _FULL.match(compact)
    return f"{match[1]} {match[2]}" if match else None


def normalise_district(text: str | None) -> str | None:
    """``"sw1a"`` -> ``"SW1A"`` for a postcode district (outward code) typed on its own."""
    compact = re.sub(r"\s+", "", text or "").upper()
    return compact if _DISTRICT.match(compact) else None


def looks_like_postcode(text: str | None) -> bool:
    return normalise_postcode(text) is not None or normalise_district(text) is not None


def postcodes_available(session: Session) -> bool:
    """Whether a postcode table has been loaded on this installation."""
    return session.scalar(select(Postcode.postcode).limit(1)) is not None


def postcode_location(session: Session, text: str | None) -> tuple[float, float] | None:
    """The latitude and longitude of a full postcode as typed, or ``None`` if it is not known."""
    postcode = normalise_postcode(text)
    if postcode is None:
        return None
    row = session.execute(
        select(Postcode.latitude, Postcode.longitude).where(Postcode.postcode == postcode)
    ).first()
    return (row.latitude, row.longitude) if row else None


class Found(enum.StrEnum):
    POSTCODE = "postcode"
    DISTRICT = "district"
    WARD = "ward"


class NotFound(enum.StrEnum):
    EMPTY = "empty"
    POSTCODES_UNAVAILABLE = "postcodes_unavailable"
    POSTCODE_NOT_FOUND = "postcode_not_found"
    PLACE_NOT_FOUND = "place_not_found"


@dataclass(frozen=True)
class FoundPlace:
    """Where a typed postcode, district or ward is: ``name`` is how to say it back ("SW1A 2AA")."""

    kind: Found
    name: str
    latitude: float
    longitude: float


def find_place(session: Session, partnership_id: int, text: str | None) -> FoundPlace | NotFound:
    """A full postcode, a postcode district or one of the partnership's wards, by what was typed."""
    typed = " ".join((text or "").split())[:MAX_TYPED]
    if not typed:
        return NotFound.EMPTY
    ward = _ward_named(session, partnership_id, typed)
    if ward is not None:
        return ward
    postcode, district = normalise_postcode(typed), normalise_district(typed)
    if postcode is None and district is None:
        return NotFound.PLACE_NOT_FOUND
    if not postcodes_available(session):
        return NotFound.POSTCODES_UNAVAILABLE
    if postcode is not None:
        location = postcode_location(session, postcode)
        return FoundPlace(Found.POSTCODE, postcode, *location) if location else NotFound.POSTCODE_NOT_FOUND
    row = session.execute(
        select(func.avg(Postcode.latitude), func.avg(Postcode.longitude)).where(Postcode.outward == district)
    ).first()
    if row is None or row[0] is None:
        return NotFound.POSTCODE_NOT_FOUND
    return FoundPlace(Found.DISTRICT, str(district), float(row[0]), float(row[1]))


def _ward_named(session: Session, partnership_id: int, typed: str) -> FoundPlace | None:
    ward = session.execute(
        select(Ward.name, Ward.min_latitude, Ward.max_latitude, Ward.min_longitude, Ward.max_longitude)
        .where(Ward.partnership_id == partnership_id, func.lower(Ward.name) == typed.lower())
        .order_by(Ward.id)
        .limit(1)
    ).first()
    if ward is None:
        return None
    # The middle of the ward's box: near enough to rank safe havens by distance.
    return FoundPlace(
        Found.WARD,
        ward.name,
        (ward.min_latitude + ward.max_latitude) / 2,
        (ward.min_longitude + ward.max_longitude) / 2,
    )
