"""Demo places: the demo boundary, its wards and landmarks, safe havens and a few hundred reports.

Reports cluster where they would in a real borough (a bus station after dark, an underpass, a
park, a late-night high street) with the reasons people give there. About one in seven names the
place without the map. Every report goes through :func:`survey.responses.store.store_response`.
Idempotent, and deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from importlib.resources import files
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.boundary import Boundary, boundary_of, save_boundary
from survey.consultations import definition_of, partnership_consultation
from survey.definitions.definition import Definition, parse_definition
from survey.places.safe_havens import all_day, save_haven
from survey.responses.store import store_response
from survey.runner.navigation import validate_answer
from survey.storage.models import Consultation, Partnership, Response, SafeHaven
from survey.vocabulary import Channel, DefinitionKind

DEMO_SEED = 4
DEMO_REPORTS = 320
DEMO_AREAS = [
    {"value": "northgate", "label": "Northgate"}, {"value": "riverside", "label": "Riverside"},
    {"value": "market", "label": "Market"}, {"value": "parkside", "label": "Parkside"},
    {"value": "station", "label": "Station"},
]
DEMO_LANDMARKS = [
    {"value": "bus_station", "label": "The bus station"},
    {"value": "high_street", "label": "The High Street"},
    {"value": "riverside_park", "label": "Riverside Park"},
    {"value": "leisure_centre", "label": "The leisure centre"},
    {"value": "canal_underpass", "label": "The canal underpass"},
]
# (latitude, longitude, spread in degrees, weight, unsafe share, reasons with weights, landmark)
_HOTSPOTS: list[tuple[float, float, float, int, float, dict[str, int], str]] = [
    (51.5032, -0.1205, 0.0012, 30, 0.85, {"groups_gathering": 5, "anti_social_behaviour": 4,
                                           "drug_dealing": 3, "fear_of_knife_crime": 2}, "bus_station"),
    (51.5148, -0.1062, 0.0009, 20, 0.9, {"poor_lighting": 6, "isolated": 5, "harassment": 2},
     "canal_underpass"),
    (51.4985, -0.1352, 0.0015, 22, 0.7, {"street_drinking": 5, "harassment": 4,
                                          "anti_social_behaviour": 3}, "high_street"),
    (51.5205, -0.1290, 0.0018, 14, 0.6, {"poor_lighting": 4, "isolated": 3, "drug_dealing": 2},
     "riverside_park"),
    (51.5090, -0.0950, 0.0012, 8, 0.3, {"traffic": 4, "groups_gathering": 1}, "leisure_centre"),
]
_SCATTER_WEIGHT = 12
_TIMES = {"morning": 1, "daytime": 2, "after_school": 5, "evening": 6, "night": 5}
_AGES = {"11_15": 22, "16_17": 16, "18_24": 14, "25_34": 12, "35_44": 10, "45_54": 8, "55_64": 6,
         "65_74": 3, "prefer_not_to_say": 3, "": 6}
_SAFE_REASONS = {"well_lit": 4, "busy": 5, "staff_or_security": 3, "cctv": 3, "safe_haven": 2}
_DESCRIPTIONS = ["The alley behind the chip shop", "Bus stop outside the library",
                 "Footpath by the canal", "Car park behind the shops", "The bridge over the railway"]
_DETAILS = ["The street lights have been out for weeks.", "Older boys hang around here after school.",
            "It is really dark and nobody is around.", "There are always staff here so I feel ok.", ""]


def _demo_havens(today: dt.date) -> list[dict[str, Any]]:
    weekdays = {day: [["09:00", "17:30"]] for day in ("mon", "tue", "wed", "thu", "fri")}
    return [
        {"name": "Northgate Library", "kind": "library", "address": "12 Library Street, Northgate",
         "latitude": 51.5221, "longitude": -0.1251, "contact": "020 7946 0001",
         "opening_hours": {**weekdays, "sat": [["10:00", "16:00"]]}},
        {"name": "Station Pharmacy", "kind": "pharmacy", "address": "3 Station Approach",
         "latitude": 51.5041, "longitude": -0.1188, "contact": "020 7946 0002",
         "opening_hours": {**{d: [["08:00", "22:00"]] for d in weekdays}, "sat": [["09:00", "20:00"]],
                           "sun": [["10:00", "16:00"]]}},
        {"name": "Market Street Cafe", "kind": "cafe", "address": "41 Market Street",
         "latitude": 51.4992, "longitude": -0.1330, "contact": None,
         "opening_hours": {d: [["07:30", "15:00"]] for d in (*weekdays, "sat")}},
        {"name": "Riverside Leisure Centre", "kind": "leisure", "address": "Riverside Road",
         "latitude": 51.5101, "longitude": -0.0962, "contact": "020 7946 0004",
         "opening_hours": {d: [["06:30", "22:00"]] for d in (*weekdays, "sat", "sun")}},
        {"name": "24 Hour Garage Shop", "kind": "shop", "address": "200 High Road",
         "latitude": 51.5150, "longitude": -0.1420, "contact": None, "opening_hours": all_day()},
        # Expired: its check lapsed, so the public never sees it until an officer checks it again.
        {"name": "Parkside Community Centre", "kind": "community", "address": "Parkside Avenue",
         "latitude": 51.5170, "longitude": -0.1150, "contact": "020 7946 0006",
         "opening_hours": weekdays, "verified_until": today - dt.timedelta(days=20)},
    ]


def load_demo_places(session: Session, partnership: Partnership, *, seed: int = DEMO_SEED,
                     reports: int = DEMO_REPORTS, today: dt.date | None = None,
                     slug: str = "safe-spaces") -> None:
    """Give the demo partnership its boundary, wards, landmarks, safe havens and place reports."""
    today = today or dt.date.today()
    boundary = boundary_of(partnership)
    if boundary is None:
        text = files("demo").joinpath("data/demo-boundary.geojson").read_text(encoding="utf-8")
        boundary = save_boundary(session, partnership, text)
    known = set(session.scalars(select(SafeHaven.name).where(SafeHaven.partnership_id == partnership.id)))
    for values in _demo_havens(today):
        if values["name"] not in known:
            save_haven(session, partnership.id, {"verified_until": today + dt.timedelta(days=300), **values})
    consultation = partnership_consultation(session, partnership.id, slug)
    if consultation is None or consultation.kind != DefinitionKind.PLACE_REPORT:
        return
    stored = session.scalar(select(func.count()).select_from(Response)
                            .where(Response.consultation_id == consultation.id))
    if stored:
        return
    definition = _with_demo_lists(session, consultation)
    rng = random.Random(seed)
    now = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC)
    for _ in range(reports):
        answers = _report(rng, definition, boundary)
        submitted = now - dt.timedelta(days=rng.uniform(0, 120), hours=rng.uniform(0, 12))
        channel = Channel.PAPER if rng.random() < 0.1 else Channel.WEB
        store_response(session, consultation, definition, answers, channel=channel, submitted_at=submitted)


def _with_demo_lists(session: Session, consultation: Consultation) -> Definition:
    """The demo definition with its wards and landmarks (a partnership edits its own copy)."""
    definition = definition_of(consultation)
    location = next(question for question in definition.questions if question.type == "location")
    if location.areas or location.landmarks:
        return definition
    data = yaml.safe_load(consultation.definition.source)
    for page in data["pages"]:
        for question in page["questions"]:
            if question.get("id") == location.id:
                question["areas"], question["landmarks"] = DEMO_AREAS, DEMO_LANDMARKS
    source = "# The place-report template with the demo borough's wards and landmarks.\n" + yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100)
    definition = parse_definition(source, source_name=f"{consultation.slug}.yaml")
    consultation.definition.source = source
    session.flush()
    return definition


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _some(rng: random.Random, weights: dict[str, float], most: int = 3) -> list[str]:
    chosen = {_pick(rng, weights) for _ in range(rng.randint(1, most))}
    return sorted(chosen)


def _report(rng: random.Random, definition: Definition, boundary: Boundary) -> dict[str, Any]:
    weights = [spot[3] for spot in _HOTSPOTS] + [_SCATTER_WEIGHT]
    index = rng.choices(range(len(weights)), weights=weights)[0]
    spot = _HOTSPOTS[index] if index < len(_HOTSPOTS) else None
    unsafe = rng.random() < (spot[4] if spot else 0.5)
    raw: dict[str, Any] = {"feeling": "unsafe" if unsafe else "safe", "place": _place(rng, spot, boundary)}
    if unsafe:
        raw["reasons"] = _some(rng, spot[5] if spot else {"poor_lighting": 2, "isolated": 2, "harassment": 1})
    else:
        raw["safe_reasons"] = _some(rng, _SAFE_REASONS)
    raw["time_of_day"] = _some(rng, _TIMES, 2)
    raw["day_type"] = _pick(rng, {"weekdays": 2, "weekends": 2, "both": 3})
    raw["about_age_band"] = _pick(rng, _AGES) or None
    raw["details"] = rng.choice(_DETAILS) if rng.random() < 0.3 else None
    return {qid: validate_answer(definition.question(qid), value) for qid, value in raw.items()
            if value is not None}


def _place(rng: random.Random, spot: Any, boundary: Boundary) -> dict[str, Any]:
    if rng.random() < 0.14:  # named without the map
        if spot and rng.random() < 0.6:
            return {"landmark": spot[6]}
        if rng.random() < 0.5:
            return {"area": rng.choice(DEMO_AREAS)["value"]}
        return {"description": rng.choice(_DESCRIPTIONS)}
    south, west, north, east = boundary.bounds()
    while True:
        if spot:
            latitude, longitude = rng.gauss(spot[0], spot[2]), rng.gauss(spot[1], spot[2] * 1.6)
        else:
            latitude, longitude = rng.uniform(south, north), rng.uniform(west, east)
        if boundary.contains(latitude, longitude):
            return {"latitude": round(latitude, 5), "longitude": round(longitude, 5)}
