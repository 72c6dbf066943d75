"""The offline postcode table: `safer-voices postcodes import` from an ONS Postcode Directory CSV
(good file, bad rows refused atomically) and looking postcodes, districts and wards up."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from survey.places.postcodes import (
    Found,
    NotFound,
    find_place,
    normalise_postcode,
    postcode_location,
    postcodes_available,
)
from survey.storage.models import Postcode
from tests.factories import make_partnership
from tests.tensions import make_ward

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "onspd-sample.csv"


def load_sample(runner) -> str:
    result = runner.invoke(args=["postcodes", "import", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    return result.output


def postcode_count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(Postcode))


class TestNormalising:
    @pytest.mark.parametrize(
        "typed, expected",
        [
            ("sw1a2aa", "SW1A 2AA"),
            (" SW1A  2AA ", "SW1A 2AA"),
            ("se17pb", "SE1 7PB"),
            ("M1 1AE", "M1 1AE"),
            ("w1a 0ax", "W1A 0AX"),
            ("SW1A", None),
            ("12345", None),
            ("", None),
            (None, None),
            ("SW1A 2AAA", None),
        ],
    )
    def test_case_and_spaces_do_not_matter(self, typed, expected):
        assert normalise_postcode(typed) == expected


class TestImport:
    def test_the_sample_loads_live_postcodes_and_skips_terminated_and_unplaced_ones(self, runner, db_session):
        output = load_sample(runner)
        assert "Loaded 9 postcodes. Skipped 2 terminated postcodes and 1 without a location." in output
        assert postcode_count(db_session) == 9
        assert postcode_location(db_session, "sw1a 2aa") == pytest.approx((51.50354, -0.127695))
        assert postcode_location(db_session, "WC2N 5AA") is None  # terminated in December 2000
        assert postcode_location(db_session, "BF1 3AD") is None  # no grid reference
        assert db_session.get(Postcode, "SE1 7PB").outward == "SE1"

    def test_importing_again_replaces_the_table(self, runner, db_session, tmp_path):
        load_sample(runner)
        smaller = tmp_path / "smaller.csv"
        smaller.write_text("pcds,lat,long,doterm\nM1 1AE,53.4808,-2.2426,\n", encoding="utf-8")
        result = runner.invoke(args=["postcodes", "import", str(smaller)])
        assert result.exit_code == 0, result.output
        assert [row.postcode for row in db_session.scalars(select(Postcode))] == ["M1 1AE"]

    def test_a_bad_row_changes_nothing_and_names_its_row_column_and_why(self, runner, db_session, tmp_path):
        load_sample(runner)
        lines = SAMPLE.read_text(encoding="utf-8").splitlines()
        lines[3] = lines[3].replace("51.502094", "north")  # row 4: SE1 7PB
        lines[5] = lines[5].replace('"WC1B3DG","WC1B 3DG","WC1B 3DG"', '"XX","XX","not a postcode"')
        lines[6] = lines[6].replace("-0.098351", "12.5")
        bad = tmp_path / "bad.csv"
        bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = runner.invoke(args=["postcodes", "import", str(bad)])
        assert result.exit_code == 2
        assert "Row 4, column lat: 'north' is not a number" in result.output
        assert "Row 6, column pcds: 'not a postcode' is not a postcode" in result.output
        assert "Row 7, columns lat and long: 51.513845, 12.5 is not in the United Kingdom" in result.output
        assert "Nothing was changed." in result.output
        assert postcode_count(db_session) == 9  # the earlier table, untouched

    def test_a_postcode_twice_is_refused(self, runner, db_session, tmp_path):
        twice = tmp_path / "twice.csv"
        rows = "pcd,lat,long\nSW1A2AA,51.5035,-0.1277\nSW1A 2AA,51.5035,-0.1277\n"
        twice.write_text(rows, encoding="utf-8")
        result = runner.invoke(args=["postcodes", "import", str(twice)])
        assert result.exit_code == 2
        assert "Row 3, column pcd: SW1A 2AA is already in row 2" in result.output
        assert postcode_count(db_session) == 0

    def test_a_file_without_the_onspd_columns_is_refused(self, runner, db_session, tmp_path):
        other = tmp_path / "other.csv"
        other.write_text("postcode,x,y\nSW1A 2AA,1,2\n", encoding="utf-8")
        result = runner.invoke(args=["postcodes", "import", str(other)])
        assert result.exit_code == 2
        assert "The first row has no pcds (or pcd) or lat or long column" in result.output
        assert postcode_count(db_session) == 0

    def test_a_file_that_is_not_utf8_or_not_there_is_refused(self, runner, db_session, tmp_path):
        binary = tmp_path / "binary.csv"
        binary.write_bytes(b"pcds,lat,long\n\xff\xfe\x00,1,2\n")
        assert runner.invoke(args=["postcodes", "import", str(binary)]).exit_code == 2
        missing = runner.invoke(args=["postcodes", "import", str(tmp_path / "missing.csv")])
        assert missing.exit_code == 2 and "is not a file" in missing.output
        assert postcode_count(db_session) == 0

    def test_count_says_how_many_or_how_to_load_them(self, runner, db_session):
        assert "No postcodes are loaded" in runner.invoke(args=["postcodes", "count"]).output
        load_sample(runner)
        assert "9 postcodes are loaded." in runner.invoke(args=["postcodes", "count"]).output


class TestFindingAPlace:
    def test_without_the_table_a_postcode_cannot_be_found_but_a_ward_can(self, db_session):
        partnership = make_partnership(db_session, "north")
        make_ward(db_session, partnership, code="E05000001", name="Northgate")
        assert not postcodes_available(db_session)
        assert find_place(db_session, partnership.id, "SW1A 2AA") is NotFound.POSTCODES_UNAVAILABLE
        found = find_place(db_session, partnership.id, "  northgate ")
        assert found.kind is Found.WARD and found.name == "Northgate"

    def test_postcodes_and_districts_are_found_once_loaded(self, runner, db_session):
        load_sample(runner)
        partnership = make_partnership(db_session, "north")
        found = find_place(db_session, partnership.id, "se17pb")
        assert (found.kind, found.name) == (Found.POSTCODE, "SE1 7PB")
        district = find_place(db_session, partnership.id, "se1")
        assert district.kind is Found.DISTRICT
        assert district.latitude == pytest.approx((51.502094 + 51.507193 + 51.502010) / 3)
        assert find_place(db_session, partnership.id, "ZZ9 9ZZ") is NotFound.POSTCODE_NOT_FOUND
        assert find_place(db_session, partnership.id, "the moon") is NotFound.PLACE_NOT_FOUND
        assert find_place(db_session, partnership.id, "   ") is NotFound.EMPTY
