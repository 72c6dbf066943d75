"""The mail server setting, the email texts and the worker's schedules: no I/O."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from survey.mail_server import SmtpUrlError, parse_smtp_url
from survey.notifications import texts
from survey.notifications.sending import BACKOFF, MAX_ATTEMPTS, next_attempt_at
from survey.settings import Settings
from survey.storage.models import Notification
from survey.worker.consumer import settings_from_json, settings_to_json
from survey.worker.jobs import PERIODIC_JOBS, DailyAt, EveryMinute

UTC = dt.UTC


class TestSmtpUrl:
    def test_starttls_on_the_submission_port(self):
        config = parse_smtp_url("smtp://user%40example.org:p%40ss@mail.example.org:587?starttls=true")
        assert (config.host, config.port, config.starttls, config.implicit_tls) == (
            "mail.example.org", 587, True, False)
        assert (config.username, config.password) == ("user@example.org", "p@ss")

    def test_smtps_is_tls_from_the_start_on_465_by_default(self):
        config = parse_smtp_url("smtps://u:p@mail.example.org")
        assert (config.port, config.implicit_tls, config.starttls) == (465, True, False)

    def test_a_local_relay_needs_no_user(self):
        config = parse_smtp_url("smtp://localhost")
        assert (config.host, config.port, config.username, config.password) == ("localhost", 25, None, None)

    @pytest.mark.parametrize(("url", "words"), [
        ("http://u:hunter2@mail.example.org", "must start with smtp:// or smtps://"),
        ("smtp://u:hunter2@:587", "must name the mail server"),
        ("smtp://u:hunter2@mail.example.org:notaport", "port is a number"),
        ("smtp://u:hunter2@mail.example.org?tls=yes", "unknown option 'tls'"),
        ("smtp://u:hunter2@mail.example.org?starttls=maybe", "starttls must be true or false"),
        ("smtps://u:hunter2@mail.example.org?starttls=true", "TLS already"),
    ])
    def test_a_bad_url_says_what_is_wrong_without_the_password(self, url, words):
        with pytest.raises(SmtpUrlError) as raised:
            parse_smtp_url(url)
        assert words in str(raised.value) and "hunter2" not in str(raised.value)

    def test_the_password_is_not_in_the_configs_repr(self):
        assert "hunter2" not in repr(parse_smtp_url("smtp://u:hunter2@mail.example.org"))
        assert "hunter2" not in parse_smtp_url("smtp://u:hunter2@mail.example.org").description


class TestMailSettings:
    def test_no_mail_server_by_default(self):
        settings = Settings(_env_file=None)
        assert settings.smtp is None and settings.base_url == "http://127.0.0.1:5000"

    def test_a_bad_smtp_url_fails_at_start_up_without_showing_the_password(self):
        with pytest.raises(ValidationError) as raised:
            Settings(smtp_url="smtp://u:hunter2@mail.example.org?starttls=perhaps", mail_from="a@b.org",
                     _env_file=None)
        assert "starttls must be true or false" in str(raised.value)
        assert "hunter2" not in str(raised.value)

    def test_a_mail_server_needs_a_from_address(self):
        with pytest.raises(ValidationError, match="SAFER_VOICES_MAIL_FROM must be"):
            Settings(smtp_url="smtp://mail.example.org", _env_file=None)
        with pytest.raises(ValidationError, match="must be an email address"):
            Settings(smtp_url="smtp://mail.example.org", mail_from="not an address", _env_file=None)

    def test_the_base_url_must_be_a_web_address(self):
        assert Settings(base_url="https://sv.example.org/", _env_file=None).base_url == "https://sv.example.org"
        with pytest.raises(ValidationError, match="SAFER_VOICES_BASE_URL must start with https://"):
            Settings(base_url="sv.example.org", _env_file=None)

    def test_the_worker_child_gets_the_same_settings_secrets_included(self, tmp_path):
        settings = Settings(instance_path=tmp_path, smtp_url="smtp://u:pw@mail.example.org",
                            mail_from="alerts@example.org", secret_key="k" * 40, _env_file=None)
        again = settings_from_json(settings_to_json(settings))
        assert again.smtp == settings.smtp and again.resolved_secret_key() == "k" * 40
        assert again.instance_path == tmp_path and again.mail_from == "alerts@example.org"


class TestTexts:
    def test_the_alert_reads_the_time_as_people_do_in_london(self):
        received = dt.datetime(2026, 7, 1, 20, 40, tzinfo=UTC)  # 21:40 British Summer Time
        body = texts.urgent_alert_body(received_at=received, imported=False, link="https://sv.example/officer/reports",
                                       partnership="North CSP", now=received)
        assert body.startswith("An urgent report was received at 21:40. Sign in to read it:\n"
                               "https://sv.example/officer/reports\n")

    def test_a_time_on_another_day_says_which_day(self):
        received = dt.datetime(2026, 1, 5, 23, 50, tzinfo=UTC)
        assert texts.clock_time(received, now=received + dt.timedelta(hours=1)) == "23:50 on Monday 5 January"

    def test_an_import_says_reports_were_imported(self):
        moment = dt.datetime(2026, 1, 5, 10, 15, tzinfo=UTC)
        body = texts.urgent_alert_body(received_at=moment, imported=True, link="L", partnership="P",
                                       now=moment)
        assert body.startswith("Urgent reports were imported at 10:15. Sign in to read them:")

    def test_the_digest_counts_in_whole_sentences(self):
        now = dt.datetime(2026, 1, 6, 7, 0, tzinfo=UTC)
        since = now - dt.timedelta(days=1)
        one = texts.digest_body(count=1, since=since, link="L", now=now)
        many = texts.digest_body(count=4, since=since, link="L", now=now)
        assert one.startswith("1 new report that is not urgent was received since 07:00 on Monday 5 January.")
        assert many.startswith("4 new reports that are not urgent were received since")


class TestBackOff:
    def test_each_attempt_waits_longer_and_the_fifth_is_the_last(self):
        created = dt.datetime(2026, 1, 5, 21, 40, tzinfo=UTC)
        due = [next_attempt_at(Notification(created_at=created, attempts=n)) - created
               for n in range(MAX_ATTEMPTS)]
        assert due == [dt.timedelta(0), dt.timedelta(seconds=30), dt.timedelta(seconds=150),
                       dt.timedelta(seconds=750), dt.timedelta(seconds=4350)]
        assert list(BACKOFF) == sorted(BACKOFF)


class TestSchedules:
    def test_the_digest_is_at_seven_london_time_in_winter_and_in_summer(self):
        seven = DailyAt(7, 0)
        assert seven.due(dt.datetime(2026, 1, 5, 7, 0, tzinfo=UTC))  # GMT
        assert seven.due(dt.datetime(2026, 7, 1, 6, 0, tzinfo=UTC))  # BST
        assert not seven.due(dt.datetime(2026, 7, 1, 7, 0, tzinfo=UTC))

    def test_a_slot_names_the_run_so_it_happens_once(self):
        moment = dt.datetime(2026, 7, 1, 6, 0, 30, tzinfo=UTC)
        assert DailyAt(7).slot(moment) == "2026-07-01"
        assert EveryMinute().slot(moment) == EveryMinute().slot(moment + dt.timedelta(seconds=20))
        assert EveryMinute().slot(moment) != EveryMinute().slot(moment + dt.timedelta(seconds=40))

    def test_the_sweep_and_held_messages_run_every_minute_and_the_digest_daily(self):
        jobs = {job.name: job for job in PERIODIC_JOBS}
        assert isinstance(jobs["send-queued-notifications"].schedule, EveryMinute)
        assert isinstance(jobs["release-held-urgent-messages"].schedule, EveryMinute)
        assert jobs["daily-digest"].schedule == DailyAt(7, 0)
