"""Boundaries: uploaded GeoJSON is checked, and points are tested against it."""

from __future__ import annotations

import json

import pytest

from survey.boundary import BoundaryError, parse_boundary

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
