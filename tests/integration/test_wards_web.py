"""Wards through the officer pages and the CLI: loading a file all or nothing, who may, what is
audited, counts and filters by ward, squares named in words, and one partnership never seeing
another's wards."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from survey.storage.models import AuditEvent, Ward
from survey.vocabulary import Role
from survey.wards.register import import_wards, partnership_wards
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.places import make_haven, make_place_consultation, store_place_report
from tests.wards import big_ward_file, square, ward_feature, ward_file
from tests.web import csrf_token, sign_in
from webapp import REQUEST_LIMIT

WEST_PIN = {"latitude": 51.505, "longitude": -0.13}
EAST_PIN = {"latitude": 51.505, "longitude": -0.11}


def two_wards(west: str = "Westgate") -> str:
    return ward_file(
        ward_feature("E05000001", west, square(-0.14, 51.495, 0.02)),
        ward_feature("E05000002", "Eastgate", square(-0.12, 51.495, 0.02)),
    )


def bad_wards() -> str:
    return ward_file(
        ward_feature("E05000003", "Lonely", square(-0.14, 51.495, 0.02)),
        ward_feature("E05000003", "Twin", square(-0.12, 51.495, 0.02)),
    )


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def consultation(db_session, partnership):
    return make_place_consultation(db_session, partnership, slug="places")


def _signed_in(client, db_session, partnership, role=Role.ANALYST):
    officer = make_officer(db_session, partnership, role)
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return officer


def _audited(db_session, partnership, action):
    return db_session.scalars(
        select(AuditEvent).where(AuditEvent.partnership_id == partnership.id, AuditEvent.action == action)
    ).all()


def _upload(client, text: str | bytes, name: str = "wards.geojson"):
    body = text.encode() if isinstance(text, str) else text
    return client.post(
        "/officer/wards/upload",
        data={"csrf_token": csrf_token(client, "/officer/wards/upload"), "wards": (io.BytesIO(body), name)},
    )


class TestUploadPage:
    def test_an_analyst_loads_wards_and_sees_them_with_their_reports(
        self, client, db_session, partnership, consultation
    ):
        store_place_report(db_session, consultation, place=WEST_PIN)
        store_place_report(db_session, consultation, place=WEST_PIN, feeling="safe")
        _signed_in(client, db_session, partnership)
        response = _upload(client, two_wards())
        assert response.status_code == 302 and response.headers["Location"].endswith("/officer/wards")
        page = client.get("/officer/wards").get_data(as_text=True)
        assert "2 wards loaded. 2 of 2 place reports on the map lie in a ward." in page
        rows = [row.split("</td>")[:4] for row in page.split('<tr class="govuk-table__row">')[2:]]
        cells = [[part.rsplit(">", 1)[-1].strip() for part in row] for row in rows]
        assert [cell[1:] for cell in cells] == [["E05000001", "2", "1"], ["E05000002", "0", "0"]]
        [event] = _audited(db_session, partnership, "wards_imported")
        assert event.details["wards"] == 2 and event.details["via"] == "web"

    def test_a_bad_file_names_the_feature_on_the_field_and_changes_nothing(
        self, client, db_session, partnership
    ):
        import_wards(db_session, partnership.id, two_wards())
        _signed_in(client, db_session, partnership)
        response = _upload(client, bad_wards())
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "There is a problem" in page
        assert "Feature 2 (Twin, E05000003) has the same code as feature 1" in page
        assert [ward.code for ward in partnership_wards(db_session, partnership.id)] == [
            "E05000002",
            "E05000001",
        ]
        assert _audited(db_session, partnership, "wards_imported") == []

    def test_no_file_or_not_utf8_is_refused(self, client, db_session, partnership):
        _signed_in(client, db_session, partnership)
        empty = client.post(
            "/officer/wards/upload", data={"csrf_token": csrf_token(client, "/officer/wards/upload")}
        )
        assert "Choose a GeoJSON file" in empty.get_data(as_text=True)
        latin = _upload(client, '{"name": "Caf\xe9"}'.encode("latin-1"))
        assert "must be text in UTF-8" in latin.get_data(as_text=True)

    def test_a_full_resolution_file_of_several_megabytes_is_accepted(self, client, db_session, partnership):
        partnership_id = partnership.id
        text = big_ward_file(wards=22, points=11_000)
        assert len(text) > REQUEST_LIMIT  # any other form refuses a body this size
        _signed_in(client, db_session, partnership)
        assert _upload(client, text).status_code == 302
        assert len(partnership_wards(db_session, partnership_id)) == 22

    def test_a_viewer_reads_the_list_but_cannot_upload(self, client, db_session, partnership):
        import_wards(db_session, partnership.id, two_wards())
        _signed_in(client, db_session, partnership, Role.VIEWER)
        page = client.get("/officer/wards").get_data(as_text=True)
        assert "Westgate" in page and "Replace the ward file" not in page
        assert client.get("/officer/wards/upload").status_code == 403

    def test_another_partnerships_wards_are_never_shown_or_replaced(self, client, db_session, partnership):
        other_id = make_partnership(db_session, "south").id
        import_wards(db_session, other_id, two_wards("Southern Westgate"))
        _signed_in(client, db_session, partnership)
        assert "Southern Westgate" not in client.get("/officer/wards").get_data(as_text=True)
        assert "There are no wards yet" in client.get("/officer/wards").get_data(as_text=True)
        _upload(client, two_wards())
        assert [ward.name for ward in partnership_wards(db_session, other_id)] == [
            "Eastgate",
            "Southern Westgate",
        ]


class TestHotspotsByWard:
    def test_the_ward_filter_the_ward_table_and_square_names(
        self, client, db_session, partnership, consultation
    ):
        import_wards(db_session, partnership.id, two_wards())
        make_haven(db_session, partnership, name="Station Pharmacy", latitude=51.5051, longitude=-0.1301)
        for pin in (WEST_PIN, WEST_PIN, EAST_PIN):
            store_place_report(db_session, consultation, place=pin)
        _signed_in(client, db_session, partnership)
        page = client.get("/officer/hotspots").get_data(as_text=True)
        assert "3 reports in 2 squares" in page
        assert "Westgate ward, near Station Pharmacy (about " in page
        assert '<option value="E05000001">Westgate</option>' in page
        assert "Reports by ward" in page
        only_west = client.get("/officer/hotspots?ward=E05000001").get_data(as_text=True)
        assert "2 reports in 1 square " in only_west
        assert "0 reports" in client.get("/officer/hotspots?ward=-").get_data(as_text=True)

    def test_without_wards_hotspots_point_to_the_wards_page(
        self, client, db_session, partnership, consultation
    ):
        store_place_report(db_session, consultation, place=WEST_PIN)
        _signed_in(client, db_session, partnership)
        page = client.get("/officer/hotspots").get_data(as_text=True)
        assert "Reports by ward" not in page and 'href="/officer/wards"' in page

    def test_the_reports_in_a_square_say_their_ward(self, client, db_session, partnership, consultation):
        from survey.boundary import boundary_of
        from survey.places.hotspots import cell_key, grid_for

        import_wards(db_session, partnership.id, two_wards())
        store_place_report(db_session, consultation, place=WEST_PIN)
        key = cell_key(
            *grid_for(boundary_of(partnership), 250).cell_of(WEST_PIN["latitude"], WEST_PIN["longitude"])
        )
        _signed_in(client, db_session, partnership)
        page = client.get(f"/officer/hotspots/cells/{key}").get_data(as_text=True)
        assert "Westgate (E05000001)" in page

    def test_the_geojson_export_names_each_squares_ward_and_place(
        self, client, db_session, partnership, consultation
    ):
        import_wards(db_session, partnership.id, two_wards())
        make_haven(db_session, partnership, name="Station Pharmacy", latitude=51.5051, longitude=-0.1301)
        store_place_report(db_session, consultation, place=WEST_PIN)
        _signed_in(client, db_session, partnership)
        [feature] = client.get("/officer/hotspots/cells.geojson").get_json()["features"]
        assert feature["properties"]["ward_code"] == "E05000001"
        assert feature["properties"]["where"].startswith("Westgate ward, near Station Pharmacy")

    def test_the_csv_export_names_each_squares_ward_and_place(
        self, client, db_session, partnership, consultation
    ):
        import_wards(db_session, partnership.id, two_wards())
        make_haven(db_session, partnership, name="Station Pharmacy", latitude=51.5051, longitude=-0.1301)
        store_place_report(db_session, consultation, place=WEST_PIN)
        _signed_in(client, db_session, partnership)
        rows = list(
            csv.DictReader(io.StringIO(client.get("/officer/hotspots/cells.csv").get_data(as_text=True)))
        )
        assert [(row["ward_code"], row["ward_name"], row["nearest_named_place"]) for row in rows] == [
            ("E05000001", "Westgate", "Station Pharmacy")
        ]


class TestCommandLine:
    def test_import_loads_the_wards_and_is_audited(
        self, runner, db_session, partnership, consultation, tmp_path
    ):
        store_place_report(db_session, consultation, place=EAST_PIN)
        path = tmp_path / "wards.geojson"
        path.write_text(two_wards(), encoding="utf-8")
        result = runner.invoke(args=["wards", "import", "north", str(path)])
        assert result.exit_code == 0, result.output
        assert "2 wards loaded for 'north'. 1 of 1 pinned answers lie in a ward." in result.output
        assert _audited(db_session, partnership, "wards_imported")[0].details["via"] == "cli"
        listed = runner.invoke(args=["wards", "list", "north"])
        assert listed.output.splitlines() == ["E05000002\tEastgate", "E05000001\tWestgate"]

    def test_a_bad_file_exits_with_2_naming_the_feature_and_changes_nothing(
        self, runner, db_session, partnership, tmp_path
    ):
        import_wards(db_session, partnership.id, two_wards())
        path = tmp_path / "wards.geojson"
        path.write_text(bad_wards(), encoding="utf-8")
        result = runner.invoke(args=["wards", "import", "north", str(path)])
        assert result.exit_code == 2
        assert "Error: Feature 2 (Twin, E05000003) has the same code as feature 1" in result.output
        assert "Nothing was changed." in result.output
        assert (
            db_session.scalar(select(func.count(Ward.id)).where(Ward.partnership_id == partnership.id)) == 2
        )

    @pytest.mark.parametrize(
        ("slug", "content", "message"),
        [
            ("nowhere", None, "There is no partnership with the slug 'nowhere'"),
            ("north", b"\xff\xfe\x00", "must be text in UTF-8"),
            ("north", b'{"type": "FeatureCollection", "features": []}', "has no features"),
        ],
    )
    def test_bad_input_exits_with_2(self, runner, partnership, tmp_path, slug, content, message):
        path = tmp_path / "wards.geojson"
        path.write_bytes(content if content is not None else two_wards().encode())
        result = runner.invoke(args=["wards", "import", slug, str(path)])
        assert result.exit_code == 2 and message in result.output

    def test_a_missing_file_exits_with_2(self, runner, partnership, tmp_path):
        result = runner.invoke(args=["wards", "import", "north", str(tmp_path / "absent.geojson")])
        assert result.exit_code == 2 and "is not a file" in result.output


class TestReportsListByWard:
    def test_the_reports_list_filters_by_the_ward_of_the_pin(
        self, client, db_session, partnership, consultation
    ):
        import_wards(db_session, partnership.id, two_wards())
        west = store_place_report(db_session, consultation, place=WEST_PIN)
        east = store_place_report(db_session, consultation, place=EAST_PIN)
        _signed_in(client, db_session, partnership, Role.VIEWER)
        everything = client.get("/officer/reports").get_data(as_text=True)
        assert west.reference in everything and east.reference in everything
        assert '<option value="E05000001">Westgate</option>' in everything
        only_west = client.get("/officer/reports?ward=E05000001").get_data(as_text=True)
        assert west.reference in only_west and east.reference not in only_west
        assert '<option value="E05000001" selected>Westgate</option>' in only_west

    def test_no_ward_filter_is_offered_without_wards(self, client, db_session, partnership, consultation):
        store_place_report(db_session, consultation, place=WEST_PIN)
        _signed_in(client, db_session, partnership, Role.VIEWER)
        assert "Ward (from the map pin)" not in client.get("/officer/reports").get_data(as_text=True)
