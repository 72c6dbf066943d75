"""The place pages through the test client: havens, the location question, hotspots, exports, privacy."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from sqlalchemy import select

from survey.storage.models import Answer, AuditEvent, Partnership, Response, SafeHaven
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.places import INSIDE, OUTSIDE, make_haven, make_place_consultation, store_place_report
from tests.unit.test_boundary import ward
from tests.web import CSRF_PATTERN, csrf_token, sign_in
from webapp import REQUEST_LIMIT

PIN = {"latitude": INSIDE[0], "longitude": INSIDE[1]}


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def consultation(db_session, partnership):
    return make_place_consultation(db_session, partnership, slug="places")


def _signed_in(client, db_session, partnership, role=Role.ADMIN):
    officer = make_officer(db_session, partnership, role)
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return officer


def _actions(db_session, partnership):
    return [event.action for event in db_session.scalars(
        select(AuditEvent).where(AuditEvent.partnership_id == partnership.id).order_by(AuditEvent.id))]


class TestPublicSafeHavens:
    def test_the_list_shows_open_now_hours_and_contact_and_hides_expired_havens(
        self, client, db_session, partnership
    ):
        make_haven(db_session, partnership, name="Always Open Shop", opening_hours={
            day: [["00:00", "24:00"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})
        make_haven(db_session, partnership, name="Never Open Cafe", opening_hours={})
        make_haven(db_session, partnership, name="Lapsed Library",
                   verified_until=dt.date.today() - dt.timedelta(days=1))
        page = client.get("/safe-havens").get_data(as_text=True)
        assert "Always Open Shop" in page and "Never Open Cafe" in page
        assert "Lapsed Library" not in page
        assert "<strong>1 of 2</strong> safe havens are open now" in page
        assert "020 7946 0002" in page and "00:00 to 24:00" in page
        assert page.count("data-havens=") == 1 and "Lapsed" not in page

    def test_map_tiles_are_allowed_by_the_csp_only_when_a_tile_host_is_set(self, app, db_session,
                                                                            partnership):
        make_haven(db_session, partnership)
        csp = app.test_client().get("/safe-havens").headers["Content-Security-Policy"]
        assert "tile.example.org" not in csp
        app.extensions["safer_voices"].settings.map_tile_url = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
        response = app.test_client().get("/safe-havens")
        csp = response.headers["Content-Security-Policy"]
        assert "img-src 'self' data: https://*.tile.example.org" in csp
        page = response.get_data(as_text=True)
        assert 'data-tile-url="https://{s}.tile.example.org/{z}/{x}/{y}.png"' in page


class TestLocationQuestion:
    def _to_place_question(self, client):
        page = client.get("/consultations/places/").get_data(as_text=True)
        first = client.post("/consultations/places/start", data={"csrf_token": CSRF_PATTERN.search(page)[1]})
        page = client.get(first.headers["Location"]).get_data(as_text=True)
        response = client.post(first.headers["Location"],
                               data={"csrf_token": CSRF_PATTERN.search(page)[1], "answer": "unsafe"})
        return response.headers["Location"]

    def test_the_no_map_path_offers_areas_landmarks_and_words(self, client, consultation):
        location = self._to_place_question(client)
        response = client.get(location)
        page = response.get_data(as_text=True)
        assert '<select class="govuk-select" id="area" name="area"' in page
        assert '<option value="bus_station"' in page and 'name="description"' in page
        assert 'type="hidden" name="latitude"' in page and "data-boundary='" in page
        assert "geolocation=(self)" in response.headers["Permissions-Policy"]
        token = CSRF_PATTERN.search(page)[1]
        answered = client.post(location, data={"csrf_token": token, "area": "riverside"})
        assert answered.status_code == 302 and "/questions/reasons" in answered.headers["Location"]

    def test_a_pin_outside_the_boundary_is_refused_with_the_partnerships_name(self, client, consultation):
        location = self._to_place_question(client)
        page = client.get(location).get_data(as_text=True)
        refused = client.post(location, data={"csrf_token": CSRF_PATTERN.search(page)[1],
                                              "latitude": str(OUTSIDE[0]), "longitude": str(OUTSIDE[1])})
        text = refused.get_data(as_text=True)
        assert "The place you chose is outside North Community Safety Partnership" in text
        assert 'id="place-error"' in text and f'value="{OUTSIDE[0]}"' in text


class TestOfficerSafeHavens:
    def test_an_admin_adds_changes_and_deletes_a_haven_and_each_is_audited(self, client, db_session,
                                                                            partnership):
        _signed_in(client, db_session, partnership)
        form = {"csrf_token": csrf_token(client, "/officer/safe-havens/new"), "name": "Corner Shop",
                "kind": "shop", "address": "1 High Street", "latitude": "51.5", "longitude": "-0.12",
                "verified_until": ["31", "12", "2099"], "hours_mon": "9:00-12:00, 13:00-17:30",
                "hours_sat": "10.00 to 16.00"}
        assert client.post("/officer/safe-havens/new", data=form).status_code == 302
        haven = db_session.scalar(select(SafeHaven).where(SafeHaven.name == "Corner Shop"))
        assert haven.opening_hours["mon"] == [["09:00", "12:00"], ["13:00", "17:30"]]
        assert haven.opening_hours["sat"] == [["10:00", "16:00"]] and haven.opening_hours["sun"] == []
        assert client.post(f"/officer/safe-havens/{haven.id}", data={**form, "name": "Corner Shop Ltd"}
                           ).status_code == 302
        assert haven.name == "Corner Shop Ltd"
        assert client.post(f"/officer/safe-havens/{haven.id}/delete",
                           data={"csrf_token": form["csrf_token"]}).status_code == 302
        assert db_session.get(SafeHaven, haven.id) is None
        assert _actions(db_session, partnership)[-3:] == [
            "safe_haven_created", "safe_haven_updated", "safe_haven_deleted"]

    def test_bad_hours_and_coordinates_are_shown_on_their_fields(self, client, db_session, partnership):
        _signed_in(client, db_session, partnership)
        form = {"csrf_token": csrf_token(client, "/officer/safe-havens/new"), "name": "Shop", "kind": "shop",
                "address": "1 High Street", "latitude": "north", "longitude": "-0.12",
                "verified_until": ["31", "12", "2099"], "hours_tue": "17:00-09:00", "hours_wed": "all day"}
        page = client.post("/officer/safe-havens/new", data=form).get_data(as_text=True)
        assert "Wednesday: Enter times like 09:00-17:30" in page
        form["hours_wed"] = ""
        page = client.post("/officer/safe-havens/new", data=form).get_data(as_text=True)
        assert "Tuesday: the closing time must be after the opening time" in page
        assert "Enter a latitude between -90 and 90" in page


class TestBoundaryUpload:
    def test_a_bad_file_says_what_is_wrong_and_a_good_one_is_stored_and_audited(
        self, client, db_session, partnership
    ):
        _signed_in(client, db_session, partnership)
        token = csrf_token(client, "/officer/boundary")
        point = io.BytesIO(b'{"type": "Point", "coordinates": [0, 0]}')
        bad = client.post("/officer/boundary", data={"csrf_token": token, "boundary": (point, "b.geojson")})
        assert "must be made of Polygons or MultiPolygons, not &#39;Point&#39;" in bad.get_data(as_text=True)
        square = {"type": "Polygon", "coordinates": [[[-1, 51], [0, 51], [0, 52], [-1, 52], [-1, 51]]]}
        good = client.post("/officer/boundary", data={
            "csrf_token": token, "boundary": (io.BytesIO(json.dumps(square).encode()), "b.geojson")})
        assert good.status_code == 302
        stored = db_session.scalar(select(Partnership.boundary_geojson).where(Partnership.slug == "north"))
        assert json.loads(stored) == square
        assert _actions(db_session, partnership)[-1] == "boundary_uploaded"

    def test_a_full_resolution_file_larger_than_other_uploads_is_accepted(
        self, client, db_session, partnership
    ):
        wards = [ward(-0.3 + 0.08 * (index % 4), 51.4 + 0.05 * (index // 4), 6000, f"Ward {index}")
                 for index in range(16)]
        body = json.dumps({"type": "FeatureCollection", "features": wards}, indent=1).encode()
        assert len(body) > REQUEST_LIMIT  # any other form refuses a body this size
        _signed_in(client, db_session, partnership)
        response = client.post("/officer/boundary", data={
            "csrf_token": csrf_token(client, "/officer/boundary"),
            "boundary": (io.BytesIO(body), "b.geojson"),
        })
        assert response.status_code == 302
        assert _actions(db_session, partnership)[-1] == "boundary_uploaded"

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            (b'{"type": "Polygon", "coordinates": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
             "nested too deeply"),
            (b'{"type": "Polygon", "coordinates": [[[1' + b"0" * 5000 + b', 0], [1, 0], [1, 1], [0, 0]]]}',
             "number that is too long"),
            (b'{"type": "Polygon", "coordinates": '
             b"[[[-0.2, 51.4], [0, 51.6], [0, 51.4], [-0.2, 51.6], [-0.2, 51.4]]]}",
             "The boundary is not a valid polygon: Self-intersection at or near 51.5, -0.1"),
        ],
    )
    def test_a_hostile_or_invalid_file_is_refused_on_the_field_and_nothing_changes(
        self, client, db_session, partnership, body, message
    ):
        _signed_in(client, db_session, partnership)
        before = db_session.scalar(select(Partnership.boundary_geojson).where(Partnership.slug == "north"))
        response = client.post("/officer/boundary", data={
            "csrf_token": csrf_token(client, "/officer/boundary"),
            "boundary": (io.BytesIO(body), "b.geojson"),
        })
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
        after = db_session.scalar(select(Partnership.boundary_geojson).where(Partnership.slug == "north"))
        assert after == before
        assert "boundary_uploaded" not in _actions(db_session, partnership)


class TestOfficerHotspots:
    @pytest.fixture
    def reports(self, db_session, consultation):
        store_place_report(db_session, consultation, place=PIN, reasons=["poor_lighting"], age_band="11_15")
        store_place_report(db_session, consultation, place=PIN, reasons=["drug_dealing"], details="Dark")
        return store_place_report(db_session, consultation, place={"description": "By the canal"})

    def test_the_page_lists_cells_with_reasons_and_links_to_their_reports(self, client, db_session,
                                                                          partnership, reports):
        _signed_in(client, db_session, partnership, Role.ANALYST)
        page = client.get("/officer/hotspots?reason=poor_lighting").get_data(as_text=True)
        assert "1 report in 1 square of 250 metres" in page and "Poor lighting (1)" in page
        cell = re.search(r"/officer/hotspots/cells/(\d+_\d+)\?reason=poor_lighting", page)[1]
        detail = client.get(f"/officer/hotspots/cells/{cell}").get_data(as_text=True)
        assert detail.count("<h2 class=\"govuk-heading-m\">Report ") == 2
        assert "1 report to put on the map" in page
        assert _actions(db_session, partnership)[-1] == "hotspot_cell_viewed"

    def test_exports_for_gis_count_the_cells_and_are_audited(self, client, db_session, partnership, reports):
        _signed_in(client, db_session, partnership, Role.ANALYST)
        geojson = client.get("/officer/hotspots/cells.geojson?size=100").get_json(force=True)
        [feature] = geojson["features"]
        assert feature["properties"]["reports"] == 2 and feature["properties"]["reasons.drug_dealing"] == 1
        assert feature["geometry"]["type"] == "Polygon" and geojson["cell_size_m"] == 100
        text = client.get("/officer/hotspots/cells.csv").get_data(as_text=True)
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows[0]["reports"] == "2" and rows[0]["reasons.poor_lighting"] == "1"
        assert _actions(db_session, partnership)[-2:] == ["hotspots_exported", "hotspots_exported"]

    def test_an_analyst_puts_a_report_named_in_words_on_the_map(self, client, db_session, partnership,
                                                                reports):
        _signed_in(client, db_session, partnership, Role.ANALYST)
        token = csrf_token(client, f"/officer/places/{reports.id}")
        outside = client.post(f"/officer/places/{reports.id}", data={
            "csrf_token": token, "latitude": str(OUTSIDE[0]), "longitude": str(OUTSIDE[1])})
        assert "outside the partnership" in outside.get_data(as_text=True)
        placed = client.post(f"/officer/places/{reports.id}", data={
            "csrf_token": token, "latitude": "51.51", "longitude": "-0.11"})
        assert placed.status_code == 302
        row = db_session.scalar(select(Answer).where(Answer.response_id == reports.id,
                                                     Answer.question_id == "place"))
        assert (row.latitude, row.longitude, row.text) == (51.51, -0.11, "By the canal")
        assert _actions(db_session, partnership)[-1] == "place_report_placed"


class TestPublicCellsApi:
    def test_asking_for_everything_returns_no_stored_point(self, app, db_session, partnership, consultation):
        settings = app.extensions["safer_voices"].settings
        settings.public_hotspots, settings.site_partnership = True, partnership.slug
        for index in range(40):
            store_place_report(db_session, consultation, place={
                "latitude": INSIDE[0] + index * 0.00003, "longitude": INSIDE[1] + index * 0.00002})
        for _ in range(4):
            store_place_report(db_session, consultation, place={"latitude": 51.52, "longitude": -0.14})
        response = app.test_client().get("/api/places/cells.geojson?everything=1&limit=0&min=1")
        assert response.mimetype == "application/geo+json"
        body = response.get_data(as_text=True)
        stored = db_session.execute(select(Answer.latitude, Answer.longitude).join(Response).where(
            Response.partnership_id == partnership.id, Answer.latitude.is_not(None))).all()
        numbers = [float(text) for text in re.findall(r"-?\d+\.\d+", body)]
        assert numbers, "the cells have corners"
        for latitude, longitude in stored:
            for number in numbers:
                assert abs(number - latitude) > 1e-7 and abs(number - longitude) > 1e-7
        features = response.get_json()["features"]
        assert [feature["properties"] for feature in features] == [
            {"cell": features[0]["properties"]["cell"], "reports": 40}]
