"""A partnership's wards in the database: replaced whole by an import, listed with their place reports.

An import is all or nothing: the file is read and checked completely before anything changes, then
the old wards go, the new ones are stored and every pinned answer of the partnership is assigned to
its new ward, in one transaction (the caller commits).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from survey.boundary import Boundary, boundary_of
from survey.storage.models import Answer, Partnership, Response, Ward
from survey.storage.types import utcnow
from survey.wards.index import forget_index, load_index, reassign_partnership
from survey.wards.parsing import ParsedWard, WardFileError, geometry_shape, parse_wards


@dataclass(frozen=True)
class WardImport:
    """What an import did: how many wards it stored and how many pinned answers fell in one."""

    wards: int
    assigned: int
    pinned: int


def import_wards(session: Session, partnership_id: int, text: str) -> WardImport:
    """Check a ward file and replace the partnership's wards with it; raises
    :class:`survey.wards.parsing.WardFileError` (nothing changed) when the file cannot be used."""
    return replace_wards(session, partnership_id, parse_wards(text))


def replace_wards(session: Session, partnership_id: int, parsed: list[ParsedWard]) -> WardImport:
    """Replace the partnership's wards with ``parsed`` and assign every pinned answer again.

    Raises :class:`WardFileError` (nothing changed) when a ward lies wholly outside the partnership's
    boundary: another area's file, or latitude and longitude the wrong way round.
    """
    check_inside(parsed, boundary_of(session.get(Partnership, partnership_id)))
    partnership_answers = select(Response.id).where(Response.partnership_id == partnership_id)
    # Answers let go of the old wards first: no database is trusted to SET NULL on its own.
    session.execute(
        update(Answer)
        .where(Answer.response_id.in_(partnership_answers), Answer.ward_id.is_not(None))
        .values(ward_id=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        delete(Ward).where(Ward.partnership_id == partnership_id).execution_options(synchronize_session=False)
    )
    now = utcnow()
    for ward in parsed:
        west, south, east, north = ward.bounds
        session.add(
            Ward(
                partnership_id=partnership_id,
                code=ward.code,
                name=ward.name,
                geometry_geojson=ward.geometry_geojson,
                min_longitude=west,
                min_latitude=south,
                max_longitude=east,
                max_latitude=north,
                created_at=now,
            )
        )
    session.flush()
    forget_index(partnership_id)
    assigned = reassign_partnership(session, partnership_id, load_index(session, partnership_id))
    pinned = (
        session.scalar(
            select(func.count(Answer.id)).where(
                Answer.response_id.in_(partnership_answers), Answer.latitude.is_not(None)
            )
        )
        or 0
    )
    return WardImport(len(parsed), assigned, pinned)


def check_inside(parsed: list[ParsedWard], boundary: Boundary | None) -> None:
    """Refuse, naming the feature, a ward that shares nothing with the boundary (if there is one)."""
    if boundary is None:
        return
    for number, ward in enumerate(parsed, start=1):
        if not boundary.intersects(geometry_shape(ward.geometry_geojson)):
            raise WardFileError(
                f"Feature {number} ({ward.name}, {ward.code}) lies wholly outside your "
                "partnership's boundary: load only your own area's wards, with longitude "
                "before latitude"
            )


def partnership_wards(session: Session, partnership_id: int) -> list[Ward]:
    """The partnership's wards by name (for lists and the ward a tension entry is about)."""
    return list(
        session.scalars(
            select(Ward).where(Ward.partnership_id == partnership_id).order_by(Ward.name, Ward.code)
        )
    )


def partnership_ward(session: Session, partnership_id: int, code: str) -> Ward | None:
    """One of the partnership's wards by code; another partnership's ward is ``None``."""
    return session.scalar(select(Ward).where(Ward.partnership_id == partnership_id, Ward.code == code))
