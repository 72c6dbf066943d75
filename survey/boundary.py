"""A partnership's boundary: GeoJSON checked on upload, stored on the partnership, and whether a point
lies inside it (the rule every channel applies to map pins)."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from survey.storage.models import Partnership

Ring = Sequence[Sequence[float]]
MAX_BOUNDARY_BYTES = 5 * 1024 * 1024


class BoundaryError(ValueError):
    """An uploaded boundary that cannot be used, in words an officer can act on."""


@dataclass(frozen=True)
class Boundary:
    """Polygons as lists of rings (outer ring first, then holes), in GeoJSON's [lon, lat] order."""

    polygons: tuple[tuple[Ring, ...], ...]

    def contains(self, latitude: float, longitude: float) -> bool:
        """Whether the point is inside any polygon (and not in one of its holes)."""
        return any(
            _in_ring(longitude, latitude, rings[0])
            and not any(_in_ring(longitude, latitude, hole) for hole in rings[1:])
            for rings in self.polygons
        )

    def bounds(self) -> tuple[float, float, float, float]:
        """``(south, west, north, east)``, for fitting a map to the area."""
        points = [point for rings in self.polygons for point in rings[0]]
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        return min(lats), min(lons), max(lats), max(lons)

    def to_geojson(self) -> dict[str, Any]:
        """The boundary as one GeoJSON MultiPolygon (for drawing it on a map)."""
        return {
            "type": "MultiPolygon",
            "coordinates": [
                [[[round(lon, 6), round(lat, 6)] for lon, lat in ring] for ring in rings]
                for rings in self.polygons
            ],
        }


def parse_boundary(text: str) -> Boundary:
    """Read a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection of them (WGS84)."""
    if len(text.encode("utf-8")) > MAX_BOUNDARY_BYTES:
        raise BoundaryError("The boundary file must be 5 MB or smaller")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BoundaryError(
            f"The boundary file is not valid GeoJSON: line {error.lineno}: {error.msg}"
        ) from None
    polygons = tuple(_polygons(data))
    if not polygons:
        raise BoundaryError("The boundary file must contain at least one Polygon or MultiPolygon")
    return Boundary(polygons)


def _polygons(data: Any) -> list[tuple[Ring, ...]]:
    if not isinstance(data, dict):
        raise BoundaryError("The boundary file must be a GeoJSON object")
    kind = data.get("type")
    if kind == "FeatureCollection":
        return [polygon for feature in data.get("features") or [] for polygon in _polygons(feature)]
    if kind == "Feature":
        return _polygons(data.get("geometry") or {})
    if kind == "Polygon":
        return [_rings(data.get("coordinates"))]
    if kind == "MultiPolygon":
        return [_rings(polygon) for polygon in data.get("coordinates") or []]
    raise BoundaryError(f"The boundary must be made of Polygons or MultiPolygons, not {kind!r}")


def _rings(coordinates: Any) -> tuple[Ring, ...]:
    if not isinstance(coordinates, list) or not coordinates:
        raise BoundaryError("A polygon has no coordinates")
    rings = []
    for ring in coordinates:
        if not isinstance(ring, list) or len(ring) < 4:
            raise BoundaryError("Each polygon ring needs at least 4 positions (the first repeated last)")
        points = []
        for position in ring:
            if (
                not isinstance(position, list)
                or len(position) < 2
                or not all(isinstance(v, int | float) and math.isfinite(v) for v in position[:2])
            ):
                raise BoundaryError("Each position must be [longitude, latitude] in numbers")
            lon, lat = float(position[0]), float(position[1])
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise BoundaryError(
                    "Positions must be longitude and latitude in degrees (WGS84), not grid references"
                )
            points.append((lon, lat))
        rings.append(tuple(points))
    return tuple(rings)


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    """Even-odd ray casting."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


@functools.lru_cache(maxsize=8)
def _boundary(text: str) -> Boundary:
    return parse_boundary(text)


def boundary_of(partnership: Partnership | None) -> Boundary | None:
    """The partnership's uploaded boundary, or ``None`` when it has none."""
    if partnership is None or not partnership.boundary_geojson:
        return None
    return _boundary(partnership.boundary_geojson)


def save_boundary(session: Session, partnership: Partnership, text: str) -> Boundary:
    """Check and store an uploaded boundary; raises :class:`survey.boundary.BoundaryError`."""
    boundary = parse_boundary(text)
    partnership.boundary_geojson = text
    session.flush()
    return boundary
