"""Urgent alerts: queued with the report in one transaction, handed to the worker after the commit,
sent through a real SMTP server with nothing of the report in them, retried with back-off."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.mail_server import parse_smtp_url
from survey.notifications.alerts import add_alert_addresses
from survey.notifications.mail import SmtpMailer
from survey.notifications.messages import Letterhead
from survey.notifications.outbox import TELL_WORKER
from survey.notifications.sending import (
    BACKOFF,
    CLOCK_TOLERANCE,
    MAX_ATTEMPTS,
    Outcome,
    Postage,
    deliver,
    notifications_due,
)
from survey.responses.csv_import import import_responses
from survey.responses.store import store_response
from survey.storage.models import Notification
from survey.vocabulary import Channel, ConsultationStatus, NotificationKind, NotificationStatus
from tests.factories import make_partnership
from tests.mail import refused_smtp_url, smtp_server  # noqa: F401  (a fixture)

URGENT_WORDS = "a man at the underpass has a knife and says he will stab me tonight"
LETTERHEAD = Letterhead(mail_from="alerts@north.example", base_url="https://sv.north.example")


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def worries(db_session, partnership):
    source = template_path("worry").read_text(encoding="utf-8")
    return create_consultation(db_session, partnership, source, slug="worries",
                               status=ConsultationStatus.OPEN)


@pytest.fixture
def addresses(db_session, partnership):
    return [a.email for a in add_alert_addresses(db_session, partnership.id, ["duty@north.example",
                                                                              "team@north.example"])]


def tell_worker_into(session: Session) -> list[int]:
    """What the session hands the worker after each commit, collected."""
    told: list[int] = []
    session.info[TELL_WORKER] = told.append
    return told


def worry(db_session, consultation, text=URGENT_WORDS, channel=Channel.WEB):
    answers = {"topic": (AnswerPart(option="knives"),), "details": (AnswerPart(text=text),)}
    return store_response(db_session, consultation, definition_of(consultation), answers, channel=channel)


def alerts(session):
    return session.scalars(select(Notification).order_by(Notification.recipient)).all()


def sibling_sessions(db_session):
    """Sessions on the test's connection, as the worker opens its own (rolled back with the test)."""
    return lambda: Session(bind=db_session.bind, join_transaction_mode="create_savepoint",
                           expire_on_commit=False)


class TestQueuedWithTheReport:
    @pytest.mark.parametrize("channel", [Channel.WEB, Channel.BOT, Channel.PAPER])
    def test_an_urgent_report_queues_one_alert_per_address(self, db_session, worries, addresses, channel):
        stored = worry(db_session, worries, channel=channel)
        rows = alerts(db_session)
        assert [(n.recipient, n.kind, n.status, n.response_id) for n in rows] == [
            (address, NotificationKind.URGENT_ALERT, NotificationStatus.QUEUED, stored.response.id)
            for address in addresses
        ]

    def test_an_ordinary_report_queues_nothing(self, db_session, worries, addresses):
        worry(db_session, worries, text="the lights by the park are broken")
        assert alerts(db_session) == []

    def test_a_partnership_without_addresses_stores_the_report_and_queues_nothing(self, db_session, worries):
        assert worry(db_session, worries).response.urgent
        assert alerts(db_session) == []

    def test_the_same_submission_twice_alerts_once(self, db_session, worries, addresses):
        answers = {"topic": (AnswerPart(option="knives"),), "details": (AnswerPart(text=URGENT_WORDS),)}
        for _ in range(2):
            store_response(db_session, worries, definition_of(worries), answers, channel=Channel.BOT,
                           submission_key="same-update")
        assert len(alerts(db_session)) == len(addresses)

    def test_an_import_alerts_each_address_once_for_the_whole_batch(self, db_session, partnership, addresses):
        source = template_path("community-safety").read_text(encoding="utf-8")
        annual = create_consultation(db_session, partnership, source, slug="annual")
        rows = ("feel_safer\r\nmy friend carries a knife to school\r\nsomeone is going to stab me\r\n"
                "lights\r\n")
        assert import_responses(db_session, annual, rows).ok
        assert [n.recipient for n in alerts(db_session)] == addresses


class TestTheWorkerIsToldAfterTheCommit:
    def test_ids_only_and_only_once_committed(self, db_session, worries, addresses):
        told = tell_worker_into(db_session)
        worry(db_session, worries)
        assert told == []  # not before the commit: the worker would not find the rows
        db_session.commit()
        assert sorted(told) == sorted(n.id for n in alerts(db_session))
        assert all(isinstance(notification_id, int) for notification_id in told)

    def test_a_released_savepoint_is_not_the_commit(self, db_session, worries, addresses):
        told = tell_worker_into(db_session)
        with db_session.begin_nested():
            worry(db_session, worries)
        assert told == []  # released, but the outer transaction could still roll it back
        db_session.commit()
        assert sorted(told) == sorted(n.id for n in alerts(db_session))

    def test_nothing_is_told_for_a_transaction_rolled_back(self, db_session, worries, addresses):
        db_session.commit()
        told = tell_worker_into(db_session)
        worry(db_session, worries)
        db_session.rollback()
        db_session.commit()
        assert told == [] and alerts(db_session) == []

    def test_a_worker_that_cannot_be_told_loses_nothing_the_sweep_sends_it(self, db_session, worries,
                                                                            addresses):
        def unreachable(notification_id):
            raise ConnectionError("queue down")

        db_session.info[TELL_WORKER] = unreachable
        worry(db_session, worries)
        db_session.commit()  # the reporter's submission still succeeds
        rows = alerts(db_session)
        later = rows[0].created_at + dt.timedelta(seconds=20)
        assert sorted(notifications_due(db_session, now=later)) == sorted(n.id for n in rows)
        assert notifications_due(db_session, now=rows[0].created_at + dt.timedelta(seconds=5)) == []


class TestSending:
    def test_the_email_says_when_and_where_to_sign_in_and_nothing_of_the_report(
        self, db_session, worries, addresses, smtp_server  # noqa: F811
    ):
        stored = worry(db_session, worries)
        db_session.commit()
        postage = Postage(SmtpMailer(parse_smtp_url(smtp_server.url)), LETTERHEAD)
        ids = [n.id for n in alerts(db_session)]
        for notification_id in ids:
            assert deliver(sibling_sessions(db_session), notification_id, postage).outcome is Outcome.SENT
        messages = smtp_server.catcher.wait_for(2, timeout=5)
        assert sorted(m["To"] for m in messages) == addresses
        assert smtp_server.catcher.logins == ["alerts", "alerts"]  # signed in with the URL's user
        message = messages[0]
        assert message["Subject"] == "Urgent report received" and message["From"] == "alerts@north.example"
        body = message.get_content().replace("\r\n", "\n")  # as sent over the wire
        clock = alerts(db_session)[0].created_at.astimezone(ZoneInfo("Europe/London")).strftime("%H:%M")
        assert body.startswith(f"An urgent report was received at {clock}. Sign in to read it:\n"
                               "https://sv.north.example/officer/reports\n")
        raw = message.as_string().lower()
        for secret in (stored.response.reference, "knife", "stab", "underpass", "knives"):
            assert secret.lower() not in raw
        assert {n.status for n in alerts(db_session)} == {NotificationStatus.SENT}

    def test_a_refused_connection_is_tried_again_with_back_off_then_fails(self, db_session, worries):
        add_alert_addresses(db_session, worries.partnership_id, ["duty@north.example"])
        worry(db_session, worries)
        db_session.commit()
        (notification,) = alerts(db_session)
        postage = Postage(SmtpMailer(parse_smtp_url(refused_smtp_url())), LETTERHEAD)
        sessions, start, waited = sibling_sessions(db_session), notification.created_at, dt.timedelta()
        outcomes = []
        for attempt in range(1, MAX_ATTEMPTS + 1):
            if attempt > 1:  # a retry waits for its back-off (give or take the hosts' clocks)
                too_soon = start + waited - CLOCK_TOLERANCE - dt.timedelta(seconds=1)
                assert deliver(sessions, notification.id, postage, now=too_soon).outcome is Outcome.SKIPPED
            delivery = deliver(sessions, notification.id, postage, now=start + waited)
            outcomes.append(delivery.outcome)
            if delivery.retry_in:
                waited += delivery.retry_in
        assert outcomes == [Outcome.RETRY] * (MAX_ATTEMPTS - 1) + [Outcome.FAILED]
        assert waited == sum(BACKOFF, dt.timedelta())  # 30 s, 2 min, 10 min, 1 h
        db_session.expire_all()
        failed = db_session.get(Notification, notification.id)
        assert (failed.status, failed.attempts) == (NotificationStatus.FAILED, MAX_ATTEMPTS)
        assert failed.last_error == "Could not connect to the mail server: the connection was refused"
        tomorrow = start + dt.timedelta(days=1)
        assert deliver(sessions, notification.id, postage, now=tomorrow).outcome is Outcome.SKIPPED

    def test_without_a_mail_server_an_alert_fails_at_once_saying_why(self, db_session, worries, addresses):
        worry(db_session, worries)
        db_session.commit()
        notification = alerts(db_session)[0]
        assert deliver(sibling_sessions(db_session), notification.id, Postage(None, LETTERHEAD)).outcome is (
            Outcome.FAILED)
        db_session.expire_all()
        assert db_session.get(Notification, notification.id).status == NotificationStatus.FAILED
        assert "No mail server is set up" in db_session.get(Notification, notification.id).last_error

    def test_an_attempt_is_claimed_so_two_workers_never_both_send(self, db_session, worries, addresses,
                                                                  smtp_server):  # noqa: F811
        worry(db_session, worries)
        db_session.commit()
        notification = alerts(db_session)[0]
        postage = Postage(SmtpMailer(parse_smtp_url(smtp_server.url)), LETTERHEAD)
        first = deliver(sibling_sessions(db_session), notification.id, postage)
        second = deliver(sibling_sessions(db_session), notification.id, postage)
        assert (first.outcome, second.outcome) == (Outcome.SENT, Outcome.SKIPPED)
        assert len(smtp_server.catcher.wait_for(1, timeout=5)) == 1



def test_a_report_flagged_urgent_after_it_was_stored_is_alerted_once(db_session, worries, addresses):
    """The bot heard words of danger at a button step: the stored report is flagged afterwards."""
    from survey.responses.inbox import flag_urgent

    stored = worry(db_session, worries, text="there are always older kids hanging round the shops")
    assert not stored.response.urgent and alerts(db_session) == []
    flag_urgent(db_session, stored.response, {"weapons"})
    assert [n.recipient for n in alerts(db_session)] == sorted(addresses)
    flag_urgent(db_session, stored.response, {"violence"})  # already urgent: no second alert
    assert len(alerts(db_session)) == len(addresses)
