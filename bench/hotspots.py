"""Hotspot aggregation at scale, and the weight of the public map pages.

    python -m bench.hotspots [--reports 100000] [--repeat 7]

Loads N place reports (one response and its answer rows each, in the shape ``store_response``
writes: feeling, a pin, 1-3 reasons, 1-2 time bands, day type, age band) into a fresh SQLite
database and, when ``SAFER_VOICES_TEST_POSTGRES_URL`` is set (``./scripts/with-postgres``), a
fresh PostgreSQL database. Rows are bulk-inserted (``store_response`` per row would take minutes
and is covered by the tests). Then it times, median of ``--repeat`` rounds after one warm-up, each
round running every measure in turn (so a change in the shared machine's load falls on all alike):

* baseline: ``SELECT count(*)`` of the same pinned location rows (one indexed scan, no grouping);
* cells: totals per 250 m cell (``aggregate_cells(breakdown=False)``) to GeoJSON text;
* cells + breakdown: the officer view, with counts by reason, time and age band, to GeoJSON text,
  from the options kept on each pin (``survey.wards.pin_options``);
* the same by join (before issue 17): totals per cell, then every answer of every pinned response
  joined and grouped (``breakdown_by_join``), to GeoJSON text. Both must give the same text.

Answer rows get their wards and kept options from ``assign_rows``, as ``store_response`` gives them.

Page weight: every byte the public map pages fetch before tiles (HTML, CSS, JS, images), raw and
gzipped, from the app itself with the demo loaded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from demo.loader import load_demo
from survey.boundary import boundary_of, save_boundary
from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.places.hotspots import aggregate_cells, breakdown_by_join, cells_geojson, grid_for
from survey.places.reports import place_scope
from survey.settings import Settings
from survey.storage import migrate
from survey.storage.db import create_database_engine
from survey.storage.models import Answer, Partnership, Response
from survey.vocabulary import Channel, ConsultationStatus
from survey.wards.index import assign_rows
from webapp import create_app

REASONS = [
    "poor_lighting",
    "groups_gathering",
    "drug_dealing",
    "isolated",
    "harassment",
    "street_drinking",
    "anti_social_behaviour",
    "fear_of_knife_crime",
    "traffic",
]
TIMES = ["morning", "daytime", "after_school", "evening", "night"]
AGES = ["11_15", "16_17", "18_24", "25_34", "35_44", "45_54", "55_64", "65_74"]


def load_reports(session: Session, reports: int, seed: int = 1) -> int:
    partnership = Partnership(slug=f"bench-{secrets.token_hex(3)}", name="Bench Partnership")
    session.add(partnership)
    session.flush()
    save_boundary(session, partnership, files("demo").joinpath("data/demo-boundary.geojson").read_text())
    consultation = create_consultation(
        session,
        partnership,
        template_path("place-report").read_text(),
        slug=f"{partnership.slug}-places",
        status=ConsultationStatus.OPEN,
    )
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    start_id = (session.scalar(select(func.max(Response.id))) or 0) + 1
    batch = 5000
    for first in range(0, reports, batch):
        responses, answers = [], []
        for offset in range(first, min(first + batch, reports)):
            rid = start_id + offset
            responses.append(
                {
                    "id": rid,
                    "partnership_id": partnership.id,
                    "consultation_id": consultation.id,
                    "channel": Channel.WEB,
                    "reference": secrets.token_hex(5).upper(),
                    "urgent": False,
                    "submitted_at": now - dt.timedelta(minutes=offset),
                }
            )
            unsafe = rng.random() < 0.7
            parts = [
                ("feeling", "unsafe" if unsafe else "safe", None, None),
                ("place", None, round(rng.gauss(51.509, 0.008), 5), round(rng.gauss(-0.12, 0.012), 5)),
                ("day_type", rng.choice(["weekdays", "weekends", "both"]), None, None),
                ("about_age_band", rng.choice(AGES), None, None),
            ]
            if unsafe:
                parts += [("reasons", r, None, None) for r in rng.sample(REASONS, rng.randint(1, 3))]
            parts += [("time_of_day", t, None, None) for t in rng.sample(TIMES, rng.randint(1, 2))]
            answers += [
                {
                    "response_id": rid,
                    "consultation_id": consultation.id,
                    "question_id": qid,
                    "option": option,
                    "latitude": lat,
                    "longitude": lon,
                }
                for qid, option, lat, lon in parts
            ]
        assign_rows(session, partnership.id, answers)
        session.execute(insert(Response), responses)
        session.execute(insert(Answer), answers)
    session.commit()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE"))
        session.commit()
    return partnership.id


def timed(functions: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Median milliseconds of each function after one warm-up, taken in turn in every round, so a
    change in the machine's load falls on all of them alike (the machine is shared)."""
    runs: dict[str, list[float]] = {name: [] for name in functions}
    for function in functions.values():
        function()
    for _ in range(repeat):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            runs[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(times) for name, times in runs.items()}


def measure(url: str, reports: int, repeat: int) -> dict[str, float]:
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        started = time.perf_counter()
        partnership_id = load_reports(session, reports)
        load_s = time.perf_counter() - started
        partnership = session.get(Partnership, partnership_id)
        grid = grid_for(boundary_of(partnership), 250)
        scope = place_scope(session, partnership_id)

        def baseline() -> int:
            return session.scalar(
                select(func.count())
                .select_from(Answer)
                .where(
                    Answer.consultation_id.in_(scope.consultation_ids),
                    Answer.question_id == "place",
                    Answer.latitude.is_not(None),
                )
            )

        def cells(breakdown: bool) -> str:
            found = aggregate_cells(session, partnership_id, grid, breakdown=breakdown)
            return json.dumps(cells_geojson(found, grid, with_breakdown=breakdown))

        def joined() -> str:
            found = aggregate_cells(session, partnership_id, grid, breakdown=False)
            parts = breakdown_by_join(session, partnership_id, grid)
            for cell in found:
                cell.breakdown = parts.get((cell.ix, cell.iy), {})
            return json.dumps(cells_geojson(found, grid, with_breakdown=True))

        assert baseline() == reports
        assert cells(True) == joined()
        figures = {
            "load_s": load_s,
            **timed(
                {
                    "baseline_ms": baseline,
                    "cells_ms": lambda: cells(False),
                    "breakdown_ms": lambda: cells(True),
                    "joined_ms": joined,
                },
                repeat,
            ),
            "cells": len(aggregate_cells(session, partnership_id, grid, breakdown=False)),
        }
    engine.dispose()
    return figures


def postgres_url() -> str | None:
    admin = os.environ.get("SAFER_VOICES_TEST_POSTGRES_URL")
    if not admin:
        return None
    name = f"bench_{secrets.token_hex(4)}"
    with create_engine(admin, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def page_weight(folder: Path) -> dict[str, tuple[int, int]]:
    """``{page: (raw bytes, gzipped bytes)}`` of each public map page and everything it loads."""
    settings = Settings(
        instance_path=folder,
        database_url=f"sqlite:///{folder / 'pages.db'}",
        secret_key="bench",
        cookie_secure=False,
        environment="test",
        map_tile_url=None,
        public_hotspots=True,
        _env_file=None,
    )
    app = create_app(settings)
    migrate.upgrade(app.extensions["safer_voices"].engine)
    with app.app_context(), app.extensions["safer_voices"].session_factory() as session:
        load_demo(session)
        session.commit()
    client = app.test_client()
    # Loaded by map.mjs, not named in the HTML; the pin's marker images only once a pin is placed.
    leaflet = "/assets/vendor/leaflet/"
    scripted = [
        "/assets/map.css",
        f"{leaflet}leaflet.css",
        f"{leaflet}leaflet.js",
        f"{leaflet}images/marker-icon.png",
        f"{leaflet}images/marker-shadow.png",
    ]
    results = {}
    for path in ["/safe-havens", "/safe-spaces", "location question"]:
        if path == "location question":
            start = client.get("/consultations/safe-spaces/").get_data(as_text=True)
            token = re.search(r'name="csrf_token" value="([^"]+)"', start)[1]
            client.post("/consultations/safe-spaces/start", data={"csrf_token": token})
            html = client.get("/consultations/safe-spaces/questions/place").get_data()
        else:
            html = client.get(path).get_data()
        assets = set(re.findall(r'(?:href|src)="(/assets/[^"]+)"', html.decode())) | set(scripted)
        bodies = [html] + [client.get(asset).get_data() for asset in sorted(assets)]
        results[path] = (sum(map(len, bodies)), sum(len(gzip.compress(body)) for body in bodies))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        backends = {"sqlite": f"sqlite:///{Path(folder) / 'bench.db'}", "postgresql": postgres_url()}
        for name, url in backends.items():
            if url is None:
                print(f"{name}: skipped (set SAFER_VOICES_TEST_POSTGRES_URL, e.g. ./scripts/with-postgres)")
                continue
            f = measure(url, args.reports, args.repeat)
            print(
                f"{name}: {args.reports} reports loaded in {f['load_s']:.1f} s; {f['cells']} cells of 250 m"
            )
            print(f"  baseline count(*)            {f['baseline_ms']:8.1f} ms")
            print(
                f"  cells -> GeoJSON             {f['cells_ms']:8.1f} ms  "
                f"({f['cells_ms'] / f['baseline_ms']:.1f}x)"
            )
            print(
                f"  cells + breakdown -> GeoJSON {f['breakdown_ms']:8.1f} ms  "
                f"({f['breakdown_ms'] / f['baseline_ms']:.1f}x)"
            )
            print(
                f"  the same by join (before)    {f['joined_ms']:8.1f} ms  "
                f"({f['joined_ms'] / f['baseline_ms']:.1f}x)"
            )
        for page, (raw, zipped) in page_weight(Path(folder)).items():
            print(
                f"page weight {page}: {raw / 1024:.0f} KB raw, {zipped / 1024:.0f} KB gzipped (before tiles)"
            )


if __name__ == "__main__":
    main()
