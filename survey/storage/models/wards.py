"""A partnership's wards: the areas every place report, worry with a place and tension entry is
assigned to (``survey.wards``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from survey.storage.models.base import Base
from survey.storage.types import UTCDateTime, utcnow


class Ward(Base):
    """One ward (or other small area) of a partnership, as loaded from an ONS-style GeoJSON feature."""

    __tablename__ = "ward"
    __table_args__ = (UniqueConstraint("partnership_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    # The ward's code (e.g. an ONS GSS code "E05000001") and name, as the boundary file gives them.
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    # The ward's area as GeoJSON (Polygon or MultiPolygon, WGS84). Deferred: a full-resolution ward
    # runs to hundreds of kilobytes and is read only to assign places or draw a map.
    geometry_geojson: Mapped[str] = mapped_column(Text, deferred=True)
    # The bounding box, so a point is tested only against the wards whose box holds it.
    min_longitude: Mapped[float] = mapped_column(Float)
    min_latitude: Mapped[float] = mapped_column(Float)
    max_longitude: Mapped[float] = mapped_column(Float)
    max_latitude: Mapped[float] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
