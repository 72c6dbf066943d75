"""Place reports and hotspots as another partnership (or an agency) receives them.

What crosses is less than the sharing partnership's officers see: no reference (it unlocks a
reporter's check page), the day and not the time, the pin rounded to 3 decimal places (about 100
metres) with its ward, and free text (the words of a free-text answer, a place's description, an
"other" answer's words) only when the agreement says so, and never words flagged as perhaps holding
someone's personal details until an officer has reviewed them (``survey.responses.personal_data``).
Hotspot counts are protected like the public figures: a square with fewer than 10 reports is not
shown, and others are rounded to the nearest 5.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from survey.answers import AnswerPart
from survey.boundary import boundary_of
from survey.places.by_ward import cell_names
from survey.places.hotspots import OFFICER_CELL_M, Cell, aggregate_cells, grid_for, pins, round_to
from survey.places.reports import PlaceFilters, place_scope
from survey.places.safe_havens import LOCAL_TIME
from survey.question_types import display
from survey.responses.store import response_answers
from survey.storage.models import Answer, Partnership, Response, Ward

#: The smallest count shown (the ONS 10-5 rule of the public figures; analysis.disclosure.THRESHOLD).
SMALLEST_COUNT = 10
PIN_DECIMALS = 3
REPORTS_SHOWN = 500
FREE_TEXT_TYPES = ("free_text",)


@dataclass(frozen=True)
class Area:
    """What part of a partnership's area is shared: one ward (by code) or the whole area."""

    partnership_id: int
    ward_code: str | None = None

    @property
    def filters(self) -> PlaceFilters:
        return PlaceFilters(ward=self.ward_code) if self.ward_code else PlaceFilters()


@dataclass(frozen=True)
class SharedPlaceReport:
    """One place report as it crosses to another partnership or agency."""

    submitted_on: dt.date
    ward_code: str | None
    ward_name: str | None
    latitude: float
    longitude: float
    place: str
    """The area or landmark chosen (and the words given, with free text), else ``""``."""
    answers: tuple[tuple[str, str, str], ...]
    """``(question id, question text, answer as a person reads it)`` for each answered question."""


@dataclass(frozen=True)
class SharedCell:
    """A hotspot square with its rounded count (squares under :data:`SMALLEST_COUNT` are left out)."""

    key: str
    reports: int
    where: str


def area_name(session: Session, area: Area) -> str:
    """The shared area in words: "Station ward (E05000001)" or "The whole area"."""
    if area.ward_code is None:
        return "The whole area"
    ward = session.scalar(
        select(Ward).where(Ward.partnership_id == area.partnership_id, Ward.code == area.ward_code)
    )
    return f"{ward.name} ward ({ward.code})" if ward else f"Ward {area.ward_code} (no longer loaded)"


def shared_reports(
    session: Session, area: Area, *, free_text: bool, limit: int = REPORTS_SHOWN
) -> list[SharedPlaceReport]:
    """The pinned place reports in ``area``, newest first, as they may cross (see the module)."""
    location = aliased(Answer)
    query = pins(session, area.partnership_id, area.filters, location, (location.response_id,))
    if query is None:
        return []
    ids = list(session.scalars(query.order_by(location.response_id.desc()).limit(limit)))
    if not ids:
        return []
    scope = place_scope(session, area.partnership_id)
    responses = session.scalars(
        select(Response)
        .where(Response.id.in_(ids), Response.partnership_id == area.partnership_id)
        .options(selectinload(Response.answers))
    ).all()
    ward_ids = {a.ward_id for r in responses for a in r.answers if a.ward_id}
    wards = (
        {
            w.id: w
            for w in session.scalars(
                select(Ward).where(Ward.id.in_(ward_ids), Ward.partnership_id == area.partnership_id)
            )
        }
        if ward_ids
        else {}
    )
    by_id = {r.id: r for r in responses}
    return [
        _shared(by_id[i], scope.definitions[by_id[i].consultation_id], wards, free_text)
        for i in ids
        if i in by_id
    ]


def _shared(response: Response, definition, wards: dict[int, Ward], free_text: bool) -> SharedPlaceReport:  # type: ignore[no-untyped-def]
    parts = response_answers(response)
    # Words that may name someone cross to no one before an officer has reviewed them.
    withheld = {
        a.question_id for a in response.answers if a.personal_data and a.personal_data_reviewed_at is None
    }
    ward = next((wards.get(a.ward_id) for a in response.answers if a.ward_id), None)
    latitude = longitude = 0.0
    place = ""
    answers = []
    for question in definition.questions:
        answer = parts.get(question.id)
        if not answer:
            continue
        words = free_text and question.id not in withheld
        if question.type == "location":
            pin = answer[0]
            latitude, longitude = (
                round(pin.latitude or 0.0, PIN_DECIMALS),
                round(pin.longitude or 0.0, PIN_DECIMALS),
            )
            named = AnswerPart(option=pin.option, text=pin.text if words else None)
            place = display(question, (named,)) if (named.option or named.text) else ""
            continue
        if question.type in FREE_TEXT_TYPES and not words:
            continue
        if not words:
            answer = tuple(dataclasses.replace(part, text=None) for part in answer)
        answers.append((question.id, question.text, display(question, answer)))
    submitted_on = response.submitted_at.astimezone(LOCAL_TIME).date()
    return SharedPlaceReport(
        submitted_on,
        ward.code if ward else None,
        ward.name if ward else None,
        latitude,
        longitude,
        place,
        tuple(answers),
    )


def shared_cells(session: Session, area: Area, partnership: Partnership) -> list[SharedCell]:
    """The area's hotspot squares with at least :data:`SMALLEST_COUNT` reports, counts rounded to 5,
    busiest first, each named by its ward and nearest safe haven."""
    grid = grid_for(boundary_of(partnership), OFFICER_CELL_M)
    cells = [
        cell
        for cell in aggregate_cells(session, area.partnership_id, grid, area.filters, breakdown=False)
        if cell.reports >= SMALLEST_COUNT
    ]
    names = cell_names(session, area.partnership_id, grid, cells)
    return [
        SharedCell(
            cell.key,
            round_to(cell.reports),
            str(names[cell.key]) if cell.key in names else "Square " + cell.key,
        )
        for cell in _busiest(cells)
    ]


def _busiest(cells: list[Cell]) -> list[Cell]:
    return sorted(cells, key=lambda cell: (-cell.reports, cell.key))
