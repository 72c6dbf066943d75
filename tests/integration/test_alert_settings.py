"""Who is told of urgent reports: ``safer-voices partnership alerts`` and the Settings pages, and each
officer's own daily digest. Every change is audited; another partnership's address is a 404."""

from __future__ import annotations

import re

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from survey.notifications.alerts import add_alert_addresses, alert_addresses
from survey.storage.models import AuditEvent, Notification, Officer
from survey.vocabulary import NotificationKind, NotificationStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import csrf_token, sign_in


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


def emails(db_session, partnership):
    return [address.email for address in alert_addresses(db_session, partnership.id)]


def actions(db_session):
    return [event.action for event in db_session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


class TestCommand:
    def test_addresses_are_added_and_the_list_printed(self, runner, db_session, north):
        result = runner.invoke(args=["partnership", "alerts", "north", "--email", "Duty@North.example",
                                     "--email", "team@north.example"])
        assert result.exit_code == 0, result.output
        assert result.output == ("Urgent reports for 'north' are emailed to:\n"
                                 "  duty@north.example\n  team@north.example\n")
        assert emails(db_session, north) == ["duty@north.example", "team@north.example"]
        assert actions(db_session) == ["alert_address_added", "alert_address_added"]

    def test_adding_an_address_twice_keeps_one(self, runner, db_session, north):
        for _ in range(2):
            result = runner.invoke(args=["partnership", "alerts", "north", "--email", "duty@north.example"])
            assert result.exit_code == 0
        assert emails(db_session, north) == ["duty@north.example"]

    def test_clear_with_email_replaces_the_list_and_clear_alone_empties_it(self, runner, db_session, north):
        add_alert_addresses(db_session, north.id, ["old@north.example"])
        result = runner.invoke(args=["partnership", "alerts", "north", "--clear", "--email",
                                     "new@north.example"])
        assert result.exit_code == 0 and emails(db_session, north) == ["new@north.example"]
        result = runner.invoke(args=["partnership", "alerts", "north", "--clear"])
        assert result.exit_code == 0
        assert "No addresses are told of urgent reports for 'north'" in result.output
        assert emails(db_session, north) == []

    def test_no_options_prints_the_list(self, runner, db_session, north):
        add_alert_addresses(db_session, north.id, ["duty@north.example"])
        result = runner.invoke(args=["partnership", "alerts", "north"])
        assert result.exit_code == 0 and "  duty@north.example\n" in result.output

    def test_a_bad_address_is_a_clear_error_and_changes_nothing(self, runner, db_session, north):
        north_id = north.id
        add_alert_addresses(db_session, north_id, ["keep@north.example"])
        db_session.commit()  # the command's rollback must not be what keeps it
        result = runner.invoke(args=["partnership", "alerts", "north", "--clear", "--email",
                                     "fine@north.example", "--email", "not-an-address"])
        assert result.exit_code == 1
        assert "Enter an email address in the correct format, like name@example.org" in result.output
        assert [a.email for a in alert_addresses(db_session, north_id)] == ["keep@north.example"]

    def test_an_unknown_partnership_is_a_clear_error(self, runner, db_session):
        result = runner.invoke(args=["partnership", "alerts", "nowhere", "--email", "a@b.example"])
        assert result.exit_code == 1
        assert "There is no partnership with the slug 'nowhere'" in result.output


def signed_in(app, db_session, partnership, role=Role.ADMIN, email=None):
    officer = make_officer(db_session, partnership, role, email=email)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client, officer


class TestAlertsPage:
    def test_an_administrator_adds_and_removes_addresses(self, app, db_session, north):
        client, admin = signed_in(app, db_session, north)
        token = csrf_token(client, "/officer/settings/alerts")
        response = client.post("/officer/settings/alerts",
                               data={"csrf_token": token, "email": "Duty@North.example"})
        assert response.status_code == 302
        page = client.get("/officer/settings/alerts").get_data(as_text=True)
        assert "duty@north.example will be told of urgent reports" in page
        (address,) = alert_addresses(db_session, north.id)
        response = client.post(f"/officer/settings/alerts/{address.id}/remove", data={"csrf_token": token})
        assert response.status_code == 302 and emails(db_session, north) == []
        events = db_session.scalars(select(AuditEvent).where(AuditEvent.officer_id == admin.id)).all()
        assert [e.action for e in events if e.action.startswith("alert")] == [
            "alert_address_added", "alert_address_removed"]

    @pytest.mark.parametrize(("typed", "error"), [
        ("", "Enter an email address"),
        ("duty at north", "Enter an email address in the correct format, like name@example.org"),
        ("twice@north.example", "twice@north.example is already on the list"),
    ])
    def test_a_bad_address_is_shown_with_the_govuk_error(self, app, db_session, north, typed, error):
        add_alert_addresses(db_session, north.id, ["twice@north.example"])
        client, _ = signed_in(app, db_session, north)
        response = client.post("/officer/settings/alerts", data={
            "csrf_token": csrf_token(client, "/officer/settings/alerts"), "email": typed})
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "There is a problem" in page and error in page
        assert emails(db_session, north) == ["twice@north.example"]

    def test_a_post_without_the_csrf_token_is_refused(self, app, db_session, north):
        client, _ = signed_in(app, db_session, north)
        assert client.post("/officer/settings/alerts", data={"email": "x@north.example"}).status_code == 400
        assert emails(db_session, north) == []

    def test_another_partnerships_address_is_not_found_and_stays(self, app, db_session, north):
        south = make_partnership(db_session, "south")
        (theirs,) = add_alert_addresses(db_session, south.id, ["duty@south.example"])
        client, _ = signed_in(app, db_session, north)
        token = csrf_token(client, "/officer/settings/alerts")
        assert "duty@south.example" not in client.get("/officer/settings/alerts").get_data(as_text=True)
        assert client.post(f"/officer/settings/alerts/{theirs.id}/remove",
                           data={"csrf_token": token}).status_code == 404
        assert emails(db_session, south) == ["duty@south.example"]

    @pytest.mark.parametrize("role", [Role.VIEWER, Role.ANALYST])
    def test_only_administrators_see_the_alerts_page(self, app, db_session, north, role):
        client, _ = signed_in(app, db_session, north, role)
        assert client.get("/officer/settings/alerts").status_code == 403
        assert "Urgent alert addresses" not in client.get("/officer/settings/").get_data(as_text=True)

    def test_emails_that_could_not_be_sent_are_listed_with_when_to_whom_and_why(self, app, db_session, north):
        south = make_partnership(db_session, "south")
        alert = {"kind": NotificationKind.URGENT_ALERT}
        db_session.add_all([
            Notification(partnership_id=north.id, recipient="duty@north.example", **alert,
                         status=NotificationStatus.FAILED, attempts=5,
                         last_error="Could not connect to the mail server: the connection was refused"),
            Notification(partnership_id=north.id, recipient="ok@north.example", **alert,
                         status=NotificationStatus.SENT, attempts=1),
            Notification(partnership_id=south.id, recipient="duty@south.example", **alert,
                         status=NotificationStatus.FAILED, attempts=5, last_error="south's own problem"),
        ])
        db_session.flush()
        client, _ = signed_in(app, db_session, north)
        page = client.get("/officer/settings/alerts").get_data(as_text=True)
        table = page[page.index("Emails that could not be sent"):]
        assert "duty@north.example" in table and "Failed" in table and "5 of 5" in table
        assert "Could not connect to the mail server: the connection was refused" in table
        assert re.search(r"\d{1,2} \w+ \d{4} at \d\d:\d\d", table)
        assert "ok@north.example" not in table and "south" not in table

    def test_without_a_mail_server_the_page_says_alerts_cannot_be_sent(self, app, db_session, north):
        client, _ = signed_in(app, db_session, north)
        page = client.get("/officer/settings/alerts").get_data(as_text=True)
        assert "No mail server is set up on this service" in page
        state = app.extensions["safer_voices"]
        state.settings = state.settings.model_copy(update={"smtp_url": SecretStr("smtp://mail.example.org"),
                                                           "mail_from": "alerts@north.example"})
        assert "No mail server is set up" not in client.get("/officer/settings/alerts").get_data(as_text=True)


class TestYourEmail:
    @pytest.mark.parametrize("role", list(Role))
    def test_any_officer_turns_their_own_daily_digest_on_and_off(self, app, db_session, north, role):
        client, officer = signed_in(app, db_session, north, role)
        colleague = make_officer(db_session, north, Role.ADMIN, email="colleague@north.example")
        page = client.get("/officer/settings/").get_data(as_text=True)
        assert officer.email in page and "Email me each morning" in page
        token = csrf_token(client, "/officer/settings/")
        response = client.post("/officer/settings/digest", data={"csrf_token": token, "daily_digest": "y"})
        assert response.status_code == 302
        assert db_session.get(Officer, officer.id).daily_digest is True
        assert db_session.get(Officer, colleague.id).daily_digest is False
        assert "You will get a daily summary" in client.get("/officer/settings/").get_data(as_text=True)
        assert client.post("/officer/settings/digest", data={"csrf_token": token}).status_code == 302
        assert db_session.get(Officer, officer.id).daily_digest is False
        assert [a for a in actions(db_session) if a.startswith("daily_digest")] == [
            "daily_digest_on", "daily_digest_off"]

    def test_settings_is_in_every_officers_menu(self, app, db_session, north):
        client, _ = signed_in(app, db_session, north, Role.VIEWER)
        assert 'href="/officer/settings/"' in client.get("/officer/").get_data(as_text=True)
