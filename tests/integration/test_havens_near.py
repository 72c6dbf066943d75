"""Safe havens placed by postcode (officers) and found near a postcode or area (residents), through
the test client: without JavaScript, and never keeping what a resident typed."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from survey.places.postcode_import import import_postcodes
from survey.places.safe_havens import all_day
from survey.storage.models import AuditEvent, SafeHaven
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.places import make_haven
from tests.tensions import make_ward
from tests.web import csrf_token, sign_in

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "onspd-sample.csv"
NEW = "/officer/safe-havens/new"


@pytest.fixture
def partnership(db_session, app):
    partnership = make_partnership(db_session, "north")
    app.extensions["safer_voices"].settings.site_partnership = "north"
    return partnership


@pytest.fixture
def postcodes(db_session):
    with SAMPLE.open(encoding="utf-8-sig", newline="") as lines:
        return import_postcodes(db_session, lines)


def _admin(client, db_session, partnership):
    officer = make_officer(db_session, partnership, Role.ADMIN)
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return officer


def _haven_form(client, **fields):
    return {
        "csrf_token": csrf_token(client, NEW),
        "name": "Corner Shop",
        "kind": "shop",
        "address": "1 High Street",
        "verified_until": ["31", "12", "2099"],
        "hours_mon": "09:00-17:00",
        "postcode": "",
        "latitude": "",
        "longitude": "",
        **fields,
    }


def _havens(db_session, partnership):
    return list(db_session.scalars(select(SafeHaven).where(SafeHaven.partnership_id == partnership.id)))


class TestOfficerPlacesAHavenByPostcode:
    def test_an_admin_adds_a_safe_haven_by_postcode_alone(self, client, db_session, partnership, postcodes):
        _admin(client, db_session, partnership)
        page = client.get(NEW).get_data(as_text=True)
        assert 'name="postcode"' in page and "Postcodes are not available" not in page
        response = client.post(NEW, data=_haven_form(client, postcode="  se17pb "))
        assert response.status_code == 302
        [haven] = _havens(db_session, partnership)
        assert (haven.latitude, haven.longitude) == pytest.approx((51.502094, -0.118410))
        event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "safe_haven_created"))
        assert event.details == {"placed_by": "postcode"}

    def test_a_postcode_typed_when_changing_a_haven_moves_it(
        self, client, db_session, partnership, postcodes
    ):
        _admin(client, db_session, partnership)
        haven = make_haven(db_session, partnership, name="Corner Shop")
        form = _haven_form(
            client, postcode="SW1A 2AA", latitude=str(haven.latitude), longitude=str(haven.longitude)
        )
        assert client.post(f"/officer/safe-havens/{haven.id}", data=form).status_code == 302
        [moved] = _havens(db_session, partnership)
        assert (moved.latitude, moved.longitude) == pytest.approx((51.503540, -0.127695))

    def test_coordinates_place_it_when_no_postcode_is_given(self, client, db_session, partnership, postcodes):
        _admin(client, db_session, partnership)
        form = _haven_form(client, latitude="51.5", longitude="-0.12")
        assert client.post(NEW, data=form).status_code == 302
        assert [(h.latitude, h.longitude) for h in _havens(db_session, partnership)] == [(51.5, -0.12)]

    @pytest.mark.parametrize(
        "typed, message",
        [
            ("ZZ9 9ZZ", "We could not find the postcode ZZ9 9ZZ"),
            ("WC2N 5AA", "We could not find the postcode WC2N 5AA"),  # terminated
            ("not one", "Enter a real postcode, like SW1A 2AA"),
        ],
    )
    def test_an_unknown_postcode_saves_nothing_and_says_so_on_the_field(
        self, client, db_session, partnership, postcodes, typed, message
    ):
        _admin(client, db_session, partnership)
        response = client.post(NEW, data=_haven_form(client, postcode=typed))
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and message in page
        assert 'href="#postcode"' in page  # the error summary links to the field
        assert _havens(db_session, partnership) == []

    def test_nothing_to_place_it_by_is_an_error(self, client, db_session, partnership, postcodes):
        _admin(client, db_session, partnership)
        page = client.post(NEW, data=_haven_form(client)).get_data(as_text=True)
        assert "Enter a postcode, or put a pin on the map, or enter the latitude and longitude" in page
        assert _havens(db_session, partnership) == []

    def test_a_bad_submit_still_shows_where_the_postcode_is(self, client, db_session, partnership, postcodes):
        _admin(client, db_session, partnership)
        page = client.post(NEW, data=_haven_form(client, name="", postcode="sw1a2aa")).get_data(as_text=True)
        assert "Enter the name of the safe haven" in page
        assert 'value="SW1A 2AA"' in page and 'value="51.503540"' in page
        assert _havens(db_session, partnership) == []

    def test_a_double_submit_makes_one_haven(self, client, db_session, partnership, postcodes):
        _admin(client, db_session, partnership)
        page = client.get(NEW).get_data(as_text=True)
        key = re.search(r'name="submission_key"[^>]*value="([^"]+)"', page)[1]
        form = _haven_form(client, postcode="SE1 7PB", submission_key=key)
        assert client.post(NEW, data=form).status_code == 302
        assert client.post(NEW, data=form).status_code == 302
        assert len(_havens(db_session, partnership)) == 1
        created = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "safe_haven_created"))
        assert len(list(created)) == 1
        # A fresh form (a new key) adds another.
        assert client.post(NEW, data={**form, "submission_key": "another-key"}).status_code == 302
        assert len(_havens(db_session, partnership)) == 2


class TestWithoutThePostcodeTable:
    def test_the_form_says_postcodes_are_not_available_and_offers_the_map_or_coordinates(
        self, client, db_session, partnership
    ):
        _admin(client, db_session, partnership)
        page = client.get(NEW).get_data(as_text=True)
        assert "Postcodes are not available on this site" in page
        assert (
            'name="postcode"' not in page and 'name="latitude"' in page and 'data-sv-map="location"' in page
        )
        refused = client.post(NEW, data=_haven_form(client, postcode="SE1 7PB")).get_data(as_text=True)
        assert "Postcodes are not available on this site. Put a pin on the map" in refused
        assert _havens(db_session, partnership) == []
        empty = client.post(NEW, data=_haven_form(client)).get_data(as_text=True)
        assert "Put a pin on the map, or enter the latitude and longitude" in empty
        assert (
            client.post(NEW, data=_haven_form(client, latitude="51.5", longitude="-0.12")).status_code == 302
        )

    def test_residents_are_told_and_can_still_use_the_list(self, client, db_session, partnership):
        make_haven(db_session, partnership)
        page = client.get("/safe-havens").get_data(as_text=True)
        assert "Postcodes are not available on this site. Use the map" in page
        assert 'name="near"' not in page and "Station Pharmacy" in page


def _near(client, typed):
    return client.post("/safe-havens", data={"near": typed})


def _names_in_order(page):
    return re.findall(r'<h3 class="govuk-heading-m">([^<]+)</h3>', page)


class TestResidentsFindHavensNearThem:
    @pytest.fixture
    def havens(self, db_session, partnership):
        make_haven(
            db_session,
            partnership,
            name="Abbey Cafe",
            latitude=51.5196,
            longitude=-0.1270,
            contact="Call 020 7946 0011 or ask at the till",
            opening_hours=all_day(),
        )
        make_haven(
            db_session,
            partnership,
            name="Bridge Library",
            latitude=51.5021,
            longitude=-0.1185,
            contact="library@bridge.example",
        )
        make_haven(db_session, partnership, name="Cathedral Shop", latitude=51.5138, longitude=-0.0984)

    def test_a_postcode_typed_without_javascript_lists_the_nearest_first_with_distances(
        self, client, partnership, postcodes, havens
    ):
        page = client.get("/safe-havens").get_data(as_text=True)
        assert 'name="near"' in page and 'method="post"' in page and "csrf_token" not in page
        assert _names_in_order(page) == ["Abbey Cafe", "Bridge Library", "Cathedral Shop"]
        near = _near(client, "se1 7pb")
        page = near.get_data(as_text=True)
        assert near.status_code == 200
        assert "Safe havens nearest to SE1 7PB" in page
        assert _names_in_order(page) == ["Bridge Library", "Cathedral Shop", "Abbey Cafe"]
        assert (
            "Less than 100 metres away" in page
            and "About 1.9 km away" in page
            and "About 2.0 km away" in page
        )

    def test_every_phone_number_is_a_tel_link(self, client, partnership, havens):
        page = client.get("/safe-havens").get_data(as_text=True)
        assert '<a class="govuk-link" href="tel:02079460011">020 7946 0011</a> or ask at the till' in page
        assert 'href="tel:02079460002">020 7946 0002</a>' in page
        assert 'href="mailto:library@bridge.example"' in page
        assert 'href="tel:999"' in page
        phone_like = re.findall(r">([^<]*\b0\d{3} \d{3} \d{4}\b[^<]*)<", page)
        assert all("tel:" in page.split(number)[0][-80:] for number in phone_like)

    def test_a_ward_name_or_a_district_is_found_too(self, client, db_session, partnership, postcodes, havens):
        make_ward(db_session, partnership, name="Riverside")  # its box's middle is 51.505, -0.12
        page = _near(client, "RIVERSIDE").get_data(as_text=True)
        assert "Safe havens nearest to Riverside" in page
        assert _names_in_order(page)[0] == "Bridge Library"
        assert "Safe havens nearest to EC4M" in _near(client, "ec4m").get_data(as_text=True)

    @pytest.mark.parametrize(
        "typed, message",
        [
            ("", "Enter a postcode or the name of an area"),
            ("ZZ9 9ZZ", "We could not find that postcode"),
            ("Atlantis", "We could not find that place. Enter a postcode, like SW1A 2AA"),
        ],
    )
    def test_what_cannot_be_found_is_an_error_with_the_whole_list_still_shown(
        self, client, partnership, postcodes, havens, typed, message
    ):
        page = _near(client, typed).get_data(as_text=True)
        assert message in page and 'href="#near"' in page
        assert "<title>Error: Safe havens" in page
        assert _names_in_order(page) == ["Abbey Cafe", "Bridge Library", "Cathedral Shop"]


class TestWhatIsTypedIsNeverKept:
    def test_the_postcode_typed_is_in_no_table_no_log_no_cookie_and_no_url(
        self, client, db_session, partnership, postcodes, caplog
    ):
        make_haven(db_session, partnership)
        tables_before = _table_text(db_session)
        caplog.set_level(logging.DEBUG)
        response = _near(client, "WC1B 3DG")
        assert "Safe havens nearest to WC1B 3DG" in response.get_data(as_text=True)
        assert response.headers["Cache-Control"] == "no-store"
        assert "Set-Cookie" not in response.headers
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert not any("WC1B" in record.getMessage() for record in caplog.records)
        # Every row of every table, as text, is as it was: nothing written, nothing audited.
        assert _table_text(db_session) == tables_before
        assert "WC1B" not in _table_text(db_session).replace("WC1B 3DG|WC1B|51.519299|-0.126957", "")

    def test_the_page_never_puts_the_search_in_a_link(self, client, partnership, postcodes, db_session):
        make_haven(db_session, partnership)
        page = _near(client, "WC1B 3DG").get_data(as_text=True)
        assert not re.search(r'(href|action|src)="[^"]*WC1B', page, re.IGNORECASE)
        assert "near=" not in page


def _table_text(session) -> str:
    connection = session.connection()
    rows = []
    for table in sorted(inspect(connection).get_table_names()):
        for row in connection.execute(text(f'SELECT * FROM "{table}"')):
            rows.append("|".join(str(value) for value in row))
    return "\n".join(sorted(rows))
