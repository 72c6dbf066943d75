"""Reading ward files and finding the ward of a point, without a database."""

from __future__ import annotations

import json
import time

import pytest

from survey.wards.index import index_of
from survey.wards.parsing import WardFileError, code_and_name, parse_wards
from tests.wards import big_ward_file, square, two_wards, ward_feature, ward_file


def _index(text: str):  # noqa: ANN202 - a test helper
    parsed = sorted(parse_wards(text), key=lambda ward: ward.code)
    return index_of(
        [(number, ward.code, ward.name, ward.geometry_geojson) for number, ward in enumerate(parsed, start=1)]
    )


class TestCodesAndNames:
    def test_an_ons_ward_file_gives_the_ward_not_the_district(self):
        properties = {
            "LAD24CD": "E09000033",
            "LAD24NM": "Westminster",
            "WD24CD": "E05013806",
            "WD24NM": "Abbey Road",
            "WD24NMW": " ",
        }
        assert code_and_name(properties) == ("E05013806", "Abbey Road")

    def test_plain_code_and_name_in_any_case(self):
        assert code_and_name({"CODE": "X1", "Name": "Hill"}) == ("X1", "Hill")

    def test_lower_case_ons_properties(self):
        assert code_and_name({"wd22cd": "E05000026", "wd22nm": "Abbey"}) == ("E05000026", "Abbey")

    def test_a_numeric_code_is_text(self):
        assert code_and_name({"code": 123.0, "name": "Hill"}) == ("123", "Hill")


class TestReadingAWardFile:
    def test_two_wards_with_their_codes_names_and_boxes(self):
        wards = parse_wards(two_wards())
        assert [(ward.code, ward.name) for ward in wards] == [("E05000001", "West"), ("E05000002", "East")]
        assert wards[0].bounds == pytest.approx((-0.11, 51.50, -0.10, 51.51))
        assert json.loads(wards[1].geometry_geojson)["type"] == "Polygon"

    def test_a_multipolygon_ward(self):
        text = ward_file(
            ward_feature(
                "E05000003", "Islands", [square(0, 51, 0.01), square(0.02, 51, 0.01)], kind="MultiPolygon"
            )
        )
        assert parse_wards(text)[0].bounds == pytest.approx((0, 51, 0.03, 51.01))

    def test_a_bow_tie_is_refused_naming_the_ward_and_where(self):
        bow_tie = [[[0, 51], [0.01, 51.01], [0.01, 51], [0, 51.01], [0, 51]]]
        text = ward_file(
            ward_feature("E05000001", "West", square(-0.11, 51.5, 0.01)),
            ward_feature("E05000009", "Knot", bow_tie),
        )
        with pytest.raises(
            WardFileError,
            match=r"^Feature 2 \(Knot, E05000009\) is not a valid polygon: "
            r"Self-intersection at or near 51\.005, 0\.005",
        ):
            parse_wards(text)

    def test_a_missing_name_is_refused_naming_the_feature(self):
        text = ward_file(ward_feature("E05000001", None, square(0, 51, 0.01)))
        with pytest.raises(WardFileError, match=r"^Feature 1 \(E05000001\) has no ward name"):
            parse_wards(text)

    def test_a_missing_code_is_refused_naming_the_feature(self):
        text = ward_file(ward_feature(None, "Hill", square(0, 51, 0.01), code_key="x"))
        with pytest.raises(WardFileError, match=r"^Feature 1 \(Hill\) has no ward code"):
            parse_wards(text)

    def test_a_duplicate_code_names_both_features(self):
        text = ward_file(
            ward_feature("E05000001", "West", square(0, 51, 0.01)),
            ward_feature("E05000001", "Also west", square(0.01, 51, 0.01)),
        )
        with pytest.raises(
            WardFileError,
            match=r"^Feature 2 \(Also west, E05000001\) has the same code as "
            r"feature 1",
        ):
            parse_wards(text)

    def test_grid_references_are_refused_naming_the_feature(self):
        text = ward_file(ward_feature("E05000001", "West", square(530000, 180000, 1000)))
        with pytest.raises(
            WardFileError,
            match=r"^Feature 1 \(West, E05000001\): Positions must be "
            r"longitude and latitude in degrees \(WGS84\)",
        ):
            parse_wards(text)

    def test_british_national_grid_named_in_the_file_is_refused(self):
        crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
        with pytest.raises(
            WardFileError,
            match=r"coordinate system is urn:ogc:def:crs:EPSG::27700: export it "
            r"in longitude and latitude",
        ):
            parse_wards(ward_file(ward_feature("E05000001", "West", square(0, 51, 0.01)), crs=crs))

    def test_wgs84_named_in_the_file_is_accepted(self):
        crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
        assert len(parse_wards(ward_file(ward_feature("E1", "West", square(0, 51, 0.01)), crs=crs))) == 1

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('{"type": "Polygon", "coordinates": []}', "must be a GeoJSON FeatureCollection"),
            ('{"type": "FeatureCollection", "features": []}', "has no features"),
            ("{not json", "The ward file is not valid GeoJSON: line 1"),
            ("[" * 50 + "]" * 50, "nested too deeply"),
        ],
    )
    def test_a_file_that_is_not_a_ward_collection_is_refused(self, text, message):
        with pytest.raises(WardFileError, match=message):
            parse_wards(text)

    def test_a_point_feature_is_refused_naming_it(self):
        point = {
            "type": "Feature",
            "properties": {"code": "E1", "name": "Dot"},
            "geometry": {"type": "Point", "coordinates": [0, 51]},
        }
        with pytest.raises(
            WardFileError,
            match=r"^Feature 1 \(Dot, E1\) must be a Polygon or MultiPolygon, "
            r"not Point",
        ):
            parse_wards(ward_file(point))

    def test_a_full_resolution_file_of_several_megabytes_is_read_in_seconds(self):
        text = big_ward_file()
        assert len(text) > 4_000_000
        started = time.perf_counter()
        wards = parse_wards(text)
        assert len(wards) == 20
        assert time.perf_counter() - started < 20


class TestFindingTheWard:
    def test_a_point_inside_a_ward(self):
        index = _index(two_wards())
        assert index.ward_ids_at([(51.505, -0.105), (51.505, -0.095)]) == [1, 2]

    def test_a_point_on_a_shared_border_goes_to_the_ward_whose_code_sorts_first(self):
        index = _index(two_wards())
        assert index.ward_id_at(51.505, -0.10) == 1
        reversed_file = ward_file(
            ward_feature("E05000002", "East", square(-0.10, 51.50, 0.01)),
            ward_feature("E05000001", "West", square(-0.11, 51.50, 0.01)),
        )
        assert _index(reversed_file).name_of(_index(reversed_file).ward_id_at(51.505, -0.10)) == (
            "E05000001",
            "West",
        )

    def test_a_point_on_the_outer_edge_is_in_the_ward(self):
        assert _index(two_wards()).ward_id_at(51.50, -0.105) == 1

    def test_a_point_outside_every_ward_has_none(self):
        index = _index(two_wards())
        assert index.ward_ids_at([(51.52, -0.105), (51.505, -0.2)]) == [None, None]

    def test_a_point_in_a_hole_is_outside(self):
        ring_with_hole = [square(0, 51, 0.03)[0], square(0.01, 51.01, 0.01)[0]]
        index = _index(ward_file(ward_feature("E1", "Doughnut", ring_with_hole)))
        assert index.ward_ids_at([(51.015, 0.015), (51.005, 0.005)]) == [None, 1]

    def test_no_wards_means_no_ward(self):
        assert index_of([]).ward_ids_at([(51.5, -0.1)]) == [None]

    def test_thousands_of_points_in_detailed_wards_are_quick(self):
        index = _index(big_ward_file(wards=10, points=5_000))
        points = [(51.5 + (i % 100) * 0.0003 - 0.015, -0.5 + (i // 100) * 0.003) for i in range(10_000)]
        started = time.perf_counter()
        found = index.ward_ids_at(points)
        assert time.perf_counter() - started < 5
        assert sum(ward is not None for ward in found) > 1000
