"""The optional offline postcode table: where each live UK postcode is, from the ONS Postcode
Directory (``safer-voices postcodes import``). Reference data for the whole installation, not one
partnership's: it holds no one's personal data, only where postcodes are."""

from __future__ import annotations

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from survey.storage.models.base import Base


class Postcode(Base):
    """One live postcode and the latitude and longitude of its centre (WGS84)."""

    __tablename__ = "postcode"

    # Upper case with one space before the last three characters ("SW1A 2AA"), as ONS's pcds.
    postcode: Mapped[str] = mapped_column(String(8), primary_key=True)
    # The outward code ("SW1A"), so a district typed on its own can be found.
    outward: Mapped[str] = mapped_column(String(4), index=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
