"""Place reports by ward: counts per ward (with the hotspot filters), and hotspot squares named by
their ward and the nearest named place, so an officer reads "Station ward, near Station Pharmacy"
rather than coordinates.

The named places are the partnership's safe havens: the places it keeps a checked list of and
residents know. A square is named by the ward at its middle; the reports in a square near a ward's
edge may lie in the ward next door, which the reports themselves show.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session, aliased

from survey.places.hotspots import Cell, Grid, pins
from survey.places.reports import FEELING, PlaceFilters
from survey.places.safe_havens import distance_m, partnership_havens
from survey.storage.models import Answer
from survey.wards.index import ward_index
from survey.wards.register import partnership_wards

NEAR_M = 1500  # a named place further away than this says little about where a square is


@dataclass(frozen=True)
class WardCount:
    """One ward's pinned place reports (``code`` is ``None`` for pins outside every ward)."""

    code: str | None
    name: str
    reports: int
    unsafe: int


def ward_counts(
    session: Session, partnership_id: int, filters: PlaceFilters | None = None
) -> list[WardCount]:
    """Pinned place reports per ward, every ward listed (busiest first, then by name); pins outside
    every ward come last when there are any. Two grouped queries, whatever the number of wards."""
    filters = filters or PlaceFilters()
    location = aliased(Answer)
    totals = pins(
        session, partnership_id, filters, location, (location.ward_id, func.count().label("reports"))
    )
    reports: dict[int | None, int] = {}
    unsafe: dict[int | None, int] = {}
    if totals is not None:
        reports = {
            row.ward_id: int(row.reports) for row in session.execute(totals.group_by(location.ward_id))
        }
        feeling = aliased(Answer)
        query = pins(
            session, partnership_id, filters, location, (location.ward_id, func.count().label("reports"))
        )
        assert query is not None
        query = query.join(
            feeling,
            (feeling.response_id == location.response_id)
            & (feeling.question_id == FEELING)
            & (feeling.option == "unsafe"),
        )
        unsafe = {row.ward_id: int(row.reports) for row in session.execute(query.group_by(location.ward_id))}
    counts = [
        WardCount(ward.code, ward.name, reports.get(ward.id, 0), unsafe.get(ward.id, 0))
        for ward in partnership_wards(session, partnership_id)
    ]
    counts.sort(key=lambda count: (-count.reports, count.name))
    if reports.get(None):
        counts.append(WardCount(None, "Outside every ward", reports[None], unsafe.get(None, 0)))
    return counts


@dataclass(frozen=True)
class PlaceName:
    """Where a square is, in words: its ward and the nearest named place."""

    ward_code: str | None
    ward_name: str | None
    near: str | None
    near_m: int | None
    has_wards: bool = True
    """Whether the partnership has wards at all (if not, a square is named by its place alone)."""

    def __str__(self) -> str:
        where = (
            f"{self.ward_name} ward" if self.ward_name else ("Outside every ward" if self.has_wards else "")
        )
        if self.near:
            nearby = f"near {self.near} (about {self.near_m} metres)"
            return f"{where}, {nearby}" if where else nearby[0].upper() + nearby[1:]
        return where or "No named place nearby"


def cell_names(session: Session, partnership_id: int, grid: Grid, cells: list[Cell]) -> dict[str, PlaceName]:
    """``{cell key: PlaceName}`` for these squares, from the ward at each middle and the nearest haven.

    Empty when the partnership has neither wards nor safe havens: there is nothing to name a square by.
    """
    index = ward_index(session, partnership_id)
    places = [
        (haven.name, haven.latitude, haven.longitude) for haven in partnership_havens(session, partnership_id)
    ]
    if not cells or (index.tree is None and not places):
        return {}
    centres = [grid.centre(cell.ix, cell.iy) for cell in cells]
    ward_ids = index.ward_ids_at(centres)
    names = {}
    for cell, (latitude, longitude), ward_id in zip(cells, centres, ward_ids, strict=True):
        found = index.name_of(ward_id) if ward_id is not None else None
        code, name = found or (None, None)
        near, near_m = None, None
        if places:
            distance, place = min(
                (distance_m(latitude, longitude, lat, lon), place) for place, lat, lon in places
            )
            if distance <= NEAR_M:
                near, near_m = place, int(round(distance, -1))
        names[cell.key] = PlaceName(code, name, near, near_m, index.tree is not None)
    return names


def ward_choices(session: Session, partnership_id: int) -> list[tuple[str, str]]:
    """``(code, name)`` of the partnership's wards, for a ward filter."""
    return [(ward.code, ward.name) for ward in partnership_wards(session, partnership_id)]
