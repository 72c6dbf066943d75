"""Reading a ward file: a GeoJSON FeatureCollection with one Polygon or MultiPolygon feature per ward,
each with a code and a name.

ONS publishes ward boundaries with properties such as ``WD24CD`` (the GSS code, ``E05...``) and
``WD24NM`` (the name), beside ``LAD24CD``/``LAD24NM`` for the district the ward is in. Any pair
``<prefix>CD``/``<prefix>NM`` is accepted (a ward prefix ``WD..`` is preferred over a district one),
and so are plain ``code``/``name`` (any case). The file's size, nesting and numbers are checked as a
boundary upload's are (:func:`survey.boundary.read_geojson`); each polygon must be valid and in
longitude and latitude. Every refusal names the feature, so an officer can find it in QGIS.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from survey.boundary import BoundaryError, check_polygon, geometry_polygons, read_geojson

MAX_WARDS = 1000
MAX_CODE_CHARS = 20
MAX_NAME_CHARS = 200
# A CRS named in the file (an old GeoJSON habit) must be longitude and latitude.
_WGS84_NAMES = re.compile(r"(CRS84|EPSG::?4326)$", re.IGNORECASE)
_PAIR = re.compile(r"^(?P<prefix>[A-Za-z]*\d*)(?P<part>CD|NM)$", re.IGNORECASE)


class WardFileError(BoundaryError):
    """A ward file that cannot be used, in words an officer can act on (naming the feature)."""


@dataclass(frozen=True)
class ParsedWard:
    """One ward read from the file: its code, name, geometry (as GeoJSON text) and bounding box."""

    code: str
    name: str
    geometry_geojson: str
    bounds: tuple[float, float, float, float]  # (west, south, east, north)


def parse_wards(text: str) -> list[ParsedWard]:
    """Read and check a whole ward file; raises :class:`WardFileError` on the first problem."""
    try:
        data = read_geojson(text, what="ward")
    except WardFileError:
        raise
    except BoundaryError as error:
        raise WardFileError(str(error)) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise WardFileError("The ward file must be a GeoJSON FeatureCollection with one feature per ward")
    _check_crs(data.get("crs"))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise WardFileError("The ward file has no features: it needs one feature per ward")
    if len(features) > MAX_WARDS:
        raise WardFileError(
            f"The ward file has {len(features)} features: a partnership can have at most {MAX_WARDS} wards"
        )
    wards: list[ParsedWard] = []
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        ward = _ward(number, feature)
        if ward.code in seen:
            raise WardFileError(
                f"Feature {number} ({ward.name}, {ward.code}) has the same code as feature "
                f"{seen[ward.code]}: each ward needs its own code"
            )
        seen[ward.code] = number
        wards.append(ward)
    return wards


def _check_crs(crs: Any) -> None:
    if crs is None:
        return
    name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    if not isinstance(name, str) or not _WGS84_NAMES.search(name.strip()):
        shown = name if isinstance(name, str) else "not named"
        raise WardFileError(
            f"The ward file's coordinate system is {shown[:60]}: export it in longitude and "
            "latitude (WGS84, EPSG:4326), for example from QGIS with Save Features As"
        )


def _ward(number: int, feature: Any) -> ParsedWard:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise WardFileError(f"Feature {number} is not a GeoJSON Feature")
    properties = feature.get("properties")
    code, name = code_and_name(properties if isinstance(properties, dict) else {})
    if not code:
        raise WardFileError(
            f"Feature {number}{_called(name)} has no ward code: give each feature a code "
            "property, such as WD24CD or code"
        )
    if not name:
        raise WardFileError(
            f"Feature {number} ({code}) has no ward name: give each feature a name "
            "property, such as WD24NM or name"
        )
    if len(code) > MAX_CODE_CHARS:
        raise WardFileError(f"Feature {number} ({name}) has a code longer than {MAX_CODE_CHARS} characters")
    if len(name) > MAX_NAME_CHARS:
        raise WardFileError(f"Feature {number} ({code}) has a name longer than {MAX_NAME_CHARS} characters")
    label = f"Feature {number} ({name}, {code})"
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        raise WardFileError(f"{label} must be a Polygon or MultiPolygon, not {kind or 'empty'}")
    try:
        shapes = [check_polygon(rings, what=label) for rings in geometry_polygons(geometry)]
    except BoundaryError as error:
        message = str(error)
        raise WardFileError(message if message.startswith(label) else f"{label}: {message}") from None
    west, south, east, north = (float(value) for value in shapely.total_bounds(shapes))
    return ParsedWard(code, name, json.dumps(geometry, separators=(",", ":")), (west, south, east, north))


def _called(name: str) -> str:
    return f" ({name})" if name else ""


def code_and_name(properties: Mapping[str, Any]) -> tuple[str, str]:
    """The ward's code and name from a feature's properties (``WD24CD``/``WD24NM``, ``code``/``name``).

    Plain ``code`` and ``name`` win; otherwise a ``<prefix>CD`` and ``<prefix>NM`` pair: a ward's
    (``WD``) before any other (an ONS ward file also names the district, ``LAD24CD``), then the first
    complete pair.
    """
    lowered = {str(key).lower(): value for key, value in properties.items()}
    code, name = lowered.get("code"), lowered.get("name")
    if code is None or name is None:
        pairs: dict[str, dict[str, Any]] = {}
        for key, value in properties.items():
            found = _PAIR.match(str(key))
            if found:
                pairs.setdefault(found["prefix"].lower(), {})[found["part"].lower()] = value
        # A ward's own prefix wins even when half of it is missing: then the file is refused, rather
        # than a ward named after its district.
        ranked = sorted(pairs, key=lambda prefix: (not prefix.startswith("wd"), len(pairs[prefix]) < 2))
        chosen = pairs[ranked[0]] if ranked else {}
        code = chosen.get("cd") if code is None else code
        name = chosen.get("nm") if name is None else name
    return _text(code), _text(name)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # numbers arrive as floats (survey.boundary): a code 123 is "123"
    return str(value).strip() if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def geometry_shape(geometry_geojson: str) -> BaseGeometry:
    """A stored ward's geometry as a shapely shape."""
    return shapely.from_geojson(geometry_geojson)
