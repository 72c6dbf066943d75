"""The officer results dashboard: figures, filters, free text (audited), cross-tabs and downloads."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from survey.storage.models import AuditEvent
from survey.vocabulary import Role
from tests.analysis_data import COMMENT, make_fixture_consultation
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import sign_in

RESULTS = "/officer/consultations/fixture/results"


@pytest.fixture
def partnership(db_session):
    partnership = make_partnership(db_session)
    make_fixture_consultation(db_session, partnership)
    return partnership


def _client(app, db_session, partnership, role: Role):
    officer = make_officer(db_session, partnership, role)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client, officer


def _events(db_session, action: str) -> list[AuditEvent]:
    return list(db_session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


class TestResultsPage:
    def test_figures_bases_charts_and_tables(self, app, db_session, partnership):
        client, _officer = _client(app, db_session, partnership, Role.VIEWER)
        page = client.get(RESULTS).get_data(as_text=True)
        assert page.count("<h1") == 1 and "<strong>7</strong> responses" in page
        assert "Which colour? (base 3)" in page and "66.7%" in page  # the table beneath the chart
        assert page.count('role="img"') >= 5 and "<title id=\"chart-colour-title\">" in page
        assert "Net score (safe minus unsafe): <strong>+40.0</strong>" in page
        assert "1 (20.0%)" in page or "2 (40.0%)" in page  # ranking cells show count and percent

    def test_page_obeys_the_content_security_policy(self, app, db_session, partnership):
        client, _officer = _client(app, db_session, partnership, Role.VIEWER)
        response = client.get(RESULTS)
        assert "style-src 'self'" in response.headers["Content-Security-Policy"]
        page = response.get_data(as_text=True)
        assert not re.search(r"\sstyle=", page) and "<style" not in page

    def test_filters_come_from_the_query_string(self, app, db_session, partnership):
        client, _officer = _client(app, db_session, partnership, Role.VIEWER)
        paper = client.get(RESULTS + "?channel=paper").get_data(as_text=True)
        assert "<strong>2</strong> responses match the filters" in paper
        young = client.get(RESULTS + "?about_age_band=11_15").get_data(as_text=True)
        assert "<strong>3</strong> responses" in young
        bad = client.get(RESULTS + "?from=2026-04-01&to=2026-03-01").get_data(as_text=True)
        assert "The end date must be the same as or after the start date" in bad

    def test_another_partnerships_consultation_is_not_found(self, app, db_session, partnership):
        client, _officer = _client(app, db_session, make_partnership(db_session, "south"), Role.ADMIN)
        assert client.get(RESULTS).status_code == 404

    def test_dashboard_links_to_results(self, app, db_session, partnership):
        client, _officer = _client(app, db_session, partnership, Role.VIEWER)
        assert f'href="{RESULTS}"' in client.get("/officer/").get_data(as_text=True)


class TestFreeText:
    def test_answers_are_shown_and_the_view_is_audited(self, app, db_session, partnership):
        client, officer = _client(app, db_session, partnership, Role.VIEWER)
        page = client.get(RESULTS + "/free-text").get_data(as_text=True)
        assert COMMENT in page and "1 answer" in page
        [event] = _events(db_session, "free_text_viewed")
        assert event.officer_id == officer.id and COMMENT not in str(event.details)

    def test_urgent_first_and_filters(self, app, db_session, partnership):
        from survey.answers import AnswerPart
        from survey.consultations import consultation_by_slug, definition_of
        from survey.responses.store import store_response
        from survey.vocabulary import Channel

        consultation = consultation_by_slug(db_session, "fixture")
        urgent = "a boy in my year has a knife and said he will stab me"
        store_response(db_session, consultation, definition_of(consultation),
                       {"comments": (AnswerPart(text=urgent),)}, channel=Channel.WEB)
        client, _officer = _client(app, db_session, partnership, Role.VIEWER)
        page = client.get(RESULTS + "/free-text").get_data(as_text=True)
        assert page.index(urgent) < page.index(COMMENT) and re.search(r"Urgent: [a-z, ]*weapons", page)
        only = client.get(RESULTS + "/free-text?urgent=yes").get_data(as_text=True)
        assert urgent in only and COMMENT not in only
        words = client.get(RESULTS + "/free-text?contains=LIGHTING").get_data(as_text=True)
        assert COMMENT in words and urgent not in words
        assert "flagged as urgent risk" in client.get(RESULTS).get_data(as_text=True)


class TestCrosstabPage:
    def test_shows_percent_of_group_with_interval(self, app, db_session, partnership):
        client, _officer = _client(app, db_session, partnership, Role.VIEWER)
        page = client.get(RESULTS + "/crosstab?question=safety&by=about_gender").get_data(as_text=True)
        assert "33.3%" in page and "6.1 to 79.2" in page and "9.5 to 90.5" in page


class TestDownloads:
    def test_viewer_gets_public_variants_only(self, app, db_session, partnership):
        client, _officer = _client(app, db_session, partnership, Role.VIEWER)
        assert client.get("/officer/consultations/fixture/export/csv").status_code == 403
        response = client.get("/officer/consultations/fixture/public-export/json")
        assert response.status_code == 200 and response.json["public"] is True
        assert "attachment" in response.headers["Content-Disposition"]
        [event] = _events(db_session, "report_exported")
        assert event.details["public"] is True and event.details["via"] == "web"

    def test_analyst_downloads_raw_csv_with_filters_and_it_is_audited(self, app, db_session, partnership):
        client, officer = _client(app, db_session, partnership, Role.ANALYST)
        response = client.get("/officer/consultations/fixture/export/csv?channel=paper")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))
        assert len(rows) == 3 and {row[1] for row in rows[1:]} == {"paper"}
        [event] = _events(db_session, "report_exported")
        assert event.officer_id == officer.id and event.details["filters"] == {"channels": ["paper"]}

    def test_pdf_download(self, app, db_session, partnership):
        client, _officer = _client(app, db_session, partnership, Role.ANALYST)
        response = client.get("/officer/consultations/fixture/export/pdf")
        assert response.status_code == 200 and response.data.startswith(b"%PDF-")
