"""``safer-voices retention run`` against a database of its own, committed as in production: the
done-when of issue 15, the dry run, and erased words gone from every file of the database."""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
from collections.abc import Iterator

import pytest
import time_machine
from flask.testing import FlaskCliRunner
from sqlalchemy import Engine, func, select

from analysis.exports.raw import responses_csv
from analysis.free_text import text_question_ids
from analysis.report.consultation import consultation_report
from demo.loader import DEMO_CONSULTATIONS, load_demo
from survey.consultations import consultation_by_slug, definition_of
from survey.settings import Settings
from survey.storage import migrate
from survey.storage.db import create_database_engine, make_session_factory
from survey.storage.models import Answer, AuditEvent, Response
from tests.retention import database_files, file_bytes, in_files_soon, plant, require_wal_recycling_off
from webapp import create_app
from webapp.cli import cli

THREE_YEARS_ON = (dt.date.today() + dt.timedelta(days=3 * 366)).isoformat()


@pytest.fixture
def committed(databases, tmp_path) -> Iterator[tuple[FlaskCliRunner, Engine]]:
    """A migrated database of this test's own, the app on it, and a CLI runner: every command commits."""
    url = databases.create()
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    settings = Settings(
        instance_path=tmp_path / "instance",
        database_url=url,
        secret_key="test-secret-key",
        cookie_secure=False,
        environment="test",
        _env_file=None,
    )
    app = create_app(settings)
    yield FlaskCliRunner(app), engine
    app.extensions["safer_voices"].engine.dispose()
    engine.dispose()


def invoke(runner: FlaskCliRunner, *args: str):
    result = runner.invoke(cli, ["retention", "run", *args])
    assert result.exit_code == 0, result.output
    return result.output


class TestRetentionCommand:
    def test_the_demo_keeps_no_free_text_and_its_report_counts_every_response(self, committed):
        runner, engine = committed
        sessions = make_session_factory(engine)
        with sessions() as session, session.begin():
            load_demo(session)
        slug = DEMO_CONSULTATIONS["community-safety"]
        with sessions() as session:
            consultation = consultation_by_slug(session, slug)
            before = consultation_report(session, consultation)
            words = set(
                session.scalars(
                    select(Answer.text).where(
                        Answer.consultation_id == consultation.id, Answer.text.is_not(None)
                    )
                )
            )
        assert len(words) > 10

        output = invoke(runner, "--as-of", THREE_YEARS_ON)

        assert "consultation responses anonymised" in output
        with sessions() as session:
            consultation = consultation_by_slug(session, slug)
            definition = definition_of(consultation)
            after = consultation_report(session, consultation)
            export = responses_csv(session, consultation, definition)
        rows = list(csv.reader(io.StringIO(export.removeprefix("\ufeff"))))
        free_text = [rows[0].index(q.id) for q in definition.questions if q.type == "free_text"]
        assert free_text and all(row[column] == "" for row in rows[1:] for column in free_text)
        assert [text for text in words if text in export] == []
        assert "other:" not in export
        assert after.responses == before.responses == len(rows) - 1
        for question in before.questions:
            if question.id not in text_question_ids(definition):
                assert after.question(question.id) == question, question.id

    def test_a_dry_run_counts_and_changes_nothing(self, committed):
        runner, engine = committed
        response_id = plant(engine, "dry run words")

        output = invoke(runner, "--as-of", THREE_YEARS_ON, "--dry-run")

        assert "Dry run: nothing was changed" in output
        assert "        1 consultation responses anonymised" in output
        with make_session_factory(engine)() as session:
            assert session.get(Response, response_id).reference.startswith("ANON-") is False
            assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0

    def test_a_second_run_does_nothing_and_both_are_audited_in_counts(self, committed):
        runner, engine = committed
        plant(engine, "run twice")
        with time_machine.travel(dt.datetime.fromisoformat(THREE_YEARS_ON + "T03:00+00:00"), tick=False):
            invoke(runner, "--as-of", THREE_YEARS_ON)
            second = invoke(runner, "--as-of", THREE_YEARS_ON)
        assert "        0 consultation responses anonymised" in second
        assert "Files:" not in second  # nothing changed: nothing to rewrite
        with make_session_factory(engine)() as session:
            details = session.scalars(
                select(AuditEvent.details).where(AuditEvent.action == "retention_run")
            ).all()
        assert [d["consultation_responses"] for d in details] == [1, 0]
        assert all("run twice" not in str(d) for d in details)

    def test_a_bad_date_is_refused_and_nothing_runs(self, committed):
        runner, engine = committed
        result = runner.invoke(cli, ["retention", "run", "--as-of", "next year"])
        assert result.exit_code == 2 and "'next year' does not match the format" in result.output
        with make_session_factory(engine)() as session:
            assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0


class TestErasedWordsLeaveTheFiles:
    def test_a_planted_sentence_is_in_no_file_of_the_database(self, committed):
        runner, engine = committed
        if engine.dialect.name == "postgresql":
            require_wal_recycling_off()
        sentence = f"The heron by lock {secrets.token_hex(6)} saw everything"
        plant(engine, sentence)
        assert in_files_soon(engine, sentence), "the sentence should be in the files before the run"

        output = invoke(runner, "--as-of", THREE_YEARS_ON)

        assert "Files:" in output and "may still" not in output and "may stay" not in output
        engine.dispose()
        holding = [str(path) for path in database_files(engine) if sentence.encode() in file_bytes(path)]
        assert holding == []
