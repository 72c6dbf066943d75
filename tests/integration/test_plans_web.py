"""The officers' action plan pages: the plan with RAG tags and overdue actions, one action with its
history and update form, priorities and actions added and changed, CSV import and export, the board
update download; who may read and who may change; another partnership's records are not found."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from survey.storage.models import ActionUpdate, AuditEvent, PlanAction, PlanPriority
from survey.vocabulary import RagStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.plans import make_action, make_priority, plan_csv
from tests.web import csrf_token, sign_in

PLAN = "/officer/plan"
YESTERDAY = dt.date.today() - dt.timedelta(days=1)


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def action(db_session, north):
    priority = make_priority(db_session, north, "Violence in the town centre")
    return make_action(db_session, priority, "Street lighting review", due_on=YESTERDAY)


def signed_in(app, db_session, partnership, role=Role.ANALYST):
    officer = make_officer(db_session, partnership, role)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf_token(client, "/sign-out"), **data})


def count(db_session, model):
    db_session.expire_all()
    return db_session.scalar(select(func.count()).select_from(model))


class TestPlanPage:
    def test_priorities_actions_rag_tags_and_overdue_are_shown(self, app, db_session, north, action):
        make_action(db_session, action.priority, "Late-night buses", status=RagStatus.RED)
        html = page_of(signed_in(app, db_session, north, Role.VIEWER), PLAN)
        assert "Violence in the town centre" in html and "Street lighting review" in html
        assert 'govuk-tag--red">Red</strong>' in html and 'govuk-tag--green">Green</strong>' in html
        assert "Overdue</strong>" in html
        assert "Add a priority" not in html  # a viewer reads only

    def test_the_dashboard_lists_overdue_and_red_actions(self, app, db_session, north, action):
        make_action(db_session, action.priority, "Late-night buses", status=RagStatus.RED)
        html = page_of(signed_in(app, db_session, north, Role.VIEWER), "/officer/")
        assert "Overdue actions (1)" in html and "Red actions (1)" in html
        assert f"{PLAN}/actions/{action.id}" in html

    def test_another_partnerships_action_is_not_found(self, app, db_session, action):
        client = signed_in(app, db_session, make_partnership(db_session, "south"), Role.ADMIN)
        assert client.get(f"{PLAN}/actions/{action.id}").status_code == 404
        assert post(client, f"{PLAN}/actions/{action.id}/updates", new_status="red",
                    progress="x").status_code == 404
        assert "Street lighting review" not in page_of(client, PLAN)


class TestProgressUpdate:
    def test_an_update_changes_the_status_is_shown_and_audited(self, app, db_session, north, action):
        client = signed_in(app, db_session, north)
        url = f"{PLAN}/actions/{action.id}/updates"
        response = post(client, url, new_status="amber", progress="Contractor late", public="y")
        assert response.status_code == 302
        html = page_of(client, f"{PLAN}/actions/{action.id}")
        assert "Update added. The status is amber." in html and "Contractor late" in html
        assert "changed from green to" in html and "(residents may read this)" in html
        db_session.expire_all()
        assert db_session.get(PlanAction, action.id).status is RagStatus.AMBER
        event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "plan_action_updated"))
        assert event.officer_id is not None and "Contractor" not in str(event.details)

    def test_the_same_update_posted_twice_is_stored_once(self, app, db_session, north, action):
        client = signed_in(app, db_session, north)
        for _ in range(2):
            assert post(client, f"{PLAN}/actions/{action.id}/updates", new_status="red",
                        progress="Blocked").status_code == 302
        assert count(db_session, ActionUpdate) == 1

    def test_a_bad_update_shows_a_govuk_error_summary_and_changes_nothing(self, app, db_session, north,
                                                                          action):
        client = signed_in(app, db_session, north)
        response = post(client, f"{PLAN}/actions/{action.id}/updates", new_status="purple", progress="")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "govuk-error-summary" in html and "<title>Error: " in html
        assert "Select the action&#39;s status now" in html and "Enter what has happened" in html
        assert count(db_session, ActionUpdate) == 0

    @pytest.mark.parametrize(("made_on", "message"), [
        (["31", "2", "2026"], "Date of the update must be a real date, for example 31 3 2027"),
        ([str(d) for d in (dt.date.today() + dt.timedelta(days=2)).timetuple()[2::-1]],
         "The date of the update must be today or in the past"),
    ])
    def test_a_date_that_is_not_real_or_is_in_the_future_is_refused(self, app, db_session, north, action,
                                                                     made_on, message):
        client = signed_in(app, db_session, north)
        response = post(client, f"{PLAN}/actions/{action.id}/updates", new_status="red", progress="x",
                        made_on=made_on)
        assert response.status_code == 200 and message in response.get_data(as_text=True)
        assert count(db_session, ActionUpdate) == 0

    def test_a_viewer_cannot_add_an_update(self, app, db_session, north, action):
        client = signed_in(app, db_session, north, Role.VIEWER)
        assert "Add a progress update" not in page_of(client, f"{PLAN}/actions/{action.id}")
        response = post(client, f"{PLAN}/actions/{action.id}/updates", new_status="red", progress="x")
        assert response.status_code == 403 and count(db_session, ActionUpdate) == 0


class TestPrioritiesAndActions:
    def test_an_analyst_adds_a_priority_and_an_action(self, app, db_session, north):
        client = signed_in(app, db_session, north)
        assert post(client, f"{PLAN}/priorities/new", title="Drug dealing", issue="").status_code == 302
        priority = db_session.scalar(select(PlanPriority).where(PlanPriority.partnership_id == north.id))
        response = post(client, f"{PLAN}/priorities/{priority.id}/actions/new", description="Test purchases",
                        lead="Police", status="amber", due_on=["2", "3", "2027"])
        assert response.status_code == 302, response.get_data(as_text=True)
        stored = db_session.scalar(select(PlanAction).where(PlanAction.priority_id == priority.id))
        assert (stored.lead, stored.status, stored.due_on) == ("Police", RagStatus.AMBER, dt.date(2027, 3, 2))

    def test_an_action_without_words_is_refused_with_an_error(self, app, db_session, north, action):
        client = signed_in(app, db_session, north)
        response = post(client, f"{PLAN}/actions/{action.id}/edit", description="")
        assert response.status_code == 200 and "Enter what the action is" in response.get_data(as_text=True)
        db_session.expire_all()
        assert db_session.get(PlanAction, action.id).description == "Street lighting review"


class TestFiles:
    def test_a_bad_row_is_shown_by_row_and_column_and_nothing_is_stored(self, app, db_session, north):
        client = signed_in(app, db_session, north)
        text = plan_csv("Violence,Patrols,Police,,,green,,", "Violence,Lights,Council,,someday,blue,,")
        response = client.post(f"{PLAN}/import", data={"csrf_token": csrf_token(client, f"{PLAN}/import"),
                                                       "plan_file": (io.BytesIO(text.encode()), "plan.csv")})
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and "There is a problem with the file" in html
        assert "row 3, column due" in html and "row 3, column status" in html
        assert count(db_session, PlanAction) == 0 and count(db_session, PlanPriority) == 0

    def test_a_good_file_is_imported_and_exported_back(self, app, db_session, north):
        client = signed_in(app, db_session, north)
        text = plan_csv("Violence,Patrols,Police,,2 March 2027,amber,,Started")
        response = client.post(f"{PLAN}/import", data={"csrf_token": csrf_token(client, f"{PLAN}/import"),
                                                       "plan_file": (io.BytesIO(text.encode()), "plan.csv")})
        assert response.status_code == 302
        exported = client.get(f"{PLAN}/export.csv")
        assert exported.headers["Content-Disposition"] == 'attachment; filename="north-action-plan.csv"'
        assert "Violence,Patrols,Police,,2027-03-02,amber,,Started" in exported.get_data(as_text=True)

    @pytest.mark.parametrize(("file_format", "magic"), [("pdf", b"%PDF"), ("docx", b"PK")])
    def test_the_board_update_downloads_and_is_audited(self, app, db_session, north, action, file_format,
                                                       magic):
        client = signed_in(app, db_session, north)
        quarter = page_of(client, f"{PLAN}/board-update").split('option value="')[1].split('"')[0]
        response = post(client, f"{PLAN}/board-update", quarter=quarter, file_format=file_format)
        assert response.status_code == 200 and response.data.startswith(magic)
        assert f"board-update-{quarter}.{file_format}" in response.headers["Content-Disposition"]
        assert db_session.scalar(select(AuditEvent).where(AuditEvent.action == "plan_board_update_exported"))
