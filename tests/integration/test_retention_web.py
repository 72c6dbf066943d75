"""The officers' retention page and the privacy notice: one setting, shown in both places."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import func, select

from survey.retention.policy import DataKind, periods_of
from survey.retention.run import run_retention
from survey.storage.models import AuditEvent, RetentionPolicy
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.triage import Forms
from tests.web import csrf_token, sign_in

PERIODS = {
    "free_text": "12",
    "place_reports": "18",
    "worries": "6",
    "tension_narratives": "36",
    "audit_log": "60",
}


def signed_in(client, db_session, partnership, role=Role.ADMIN):
    officer = make_officer(db_session, partnership, role)
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return officer


def post_periods(client, **overrides):
    data = {"csrf_token": csrf_token(client, "/officer/retention/edit"), **PERIODS, **overrides}
    return client.post("/officer/retention/edit", data=data)


def changes(db_session):
    return db_session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "retention_periods_changed")
    )


class TestRetentionPage:
    def test_a_viewer_sees_the_default_policy_and_no_run_yet(self, client, db_session):
        signed_in(client, db_session, make_partnership(db_session), Role.VIEWER)
        page = client.get("/officer/retention").get_data(as_text=True)
        assert page.count("24 months") == 5 and "&lt;" not in page
        assert "has not run yet" in page
        assert "Change retention periods" not in page

    def test_it_shows_what_falls_due_and_the_last_run(self, client, db_session):
        partnership = make_partnership(db_session)
        Forms(db_session, partnership).survey("due soon", at=dt.datetime(2026, 12, 20, tzinfo=dt.UTC))
        with time_machine.travel(dt.datetime(2028, 12, 5, 9, tzinfo=dt.UTC), tick=False):
            signed_in(client, db_session, partnership, Role.VIEWER)
            run_retention(db_session, as_of=dt.date(2028, 12, 5), public_cell_m=500, via="test")
            page = client.get("/officer/retention").get_data(as_text=True)
        assert "Consultation answers" in page and "20 December 2028" in page
        assert "The last run was on 5 December 2028 at 09:00 (UK time)" in page
        assert "Nothing had reached the end of its retention period." in page


class TestChangingPeriods:
    def test_an_administrator_saves_them_once_and_it_is_audited(self, client, db_session):
        partnership = make_partnership(db_session)
        signed_in(client, db_session, partnership)
        assert post_periods(client).status_code == 302
        assert post_periods(client).status_code == 302  # a double submit
        periods = periods_of(db_session, partnership)
        assert periods.by_kind() == {DataKind(k): int(v) for k, v in PERIODS.items()}
        assert db_session.scalar(select(func.count()).select_from(RetentionPolicy)) == 1
        assert changes(db_session) == 1
        assert "Retention periods saved" in client.get("/officer/retention").get_data(as_text=True)

    def test_a_bad_period_is_explained_and_nothing_changes(self, client, db_session):
        partnership = make_partnership(db_session)
        signed_in(client, db_session, partnership)
        page = post_periods(client, worries="0", audit_log="two years").get_data(as_text=True)
        assert "There is a problem" in page
        assert "Worries must be kept for between 1 and 120 months" in page
        assert "Audit log must be a whole number of months, like 24" in page
        assert not periods_of(db_session, partnership).saved and changes(db_session) == 0

    def test_an_empty_period_asks_for_one(self, client, db_session):
        signed_in(client, db_session, make_partnership(db_session))
        page = post_periods(client, free_text="").get_data(as_text=True)
        assert "Enter how many months to keep consultation answers" in page

    def test_an_analyst_cannot_change_them(self, client, db_session):
        signed_in(client, db_session, make_partnership(db_session), Role.ANALYST)
        assert client.get("/officer/retention/edit").status_code == 403

    def test_one_partnerships_periods_do_not_change_anothers(self, client, db_session):
        north, south = make_partnership(db_session), make_partnership(db_session, "south")
        signed_in(client, db_session, north)
        post_periods(client)
        assert not periods_of(db_session, south).saved


class TestPrivacyNotice:
    def test_it_shows_the_site_partnerships_own_periods(self, client, db_session):
        partnership = make_partnership(db_session)
        page = client.get("/privacy").get_data(as_text=True)
        assert "answers to a consultation: 2 years" in page
        signed_in(client, db_session, partnership)
        post_periods(client)
        client.post("/sign-out", data={"csrf_token": csrf_token(client, "/sign-out")})
        page = client.get("/privacy").get_data(as_text=True)
        assert "answers to a consultation: 1 year" in page
        assert "reports about a place: 18 months" in page
        assert "worries you tell us, on the website or in the chat: 6 months" in page
        assert "deleted after 3 years" in page and "deleted after 5 years" in page


class TestAnonymisedReports:
    def test_an_officer_still_opens_an_anonymised_report_and_sees_no_words(self, client, db_session):
        partnership = make_partnership(db_session)
        worry = Forms(db_session, partnership).worry(
            "my neighbour at number 9 scares me", at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        )
        run_retention(db_session, as_of=dt.date(2029, 1, 1), public_cell_m=500, via="test")
        signed_in(client, db_session, partnership, Role.VIEWER)
        listing = client.get("/officer/reports").get_data(as_text=True)
        assert f"ANON-{worry.id}" in listing and "number 9" not in listing
        page = client.get(f"/officer/reports/ANON-{worry.id}")
        assert page.status_code == 200
        assert "number 9" not in page.get_data(as_text=True)
