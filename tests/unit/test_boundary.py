"""Boundaries: uploaded GeoJSON is checked, and points are tested against it."""

from __future__ import annotations

import json
import math
import time

import pytest

from survey.boundary import MAX_BOUNDARY_BYTES, BoundaryError, boundary_of, parse_boundary
from survey.storage.models import Partnership

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],  # a hole
    ],
}


class TestContains:
    def test_inside_outside_and_in_the_hole(self):
        boundary = parse_boundary(json.dumps(SQUARE))
        assert boundary.contains(latitude=2, longitude=2)
        assert not boundary.contains(latitude=12, longitude=2)
        assert not boundary.contains(latitude=5, longitude=5)

    def test_multipolygon_in_a_feature_collection(self):
        other = {"type": "Polygon", "coordinates": [[[20, 20], [30, 20], [30, 30], [20, 20]]]}
        collection = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "MultiPolygon",
                        "coordinates": [SQUARE["coordinates"], other["coordinates"]],
                    },
                }
            ],
        }
        boundary = parse_boundary(json.dumps(collection))
        assert boundary.contains(latitude=21, longitude=28)
        assert not boundary.contains(latitude=29, longitude=21)
        assert boundary.bounds() == (0, 0, 30, 30)

    def test_the_demo_boundary_contains_its_centre(self):
        from importlib.resources import files

        demo = parse_boundary(files("demo.data").joinpath("demo-boundary.geojson").read_text())
        assert demo.contains(latitude=51.508, longitude=-0.12)
        assert not demo.contains(latitude=51.6, longitude=-0.12)


class TestBadBoundaries:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("{not json", "not valid GeoJSON: line 1"),
            ('{"type": "Point", "coordinates": [0, 0]}', "Polygons or MultiPolygons, not 'Point'"),
            ('{"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [0, 0]]]}', "at least 4 positions"),
            (
                '{"type": "Polygon", "coordinates": [[[530000, 180000], [1, 1], [2, 2], [530000, 180000]]]}',
                "not grid references",
            ),
            ('{"type": "FeatureCollection", "features": []}', "at least one Polygon"),
        ],
    )
    def test_a_clear_message(self, text, message):
        with pytest.raises(BoundaryError, match=message):
            parse_boundary(text)


def ward(centre_lon: float, centre_lat: float, vertices: int, name: str) -> dict:
    """A wiggly but simple ward-like polygon with full-precision coordinates, as ONS files have them."""
    ring = []
    for step in range(vertices):
        angle = 2 * math.pi * step / vertices
        radius = 0.02 * (1 + 0.15 * math.sin(7 * angle) + 0.05 * math.sin(31 * angle))
        ring.append([centre_lon + radius * math.cos(angle) * 1.6, centre_lat + radius * math.sin(angle)])
    ring.append(ring[0])
    return {"type": "Feature", "properties": {"WD24CD": "E05000001", "WD24NM": name, "Shape__Area": 1.2e6},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def polygon(*ring: tuple[float, float]) -> str:
    return json.dumps({"type": "Polygon", "coordinates": [[list(point) for point in ring]]})


TRIANGLE = polygon((0, 0), (1, 0), (1, 1), (0, 0))


class TestHostileBoundaries:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
            ("[" * 100_000, "nested too deeply"),
            ('{"type": "Polygon", "coordinates": "[[[', "not valid GeoJSON"),  # a string never closed
            ('{"type": "Polygon\\', "not valid GeoJSON"),
            ('{"type": "Polygon", "coordinates": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply"),
            (TRIANGLE.replace("[1, 0]", "[1" + "0" * 60 + ", 0]"), "not grid references"),
            (TRIANGLE.replace("[1, 0]", "[1" + "0" * 5000 + ", 0]"), "number that is too long"),
            (TRIANGLE.replace("1, 0]", "1e999, 0]"), "longitude and latitude"),
            (TRIANGLE.replace("[1, 0]", "[NaN, 0]"), "not valid GeoJSON"),
            (TRIANGLE.replace("[1, 0]", "[true, false]"), "in numbers"),
            (TRIANGLE.replace("[1, 0]", '["1", "0"]'), "in numbers"),
            (TRIANGLE.replace("[1, 0]", "[200, 0]"), "not grid references"),
            (TRIANGLE.replace("[1, 0]", "[1, -91]"), "not grid references"),
        ],
    )
    def test_refused_with_a_clear_message(self, text, message):
        with pytest.raises(BoundaryError, match=message):
            parse_boundary(text)

    def test_a_file_over_the_limit_is_refused_before_it_is_read(self):
        text = polygon((0, 0), (1, 0), (1, 1), (0, 0)) + " " * MAX_BOUNDARY_BYTES
        megabytes = MAX_BOUNDARY_BYTES // (1024 * 1024)
        with pytest.raises(BoundaryError, match=f"must be {megabytes} MB or smaller"):
            parse_boundary(text)

    def test_a_self_intersecting_boundary_says_where(self):
        bow_tie = polygon((-0.2, 51.4), (0.0, 51.6), (0.0, 51.4), (-0.2, 51.6), (-0.2, 51.4))
        with pytest.raises(BoundaryError) as raised:
            parse_boundary(bow_tie)
        assert str(raised.value) == (
            "The boundary is not a valid polygon: Self-intersection at or near 51.5, -0.1"
        )

    def test_a_bow_tie_stored_before_polygons_were_checked_still_answers(self):
        bow_tie = polygon((-0.2, 51.4), (0.0, 51.6), (0.0, 51.4), (-0.2, 51.6), (-0.2, 51.4))
        stored = boundary_of(Partnership(slug="old", name="Old", boundary_geojson=bow_tie))
        assert stored is not None and stored.contains(latitude=51.5, longitude=-0.18)

    def test_a_hole_outside_its_polygon_is_refused(self):
        outside = {"type": "Polygon", "coordinates": [SQUARE["coordinates"][0],
                                                      [[20, 20], [21, 20], [21, 21], [20, 21], [20, 20]]]}
        with pytest.raises(BoundaryError, match="not a valid polygon: Hole lies outside shell"):
            parse_boundary(json.dumps(outside))

    def test_adjacent_wards_sharing_an_edge_are_accepted(self):
        left = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
        right = [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]
        collection = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
            for ring in (left, right)]}
        boundary = parse_boundary(json.dumps(collection))
        assert boundary.contains(latitude=0.5, longitude=0.5)
        assert boundary.contains(latitude=0.5, longitude=1.5)
        assert boundary.contains(latitude=0.5, longitude=1.0)  # on the shared edge


class TestRealSizedBoundaries:
    def test_a_full_resolution_district_file_over_ten_megabytes_is_accepted_and_fast(self):
        wards = [ward(-0.3 + 0.08 * (index % 6), 51.4 + 0.05 * (index // 6), 6000, f"Ward {index}")
                 for index in range(30)]
        text = json.dumps({"type": "FeatureCollection", "name": "district", "features": wards}, indent=1)
        assert 10 * 1024 * 1024 < len(text.encode()) <= MAX_BOUNDARY_BYTES
        boundary = parse_boundary(text)
        assert len(boundary.polygons) == 30 and len(boundary.polygons[0][0]) == 6001
        assert boundary.contains(latitude=51.4, longitude=-0.3)
        assert not boundary.contains(latitude=51.4, longitude=-0.3 + 0.04)  # between two wards
        started = time.perf_counter()
        for step in range(2000):
            boundary.contains(latitude=51.35 + step * 0.0002, longitude=-0.3 + step * 0.0001)
        assert time.perf_counter() - started < 1.0
        assert len(json.dumps(boundary.to_geojson())) < len(text) / 10  # what a map page carries
