"""A partnership's boundary: GeoJSON checked on upload, stored on the partnership, and whether a point
lies inside it (the rule every channel applies to map pins).

An uploaded file is hostile until read: it is refused, with a reason an officer can act on, when it is
over :data:`MAX_BOUNDARY_BYTES`, nested deeper than :data:`MAX_BOUNDARY_DEPTH` (``json`` recurses), holds
a number longer than :data:`MAX_NUMBER_CHARS` digits, a position that is not a finite longitude and
latitude, or a polygon that is not valid (shapely names the first fault and where it is). Real
full-resolution ONS ward and district files run to several megabytes and are accepted.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import Polygon
from sqlalchemy.orm import Session

from survey.storage.models import Partnership

Ring = Sequence[Sequence[float]]
MAX_BOUNDARY_BYTES = 16 * 1024 * 1024
MAX_BOUNDARY_DEPTH = 20  # a FeatureCollection of MultiPolygons is 8 deep
MAX_NUMBER_CHARS = 100
DRAWING_TOLERANCE = 0.00002  # degrees, about 2 metres: finer than a map shows, far lighter to send


def is_on_earth(latitude: float, longitude: float) -> bool:
    """Whether the coordinates are a place in degrees (WGS84). NaN and infinity are not: every
    comparison with NaN is false, and infinity is out of range."""
    return -90 <= latitude <= 90 and -180 <= longitude <= 180


class BoundaryError(ValueError):
    """An uploaded boundary that cannot be used, in words an officer can act on."""


@dataclass(frozen=True)
class Boundary:
    """Polygons as lists of rings (outer ring first, then holes), in GeoJSON's [lon, lat] order."""

    polygons: tuple[tuple[Ring, ...], ...]

    def contains(self, latitude: float, longitude: float) -> bool:
        """Whether the point is inside any polygon (or on its edge) and not in one of its holes."""
        return any(
            west <= longitude <= east and south <= latitude <= north
            and shapely.intersects_xy(shape, longitude, latitude)
            for (west, south, east, north), shape in self._shapes
        )

    def intersects(self, shape: Any) -> bool:
        """Whether a shapely geometry shares any part with the boundary (a ward checked against it)."""
        return any(shapely.intersects(polygon, shape) for _, polygon in self._shapes)

    def bounds(self) -> tuple[float, float, float, float]:
        """``(south, west, north, east)``, for fitting a map to the area."""
        west, south, east, north = (float(value) for value in shapely.total_bounds(
            [shape for _, shape in self._shapes]))
        return south, west, north, east

    def to_geojson(self) -> dict[str, Any]:
        """The boundary as one GeoJSON MultiPolygon, simplified to a few metres (for drawing it on a map).

        Worked out once per boundary (a full-resolution file takes a noticeable fraction of a second);
        treat the result as read-only.
        """
        return self._drawing

    @functools.cached_property
    def _drawing(self) -> dict[str, Any]:
        drawn = [shapely.simplify(shape, DRAWING_TOLERANCE, preserve_topology=True)
                 for _, shape in self._shapes]
        return {
            "type": "MultiPolygon",
            "coordinates": [
                [[[round(lon, 6), round(lat, 6)] for lon, lat in ring.coords]
                 for ring in (shape.exterior, *shape.interiors)]
                for shape in drawn
            ],
        }

    @functools.cached_property
    def _shapes(self) -> tuple[tuple[tuple[float, float, float, float], Polygon], ...]:
        # Prepared polygons answer point queries quickly; the bounding box skips most of them at once.
        shapes = [_polygon(rings) for rings in self.polygons]
        shapely.prepare(shapes)
        return tuple((tuple(float(value) for value in shape.bounds), shape) for shape in shapes)


def parse_boundary(text: str) -> Boundary:
    """Read a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection of them (WGS84)."""
    return _read(text, check_polygons=True)


def _read(text: str, *, check_polygons: bool) -> Boundary:
    polygons = tuple(_polygons(read_geojson(text)))
    if not polygons:
        raise BoundaryError("The boundary file must contain at least one Polygon or MultiPolygon")
    for rings in polygons if check_polygons else ():
        check_polygon(rings)
    return Boundary(polygons)


def read_geojson(text: str, *, what: str = "boundary") -> Any:
    """Parse an uploaded GeoJSON file safely: size, nesting and numbers checked before and while
    reading. Raises :class:`BoundaryError` naming ``what`` ("The ward file is not valid GeoJSON")."""
    if len(text) > MAX_BOUNDARY_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BOUNDARY_BYTES:
        raise BoundaryError(f"The {what} file must be {MAX_BOUNDARY_BYTES // (1024 * 1024)} MB or smaller")
    if _depth_exceeds(text, MAX_BOUNDARY_DEPTH):
        raise BoundaryError(f"The {what} file is nested too deeply (more than {MAX_BOUNDARY_DEPTH} levels)")
    try:
        return json.loads(text, parse_int=_number, parse_float=_number, parse_constant=_not_a_number)
    except json.JSONDecodeError as error:
        raise BoundaryError(
            f"The {what} file is not valid GeoJSON: line {error.lineno}: {error.msg}"
        ) from None
    except RecursionError:  # not reached after the depth check; never a 500 if it were
        raise BoundaryError(f"The {what} file is nested too deeply") from None


def geometry_polygons(geometry: Any) -> list[tuple[Ring, ...]]:
    """The polygons (lists of rings) of a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection,
    with every position checked as a WGS84 longitude and latitude. Raises :class:`BoundaryError`."""
    return _polygons(geometry)


def check_polygon(rings: tuple[Ring, ...], *, what: str = "The boundary") -> Polygon:
    """The polygon made of ``rings``, or :class:`BoundaryError` saying why it is not valid and where."""
    shape = _polygon(rings)
    _check_valid(shape, what)
    return shape


# Strings (their brackets do not nest), runs of anything but brackets, and a quote that never closes.
_STRINGS_AND_NON_BRACKETS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[^\[\]{}"]+|"')
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _depth_exceeds(text: str, limit: int) -> bool:
    """Whether brackets outside strings nest deeper than ``limit``, found without recursing."""
    brackets = _STRINGS_AND_NON_BRACKETS.sub("", text)
    return max(itertools.accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > limit


def _number(text: str) -> float:
    # Every number becomes a float: int("1" * 5000) would raise past Python's digit limit.
    if len(text) > MAX_NUMBER_CHARS:
        raise BoundaryError(
            f"The boundary file has a number that is too long (over {MAX_NUMBER_CHARS} digits)"
        )
    return float(text)


def _not_a_number(text: str) -> float:
    raise BoundaryError(f"The boundary file is not valid GeoJSON: {text} is not a number in JSON")


def _polygons(data: Any) -> list[tuple[Ring, ...]]:
    if not isinstance(data, dict):
        raise BoundaryError("The boundary file must be a GeoJSON object")
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features") or []
        if not isinstance(features, list):
            raise BoundaryError("The features of a FeatureCollection must be a list")
        return [polygon for feature in features for polygon in _polygons(feature)]
    if kind == "Feature":
        return _polygons(data.get("geometry") or {})
    if kind == "Polygon":
        return [_rings(data.get("coordinates"))]
    if kind == "MultiPolygon":
        polygons = data.get("coordinates") or []
        if not isinstance(polygons, list):
            raise BoundaryError("A MultiPolygon's coordinates must be a list of polygons")
        return [_rings(polygon) for polygon in polygons]
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
            # Numbers arrive as floats (see _number), so true, false and "1" are refused here.
            if not isinstance(position, list) or len(position) < 2 or not all(
                type(value) is float for value in position[:2]
            ):
                raise BoundaryError("Each position must be [longitude, latitude] in numbers")
            lon, lat = position[0], position[1]
            if not is_on_earth(lat, lon):
                raise BoundaryError(
                    "Positions must be longitude and latitude in degrees (WGS84), not grid references"
                )
            points.append((lon, lat))
        rings.append(tuple(points))
    return tuple(rings)


def _polygon(rings: tuple[Ring, ...]) -> Polygon:
    return Polygon(rings[0], rings[1:])


_REASON = re.compile(r"^(?P<reason>[^\[]+)\[(?P<lon>\S+) (?P<lat>\S+)(?: \S+)?\]$")


def _check_valid(shape: Polygon, what: str = "The boundary") -> None:
    reason = shapely.is_valid_reason(shape)
    if reason == "Valid Geometry":
        return
    found = _REASON.match(reason or "")
    if found is None:
        raise BoundaryError(f"{what} is not a valid polygon: {reason}")
    where = f"{round(float(found['lat']), 5)}, {round(float(found['lon']), 5)}"
    raise BoundaryError(f"{what} is not a valid polygon: {found['reason']} at or near {where}")


@functools.lru_cache(maxsize=8)
def _boundary(text: str) -> Boundary:
    # A boundary stored before polygons were checked is used as it is: refusing it here would fail
    # every map page and every pin until an officer uploaded it again.
    return _read(text, check_polygons=False)


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
