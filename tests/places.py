"""Builders for place tests: a place-report consultation, reports through the real write path, havens."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Any

from sqlalchemy.orm import Session

from survey.boundary import boundary_of, save_boundary
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.places.hotspots import OFFICER_CELL_M, cell_key, grid_for
from survey.places.safe_havens import save_haven
from survey.responses.store import store_response
from survey.runner.navigation import validate_answer
from survey.storage.models import Consultation, Partnership, Response, SafeHaven
from survey.vocabulary import Channel, ConsultationStatus

DEMO_BOUNDARY = files("demo").joinpath("data/demo-boundary.geojson")
INSIDE = (51.5032, -0.1205)  # inside the demo boundary
OUTSIDE = (51.4700, -0.2000)
PLACE_REPORT_WITH_LISTS = template_path("place-report").read_text(encoding="utf-8").replace(
    "        allow_description: true\n",
    "        allow_description: true\n"
    "        areas: [{value: northgate, label: Northgate}, {value: riverside, label: Riverside}]\n"
    "        landmarks: [{value: bus_station, label: The bus station}]\n",
)


def make_place_consultation(session: Session, partnership: Partnership, slug: str | None = None,
                            *, boundary: bool = True) -> Consultation:
    if boundary:
        save_boundary(session, partnership, DEMO_BOUNDARY.read_text(encoding="utf-8"))
    return create_consultation(session, partnership, PLACE_REPORT_WITH_LISTS,
                               slug=slug or f"{partnership.slug}-places", status=ConsultationStatus.OPEN)


def store_place_report(
    session: Session,
    consultation: Consultation,
    *,
    place: dict[str, Any],
    feeling: str = "unsafe",
    reasons: list[str] | None = None,
    times: list[str] | None = None,
    age_band: str | None = None,
    details: str | None = None,
    channel: Channel = Channel.WEB,
    submitted_at: dt.datetime | None = None,
) -> Response:
    """A place report stored through ``store_response`` (validated like a respondent's answers)."""
    definition = definition_of(consultation)
    raw: dict[str, Any] = {"feeling": feeling, "place": place,
                           "time_of_day": times or ["evening"], "day_type": "both"}
    if feeling == "unsafe":
        raw["reasons"] = reasons or ["poor_lighting"]
    else:
        raw["safe_reasons"] = ["busy"]
    if age_band:
        raw["about_age_band"] = age_band
    if details:
        raw["details"] = details
    answers = {qid: validate_answer(definition.question(qid), value) for qid, value in raw.items()}
    return store_response(session, consultation, definition, answers, channel=channel,
                          submitted_at=submitted_at).response


def haven_values(**overrides: Any) -> dict[str, Any]:
    values = {
        "name": "Station Pharmacy", "kind": "pharmacy", "address": "3 Station Approach",
        "latitude": 51.5041, "longitude": -0.1188, "contact": "020 7946 0002",
        "opening_hours": {"mon": [["09:00", "17:30"]]},
        "verified_until": dt.date.today() + dt.timedelta(days=90),
    }
    return {**values, **overrides}


def make_haven(session: Session, partnership: Partnership, **overrides: Any) -> SafeHaven:
    return save_haven(session, partnership.id, haven_values(**overrides))


def place_records(session: Session, partnership: Partnership) -> tuple[SafeHaven, Response, str]:
    """A haven, a report named without the map, and the cell of a pinned report, all the partnership's."""
    consultation = make_place_consultation(session, partnership)
    haven = make_haven(session, partnership)
    unplaced = store_place_report(session, consultation, place={"description": "Behind the library"})
    store_place_report(session, consultation, place={"latitude": INSIDE[0], "longitude": INSIDE[1]})
    grid = grid_for(boundary_of(partnership), OFFICER_CELL_M)
    return haven, unplaced, cell_key(*grid.cell_of(*INSIDE))
