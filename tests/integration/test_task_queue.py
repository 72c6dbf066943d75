"""The task queue (Huey) run for real: its own private storage, ids as payloads, retries scheduled
with back-off, periodic jobs once per slot however many consumers, and the daily digest."""

from __future__ import annotations

import datetime as dt
import pickle
import stat

import pytest
import time_machine
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.notifications.alerts import add_alert_addresses
from survey.notifications.digest import queue_daily_digests, set_daily_digest
from survey.responses.held import hold_urgent_message
from survey.responses.store import store_response
from survey.storage.models import Notification, Response
from survey.vocabulary import Channel, ConsultationStatus, NotificationKind, NotificationStatus, Role
from survey.worker.consumer import make_consumer
from survey.worker.jobs import DailyAt, PeriodicJob
from survey.worker.queue import LOCK_SECONDS, TASKS_FILE, TaskQueue
from survey.worker.teller import attach_task_queue
from tests.factories import make_officer, make_partnership
from tests.mail import refused_smtp_url, smtp_server  # noqa: F401  (a fixture)

URGENT_WORDS = "my brother is being made to sell drugs and they said they will stab him"
SUMMER_SEVEN = dt.datetime(2026, 7, 1, 6, 0, 5, tzinfo=dt.UTC)  # 07:00:05 in London
HOUR = dt.timedelta(hours=1)


def sibling_sessions(db_session):
    return lambda: Session(bind=db_session.bind, join_transaction_mode="create_savepoint",
                           expire_on_commit=False)


def worker_queue(settings, db_session, smtp_url):
    """The queue as the worker has it: sending through ``smtp_url``, on the test's connection."""
    configured = settings.model_copy(update={"smtp_url": SecretStr(smtp_url),
                                             "mail_from": "alerts@north.example"})
    return TaskQueue(configured, session_factory=sibling_sessions(db_session))


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def worries(db_session, partnership):
    source = template_path("worry").read_text(encoding="utf-8")
    return create_consultation(db_session, partnership, source, slug="worries",
                               status=ConsultationStatus.OPEN)


def report(db_session, consultation, text=URGENT_WORDS, **extra):
    answers = {"topic": (AnswerPart(option="gangs"),), "details": (AnswerPart(text=text),)}
    return store_response(db_session, consultation, definition_of(consultation), answers, channel=Channel.BOT,
                          **extra).response


def run_everything_queued(queue: TaskQueue) -> int:
    """Execute the queued tasks in this thread, as a consumer's worker would (one not due yet goes on
    the schedule); returns how many were taken off the queue."""
    count = 0
    while (task := queue.huey.dequeue()) is not None:
        queue.huey.execute(task)
        count += 1
    return count


class TestStorage:
    def test_the_queue_is_a_private_file_of_its_own_in_the_instance_folder(self, settings, db_session):
        queue = TaskQueue(settings)
        path = settings.instance_path / TASKS_FILE
        assert queue.huey.storage.filename == str(path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "tasks.db" not in settings.resolved_database_url

    def test_the_payload_is_the_notification_id_and_nothing_else(self, settings, db_session, worries):
        queue = TaskQueue(settings)
        db_session.info["safer_voices.tell_worker"] = queue.tell_worker
        add_alert_addresses(db_session, worries.partnership_id, ["duty@north.example"])
        stored = report(db_session, worries)
        assert queue.huey.pending_count() == 0  # nothing before the commit
        db_session.commit()
        (raw,) = queue.huey.storage.enqueued_items()
        notification_id = db_session.scalar(select(Notification.id))
        assert pickle.loads(raw).args == (notification_id,)
        for words in ("drugs", "stab", stored.reference, "gangs"):
            assert words.encode() not in raw

    def test_a_session_factory_is_attached_to_the_queue_for_its_settings(self, settings, engine):
        from sqlalchemy.orm import sessionmaker

        factory = sessionmaker(bind=engine)
        attach_task_queue(factory, settings)
        with factory() as session:
            assert callable(session.info["safer_voices.tell_worker"])
        assert not (settings.instance_path / TASKS_FILE).exists()  # made when first used, in that process


class TestTasks:
    def test_a_queued_alert_is_sent_by_the_task(self, settings, db_session, worries, smtp_server):  # noqa: F811
        queue = worker_queue(settings, db_session, smtp_server.url)
        db_session.info["safer_voices.tell_worker"] = queue.tell_worker
        add_alert_addresses(db_session, worries.partnership_id, ["duty@north.example", "team@north.example"])
        report(db_session, worries)
        db_session.commit()
        assert run_everything_queued(queue) == 2
        assert sorted(m["To"] for m in smtp_server.catcher.wait_for(2, timeout=5)) == [
            "duty@north.example", "team@north.example"]

    def test_a_failed_attempt_schedules_the_next_after_the_back_off(self, settings, db_session, worries):
        queue = worker_queue(settings, db_session, refused_smtp_url())
        db_session.info["safer_voices.tell_worker"] = queue.tell_worker
        add_alert_addresses(db_session, worries.partnership_id, ["duty@north.example"])
        report(db_session, worries)
        db_session.commit()
        before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        run_everything_queued(queue)  # the attempt, then its retry: put aside until it is due
        (retry,) = queue.huey.scheduled()
        assert dt.timedelta(seconds=29) < retry.eta - before < dt.timedelta(seconds=35)
        notification = db_session.scalar(select(Notification))
        db_session.refresh(notification)
        assert retry.args == (notification.id,)
        assert (notification.attempts, notification.status) == (1, NotificationStatus.QUEUED)
        assert "refused" in notification.last_error

    def test_the_sweep_sends_what_the_worker_was_never_told_of(self, settings, db_session, worries,
                                                               smtp_server):  # noqa: F811
        queue = worker_queue(settings, db_session, smtp_server.url)
        add_alert_addresses(db_session, worries.partnership_id, ["duty@north.example"])
        report(db_session, worries)  # this session tells no worker
        db_session.commit()
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=20), tick=False):
            assert queue.run_job(queue.jobs["send-queued-notifications"])
        assert run_everything_queued(queue) == 1
        assert [m["To"] for m in smtp_server.catcher.wait_for(1, timeout=5)] == ["duty@north.example"]


class TestHeldUrgentWords:
    def test_words_from_a_chat_that_went_quiet_are_passed_on_and_alerted_by_the_worker(
        self, settings, db_session, worries, smtp_server  # noqa: F811
    ):
        queue = worker_queue(settings, db_session, smtp_server.url)
        add_alert_addresses(db_session, worries.partnership_id, ["duty@north.example"])
        hold_urgent_message(db_session, key="quiet-chat", consultation=worries, text=URGENT_WORDS,
                            categories=["weapons"], channel=Channel.BOT, wait=dt.timedelta(minutes=5))
        db_session.commit()
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=6), tick=False):
            assert queue.run_job(queue.jobs["release-held-urgent-messages"])
        (alert,) = db_session.scalars(select(Notification)).all()
        stored = db_session.get(Response, alert.response_id)
        assert (stored.urgent, stored.channel) == (True, Channel.BOT)
        run_everything_queued(queue)  # the release's commit told the worker
        (message,) = smtp_server.catcher.wait_for(1, timeout=5)
        assert message["Subject"] == "Urgent report received" and "drugs" not in message.as_string()


class TestPeriodicJobs:
    def test_a_job_runs_once_per_slot_however_many_consumers_share_the_queue(self, settings, db_session):
        runs: list[int] = []
        job = PeriodicJob("count", lambda session: runs.append(1))
        first, second = (TaskQueue(settings, [job], session_factory=sibling_sessions(db_session))
                         for _ in range(2))
        with time_machine.travel(SUMMER_SEVEN, tick=False) as traveller:
            assert first.run_job(job) is True
            assert second.run_job(job) is False  # the same minute, another consumer: not again
            traveller.shift(dt.timedelta(minutes=1))
            assert second.run_job(job) is True
        assert runs == [1, 1]

    def test_a_job_another_consumer_is_running_is_left_to_it(self, settings, db_session):
        runs: list[int] = []
        job = PeriodicJob("count", lambda session: runs.append(1))
        first, second = (TaskQueue(settings, [job], session_factory=sibling_sessions(db_session))
                         for _ in range(2))
        with first.huey.lock_task("periodic.count"):
            assert second.run_job(job) is False
        assert runs == []

    def test_a_lock_left_by_a_consumer_that_was_killed_is_cleared_when_one_starts(self, settings, db_session):
        runs: list[int] = []
        job = PeriodicJob("count", lambda session: runs.append(1))
        killed = TaskQueue(settings, [job], session_factory=sibling_sessions(db_session))
        killed.locks["count"].acquire()  # and never released: the process died
        restarted = TaskQueue(settings, [job], session_factory=sibling_sessions(db_session))
        assert restarted.run_job(job) is False
        make_consumer(restarted)  # a consumer starting on this host's SQLite queue
        assert restarted.run_job(job) is True and runs == [1]

    def test_the_digest_job_is_due_at_seven_london_time(self, settings):
        queue = TaskQueue(settings)
        seven, eight = (moment.replace(tzinfo=None) for moment in (SUMMER_SEVEN, SUMMER_SEVEN + HOUR))
        due = {task.name for task in queue.huey.read_periodic(seven)}  # Huey hands naive UTC times
        later = {task.name for task in queue.huey.read_periodic(eight)}
        every_minute = {"periodic_send_queued_notifications", "periodic_release_held_urgent_messages",
                        "periodic_fold_tallies", "periodic_delete_expired_conversations",
                        "periodic_score_unscored_sentiment"}  # the last every ten minutes, on the hour too
        assert due == every_minute | {"periodic_daily_digest"}
        assert later == every_minute
        quarter_past = {task.name for task in queue.huey.read_periodic(eight + dt.timedelta(minutes=15))}
        assert quarter_past == every_minute - {"periodic_score_unscored_sentiment"}
        assert DailyAt(7).due(SUMMER_SEVEN)


class TestDailyDigest:
    @pytest.fixture
    def reader(self, db_session, partnership):
        officer = make_officer(db_session, partnership, Role.VIEWER, email="reader@north.example")
        set_daily_digest(db_session, officer, True)
        return officer

    def test_officers_who_asked_get_one_digest_a_day_counting_calm_reports_only(
        self, settings, db_session, worries, reader, smtp_server  # noqa: F811
    ):
        make_officer(db_session, reader.partnership, Role.ADMIN, email="not-asked@north.example")
        yesterday = SUMMER_SEVEN - dt.timedelta(hours=10)
        for text in ("the lights are out on the estate", "people drinking by the shops", URGENT_WORDS):
            report(db_session, worries, text=text, submitted_at=yesterday)
        other = make_partnership(db_session, "south")
        source = template_path("worry").read_text(encoding="utf-8")
        report(db_session, create_consultation(db_session, other, source, slug="south-worries"),
               text="graffiti on the wall", submitted_at=yesterday)
        first = queue_daily_digests(db_session, now=SUMMER_SEVEN)
        assert [(n.recipient, n.kind) for n in first] == [
            ("reader@north.example", NotificationKind.DAILY_DIGEST)]
        assert queue_daily_digests(db_session, now=SUMMER_SEVEN + dt.timedelta(hours=2)) == []  # not twice
        db_session.commit()
        queue = worker_queue(settings, db_session, smtp_server.url)
        queue.tell_worker(first[0].id)
        run_everything_queued(queue)
        (message,) = smtp_server.catcher.wait_for(1, timeout=5)
        body = message.get_content()
        assert message["Subject"] == "Your daily summary of new reports"
        assert body.startswith("2 new reports that are not urgent were received since")
        for words in ("lights", "drinking", "graffiti", "drugs"):
            assert words not in body

    def test_nothing_new_means_no_email(self, db_session, worries, reader):
        assert queue_daily_digests(db_session, now=SUMMER_SEVEN) == []

    def test_the_next_digest_counts_from_the_last_one_sent(self, db_session, worries, reader):
        report(db_session, worries, text="the lights are out",
               submitted_at=SUMMER_SEVEN - dt.timedelta(hours=3))
        (sent,) = queue_daily_digests(db_session, now=SUMMER_SEVEN)
        sent.status = NotificationStatus.SENT
        tomorrow = SUMMER_SEVEN + dt.timedelta(days=1)
        assert queue_daily_digests(db_session, now=tomorrow) == []  # nothing since the last one
        report(db_session, worries, text="more broken lights", submitted_at=tomorrow - dt.timedelta(hours=1))
        assert len(queue_daily_digests(db_session, now=tomorrow)) == 1


class TestRedisQueue:
    """With SAFER_VOICES_REDIS_URL the queue, its locks and its slots are in Redis, shared by hosts."""

    def test_alerts_go_through_redis(self, settings, db_session, worries, redis_url, smtp_server):  # noqa: F811
        on_redis = settings.model_copy(update={"redis_url": redis_url})
        queue = worker_queue(on_redis, db_session, smtp_server.url)
        assert type(queue.huey).__name__ == "RedisExpireHuey"
        db_session.info["safer_voices.tell_worker"] = queue.tell_worker
        add_alert_addresses(db_session, worries.partnership_id, ["duty@north.example"])
        report(db_session, worries)
        db_session.commit()
        assert queue.huey.pending_count() == 1
        assert not (settings.instance_path / TASKS_FILE).exists()  # Redis, not the file
        run_everything_queued(queue)
        assert [m["To"] for m in smtp_server.catcher.wait_for(1, timeout=5)] == ["duty@north.example"]

    def test_a_job_runs_once_per_slot_across_hosts_under_a_lock_that_expires(self, settings, db_session,
                                                                             redis_url):
        lock_ttls: list[int] = []
        on_redis = settings.model_copy(update={"redis_url": redis_url})
        job = PeriodicJob("count", lambda session: lock_ttls.append(storage.conn.ttl(lock)))
        hosts = [TaskQueue(on_redis, [job], session_factory=sibling_sessions(db_session)) for _ in range(2)]
        storage = hosts[0].huey.storage
        lock = storage.result_key("safer-voices.lock.periodic.count")
        with time_machine.travel(SUMMER_SEVEN, tick=False):
            assert [host.run_job(job) for host in hosts] == [True, False]
        # Held while it ran, with an expiry: a host that dies holding it does not stop the job for good.
        assert len(lock_ttls) == 1 and 0 < lock_ttls[0] <= LOCK_SECONDS
        assert storage.conn.exists(lock) == 0  # and released after
