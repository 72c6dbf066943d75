"""Which ward a point lies in: a spatial index (shapely's STRtree) over the partnership's prepared
ward polygons, built once per process and partnership and rebuilt when the wards change.

A point on the line two wards share lies in both; it goes to the ward whose code sorts first, so the
answer never depends on the order of a query. A point outside every ward has no ward (``None``).

The cache is checked with one small query (how many wards, the highest id, the newest time); a ward
import replaces every row, so it changes that stamp and the next lookup in any process rebuilds.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely import STRtree
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, undefer

from survey.storage.models import Answer, Response, Ward
from survey.wards.parsing import geometry_shape
from survey.wards.pin_options import fill_answer, fill_rows

_UPDATE_BATCH = 500


@dataclass(frozen=True)
class WardIndex:
    """The wards of one partnership, ready for point lookups."""

    ids: tuple[int, ...]
    codes: tuple[str, ...]
    names: tuple[str, ...]
    tree: STRtree | None
    shapes: Any = None  # the prepared polygons, in the tree's order

    def ward_ids_at(self, points: Sequence[tuple[float, float]]) -> list[int | None]:
        """The ward id of each ``(latitude, longitude)``, or ``None`` outside every ward."""
        if self.tree is None or not points:
            return [None] * len(points)
        xs = np.array([longitude for _, longitude in points], dtype=float)
        ys = np.array([latitude for latitude, _ in points], dtype=float)
        # Bounding boxes first (the tree), then the exact test against prepared polygons.
        point_idx, ward_idx = self.tree.query(shapely.points(xs, ys))
        inside = shapely.intersects_xy(self.shapes[ward_idx], xs[point_idx], ys[point_idx])
        positions: list[int | None] = [None] * len(points)
        for point, ward in zip(point_idx[inside].tolist(), ward_idx[inside].tolist(), strict=True):
            current = positions[point]
            # Position order is code order (see load_index): the lower position wins on a shared border.
            if current is None or ward < current:
                positions[point] = ward
        return [None if position is None else self.ids[position] for position in positions]

    def ward_id_at(self, latitude: float, longitude: float) -> int | None:
        """The ward id of one point, or ``None`` outside every ward."""
        return self.ward_ids_at([(latitude, longitude)])[0]

    def name_of(self, ward_id: int) -> tuple[str, str] | None:
        """``(code, name)`` of one of these wards."""
        try:
            position = self.ids.index(ward_id)
        except ValueError:
            return None
        return self.codes[position], self.names[position]


_EMPTY = WardIndex((), (), (), None)
_cache: dict[int, tuple[tuple[Any, ...], WardIndex]] = {}
_lock = threading.Lock()


def _stamp(session: Session, partnership_id: int) -> tuple[Any, ...]:
    row = session.execute(
        select(func.count(Ward.id), func.max(Ward.id), func.max(Ward.created_at)).where(
            Ward.partnership_id == partnership_id
        )
    ).one()
    return tuple(row)


def load_index(session: Session, partnership_id: int) -> WardIndex:
    """Build the index from the database (no cache)."""
    wards = session.scalars(
        select(Ward).where(Ward.partnership_id == partnership_id).options(undefer(Ward.geometry_geojson))
    ).all()
    # Sorted here, not in SQL: PostgreSQL's collation and SQLite's byte order may disagree.
    return index_of(
        [
            (ward.id, ward.code, ward.name, ward.geometry_geojson)
            for ward in sorted(wards, key=lambda ward: (ward.code, ward.id))
        ]
    )


def index_of(wards: Sequence[tuple[int, str, str, str]]) -> WardIndex:
    """An index over ``(id, code, name, geometry GeoJSON)`` records, which must be in code order."""
    if not wards:
        return _EMPTY
    shapes = np.array([geometry_shape(geometry) for _, _, _, geometry in wards], dtype=object)
    shapely.prepare(shapes)
    return WardIndex(
        tuple(ward[0] for ward in wards),
        tuple(ward[1] for ward in wards),
        tuple(ward[2] for ward in wards),
        STRtree(shapes),
        shapes,
    )


def ward_index(session: Session, partnership_id: int) -> WardIndex:
    """The partnership's ward index, from this process's cache while the wards are unchanged."""
    stamp = _stamp(session, partnership_id)
    if stamp[0] == 0:
        return _EMPTY
    cached = _cache.get(partnership_id)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    index = load_index(session, partnership_id)
    with _lock:
        _cache[partnership_id] = (stamp, index)
    return index


def forget_index(partnership_id: int) -> None:
    """Drop this process's cached index (after an import; other processes see the new stamp)."""
    with _lock:
        _cache.pop(partnership_id, None)


def assign_rows(session: Session, partnership_id: int, rows: Sequence[dict[str, Any]]) -> None:
    """Set ``ward_id`` on answer rows about to be inserted (the dicts of ``survey.responses.store``).

    Every row gets the key, so a bulk insert has the same columns in every row; only a row with a pin
    costs a lookup, and a response without one costs no query at all. A pin also gets its response's
    chosen options (:mod:`survey.wards.pin_options`), so ``rows`` must hold whole responses.
    """
    fill_rows(rows)
    pinned = [row for row in rows if row.get("latitude") is not None and row.get("longitude") is not None]
    for row in rows:
        row.setdefault("ward_id", None)
    if not pinned:
        return
    index = ward_index(session, partnership_id)
    for row, ward_id in zip(
        pinned, index.ward_ids_at([(row["latitude"], row["longitude"]) for row in pinned]), strict=True
    ):
        row["ward_id"] = ward_id


def assign_answer(session: Session, partnership_id: int, answer: Answer) -> None:
    """Set one stored answer's ward (and options, if it has none) from its pin (after an officer puts
    a report on the map)."""
    if answer.latitude is None or answer.longitude is None:
        answer.ward_id = None
        return
    fill_answer(session, answer)
    answer.ward_id = ward_index(session, partnership_id).ward_id_at(answer.latitude, answer.longitude)


def reassign_partnership(session: Session, partnership_id: int, index: WardIndex | None = None) -> int:
    """Assign every pinned answer of the partnership to its ward again; returns how many have one."""
    index = index if index is not None else ward_index(session, partnership_id)
    partnership_answers = select(Response.id).where(Response.partnership_id == partnership_id)
    session.execute(
        update(Answer)
        .where(Answer.response_id.in_(partnership_answers), Answer.ward_id.is_not(None))
        .values(ward_id=None)
        .execution_options(synchronize_session=False)
    )
    pins = session.execute(
        select(Answer.id, Answer.latitude, Answer.longitude).where(
            Answer.response_id.in_(partnership_answers),
            Answer.latitude.is_not(None),
            Answer.longitude.is_not(None),
        )
    ).all()
    ward_ids = index.ward_ids_at([(row.latitude, row.longitude) for row in pins])
    by_ward: dict[int, list[int]] = {}
    for row, ward_id in zip(pins, ward_ids, strict=True):
        if ward_id is not None:
            by_ward.setdefault(ward_id, []).append(row.id)
    for ward_id, answer_ids in by_ward.items():
        for start in range(0, len(answer_ids), _UPDATE_BATCH):
            session.execute(
                update(Answer)
                .where(Answer.id.in_(answer_ids[start : start + _UPDATE_BATCH]))
                .values(ward_id=ward_id)
                .execution_options(synchronize_session=False)
            )
    session.expire_all()
    return sum(len(ids) for ids in by_ward.values())
