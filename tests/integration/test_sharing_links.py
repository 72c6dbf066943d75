"""Download links for an agency outside the installation: single-use, expiring, revocable, audited;
opening the page never uses one up, and the token is never stored."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
import time_machine
from sqlalchemy import func, select

from survey.sharing.links import (
    CREATED_ACTION,
    DOWNLOADED_ACTION,
    REFUSED_ACTION,
    REVOKED_ACTION,
    LinkValues,
    create_link,
    token_hash,
)
from survey.storage.models import ExportLink
from survey.storage.types import utcnow
from survey.vocabulary import LawfulBasis, Role, SharedExport
from tests.factories import make_partnership
from tests.sharing import SECRET, client_for, events, place_reports, post, published_consultation
from tests.web import csrf_token

LINK = re.compile(r'value="(http://localhost/shared/[^"]+)"')


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


def make_link(session, partnership, **overrides):
    values = {
        "recipient": "Kent Police analysts",
        "purpose": "Patrol planning",
        "lawful_basis": LawfulBasis.PUBLIC_TASK,
        "export": SharedExport.PLACES_CSV,
        **overrides,
    }
    link, token = create_link(session, partnership.id, LinkValues(**values), officer_id=None)
    session.commit()
    return link, f"/shared/{token}"


def download(client, path):
    """Press the page's Download button (the session's CSRF token, read from a form as a browser would)."""
    return client.post(path, data={"csrf_token": csrf_token(client)})


class TestMakingALink:
    def test_the_link_is_shown_once_and_only_its_hash_is_stored(self, app, db_session, north):
        consultation = published_consultation(db_session, north)
        admin = client_for(app, db_session, north, Role.ADMIN)
        page = post(
            admin,
            "/officer/sharing/links/new",
            {
                "submission_key": "k1",
                "recipient": "County council",
                "purpose": "Assessment",
                "lawful_basis": "public_task",
                "export": "figures_csv",
                "consultation_id": str(consultation.id),
                "ward_code": "",
                "days": "7",
            },
        )
        assert page.status_code == 200
        url = LINK.search(page.get_data(as_text=True)).group(1)
        token = url.rsplit("/", 1)[1]
        db_session.expire_all()
        link = db_session.scalar(select(ExportLink))
        assert link.token_hash == token_hash(token) and token not in link.token_hash
        assert dt.timedelta(days=7) - (link.expires_at - utcnow()) < dt.timedelta(minutes=1)
        assert len(events(db_session, north, CREATED_ACTION)) == 1

    def test_a_resent_form_makes_one_link_and_does_not_show_it_again(self, app, db_session, north):
        admin = client_for(app, db_session, north, Role.ADMIN)
        form = {
            "submission_key": "same-twice",
            "recipient": "County council",
            "purpose": "Assessment",
            "lawful_basis": "public_task",
            "export": "places_csv",
            "ward_code": "",
            "days": "3",
        }
        assert LINK.search(post(admin, "/officer/sharing/links/new", form).get_data(as_text=True))
        again = post(admin, "/officer/sharing/links/new", form)
        assert again.status_code == 302 and "/officer/sharing/links/" in again.headers["Location"]
        db_session.expire_all()
        assert db_session.scalar(select(func.count()).select_from(ExportLink)) == 1

    def test_a_link_longer_than_14_days_is_refused(self, app, db_session, north):
        admin = client_for(app, db_session, north, Role.ADMIN)
        page = post(
            admin,
            "/officer/sharing/links/new",
            {
                "recipient": "County council",
                "purpose": "Assessment",
                "lawful_basis": "public_task",
                "export": "places_csv",
                "ward_code": "",
                "days": "15",
            },
        )
        assert "The link must expire in between 1 and 14 days" in page.get_data(as_text=True)
        db_session.expire_all()
        assert db_session.scalar(select(func.count()).select_from(ExportLink)) == 0

    def test_viewers_cannot_make_or_revoke_links(self, app, db_session, north):
        link, _path = make_link(db_session, north)
        viewer = client_for(app, db_session, north, Role.VIEWER)
        assert viewer.get("/officer/sharing/links/new").status_code == 403
        assert post(viewer, f"/officer/sharing/links/{link.id}/revoke").status_code == 403
        assert viewer.get(f"/officer/sharing/links/{link.id}").status_code == 200

    def test_another_partnerships_link_is_not_found(self, app, db_session, north):
        link, _path = make_link(db_session, north)
        outsider = client_for(app, db_session, make_partnership(db_session, "east"), Role.ADMIN)
        assert outsider.get(f"/officer/sharing/links/{link.id}").status_code == 404
        assert post(outsider, f"/officer/sharing/links/{link.id}/revoke").status_code == 404


class TestUsingALink:
    def test_opening_the_page_does_not_use_the_link_up(self, client, db_session, north):
        place_reports(db_session, north)
        _link, path = make_link(db_session, north)
        for _ in range(3):
            page = client.get(path)
            assert page.status_code == 200 and "Download shared data" in page.get_data(as_text=True)
        assert download(client, path).status_code == 200

    def test_it_downloads_once_and_then_says_it_was_used(self, client, db_session, north):
        place_reports(db_session, north)
        _link, path = make_link(db_session, north)
        first = download(client, path)
        assert first.status_code == 200
        assert first.headers["Content-Disposition"] == 'attachment; filename="north-place-reports.csv"'
        rows = list(csv.DictReader(io.StringIO(first.get_data(as_text=True).lstrip("\ufeff"))))
        assert len(rows) == 2 and {row["ward_name"] for row in rows} == {"Westgate", "Eastgate"}
        second = download(client, path)
        assert second.status_code == 410
        assert "This link has already been used" in second.get_data(as_text=True)
        assert len(events(db_session, north, DOWNLOADED_ACTION)) == 1
        assert [e.details["state"] for e in events(db_session, north, REFUSED_ACTION)] == ["used"]

    def test_a_download_needs_the_button_and_its_token(self, client, db_session, north):
        place_reports(db_session, north)
        _link, path = make_link(db_session, north)
        client.get(path)
        assert client.post(path, data={}).status_code == 400  # no CSRF token: refused before anything
        assert download(client, path).status_code == 200

    def test_free_text_stays_out_unless_agreed(self, client, db_session, north):
        place_reports(db_session, north)
        _plain, plain_path = make_link(db_session, north)
        _words, words_path = make_link(db_session, north, include_free_text=True)
        assert SECRET not in download(client, plain_path).get_data(as_text=True)
        assert SECRET in download(client, words_path).get_data(as_text=True)

    def test_the_geojson_has_a_point_per_report_without_free_text(self, client, db_session, north):
        place_reports(db_session, north, west=2, east=1)
        _link, path = make_link(db_session, north, export=SharedExport.PLACES_GEOJSON, ward_code="E05000001")
        collection = json.loads(download(client, path).get_data(as_text=True))
        assert [f["geometry"]["coordinates"] for f in collection["features"]] == [[-0.12, 51.503]] * 2
        assert SECRET not in json.dumps(collection)

    def test_the_published_figures_csv_is_the_public_one(self, client, db_session, north):
        consultation = published_consultation(db_session, north)
        _link, path = make_link(
            db_session, north, export=SharedExport.FIGURES_CSV, consultation_id=consultation.id
        )
        body = download(client, path).get_data(as_text=True)
        assert body.lstrip("\ufeff").startswith("question_id,question,base,answer,measure,value")
        assert "Open Government Licence" in body

    def test_an_expired_link_says_so(self, client, db_session, north):
        place_reports(db_session, north)
        _link, path = make_link(db_session, north, days=7)
        with time_machine.travel(utcnow() + dt.timedelta(days=7, minutes=1)):
            page = client.get(path)
            assert page.status_code == 410 and "This link has expired" in page.get_data(as_text=True)
            assert download(client, path).status_code == 410
        assert [e.details["state"] for e in events(db_session, north, REFUSED_ACTION)] == ["expired"]

    def test_a_link_still_works_just_before_it_expires(self, client, db_session, north):
        place_reports(db_session, north)
        _link, path = make_link(db_session, north, days=1)
        with time_machine.travel(utcnow() + dt.timedelta(hours=23, minutes=59)):
            assert download(client, path).status_code == 200

    def test_a_revoked_link_stops_at_once(self, app, client, db_session, north):
        place_reports(db_session, north)
        link, path = make_link(db_session, north)
        admin = client_for(app, db_session, north, Role.ADMIN)
        assert post(admin, f"/officer/sharing/links/{link.id}/revoke").status_code == 302
        page = download(client, path)
        assert page.status_code == 410 and "This link has been revoked" in page.get_data(as_text=True)
        assert len(events(db_session, north, REVOKED_ACTION)) == 1

    def test_an_unknown_token_is_a_clear_404(self, client):
        page = client.get("/shared/not-a-real-token")
        assert page.status_code == 404 and "This link does not work" in page.get_data(as_text=True)
