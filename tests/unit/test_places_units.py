"""Pure pieces of the safe spaces map: the grid, rounding, hours text, tile hosts, JSON in attributes."""

from __future__ import annotations

import json

import pytest

from survey.places.hotspots import Cell, Grid, cells_geojson, parse_cell_key, round_to
from webapp.officer.places.haven_forms import parse_hours_field
from webapp.places.maps import map_json, tile_origin


class TestGrid:
    def test_a_cell_is_about_its_size_in_metres_near_the_reference_latitude(self):
        grid = Grid(250, 51.5)
        ring = grid.ring(*grid.cell_of(51.5, -0.1))
        (west, south), (east, _), (_, north) = ring[0], ring[1], ring[2]
        assert 240 < (north - south) * 110_574 < 260
        assert 240 < (east - west) * 111_320 * 0.6225 < 260

    def test_points_fall_in_the_cell_whose_outline_holds_them_either_side_of_greenwich(self):
        grid = Grid(100, 51.5)
        for latitude, longitude in [(51.5, -0.0001), (51.5, 0.0001), (51.49999, -0.2), (-33.9, 151.2)]:
            ring = grid.ring(*grid.cell_of(latitude, longitude))
            assert ring[0][0] <= round(longitude, 6) <= ring[1][0]
            assert ring[0][1] <= round(latitude, 6) <= ring[2][1]

    def test_cell_keys_round_trip_and_junk_is_refused(self):
        assert parse_cell_key("24930_31293") == (24930, 31293)
        assert parse_cell_key("abc") is None and parse_cell_key("1_x") is None

    def test_geojson_properties_are_flat_for_gis_tools(self):
        cell = Cell(10, 20, 7, {"reasons": {"poor_lighting": 3}, "feeling": {"unsafe": 7}})
        feature = cells_geojson([cell], Grid(250, 51.5))["features"][0]
        assert feature["properties"] == {"cell": "10_20", "reports": 7, "feeling.unsafe": 7,
                                         "reasons.poor_lighting": 3}
        assert len(feature["geometry"]["coordinates"][0]) == 5


class TestRounding:
    @pytest.mark.parametrize(("count", "rounded"), [(10, 10), (12, 10), (13, 15), (17, 15), (18, 20)])
    def test_counts_round_to_the_nearest_five_halves_up(self, count, rounded):
        assert round_to(count) == rounded


class TestHoursField:
    def test_times_in_the_ways_people_type_them(self):
        assert parse_hours_field("9:00-12:00, 13.00 to 17:30") == [["09:00", "12:00"], ["13:00", "17:30"]]
        assert parse_hours_field("") == [] and parse_hours_field(None) == []

    def test_words_are_refused_with_an_example(self):
        with pytest.raises(ValueError, match="like 09:00-17:30"):
            parse_hours_field("all day")


class TestMapHelpers:
    def test_tile_origin_allows_only_the_tile_host(self):
        assert tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://tile.openstreetmap.org"
        assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
        assert tile_origin(None) is None and tile_origin("javascript:alert(1)") is None

    def test_json_in_a_single_quoted_attribute_cannot_break_out(self):
        text = str(map_json({"name": "Bob's <script>&"}))
        assert "'" not in text and "<" not in text and "&" not in text
        assert json.loads(text) == {"name": "Bob's <script>&"}
