"""Officer consultation pages: create, open and close, dates, share link and QR code, CSV upload."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ElementTree

import pytest
import segno
from sqlalchemy import func, select

from survey.consultations import consultation_by_slug, create_consultation
from survey.definitions.definition import template_path
from survey.storage.models import AuditEvent, Response
from survey.vocabulary import ConsultationStatus, Role
from tests.factories import make_partnership
from tests.web import csrf_token, officer_client

BASE = "/officer/consultations"
BROKEN = b"""id: broken
kind: consultation
title: Broken
intro: Hello
privacy_notice: Anonymous
pages:
  - questions:
      - id: q1
        type: ranking
        text: Rank these
        options: [A, B]
        rank: 3
"""


@pytest.fixture
def owner(db_session):
    return make_partnership(db_session, "owner")


@pytest.fixture
def annual(db_session, owner):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, owner, source, slug="annual", status=ConsultationStatus.DRAFT)


@pytest.fixture
def signed_in(app, db_session, owner):
    """``signed_in(role)``: a client signed in as an officer of the owning partnership with that role."""

    return lambda role, partnership=None: officer_client(app, db_session, partnership or owner, role)


def _events(session, action):
    return session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action))


def _responses(session, consultation):
    return session.scalar(
        select(func.count()).select_from(Response).where(Response.consultation_id == consultation.id)
    )


class TestList:
    def test_viewers_see_each_consultation_with_status_and_count(self, signed_in, annual):
        page = signed_in(Role.VIEWER).get(f"{BASE}/").get_data(as_text=True)
        assert f'href="{BASE}/annual"' in page and "Community safety consultation" in page
        assert "govuk-tag--grey" in page and ">Draft<" in page
        assert "Create a consultation" not in page

    def test_admins_can_create_and_the_navigation_links_here(self, signed_in, annual):
        page = signed_in(Role.ADMIN).get(f"{BASE}/").get_data(as_text=True)
        assert "Create a consultation" in page
        assert f'href="{BASE}/"' in page  # the service navigation item


class TestCreate:
    def test_from_a_template_creates_a_draft_and_audits_it(self, signed_in, db_session):
        client = signed_in(Role.ADMIN)
        response = client.post(f"{BASE}/new", data={
            "source": "community-safety", "slug": "safety-2027",
            "csrf_token": csrf_token(client, f"{BASE}/new"),
        })
        assert response.status_code == 302 and response.headers["Location"].startswith(f"{BASE}/safety-2027")
        assert consultation_by_slug(db_session, "safety-2027").status == ConsultationStatus.DRAFT
        assert _events(db_session, "consultation_created") == 1

    def test_an_uploaded_definition_with_problems_lists_file_and_line(self, signed_in, db_session):
        client = signed_in(Role.ADMIN)
        response = client.post(f"{BASE}/new", content_type="multipart/form-data", data={
            "source": "upload", "definition": (io.BytesIO(BROKEN), "broken.yaml"),
            "csrf_token": csrf_token(client, f"{BASE}/new"),
        })
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "<title>Error: Create a consultation" in page
        assert "broken.yaml, line 12: question &#39;q1&#39;: rank (3) is more than the number" in page
        assert consultation_by_slug(db_session, "broken") is None

    def test_a_deeply_nested_upload_is_refused_with_its_line_not_a_500(self, signed_in, db_session):
        client = signed_in(Role.ADMIN)
        nested = b"id: deep\nkind: worry\npages: " + b"[" * 5000 + b"]" * 5000 + b"\n"
        response = client.post(f"{BASE}/new", content_type="multipart/form-data", data={
            "source": "upload", "definition": (io.BytesIO(nested), "definition.yaml"),
            "csrf_token": csrf_token(client, f"{BASE}/new"),
        })
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "definition.yaml, line 3: the definition is nested too deeply (more than 50 levels)" in page
        assert consultation_by_slug(db_session, "deep") is None

    def test_an_uploaded_definition_is_created(self, signed_in, db_session):
        client = signed_in(Role.ADMIN)
        source = template_path("worry").read_bytes()
        response = client.post(f"{BASE}/new", content_type="multipart/form-data", data={
            "source": "upload", "definition": (io.BytesIO(source), "worry.yaml"),
            "csrf_token": csrf_token(client, f"{BASE}/new"),
        })
        assert response.status_code == 302
        assert consultation_by_slug(db_session, "worry") is not None

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({}, "Select how to start the consultation"),
            ({"source": "upload"}, "Choose a YAML definition file"),
            ({"source": "community-safety", "slug": "Not A Slug"}, "Web address name must only include"),
            ({"source": "community-safety", "slug": "annual"}, "The slug &#39;annual&#39; is already used"),
        ],
    )
    def test_mistakes_are_shown_on_the_form(self, signed_in, annual, data, message):
        client = signed_in(Role.ADMIN)
        response = client.post(f"{BASE}/new", data={**data, "csrf_token": csrf_token(client, f"{BASE}/new")})
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)


class TestStatus:
    def _post(self, client, status):
        token = csrf_token(client, "/sign-out")  # any page with a form: viewers get none here
        return client.post(f"{BASE}/annual/status", data={"status": status, "csrf_token": token})

    def test_open_close_and_reopen_are_audited(self, signed_in, db_session, annual):
        client = signed_in(Role.ADMIN)
        for status in ("open", "closed", "open"):
            assert self._post(client, status).status_code == 302
            assert consultation_by_slug(db_session, "annual").status == ConsultationStatus(status)
        assert _events(db_session, "consultation_opened") == 2
        assert _events(db_session, "consultation_closed") == 1

    def test_the_detail_page_offers_the_next_step_as_a_post_button(self, signed_in, annual):
        page = signed_in(Role.ADMIN).get(f"{BASE}/annual").get_data(as_text=True)
        assert 'method="post" action="/officer/consultations/annual/status"' in page
        assert 'name="status" value="open"' in page and "Open to the public" in page

    def test_an_unknown_status_is_a_bad_request(self, signed_in, annual):
        assert self._post(signed_in(Role.ADMIN), "published").status_code == 400

    def test_viewers_and_analysts_cannot_change_status(self, signed_in, db_session, annual):
        for role in (Role.VIEWER, Role.ANALYST):
            assert self._post(signed_in(role), "open").status_code == 403
        assert consultation_by_slug(db_session, "annual").status == ConsultationStatus.DRAFT


class TestDates:
    def _post(self, client, opens, closes):
        data = {"csrf_token": csrf_token(client, f"{BASE}/annual/dates")}
        for name, value in (("opens_on", opens), ("closes_on", closes)):
            data.update({name: value.split()} if value else {name: ["", "", ""]})
        return client.post(f"{BASE}/annual/dates", data=data)

    def test_dates_are_saved_and_enforced(self, signed_in, db_session, annual):
        client = signed_in(Role.ADMIN)
        assert self._post(client, "1 1 2020", "31 1 2020").status_code == 302
        saved = consultation_by_slug(db_session, "annual")
        assert (saved.opens_on, saved.closes_on) == (dt.date(2020, 1, 1), dt.date(2020, 1, 31))
        assert _events(db_session, "consultation_dates_changed") == 1
        saved.status = ConsultationStatus.OPEN
        page = client.get(f"{BASE}/annual").get_data(as_text=True)
        assert "its dates mean the public cannot answer it today" in page

    def test_blank_dates_remove_the_limits(self, signed_in, db_session, annual):
        annual.opens_on = dt.date(2020, 1, 1)
        assert self._post(signed_in(Role.ADMIN), "", "").status_code == 302
        assert consultation_by_slug(db_session, "annual").opens_on is None

    @pytest.mark.parametrize(
        ("opens", "closes", "message"),
        [
            ("2 2 2026", "1 2 2026", "The closing date must be the same as or after the opening date"),
            ("31 2 2026", "", "Opening date must be a real date"),
        ],
    )
    def test_bad_dates_are_shown_on_the_form(self, signed_in, annual, opens, closes, message):
        response = self._post(signed_in(Role.ADMIN), opens, closes)
        assert response.status_code == 200 and message in response.get_data(as_text=True)


class TestShareAndQR:
    SHARE_URL = "http://localhost/consultations/annual/"

    def test_the_detail_page_has_share_preview_and_paper_links(self, signed_in, annual):
        page = signed_in(Role.ANALYST).get(f"{BASE}/annual").get_data(as_text=True)
        assert self.SHARE_URL in page
        assert 'href="/consultations/annual/?preview=1"' in page
        assert 'href="/consultations/annual/?channel=paper"' in page
        assert f'href="{BASE}/annual/import"' in page

    def test_viewers_get_no_paper_entry_or_import(self, signed_in, annual):
        page = signed_in(Role.VIEWER).get(f"{BASE}/annual").get_data(as_text=True)
        assert "channel=paper" not in page and "/import" not in page

    def test_png_is_a_downloadable_png(self, signed_in, annual):
        response = signed_in(Role.VIEWER).get(f"{BASE}/annual/qr.png")
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert response.data.startswith(b"\x89PNG\r\n\x1a\n") and len(response.data) > 200
        assert response.headers["Content-Disposition"] == "attachment; filename=annual-qr.png"

    def test_svg_is_valid_xml_and_encodes_the_share_link(self, signed_in, annual):
        response = signed_in(Role.VIEWER).get(f"{BASE}/annual/qr.svg")
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        assert response.headers["Content-Disposition"] == "attachment; filename=annual-qr.svg"
        assert ElementTree.fromstring(response.data).tag == "{http://www.w3.org/2000/svg}svg"
        expected = io.BytesIO()
        segno.make(self.SHARE_URL, error="m").save(
            expected, kind="svg", scale=10, border=4, title="QR code: Community safety consultation"
        )
        assert response.data == expected.getvalue()


class TestImportPage:
    def _upload(self, client, csv_bytes, **extra):
        data = {"responses_file": (io.BytesIO(csv_bytes), "paper.csv"),
                "csrf_token": csrf_token(client, f"{BASE}/annual/import"), **extra}
        return client.post(f"{BASE}/annual/import", data=data, content_type="multipart/form-data")

    def test_a_good_file_is_stored_and_audited(self, signed_in, db_session, annual):
        csv_bytes = b"\xef\xbb\xbfsafety_day\r\nvery_safe\r\nfairly_safe\r\n"
        response = self._upload(signed_in(Role.ANALYST), csv_bytes)
        assert response.status_code == 302 and response.headers["Location"] == f"{BASE}/annual"
        assert _responses(db_session, annual) == 2
        assert _events(db_session, "responses_imported") == 1

    def test_a_bad_row_is_listed_and_nothing_is_stored(self, signed_in, db_session, annual):
        response = self._upload(signed_in(Role.ANALYST), b"safety_day\nvery_safe\nsafe\n")
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "Nothing was stored" in page
        assert "row 3, column safety_day: Select from the options shown" in page
        assert '<td data-label="Row" class="govuk-table__cell govuk-table__cell--numeric">3</td>' in page
        assert _responses(db_session, annual) == 0

    def test_skip_invalid_stores_the_valid_rows(self, signed_in, db_session, annual):
        response = self._upload(signed_in(Role.ANALYST), b"safety_day\nvery_safe\nsafe\n", skip_invalid="y")
        assert response.status_code == 200 and "Stored 1 response." in response.get_data(as_text=True)
        assert _responses(db_session, annual) == 1

    def test_a_file_that_is_not_utf8_is_refused_on_the_field(self, signed_in, db_session, annual):
        response = self._upload(signed_in(Role.ANALYST), "feel_safer\ncafé\n".encode("latin-1"))
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "not UTF-8" in page and "<title>Error:" in page

    def test_a_bad_mapping_file_is_refused_with_its_line(self, signed_in, annual):
        response = self._upload(signed_in(Role.ANALYST), b"safety_day\nvery_safe\n",
                                mapping_file=(io.BytesIO(b"columns:\n  a: b\nvalue: {}\n"), "their.yaml"))
        assert "their.yaml, line 3: unknown key &#39;value&#39;" in response.get_data(as_text=True)


class TestOtherPartnerships:
    @pytest.mark.parametrize("path", ["", "/qr.png", "/qr.svg", "/import", "/dates"])
    def test_another_partnerships_consultation_is_not_found(self, signed_in, db_session, annual, path):
        client = signed_in(Role.ADMIN, make_partnership(db_session, "elsewhere"))
        assert client.get(f"{BASE}/annual{path}").status_code == 404
