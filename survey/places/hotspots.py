"""Hotspots: place reports counted into the cells of a metric grid, in SQL.

The grid is a local equirectangular projection: one cell is ``cell_m`` metres square near the
grid's reference latitude (the middle of the partnership's boundary), which is within a few per
cent across any one partnership's area. A cell is ``(ix, iy)`` with
``ix = floor((longitude + 180) * metres per degree of longitude / cell_m)`` and likewise for
latitude; the +180/+90 offsets keep every value positive, so the database's integer cast is a
floor on SQLite and ``floor()`` says the same on PostgreSQL.

Officers see every cell with counts by reason, time band and age band; the public sees only
cells with enough reports, their counts rounded to 5 (:func:`public_cells`), and never a point.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Select, and_, cast, func, select
from sqlalchemy.orm import Session, aliased

from survey.boundary import Boundary
from survey.places.reports import BREAKDOWN_QUESTIONS, NO_WARD, PlaceFilters, place_scope
from survey.places.safe_havens import LOCAL_TIME
from survey.storage.models import Answer, Response, Ward
from survey.wards.pin_options import SEPARATOR, options_expression, split_line

METRES_PER_DEGREE_LATITUDE = 110_574.0
METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111_320.0
DEFAULT_REFERENCE_LATITUDE = 54.0  # the middle of Great Britain, for a partnership with no boundary
OFFICER_CELL_M = 250
PUBLIC_ROUNDING = 5


@dataclass(frozen=True)
class Grid:
    """A metric grid: ``cell_m`` metres square near ``reference_latitude``."""

    cell_m: float
    reference_latitude: float = DEFAULT_REFERENCE_LATITUDE

    @property
    def x_cells_per_degree(self) -> float:
        metres = METRES_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(self.reference_latitude))
        return metres / self.cell_m

    @property
    def y_cells_per_degree(self) -> float:
        return METRES_PER_DEGREE_LATITUDE / self.cell_m

    def cell_of(self, latitude: float, longitude: float) -> tuple[int, int]:
        """The cell holding a point (the same arithmetic as the SQL)."""
        return (
            math.floor((longitude + 180) * self.x_cells_per_degree),
            math.floor((latitude + 90) * self.y_cells_per_degree),
        )

    def ring(self, ix: int, iy: int) -> list[list[float]]:
        """The cell's outline as a closed GeoJSON ring of ``[longitude, latitude]``."""
        west, east = ix / self.x_cells_per_degree - 180, (ix + 1) / self.x_cells_per_degree - 180
        south, north = iy / self.y_cells_per_degree - 90, (iy + 1) / self.y_cells_per_degree - 90
        corners = [(west, south), (east, south), (east, north), (west, north), (west, south)]
        return [[round(lon, 6), round(lat, 6)] for lon, lat in corners]

    def centre(self, ix: int, iy: int) -> tuple[float, float]:
        """``(latitude, longitude)`` of the cell's middle."""
        return (
            round((iy + 0.5) / self.y_cells_per_degree - 90, 6),
            round((ix + 0.5) / self.x_cells_per_degree - 180, 6),
        )


def grid_for(boundary: Boundary | None, cell_m: float = OFFICER_CELL_M) -> Grid:
    """The partnership's grid: its reference latitude is the boundary's middle, to 0.1 degrees."""
    if boundary is None:
        return Grid(cell_m)
    south, _west, north, _east = boundary.bounds()
    return Grid(cell_m, round((south + north) / 2, 1))


def cell_key(ix: int, iy: int) -> str:
    """A cell's id in URLs and exports: ``"<ix>_<iy>"``."""
    return f"{ix}_{iy}"


def parse_cell_key(key: str) -> tuple[int, int] | None:
    ix, separator, iy = key.partition("_")
    try:
        return (int(ix), int(iy)) if separator else None
    except ValueError:
        return None


@dataclass
class Cell:
    """One grid cell's reports: the total and ``breakdown[question_id][option] = reports``."""

    ix: int
    iy: int
    reports: int
    breakdown: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return cell_key(self.ix, self.iy)


def _floor(session: Session, expression: ColumnElement[Any]) -> ColumnElement[int]:
    if session.get_bind().dialect.name == "sqlite":
        return cast(expression, BigInteger)  # truncation, and every value is positive
    return cast(func.floor(expression), BigInteger)


def _cell_columns(session: Session, grid: Grid, location: Any) -> tuple[ColumnElement[int], ...]:
    return (
        _floor(session, (location.longitude + 180) * grid.x_cells_per_degree).label("ix"),
        _floor(session, (location.latitude + 90) * grid.y_cells_per_degree).label("iy"),
    )


def pins(
    session: Session, partnership_id: int, filters: PlaceFilters, location: Any, columns: tuple[Any, ...]
) -> Select[Any] | None:
    """``SELECT columns`` over the pinned location answers that pass ``filters``; None if no scope.

    ``location`` is an alias of :class:`Answer` standing for the pin (its ``ward_id`` is the ward).
    """
    scope = place_scope(session, partnership_id)
    if not scope.consultation_ids:
        return None
    query = select(*columns).where(
        location.consultation_id.in_(scope.consultation_ids),
        location.question_id.in_(scope.location_question_ids),
        location.latitude.is_not(None),
        location.longitude.is_not(None),
    )
    if filters.date_from or filters.date_to or filters.channel:
        query = query.join(Response, Response.id == location.response_id)
        if filters.date_from:
            query = query.where(Response.submitted_at >= _local_midnight(filters.date_from))
        if filters.date_to:
            day_after = filters.date_to + dt.timedelta(days=1)
            query = query.where(Response.submitted_at < _local_midnight(day_after))
        if filters.channel:
            query = query.where(Response.channel == filters.channel)
    if filters.ward == NO_WARD:
        query = query.where(location.ward_id.is_(None))
    elif filters.ward:
        query = query.where(
            location.ward_id.in_(
                select(Ward.id).where(Ward.partnership_id == partnership_id, Ward.code == filters.ward)
            )
        )
    for question_id, option in filters.option_conditions():
        chosen = select(Answer.response_id).where(
            Answer.consultation_id.in_(scope.consultation_ids),
            Answer.question_id == question_id,
            Answer.option == option,
        )
        query = query.where(location.response_id.in_(chosen))
    return query


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=LOCAL_TIME)


def aggregate_cells(
    session: Session,
    partnership_id: int,
    grid: Grid,
    filters: PlaceFilters | None = None,
    *,
    breakdown: bool = True,
) -> list[Cell]:
    """Pinned place reports counted per cell (busiest first), with counts by reason, time and age.

    One grouped query over the pins. For the breakdown each pin brings its response's chosen options
    (kept on the pin, :mod:`survey.wards.pin_options`), joined into one text per cell and counted
    here: at 100,000 reports that is a few times quicker than joining every answer of every pinned
    response, which :func:`breakdown_by_join` still does as the reference the tests compare with.
    Reports named without the map count once an officer places them.
    """
    filters = filters or PlaceFilters()
    location = aliased(Answer)
    ix, iy = _cell_columns(session, grid, location)
    columns: tuple[Any, ...] = (ix, iy, func.count().label("reports"))
    if breakdown:
        columns += (func.aggregate_strings(options_expression(location), SEPARATOR).label("options"),)
    query = pins(session, partnership_id, filters, location, columns)
    if query is None:
        return []
    cells = [
        Cell(int(row.ix), int(row.iy), int(row.reports), _counted(row.options) if breakdown else {})
        for row in session.execute(query.group_by(ix, iy))
    ]
    return sorted(cells, key=lambda cell: (-cell.reports, cell.iy, cell.ix))


def _counted(options: str | None) -> dict[str, dict[str, int]]:
    """``{question_id: {option: reports}}`` of the breakdown questions, from a cell's option lines."""
    counts: dict[str, dict[str, int]] = {}
    for line, count in sorted(Counter((options or "").split(SEPARATOR)).items()):
        question_id, option = split_line(line)
        if question_id in BREAKDOWN_QUESTIONS:
            counts.setdefault(question_id, {})[option] = count
    return counts


def breakdown_by_join(
    session: Session, partnership_id: int, grid: Grid, filters: PlaceFilters | None = None
) -> dict[tuple[int, int], dict[str, dict[str, int]]]:
    """The breakdown of every cell counted by joining each pin to its response's answers.

    The definition :func:`aggregate_cells` must agree with (the tests compare them on random data,
    and ``bench.hotspots`` times both); too slow for pages at scale.
    """
    location, other = aliased(Answer), aliased(Answer)
    ix, iy = _cell_columns(session, grid, location)
    parts = pins(
        session,
        partnership_id,
        filters or PlaceFilters(),
        location,
        (ix, iy, other.question_id, other.option, func.count().label("reports")),
    )
    if parts is None:
        return {}
    parts = parts.join(
        other,
        and_(
            other.response_id == location.response_id,
            other.question_id.in_(BREAKDOWN_QUESTIONS),
            other.option.is_not(None),
        ),
    )
    cells: dict[tuple[int, int], dict[str, dict[str, int]]] = {}
    for row in session.execute(parts.group_by(ix, iy, other.question_id, other.option)):
        counts = cells.setdefault((int(row.ix), int(row.iy)), {})
        counts.setdefault(row.question_id, {})[row.option] = int(row.reports)
    return cells


def cell_response_ids(
    session: Session, partnership_id: int, grid: Grid, ix: int, iy: int, filters: PlaceFilters | None = None
) -> list[int]:
    """The responses whose pin lies in cell ``(ix, iy)`` and pass ``filters``, newest first."""
    location = aliased(Answer)
    cell_x, cell_y = _cell_columns(session, grid, location)
    query = pins(session, partnership_id, filters or PlaceFilters(), location, (location.response_id,))
    if query is None:
        return []
    query = query.where(cell_x == ix, cell_y == iy).order_by(location.response_id.desc())
    return list(session.scalars(query))


def round_to(count: int, base: int = PUBLIC_ROUNDING) -> int:
    """``count`` rounded to the nearest ``base`` (halves up: 12 -> 10, 13 -> 15)."""
    return int(base * math.floor(count / base + 0.5))


def public_cells(session: Session, partnership_id: int, grid: Grid, *, min_reports: int) -> list[Cell]:
    """Cells safe to publish: at least ``min_reports`` reports, counts rounded to 5, no breakdown.

    No filters are offered: two filtered maps could be subtracted to reveal a small count.
    """
    cells = aggregate_cells(session, partnership_id, grid, breakdown=False)
    return [Cell(cell.ix, cell.iy, round_to(cell.reports)) for cell in cells if cell.reports >= min_reports]


def cells_geojson(
    cells: list[Cell], grid: Grid, *, with_breakdown: bool = True, names: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of cell polygons (WGS84) for maps, QGIS and CCTV siting.

    Properties are flat (``"reasons.poor_lighting": 12``) so GIS tools show them as columns. With
    ``names`` (``survey.places.by_ward.cell_names``) each square also says its ward and nearest place.
    """
    features = []
    for cell in cells:
        properties: dict[str, Any] = {"cell": cell.key, "reports": cell.reports}
        name = (names or {}).get(cell.key)
        if name is not None:
            properties.update(
                {
                    "ward_code": name.ward_code,
                    "ward_name": name.ward_name,
                    "nearest_named_place": name.near,
                    "where": str(name),
                }
            )
        if with_breakdown:
            properties.update(flat_breakdown(cell))
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [grid.ring(cell.ix, cell.iy)]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "cell_size_m": grid.cell_m, "features": features}


def flat_breakdown(cell: Cell) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for question_id, options in sorted(cell.breakdown.items()):
        for option, count in sorted(options.items()):
            counts[f"{question_id}.{option}"] = count
    return dict(counts)
