"""The officers' tension and event pages: forms, roles, scoping and what the audit log keeps."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from survey.storage.models import AuditEvent, RiskEvent, TensionEntry
from survey.tensions.assessment import local_today, week_start
from survey.vocabulary import Role, TensionLevel, TensionStatus
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.tensions import add_reports, log_entry, make_report_consultation, make_ward
from tests.web import csrf_token, sign_in

NARRATIVE = "Rumours about the Friday market are circulating in two group chats."
KEY_PATTERN = re.compile(r'name="submission_key"[^>]*value="([^"]+)"')


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def riverside(db_session, north):
    return make_ward(db_session, north)


def signed_in(client, db_session, partnership, role=Role.ANALYST):
    officer = make_officer(db_session, partnership, role)
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return officer


def entry_form(client, ward, **overrides):
    page = client.get("/officer/tensions/entries/new").get_data(as_text=True)
    today = local_today()
    data = {
        "csrf_token": csrf_token(client, "/officer/tensions/entries/new"),
        "submission_key": KEY_PATTERN.search(page).group(1),
        "entry_date": [str(today.day), str(today.month), str(today.year)],
        "ward_id": str(ward.id),
        "category": "protest",
        "level": "high",
        "source": "Neighbourhood team",
        "narrative": NARRATIVE,
        "review_on": ["", "", ""],
    }
    return {**data, **overrides}


def count(db_session, model):
    query = select(func.count()).select_from(model)
    if model is AuditEvent:  # signing in is audited too
        query = query.where(AuditEvent.target_type.in_(["tension_entry", "risk_event"]))
    return db_session.scalar(query)


class TestLoggingAnEntry:
    def test_an_analyst_logs_an_entry_and_the_audit_keeps_no_words_of_it(
        self, client, db_session, north, riverside
    ):
        signed_in(client, db_session, north)
        response = client.post("/officer/tensions/entries/new", data=entry_form(client, riverside))
        assert response.status_code == 302
        entry = db_session.scalars(select(TensionEntry)).one()
        assert (entry.level, entry.ward_id, entry.narrative) == (TensionLevel.HIGH, riverside.id, NARRATIVE)
        event = db_session.scalars(
            select(AuditEvent).where(AuditEvent.action == "tension_entry_created")
        ).one()
        assert event.target_id == str(entry.id)
        assert event.details == {
            "ward": "E05000001",
            "category": "protest",
            "level": "high",
            "status": "open",
        }
        assert "Rumours" not in repr(event.details)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"level": ""}, "Select the level"),
            ({"entry_date": ["31", "2", "2026"]}, "Date must be a real date"),
            ({"narrative": "  "}, "Enter what is happening"),
            ({"review_on": ["1", "1", "2001"]}, "Review date must be on or after the date of the entry"),
            ({"ward_id": ""}, "Select the ward"),
        ],
    )
    def test_bad_input_shows_an_error_summary_and_changes_nothing(
        self, client, db_session, north, riverside, change, message
    ):
        signed_in(client, db_session, north)
        response = client.post("/officer/tensions/entries/new", data=entry_form(client, riverside, **change))
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "govuk-error-summary" in page and message in page
        assert count(db_session, TensionEntry) == 0
        assert count(db_session, AuditEvent) == 0

    def test_a_double_submit_stores_one_entry(self, client, db_session, north, riverside):
        signed_in(client, db_session, north)
        data = entry_form(client, riverside)
        first = client.post("/officer/tensions/entries/new", data=data)
        second = client.post("/officer/tensions/entries/new", data=data)
        assert first.headers["Location"] == second.headers["Location"]
        assert count(db_session, TensionEntry) == 1
        assert count(db_session, AuditEvent) == 1

    def test_an_analyst_changes_and_closes_an_entry(self, client, db_session, north, riverside):
        signed_in(client, db_session, north)
        entry = log_entry(db_session, north, riverside, local_today() - dt.timedelta(days=3))
        change = entry_form(client, riverside, level="critical")
        del change["submission_key"]
        assert client.post(f"/officer/tensions/entries/{entry.id}/edit", data=change).status_code == 302
        assert db_session.get(TensionEntry, entry.id).level is TensionLevel.CRITICAL
        token = csrf_token(client, f"/officer/tensions/entries/{entry.id}")
        client.post(f"/officer/tensions/entries/{entry.id}/close", data={"csrf_token": token})
        entry = db_session.get(TensionEntry, entry.id)
        assert entry.status is TensionStatus.CLOSED and entry.closed_on == local_today()
        actions = db_session.scalars(
            select(AuditEvent.action).where(AuditEvent.target_type.is_not(None)).order_by(AuditEvent.id)
        ).all()
        assert actions == ["tension_entry_updated", "tension_entry_closed"]


class TestNarrativeStaysPrivate:
    def test_the_audit_log_and_public_pages_never_show_the_narrative(
        self, client, db_session, north, riverside, settings
    ):
        settings.site_partnership = north.slug
        signed_in(client, db_session, north, Role.ADMIN)
        client.post("/officer/tensions/entries/new", data=entry_form(client, riverside))
        audit = client.get("/officer/audit").get_data(as_text=True)
        assert "tension entry created" in audit
        assert "Rumours" not in audit
        client.get("/sign-out")
        for path in ("/", "/results", "/safe-spaces", "/safe-havens"):
            assert "Rumours" not in client.get(path).get_data(as_text=True), path


class TestRolesAndScope:
    def test_a_viewer_reads_but_cannot_log_or_change(self, client, db_session, north, riverside):
        entry = log_entry(db_session, north, riverside, local_today())
        signed_in(client, db_session, north, Role.VIEWER)
        page = client.get(f"/officer/tensions/entries/{entry.id}")
        assert page.status_code == 200 and "Words for officers only." in page.get_data(as_text=True)
        assert "Change this entry" not in page.get_data(as_text=True)
        token = csrf_token(client)
        assert client.post("/officer/tensions/entries/new", data={"csrf_token": token}).status_code == 403
        assert (
            client.post(f"/officer/tensions/entries/{entry.id}/close", data={"csrf_token": token}).status_code
            == 403
        )
        assert db_session.get(TensionEntry, entry.id).status is TensionStatus.OPEN

    def test_another_partnerships_records_are_not_found(self, client, db_session, north, riverside):
        entry = log_entry(db_session, north, riverside, local_today())
        south = make_partnership(db_session, "south")
        signed_in(client, db_session, south, Role.ADMIN)
        for path in (
            f"/officer/tensions/entries/{entry.id}",
            f"/officer/tensions/entries/{entry.id}/edit",
            f"/officer/tensions/wards/{riverside.id}",
        ):
            assert client.get(path).status_code == 404, path
        listing = client.get("/officer/tensions/entries").get_data(as_text=True)
        assert "There are no tension entries" in listing

    def test_an_entry_cannot_be_put_in_another_partnerships_ward(self, client, db_session, north, riverside):
        south = make_partnership(db_session, "south")
        signed_in(client, db_session, south)
        own = make_ward(db_session, south, "E05000009", "Southside")
        response = client.post(
            "/officer/tensions/entries/new", data=entry_form(client, own, ward_id=str(riverside.id))
        )
        assert response.status_code == 200
        assert count(db_session, TensionEntry) == 0


class TestWardView:
    def test_the_ward_view_shows_levels_counts_and_the_rise_flag_in_a_table_and_a_chart(
        self, client, db_session, north, riverside
    ):
        places = make_report_consultation(db_session, north)
        this_week = week_start(local_today())
        for back in range(1, 27):
            add_reports(db_session, places, riverside, this_week - dt.timedelta(weeks=back), 2)
        add_reports(db_session, places, riverside, this_week, 11)
        log_entry(db_session, north, riverside, this_week, TensionLevel.HIGH)
        signed_in(client, db_session, north, Role.VIEWER)
        page = client.get(f"/officer/tensions/wards/{riverside.id}").get_data(as_text=True)
        assert "<svg" in page and 'role="img"' in page
        assert "Unusual rise: 11 reports this week against a usual 2.0 a week." in page
        assert page.count(">Rise</strong>") == 2  # this week, in the summary and in the table
        assert ">High</strong>" in page
        overview = client.get("/officer/tensions/").get_data(as_text=True)
        assert "Riverside" in overview and "Unusual rise" in overview
        assert 'id="borough-chart-title"' in overview
        dashboard = client.get("/officer/").get_data(as_text=True)
        assert "Wards with an unusual rise in reports this week: Riverside." in dashboard

    def test_with_no_wards_the_pages_say_so(self, client, db_session, north):
        signed_in(client, db_session, north)
        assert "There are no wards yet" in client.get("/officer/tensions/").get_data(as_text=True)
        assert "There are no wards yet" in client.get("/officer/tensions/entries/new").get_data(as_text=True)


def event_form(client, **overrides):
    page = client.get("/officer/tensions/events/new").get_data(as_text=True)
    start = local_today() + dt.timedelta(days=5)
    data = {
        "csrf_token": csrf_token(client, "/officer/tensions/events/new"),
        "submission_key": KEY_PATTERN.search(page).group(1),
        "title": "Derby day",
        "event_type": "football",
        "starts_on": [str(start.day), str(start.month), str(start.year)],
        "ends_on": [str(start.day), str(start.month), str(start.year)],
        "place": "The stadium",
        "ward_id": "",
        "expected_attendance": "25,000",
        "risk_rating": "high",
        "mitigations": "Dispersal plan; extra patrols on the high street.",
        "owner": "Police events team",
        "status": "planned",
    }
    return {**data, **overrides}


class TestEvents:
    def test_an_event_is_added_shown_on_the_dashboard_and_in_its_wards_view_then_debriefed(
        self, client, db_session, north, riverside
    ):
        signed_in(client, db_session, north)
        data = event_form(client, ward_id=str(riverside.id))
        assert client.post("/officer/tensions/events/new", data=data).status_code == 302
        assert client.post("/officer/tensions/events/new", data=data).status_code == 302  # a double submit
        event = db_session.scalars(select(RiskEvent)).one()
        assert event.expected_attendance == 25000
        assert "Derby day" in client.get("/officer/").get_data(as_text=True)
        assert "Derby day" in client.get(f"/officer/tensions/wards/{riverside.id}").get_data(as_text=True)
        token = csrf_token(client, f"/officer/tensions/events/{event.id}/debrief")
        client.post(
            f"/officer/tensions/events/{event.id}/debrief",
            data={"csrf_token": token, "debrief": "Two arrests; the dispersal plan worked."},
        )
        assert db_session.get(RiskEvent, event.id).status.value == "done"
        assert "Derby day" not in client.get("/officer/").get_data(as_text=True)
        actions = db_session.scalars(
            select(AuditEvent.action).where(AuditEvent.target_type.is_not(None)).order_by(AuditEvent.id)
        ).all()
        assert actions == ["risk_event_created", "risk_event_debriefed"]

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"expected_attendance": "lots"}, "Expected attendance must be a whole number, like 500"),
            ({"place": ""}, "Enter the place, or select a ward"),
            ({"risk_rating": ""}, "Select the risk rating"),
            ({"ends_on": ["1", "1", "2001"]}, "End date must be on or after the start date"),
        ],
    )
    def test_bad_input_changes_nothing(self, client, db_session, north, change, message):
        signed_in(client, db_session, north)
        response = client.post("/officer/tensions/events/new", data=event_form(client, **change))
        assert response.status_code == 200 and message in response.get_data(as_text=True)
        assert count(db_session, RiskEvent) == 0 and count(db_session, AuditEvent) == 0
