"""The demo's wards: they tile the demo borough, load with the demo, and every demo pin has a ward."""

from __future__ import annotations

import json
from importlib.resources import files

import shapely
from shapely.geometry import shape
from sqlalchemy import func, select

from demo.loader import load_demo
from demo.wards import demo_wards_text
from survey.places.by_ward import ward_counts
from survey.storage.models import Answer, Response, Ward
from survey.wards.parsing import parse_wards


class TestDemoWardFile:
    def test_eight_wards_tile_the_demo_boundary_without_overlapping(self):
        wards = [shapely.from_geojson(ward.geometry_geojson) for ward in parse_wards(demo_wards_text())]
        boundary = shape(
            json.loads(files("demo").joinpath("data/demo-boundary.geojson").read_text())["geometry"]
        )
        assert len(wards) == 8
        assert shapely.union_all(wards).symmetric_difference(boundary).area < boundary.area * 1e-4
        overlaps = sum(a.intersection(b).area for i, a in enumerate(wards) for b in wards[i + 1 :])
        assert overlaps < boundary.area * 1e-6


class TestDemoLoad:
    def test_the_demo_has_wards_and_its_place_reports_are_counted_by_ward(self, db_session):
        partnership = load_demo(db_session).partnership
        load_demo(db_session)  # idempotent: the wards are not loaded twice
        assert (
            db_session.scalar(select(func.count(Ward.id)).where(Ward.partnership_id == partnership.id)) == 8
        )
        pins = (
            select(func.count(Answer.id))
            .join(Response, Response.id == Answer.response_id)
            .where(Response.partnership_id == partnership.id, Answer.latitude.is_not(None))
        )
        without_ward = db_session.scalar(pins.where(Answer.ward_id.is_(None)))
        assert db_session.scalar(pins) > 100 and without_ward == 0
        counts = ward_counts(db_session, partnership.id)
        assert len(counts) == 8 and all(count.reports > 0 for count in counts)
