"""Several ``safer-voices serve`` processes behind one address, as docs/DEPLOY.md describes: each with
its own instance folder (as on its own host), sharing one PostgreSQL database, one Redis and one
SECRET_KEY. A rate limit counts once across them, a respondent's draft moves between them, and with
a background worker in each, a periodic job runs once per slot and a queued task is done once."""

from __future__ import annotations

import calendar
import os
import re
import secrets
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.pool import NullPool

from survey.definitions.definition import template_path
from survey.storage.models import Answer, Notification, Response
from survey.vocabulary import Channel, NotificationStatus
from tests.integration.test_serve_worker import (  # noqa: F401  (mail is a fixture)
    BIN,
    Served,
    _environment,
    consumers,
    mail,
    safer_voices,
    tell_a_worry,
    wait_until,
)
from tests.mail import free_port
from tests.web import CSRF_PATTERN

URGENT_WORDS = "a boy at school said he will bring a knife tomorrow and stab me"
DRAFT_WORDS = "people shout at me by the shops, every page of this from another process"
SWEEP = "send-queued-notifications"


@contextmanager
def serve(folder: Path, env: dict[str, str]) -> Iterator[Served]:
    """One ``serve`` (one web worker, one background worker) with an instance folder of its own."""
    folder.mkdir()
    env = {**env, "SAFER_VOICES_INSTANCE_PATH": str(folder / "instance")}
    port, log = free_port(), folder / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen([BIN / "safer-voices", "serve", "--port", str(port), "--workers", "1"],
                                  env=env, cwd=folder, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield Served(f"http://127.0.0.1:{port}", server, log)
    finally:
        server.terminate()
        server.wait(timeout=60)


def is_up(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz").status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture(scope="module")
def module_redis_url() -> str:
    """The throwaway Redis (``scripts/with-redis``), emptied once for this module's servers."""
    url = os.environ.get("SAFER_VOICES_TEST_REDIS_URL")
    if not url:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("Redis tests need SAFER_VOICES_TEST_REDIS_URL (CI=true: nothing may be skipped)")
        pytest.skip("Redis tests need SAFER_VOICES_TEST_REDIS_URL; `make test` starts one")
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture(scope="module")
def shared(tmp_path_factory, databases, module_redis_url, mail) -> tuple[Path, dict[str, str]]:  # noqa: F811
    """The settings every process shares, and the demo partnership's open worry form."""
    folder, (smtp_url, _) = tmp_path_factory.mktemp("several"), mail
    env = _environment(folder, SAFER_VOICES_DATABASE_URL=databases.create(),
                       SAFER_VOICES_REDIS_URL=module_redis_url,
                       SAFER_VOICES_SECRET_KEY=secrets.token_urlsafe(48), SAFER_VOICES_SMTP_URL=smtp_url,
                       SAFER_VOICES_MAIL_FROM="alerts@demo.example", SAFER_VOICES_LOG_LEVEL="DEBUG")
    safer_voices(env, folder, "db", "upgrade")
    safer_voices(env, folder, "partnership", "create", "demo", "Demo Community Safety Partnership")
    safer_voices(env, folder, "consultations", "create", str(template_path("worry")),
                 "--partnership", "demo", "--slug", "worries", "--open")
    safer_voices(env, folder, "partnership", "alerts", "demo", "--email", "duty@demo.example")
    return folder, env


@pytest.fixture(scope="module")
def two(shared) -> Iterator[list[Served]]:
    """Two ``serve`` processes, as on two hosts behind one balancer."""
    folder, env = shared
    with ExitStack() as stack:
        served = [stack.enter_context(serve(folder / name, env)) for name in ("host-a", "host-b")]
        for one in served:
            assert wait_until(lambda one=one: is_up(one.base), 30), one.log.read_text()
        yield served


def stored(shared, query):  # type: ignore[no-untyped-def]
    engine = create_engine(shared[1]["SAFER_VOICES_DATABASE_URL"], poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return connection.execute(query).all()
    finally:
        engine.dispose()


def form_post(client: httpx.Client, base: str, location: str, data: dict, page: str | None = None):
    """GET the page from ``base`` for its CSRF token, then POST the form there."""
    token = CSRF_PATTERN.search(client.get(f"{base}{page or location}").text).group(1)
    return client.post(f"{base}{location}", data={"csrf_token": token, **data})


# PostgreSQL and Redis: what several hosts share (not skipped on SQLite: collected for PostgreSQL only).
pytestmark = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)


def test_a_rate_limit_reached_across_two_processes_counts_once(two):
    # Sign-in: 10 a minute per account. Spread over both, the 11th is refused wherever it lands; with
    # counters per process neither would have seen more than 6.
    statuses = []
    with httpx.Client() as client:  # one browser: its cookies go to both (same host, other port)
        for attempt in range(11):
            base = two[attempt % 2].base
            response = form_post(client, base, "/sign-in", {"email": "someone@demo.example",
                                                             "password": "not the password"})
            statuses.append(response.status_code)
    assert statuses == [200] * 10 + [429]


def test_a_draft_started_on_one_process_continues_on_the_other(two, shared):
    bases = [one.base for one in two]
    with httpx.Client() as client:
        start = form_post(client, bases[0], "/consultations/worries/start", {},
                          page="/consultations/worries/")
        location, turn = start.headers["Location"].removeprefix(bases[0]), 1
        answers = {"topic": {"answer": "bullying"}, "details": {"answer": DRAFT_WORDS}}
        while "/questions/" in location:  # each page from the other process than the one before
            base = bases[turn % 2]
            response = form_post(client, base, location, answers.get(location.rsplit("/", 1)[-1], {}))
            assert response.status_code == 302, response.text
            location, turn = response.headers["Location"].removeprefix(base), turn + 1
        sent = form_post(client, bases[turn % 2], location, {})
        assert sent.headers["Location"].endswith("/confirmation")
    assert turn >= 3  # both processes answered pages of the one draft
    mine = select(Answer.response_id).where(Answer.text == DRAFT_WORDS)
    assert stored(shared, select(Response.channel).where(Response.id.in_(mine))) == [(Channel.WEB,)]


def test_with_a_worker_in_each_a_job_runs_once_per_slot_and_a_task_once(two, shared, mail):  # noqa: F811
    _, catcher = mail
    before = len(catcher.messages)
    assert wait_until(lambda: all(len(consumers(one.server.pid)) == 1 for one in two), 30)
    assert wait_until(lambda: all("consumer started" in one.log.read_text() for one in two), 30)
    both_up = time.time()
    tell_a_worry(two[0].base, URGENT_WORDS)  # its alert: one task on the shared queue
    messages = catcher.wait_for(before + 1, timeout=60)[before:]
    assert [message["To"] for message in messages] == ["duty@demo.example"]

    def mentions() -> dict[str, list[str]]:
        """Per minute slot of the sweep, what each consumer did: ran it, or left it (run, or running)."""
        found: dict[str, list[str]] = {}
        turns = {"ran": rf"Periodic job {SWEEP} ran for slot (\S+)\.",
                 "had run": rf"Periodic job {SWEEP} has run for slot (\S+) already",
                 "running": rf"Periodic job {SWEEP} \(slot (\S+)\) is running in another consumer"}
        for one in two:
            log = one.log.read_text()
            for what, pattern in turns.items():
                for slot in re.findall(pattern, log):
                    found.setdefault(slot, []).append(what)
        return found

    def watched_by_both() -> list[str]:  # minutes begun with both consumers up, each of which took a turn
        return [slot for slot, seen in mentions().items()
                if calendar.timegm(time.strptime(slot, "%Y-%m-%dT%H:%M")) >= both_up and len(seen) >= 2]

    # Huey's scheduler in each consumer queues the job at the start of every minute, so each minute
    # has two turns at it: wait for the first minute begun with both up (up to a minute and a bit).
    assert wait_until(watched_by_both, 90), [one.log.read_text()[-3000:] for one in two]
    for slot in watched_by_both():
        assert sorted(mentions()[slot]).count("ran") == 1, mentions()  # once, by one or the other
    sent = stored(shared, select(Notification.attempts, Notification.status))
    assert sent == [(1, NotificationStatus.SENT)]
    assert len(catcher.messages) == before + 1  # the task was done once, not once per consumer
