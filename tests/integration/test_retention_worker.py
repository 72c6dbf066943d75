"""The retention run as the background worker's daily job: due at half past three London time, run
once per day, and the words gone from the database's files after its commit."""

from __future__ import annotations

import datetime as dt
import secrets

import time_machine
from sqlalchemy import select

from survey.storage import migrate
from survey.storage.db import create_database_engine, make_session_factory
from survey.storage.models import Answer, RetentionRun
from survey.worker.jobs import PERIODIC_JOBS, run_retention
from survey.worker.queue import TaskQueue
from tests.retention import database_files, file_bytes, plant, require_wal_recycling_off

THREE_YEARS_ON = dt.datetime(2029, 6, 1, 2, 30, 5, tzinfo=dt.UTC)  # 03:30 in London (summer time)


def test_the_job_is_due_at_half_past_three_london_time():
    (job,) = [job for job in PERIODIC_JOBS if job.name == "retention"]
    assert job.run is run_retention  # imports survey.retention.job when run (the next test runs it)
    assert job.schedule.due(THREE_YEARS_ON)
    assert not job.schedule.due(THREE_YEARS_ON + dt.timedelta(hours=1))


def test_the_worker_runs_it_once_a_day_and_the_words_leave_the_files(settings, databases):
    url = databases.create()
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    if engine.dialect.name == "postgresql":
        require_wal_recycling_off()
    sentence = f"A kingfisher at mooring {secrets.token_hex(6)} told me"
    response_id = plant(engine, sentence)
    queue = TaskQueue(
        settings.model_copy(update={"database_url": url}), session_factory=make_session_factory(engine)
    )
    job = queue.jobs["retention"]
    try:
        with time_machine.travel(THREE_YEARS_ON, tick=False):
            assert queue.run_job(job) is True
            assert queue.run_job(job) is False  # once a day, however many consumers
        with make_session_factory(engine)() as session:
            texts = session.scalars(select(Answer.text).where(Answer.response_id == response_id)).all()
            (run,) = session.scalars(select(RetentionRun)).all()
        assert texts and set(texts) == {None}
        assert (run.as_of, run.counts["consultation_responses"]) == (dt.date(2029, 6, 1), 1)
        engine.dispose()
        assert [str(path) for path in database_files(engine) if sentence.encode() in file_bytes(path)] == []
    finally:
        engine.dispose()
