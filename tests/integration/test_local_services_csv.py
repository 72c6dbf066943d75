"""Local services in and out of CSV: the export reads back unchanged, is safe to open in a spreadsheet,
and an import with any bad row stores nothing and names every problem by row and column."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from survey.signposting.local_store import ServiceFields, add_service
from survey.signposting.services import HelpTopic
from survey.signposting.services_csv import COLUMNS, export_rows, import_services
from survey.storage.models import AuditEvent, LocalService
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.tensions import make_ward
from tests.web import csrf_token, sign_in

HEADER = ",".join(COLUMNS)
GOOD_ROW = (
    'North Youth Hub,"Youth workers, after school.",bullying;knives_weapons,11,19,01632 960 123,,'
    "https://youth.north.example,Monday to Friday,"
)


@pytest.fixture
def north(db_session, settings):
    partnership = make_partnership(db_session, "north")
    settings.site_partnership = partnership.slug
    return partnership


def rows(db_session):
    return db_session.scalars(select(LocalService).order_by(LocalService.id)).all()


def upload(client, text: str):
    token = csrf_token(client, "/officer/services/import")
    data = {"csrf_token": token, "services_file": (io.BytesIO(text.encode("utf-8")), "services.csv")}
    return client.post("/officer/services/import", data=data, content_type="multipart/form-data")


def signed_in(app, db_session, partnership, role=Role.ANALYST):
    client = app.test_client()
    assert sign_in(client, make_officer(db_session, partnership, role).email, PASSWORD).status_code == 302
    return client


class TestImport:
    def test_a_good_file_adds_services_shown_on_the_help_pages_and_audits_it(self, app, db_session, north):
        client = signed_in(app, db_session, north)
        response = upload(client, f"{HEADER}\r\n{GOOD_ROW}\r\n")
        assert response.status_code == 302
        [row] = rows(db_session)
        assert (row.name, row.description, row.topics, row.phone) == (
            "North Youth Hub",
            "Youth workers, after school.",
            ["knives_weapons", "bullying"],
            "01632 960 123",
        )
        event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "services_imported")).one()
        assert event.details == {"added": 1, "changed": 0}
        assert "North Youth Hub" in client.get("/help/knives_weapons").get_data(as_text=True)

    def test_one_bad_row_stores_nothing_and_every_problem_is_named_by_row(self, app, db_session, north):
        client = signed_in(app, db_session, north)
        bad = (
            f"{HEADER}\n{GOOD_ROW}\n"
            "Second Hub,Help,ufo_sightings,20,11,12345,,http://x.example,,Nowhere\n"
            ",No name,bullying,,,01632 960 999,,,,\n"
        )
        response = upload(client, bad)
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "<title>Error: Import services" in page
        assert "Nothing was stored" in page and "There is a problem with the file" in page
        for expected in (
            "row 3, column topics: &#39;ufo_sightings&#39; is not a topic",
            "row 3, column max_age: The oldest age must be the same as or more",
            "row 3, column phone: Enter a UK phone number",
            "row 3, column website: Enter a website address that starts with https://",
            "row 3, column areas: &#39;Nowhere&#39; is not one of your wards",
            "row 4, column name: Enter the name of the service",
        ):
            assert expected in page, expected
        assert rows(db_session) == []
        assert (
            db_session.scalars(select(AuditEvent).where(AuditEvent.action == "services_imported")).all() == []
        )

    def test_a_file_with_an_unknown_column_is_refused_whole(self, db_session, north):
        result = import_services(db_session, north.id, "name,description,topics,colour\nA,B,bullying,red\n")
        assert [str(error) for error in result.errors] == [
            "row 1, column colour: Not a column of the services file. The columns are " + HEADER
        ]
        assert rows(db_session) == []

    def test_a_name_already_used_changes_that_service(self, db_session, north):
        add_service(
            db_session,
            north.id,
            ServiceFields("North Youth Hub", "Old words.", (HelpTopic.BULLYING,), phone="01632 960100"),
        )
        result = import_services(db_session, north.id, f"{HEADER}\n{GOOD_ROW.replace('North', 'NORTH', 1)}\n")
        assert (result.added, result.changed) == (0, 1)
        [row] = rows(db_session)
        assert row.name == "NORTH Youth Hub" and row.description == "Youth workers, after school."


class TestExport:
    def test_an_export_imports_back_unchanged_formulas_and_wards_included(self, app, db_session, north):
        make_ward(db_session, north, "E05000001", "Riverside")
        add_service(
            db_session,
            north.id,
            ServiceFields(
                '=HYPERLINK("http://evil.example")',
                "-Drop in; no appointment.",
                (HelpTopic.DRUGS_ALCOHOL,),
                min_age=13,
                phone="+44 1632 960400",
                text_message="STEP to 01632 960401",
                website="https://step.north.example",
                hours="@ weekends",
                ward_codes=("E05000001",),
            ),
        )
        add_service(
            db_session,
            north.id,
            ServiceFields(
                "Victim Care",
                "Support after a crime.",
                (HelpTopic.CRIME, HelpTopic.HATE),
                website="https://vc.example",
            ),
        )
        client = signed_in(app, db_session, north, Role.VIEWER)
        response = client.get("/officer/services/export.csv")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        assert 'filename="north-local-services.csv"' in response.headers["Content-Disposition"]
        text = response.get_data(as_text=True)
        table = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
        assert table[0] == list(COLUMNS)
        first = dict(zip(COLUMNS, table[1], strict=True))
        assert first["name"].startswith("'=") and first["description"].startswith("'-")
        assert first["phone"] == "'+44 1632 960400" and first["hours"] == "'@ weekends"
        assert first["areas"] == "Riverside" and table[2][-1] == "whole area"
        assert db_session.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "services_exported")
        ).one() == {"services": 2}
        before = [
            (
                r.name,
                r.description,
                r.topics,
                r.min_age,
                r.phone,
                r.text_message,
                r.website,
                r.hours,
                r.ward_codes,
            )
            for r in rows(db_session)
        ]
        result = import_services(db_session, north.id, text)
        assert result.ok and (result.added, result.changed) == (0, 0)
        after = [
            (
                r.name,
                r.description,
                r.topics,
                r.min_age,
                r.phone,
                r.text_message,
                r.website,
                r.hours,
                r.ward_codes,
            )
            for r in rows(db_session)
        ]
        assert after == before

    def test_another_partnerships_services_are_not_exported(self, db_session, north):
        add_service(
            db_session,
            north.id,
            ServiceFields("North Hub", "Help.", (HelpTopic.BULLYING,), phone="0808 800 5000"),
        )
        south = make_partnership(db_session, "south")
        assert list(export_rows(db_session, south.id)) == [list(COLUMNS)]
