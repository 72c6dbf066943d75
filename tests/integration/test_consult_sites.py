"""A partnership's site serves its own consultations, never another partnership's by slug."""

from __future__ import annotations

import pytest

from survey.consultations import ConsultationError, create_consultation
from survey.definitions.definition import template_path
from survey.vocabulary import ConsultationStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import csrf_token, sign_in

SOURCE = template_path("community-safety").read_text(encoding="utf-8")


@pytest.fixture
def sites(settings, db_session):
    """Two partnerships with an open consultation each; this site is north's."""
    north, south = make_partnership(db_session, "north"), make_partnership(db_session, "south")
    create_consultation(db_session, north, SOURCE, slug="north-survey", status=ConsultationStatus.OPEN)
    create_consultation(db_session, south, SOURCE, slug="south-survey", status=ConsultationStatus.OPEN)
    settings.site_partnership = "north"
    db_session.commit()  # a 404 rolls its request back: the records must outlive it (until the test ends)
    return north, south


class TestConsultationsBySite:
    def test_the_sites_own_consultation_is_served(self, sites, client):
        assert client.get("/consultations/north-survey/").status_code == 200

    def test_another_partnerships_consultation_is_not_found_on_this_site(self, sites, client):
        assert client.get("/consultations/south-survey/").status_code == 404
        token = csrf_token(client, "/consultations/north-survey/")
        assert client.post("/consultations/south-survey/start", data={"csrf_token": token}).status_code == 404
        assert client.get("/consultations/south-survey/resume").status_code == 404

    def test_officers_preview_and_enter_paper_for_their_own_partnership_on_any_site(
        self, sites, client, db_session
    ):
        _, south = sites
        officer = make_officer(db_session, south, Role.ANALYST)
        sign_in(client, officer.email, PASSWORD)
        assert client.get("/consultations/south-survey/?preview=1").status_code == 200
        assert client.get("/consultations/south-survey/?channel=paper").status_code == 200
        token = csrf_token(client, "/consultations/south-survey/?channel=paper")
        started = client.post(
            "/consultations/south-survey/start", data={"csrf_token": token, "channel": "paper"}
        )
        assert "/consultations/south-survey/questions/" in started.headers["Location"]

    def test_an_officer_of_another_partnership_finds_nothing_of_it(self, sites, client, db_session):
        north, _ = sites
        officer = make_officer(db_session, north, Role.ADMIN)
        sign_in(client, officer.email, PASSWORD)
        assert client.get("/consultations/south-survey/?preview=1").status_code == 404

    def test_with_several_partnerships_and_none_named_none_is_public(self, sites, client, settings):
        settings.site_partnership = None
        assert client.get("/consultations/north-survey/").status_code == 404


class TestSlugsAreUniqueAcrossPartnerships:
    def test_a_slug_another_partnership_uses_is_refused(self, sites, db_session):
        _, south = sites
        with pytest.raises(ConsultationError, match="already used"):
            create_consultation(db_session, south, SOURCE, slug="north-survey")
