"""The consultation builder's pages: every edit goes through save_definition, a bad one stores nothing."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from survey.consultations import consultation_by_slug, create_consultation
from survey.definitions.definition import parse_definition, template_path
from survey.storage.models import Definition as DefinitionRow
from survey.vocabulary import ConsultationStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import CSRF_PATTERN, sign_in

BASE = "/officer/consultations/annual/build"
BASED_ON = re.compile(r'name="based_on"[^>]*value="(\d+)"')


@pytest.fixture
def owner(db_session):
    return make_partnership(db_session, "owner")


@pytest.fixture
def annual(db_session, owner):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, owner, source, slug="annual", status=ConsultationStatus.DRAFT)


@pytest.fixture
def signed_in(app, db_session, owner):
    def sign_in_as(role: Role, partnership=None):
        officer = make_officer(db_session, partnership or owner, role)
        client = app.test_client()
        assert sign_in(client, officer.email, PASSWORD).status_code == 302
        return client

    return sign_in_as


@pytest.fixture
def analyst(signed_in):
    return signed_in(Role.ANALYST)


def _definition(session):
    consultation = consultation_by_slug(session, "annual")
    session.refresh(consultation)
    return parse_definition(consultation.definition.source)


def _versions(session):
    return session.scalar(select(func.count()).select_from(DefinitionRow))


def _post(client, path, data, form_page=None):
    """Post ``data`` as the form on ``form_page`` (default: the same path) would: with its CSRF token
    and the version it was drawn from."""
    page = client.get(form_page or path).get_data(as_text=True)
    fields = {"csrf_token": CSRF_PATTERN.search(page).group(1)}
    based_on = BASED_ON.search(page)
    if based_on:
        fields["based_on"] = based_on.group(1)
    return client.post(path, data={**fields, **data})


class TestOverview:
    def test_viewers_read_every_page_and_question_without_change_links(self, signed_in, annual):
        page = signed_in(Role.VIEWER).get(BASE).get_data(as_text=True)
        assert "Build the consultation" in page
        assert "Page 2: Feeling safe" in page and "Did you report it to the police?" in page
        assert "Only if the answer to \u2018Have you been a victim" in page and "\u2018Yes\u2019" in page
        assert f"{BASE}/questions/victim" not in page and "Move up" not in page

    def test_analysts_get_change_move_and_remove_for_each_question(self, analyst, annual):
        page = analyst.get(BASE).get_data(as_text=True)
        assert f'href="{BASE}/questions/victim"' in page
        assert f'action="{BASE}/questions/victim/move"' in page
        assert f'href="{BASE}/questions/about_relationship/remove"' in page
        assert 'href="/consultations/annual/?preview=1"' in page

    def test_another_partnerships_consultation_is_not_found(self, signed_in, db_session, annual):
        elsewhere = make_partnership(db_session, "elsewhere")
        client = signed_in(Role.ADMIN, elsewhere)
        assert client.get(BASE).status_code == 404
        assert client.get(f"{BASE}/questions/victim").status_code == 404


class TestDetails:
    def test_the_title_and_privacy_notice_are_saved_as_a_new_version(self, analyst, db_session, annual):
        before = _versions(db_session)
        response = _post(analyst, f"{BASE}/details", {
            "title": "Safer streets 2027", "intro": "Tell us.\r\n\r\nIt takes 5 minutes.",
            "privacy_notice": "Anonymous."})
        assert response.status_code == 302 and response.headers["Location"] == BASE
        definition = _definition(db_session)
        assert definition.title == "Safer streets 2027" and definition.intro.strip() == "Tell us.\n\nIt takes 5 minutes."
        assert consultation_by_slug(db_session, "annual").title == "Safer streets 2027"
        assert _versions(db_session) == before + 1

    def test_a_blank_title_is_an_error_and_nothing_is_stored(self, analyst, db_session, annual):
        before = _versions(db_session)
        response = _post(analyst, f"{BASE}/details", {"title": "", "intro": "x", "privacy_notice": "y"})
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "<title>Error:" in page and "Enter a title" in page
        assert _versions(db_session) == before

    def test_viewers_cannot_change_it(self, signed_in, annual):
        assert signed_in(Role.VIEWER).get(f"{BASE}/details").status_code == 403
