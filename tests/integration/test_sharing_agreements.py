"""Data sharing agreements: a second partnership reads what the first shares, read-only and marked with
its source, audited on both sides, until the agreement is revoked or passes its review date."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from sqlalchemy import func, select

from survey.sharing.agreements import ACCESS_ACTION, GIVEN_ACCESS_ACTION, REVOKED_ACTION
from survey.sharing.places import SMALLEST_COUNT
from survey.storage.models import SharingAgreement
from survey.vocabulary import Role
from tests.factories import make_partnership
from tests.sharing import (
    SECRET,
    client_for,
    events,
    make_agreement,
    place_reports,
    post,
    published_consultation,
)


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def south(db_session):
    return make_partnership(db_session, "south")


def figures_path(agreement, slug="fixture"):
    return f"/officer/sharing/received/{agreement.id}/figures/{slug}"


class TestReadOnlyAccess:
    def test_recipient_reads_published_figures_marked_with_their_source(self, app, db_session, north, south):
        consultation = published_consultation(db_session, north)
        agreement = make_agreement(db_session, north, south, consultation_ids=(consultation.id,))
        page = client_for(app, db_session, south).get(figures_path(agreement))
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "Shared by North Community Safety Partnership. Read only." in text
        assert f"data sharing agreement {agreement.id}" in text
        assert "people answered this question" in text
        assert "<form" not in text.split("<main")[1]  # nothing on the page changes anything

    def test_revoking_stops_access_at_once(self, app, db_session, north, south):
        consultation = published_consultation(db_session, north)
        agreement = make_agreement(db_session, north, south, consultation_ids=(consultation.id,))
        reader = client_for(app, db_session, south)
        assert reader.get(figures_path(agreement)).status_code == 200
        admin = client_for(app, db_session, north, Role.ADMIN)
        assert post(admin, f"/officer/sharing/agreements/{agreement.id}/revoke").status_code == 302
        refused = reader.get(figures_path(agreement))
        assert refused.status_code == 403
        assert "revoked the agreement" in refused.get_data(as_text=True)
        assert "people answered this question" not in refused.get_data(as_text=True)
        assert len(events(db_session, north, REVOKED_ACTION)) == 1
        assert len(events(db_session, south, REVOKED_ACTION)) == 1

    def test_access_ends_after_the_review_date_without_anyone_acting(self, app, db_session, north, south):
        consultation = published_consultation(db_session, north)
        today = dt.date.today()
        agreement = make_agreement(
            db_session,
            north,
            south,
            consultation_ids=(consultation.id,),
            review_on=today + dt.timedelta(days=3),
        )
        with time_machine.travel(dt.datetime.combine(today + dt.timedelta(days=3), dt.time(23)), tick=False):
            assert (
                client_for(app, db_session, south, email="a@south.example")
                .get(figures_path(agreement))
                .status_code
                == 200
            )
        with time_machine.travel(
            dt.datetime.combine(today + dt.timedelta(days=4), dt.time(0, 1)), tick=False
        ):
            page = client_for(app, db_session, south, email="b@south.example").get(figures_path(agreement))
        assert page.status_code == 403
        assert "reached its review date" in page.get_data(as_text=True)

    def test_no_access_before_the_start_date(self, app, db_session, north, south):
        consultation = published_consultation(db_session, north)
        agreement = make_agreement(
            db_session,
            north,
            south,
            consultation_ids=(consultation.id,),
            starts_on=dt.date.today() + dt.timedelta(days=1),
        )
        assert client_for(app, db_session, south).get(figures_path(agreement)).status_code == 403

    def test_a_consultation_not_in_the_agreement_is_not_found(self, app, db_session, north, south):
        published_consultation(db_session, north)
        places = place_reports(db_session, north)
        agreement = make_agreement(db_session, north, south, share_places=True)
        reader = client_for(app, db_session, south)
        assert reader.get(figures_path(agreement)).status_code == 404
        assert reader.get(figures_path(agreement, places.slug)).status_code == 404

    def test_shared_figures_are_not_mixed_into_the_recipients_own_pages(self, app, db_session, north, south):
        consultation = published_consultation(db_session, north)
        make_agreement(db_session, north, south, consultation_ids=(consultation.id,))
        reader = client_for(app, db_session, south, Role.ADMIN)
        assert reader.get("/officer/consultations/fixture/results").status_code == 404
        assert "fixture" not in reader.get("/officer/consultations").get_data(as_text=True)


class TestAudit:
    def test_every_access_is_recorded_for_both_partnerships(self, app, db_session, north, south):
        consultation = published_consultation(db_session, north)
        agreement = make_agreement(db_session, north, south, consultation_ids=(consultation.id,))
        reader = client_for(app, db_session, south)
        reader.get(figures_path(agreement))
        reader.get(figures_path(agreement))
        theirs, ours = (
            events(db_session, south, ACCESS_ACTION),
            events(db_session, north, GIVEN_ACCESS_ACTION),
        )
        assert len(theirs) == len(ours) == 2
        assert theirs[0].officer_id is not None and ours[0].officer_id is None
        assert ours[0].details["recipient"] == "south" and ours[0].details["consultation"] == "fixture"
        assert theirs[0].details["from"] == "north"

    def test_a_refused_access_shows_nothing_and_records_no_view(self, app, db_session, north, south):
        consultation = published_consultation(db_session, north)
        agreement = make_agreement(
            db_session,
            north,
            south,
            consultation_ids=(consultation.id,),
            starts_on=dt.date.today() + dt.timedelta(days=5),
        )
        client_for(app, db_session, south).get(figures_path(agreement))
        assert events(db_session, north, GIVEN_ACCESS_ACTION) == []


class TestPlaceReports:
    def test_free_text_does_not_cross_unless_the_agreement_says_so(self, app, db_session, north, south):
        place_reports(db_session, north)
        without = make_agreement(db_session, north, south, share_places=True)
        with_words = make_agreement(db_session, north, south, share_places=True, include_free_text=True)
        reader = client_for(app, db_session, south)
        plain = reader.get(f"/officer/sharing/received/{without.id}/places").get_data(as_text=True)
        assert "Poor lighting" in plain and SECRET not in plain
        assert SECRET in reader.get(f"/officer/sharing/received/{with_words.id}/places").get_data(
            as_text=True
        )

    def test_a_ward_agreement_shares_only_that_wards_reports(self, app, db_session, north, south):
        place_reports(db_session, north, west=2, east=3)
        agreement = make_agreement(db_session, north, south, share_places=True, ward_code="E05000002")
        page = client_for(app, db_session, south).get(f"/officer/sharing/received/{agreement.id}/places")
        text = page.get_data(as_text=True)
        assert text.count("Eastgate ward</h3>") == 3 and "Westgate" not in text

    def test_no_reference_and_no_exact_pin_crosses(self, app, db_session, north, south):
        place_reports(db_session, north, west=1, east=0)
        agreement = make_agreement(db_session, north, south, share_places=True)
        text = (
            client_for(app, db_session, south)
            .get(f"/officer/sharing/received/{agreement.id}/places")
            .get_data(as_text=True)
        )
        assert "51.503, -0.12" in text and "51.5032" not in text and "-0.1205" not in text

    def test_small_hotspot_counts_stay_hidden_and_others_are_rounded(self, app, db_session, north, south):
        place_reports(db_session, north, west=SMALLEST_COUNT - 1, east=SMALLEST_COUNT + 2)
        agreement = make_agreement(db_session, north, south, share_places=True)
        text = (
            client_for(app, db_session, south)
            .get(f"/officer/sharing/received/{agreement.id}/places")
            .get_data(as_text=True)
        )
        hotspots = text.split(">Hotspots</h2>")[1].split(">Place reports</h2>")[0]
        assert "Eastgate ward" in hotspots and "Westgate ward" not in hotspots
        assert ">10<" in hotspots and ">12<" not in hotspots


class TestWhoMayDoWhat:
    def test_an_administrator_records_an_agreement_once_on_a_double_submit(
        self, app, db_session, north, south
    ):
        consultation = published_consultation(db_session, north)
        admin = client_for(app, db_session, north, Role.ADMIN)
        form = {
            "submission_key": "same-key-twice",
            "recipient_id": str(south.id),
            "purpose": "Assessment",
            "lawful_basis": "public_task",
            "consultation_ids": [str(consultation.id)],
            "ward_code": "",
            "starts_on": ["1", "12", "2026"],
            "review_on": ["30", "11", "2027"],
        }
        first = post(admin, "/officer/sharing/agreements/new", form)
        second = post(admin, "/officer/sharing/agreements/new", form)
        assert first.status_code == second.status_code == 302
        assert first.headers["Location"] == second.headers["Location"]
        db_session.expire_all()
        assert db_session.scalar(select(func.count()).select_from(SharingAgreement)) == 1

    def test_a_bad_form_shows_errors_and_stores_nothing(self, app, db_session, north, south):
        admin = client_for(app, db_session, north, Role.ADMIN)
        page = post(
            admin,
            "/officer/sharing/agreements/new",
            {
                "recipient_id": str(north.id),
                "purpose": " ",
                "lawful_basis": "because",
                "starts_on": ["1", "12", "2026"],
                "review_on": ["1", "11", "2026"],
            },
        )
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and "There is a problem" in text
        assert "Select the lawful basis" in text
        db_session.expire_all()
        assert db_session.scalar(select(func.count()).select_from(SharingAgreement)) == 0

    def test_viewers_and_analysts_cannot_record_or_revoke(self, app, db_session, north, south):
        agreement = make_agreement(db_session, north, south, share_places=True)
        for role in (Role.VIEWER, Role.ANALYST):
            client = client_for(app, db_session, north, role)
            assert client.get("/officer/sharing/agreements/new").status_code == 403
            assert post(client, f"/officer/sharing/agreements/{agreement.id}/revoke").status_code == 403
            assert client.get(f"/officer/sharing/agreements/{agreement.id}").status_code == 200

    def test_the_recipient_cannot_revoke_or_manage_the_agreement(self, app, db_session, north, south):
        agreement = make_agreement(db_session, north, south, share_places=True)
        admin = client_for(app, db_session, south, Role.ADMIN)
        assert admin.get(f"/officer/sharing/agreements/{agreement.id}").status_code == 404
        assert post(admin, f"/officer/sharing/agreements/{agreement.id}/revoke").status_code == 404
        assert admin.get(f"/officer/sharing/received/{agreement.id}").status_code == 200

    def test_another_partnerships_agreement_is_not_found(self, app, db_session, north, south):
        agreement = make_agreement(db_session, north, south, share_places=True)
        outsider = client_for(app, db_session, make_partnership(db_session, "east"), Role.ADMIN)
        for path in (
            f"/officer/sharing/agreements/{agreement.id}",
            f"/officer/sharing/received/{agreement.id}",
            f"/officer/sharing/received/{agreement.id}/places",
            figures_path(agreement),
        ):
            assert outsider.get(path).status_code == 404, path
        assert post(outsider, f"/officer/sharing/agreements/{agreement.id}/revoke").status_code == 404
        # The giver reads its own agreement, not the recipient's view of it.
        giver = client_for(app, db_session, north)
        assert giver.get(f"/officer/sharing/received/{agreement.id}").status_code == 404
