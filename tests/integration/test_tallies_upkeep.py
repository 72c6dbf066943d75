"""Keeping the tallies: folding the deltas (the worker's job), counting them again (the rebuild
command, and the migration that made them), and submits at once that never wait on each other."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, func, insert, select, text
from sqlalchemy.orm import sessionmaker

from analysis.filters import ResponseFilter
from analysis.tallies import tally_consultation
from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.responses import sentiment
from survey.responses.store import store_response
from survey.storage import migrate
from survey.storage.db import create_database_engine, make_session_factory
from survey.storage.models import Answer, AuditEvent, Consultation, TallyDelta, TallyTotal
from survey.tallies import keep
from survey.tallies.fold import fold_tallies
from survey.tallies.read import kept_tallies
from survey.tallies.rebuild import rebuild_tallies
from survey.vocabulary import Channel, ConsultationStatus
from survey.worker.jobs import PERIODIC_JOBS, EveryMinute
from survey.worker.queue import TaskQueue
from tests.factories import make_partnership
from tests.integration.test_kept_tallies import DEFINITION, assert_kept_equals_recount

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
RED = {"single_choice": (AnswerPart(option="red"),), "number": (AnswerPart(number=7.0),)}


def _consultation(session, slug="kept"):
    return create_consultation(
        session, make_partnership(session), DEFINITION, slug=slug, status=ConsultationStatus.OPEN
    )


def _submit(session, consultation, answers=RED):
    return store_response(session, consultation, definition_of(consultation), answers, channel=Channel.WEB)


def _count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def _red(session, consultation):
    question = tally_consultation(session, consultation, definition_of(consultation)).question(
        "single_choice"
    )
    return {option.value: option.count for option in question.options}["red"]


class TestFolding:
    def test_a_submit_writes_deltas_and_the_fold_moves_them_into_the_totals(self, db_session):
        consultation = _consultation(db_session)
        _submit(db_session, consultation)
        assert _count(db_session, TallyDelta, TallyDelta.consultation_id == consultation.id) > 0
        before = tally_consultation(db_session, consultation, definition_of(consultation))
        assert fold_tallies(db_session) > 0
        assert _count(db_session, TallyDelta) == 0
        assert _count(db_session, TallyTotal, TallyTotal.consultation_id == consultation.id) > 0
        assert tally_consultation(db_session, consultation, definition_of(consultation)) == before
        assert before.responses == 1 and _red(db_session, consultation) == 1

    def test_folding_twice_adds_nothing_the_second_time(self, db_session):
        consultation = _consultation(db_session)
        _submit(db_session, consultation)
        fold_tallies(db_session)
        assert fold_tallies(db_session) == 0
        _submit(db_session, consultation)
        fold_tallies(db_session)
        assert _red(db_session, consultation) == 2

    def test_the_worker_folds_every_minute(self, settings, databases):
        (job,) = [job for job in PERIODIC_JOBS if job.name == "fold-tallies"]
        assert job.schedule == EveryMinute()
        url = databases.create()
        engine = create_database_engine(url)
        try:
            migrate.upgrade(engine)
            sessions = make_session_factory(engine)
            with sessions() as session, session.begin():
                _submit(session, _consultation(session))
            queue = TaskQueue(settings.model_copy(update={"database_url": url}), session_factory=sessions)
            assert queue.run_job(queue.jobs["fold-tallies"]) is True
            with sessions() as session:
                assert _count(session, TallyDelta) == 0
                assert kept_tallies(session, session.scalar(select(Consultation.id))).responses == 1
        finally:
            engine.dispose()


class TestRebuild:
    def test_answers_written_around_the_tallies_are_counted_by_a_rebuild(self, db_session):
        consultation, other = _consultation(db_session), _consultation(db_session, "other")
        stored = _submit(db_session, consultation).response
        _submit(db_session, other)
        # A bulk load straight into the table, as the benchmark's generator writes, is not counted...
        db_session.execute(
            insert(Answer),
            [
                {
                    "response_id": stored.id,
                    "consultation_id": consultation.id,
                    "question_id": "multiple_choice",
                    "option": "drugs",
                }
            ],
        )
        assert "multiple_choice" not in kept_tallies(db_session, consultation.id).parts
        # ...until the tallies are counted again, and only that consultation's are replaced.
        other_before = kept_tallies(db_session, other.id)
        assert rebuild_tallies(db_session, [consultation.id]) == {consultation.id: 1}
        assert kept_tallies(db_session, consultation.id).parts["multiple_choice"] == {("drugs", None): 1}
        assert _count(db_session, TallyDelta, TallyDelta.consultation_id == consultation.id) == 0
        assert kept_tallies(db_session, other.id) == other_before
        assert_kept_equals_recount(db_session, consultation)

    @pytest.mark.parametrize(
        ("moment", "day"),
        [
            (dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC), dt.date(2026, 3, 29)),  # GMT
            (dt.datetime(2026, 3, 29, 23, 30, tzinfo=dt.UTC), dt.date(2026, 3, 30)),  # 00:30 BST
            (dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.UTC), dt.date(2026, 10, 25)),  # 00:30 BST
            (dt.datetime(2026, 10, 25, 23, 30, tzinfo=dt.UTC), dt.date(2026, 10, 25)),  # GMT again
        ],
    )
    def test_a_rebuild_counts_each_response_on_its_uk_day(self, db_session, moment, day):
        consultation = _consultation(db_session)
        definition = definition_of(consultation)
        store_response(db_session, consultation, definition, RED, channel=Channel.WEB, submitted_at=moment)
        rebuild_tallies(db_session, [consultation.id])
        assert _count(db_session, TallyDelta) == 0
        assert kept_tallies(db_session, consultation.id, day, day).responses == 1
        assert kept_tallies(db_session, consultation.id, day + dt.timedelta(days=1), None).responses == 0
        assert kept_tallies(db_session, consultation.id, None, day - dt.timedelta(days=1)).responses == 0

    def test_the_command_counts_one_consultation_again_and_says_so(self, runner, db_session):
        consultation = _consultation(db_session)
        _submit(db_session, consultation)
        _submit(db_session, consultation)
        result = runner.invoke(args=["tallies", "rebuild", "--consultation", "kept"])
        assert result.exit_code == 0, result.output
        assert result.output == "Counted the tallies of 'kept' again from its answers: 2 responses.\n"
        assert (
            _count(
                db_session, AuditEvent, AuditEvent.action == "tallies_rebuilt", AuditEvent.target_id == "kept"
            )
            == 1
        )
        assert _red(db_session, consultation) == 2

    def test_the_command_counts_every_consultation_without_a_slug(self, runner, db_session):
        _submit(db_session, _consultation(db_session))
        result = runner.invoke(args=["tallies", "rebuild"])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Counted the tallies of ")
        assert "consultation" in result.output and "again from their answers" in result.output

    def test_an_unknown_slug_is_an_error_that_names_it(self, runner, db_session):
        result = runner.invoke(args=["tallies", "rebuild", "--consultation", "nowhere"])
        assert result.exit_code == 1
        assert "There is no consultation with the slug 'nowhere'" in result.output


def test_the_migration_counts_the_answers_stored_before_it(databases):
    engine = create_database_engine(databases.create())
    try:
        before = ScriptDirectory.from_config(migrate.alembic_config()).get_revision("0018").down_revision
        migrate.upgrade(engine, str(before))
        tables = MetaData()
        tables.reflect(engine)
        rows = {
            "partnership": [{"id": 1, "slug": "old", "name": "Old CSP", "created_at": NOW}],
            "definition": [
                {
                    "id": 1,
                    "partnership_id": 1,
                    "key": "kept",
                    "kind": "consultation",
                    "source": DEFINITION,
                    "created_at": NOW,
                }
            ],
            "consultation": [
                {
                    "id": 1,
                    "partnership_id": 1,
                    "definition_id": 1,
                    "slug": "old",
                    "title": "Old",
                    "kind": "consultation",
                    "status": "closed",
                    "created_at": NOW,
                }
            ],
            "response": [
                {
                    "id": i,
                    "partnership_id": 1,
                    "consultation_id": 1,
                    "channel": "web",
                    "reference": f"AAAA-BBBB-C{i}",
                    "urgent": False,
                    "submitted_at": NOW,
                    "status": "new",
                }
                for i in (1, 2)
            ],
            "answer": [
                {
                    "id": 1,
                    "response_id": 1,
                    "consultation_id": 1,
                    "question_id": "single_choice",
                    "option": "red",
                    "number": None,
                    "urgent": False,
                },
                {
                    "id": 2,
                    "response_id": 2,
                    "consultation_id": 1,
                    "question_id": "single_choice",
                    "option": "red",
                    "number": None,
                    "urgent": False,
                },
                {
                    "id": 3,
                    "response_id": 2,
                    "consultation_id": 1,
                    "question_id": "number",
                    "option": None,
                    "number": 4.0,
                    "urgent": False,
                },
            ],
        }
        with engine.begin() as connection:
            for table, values in rows.items():
                connection.execute(insert(tables.tables[table]), values)
        migrate.upgrade(engine)
        with make_session_factory(engine)() as session:
            consultation = session.get_one(Consultation, 1)
            assert _count(session, TallyDelta) == 0  # counted straight into the totals
            tallies = tally_consultation(session, consultation, definition_of(consultation))
            assert tallies.responses == 2 and _red(session, consultation) == 2
            assert (tallies.question("number").base, tallies.question("number").number_max) == (1, 4.0)
            assert_kept_equals_recount(session, consultation)
    finally:
        engine.dispose()


# PostgreSQL only (not skipped on SQLite: nothing is skipped in CI): SQLite lets one writer in at a
# time by design, so two submits cannot overlap there in the first place.
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_submit_never_waits_for_another_open_submit_to_the_same_options(databases, backend):
    engine = create_database_engine(databases.create())
    try:
        migrate.upgrade(engine)
        new_session = sessionmaker(engine, expire_on_commit=False)
        with new_session() as session:
            consultation_id = _consultation(session).id
            session.commit()
        with new_session() as first, new_session() as second:
            _submit(first, first.get_one(Consultation, consultation_id))  # stored, its transaction open
            # Waiting for a lock the first holds would fail at once instead of hanging the test.
            second.execute(text("SET LOCAL lock_timeout = '1ms'"))
            _submit(second, second.get_one(Consultation, consultation_id))
            second.commit()
            first.commit()
        with new_session() as session:
            consultation = session.get_one(Consultation, consultation_id)
            assert _red(session, consultation) == 2
            assert_kept_equals_recount(session, consultation)
    finally:
        engine.dispose()


def test_the_tallies_label_sentiment_as_the_scorer_does():
    assert (keep.POSITIVE_THRESHOLD, keep.NEGATIVE_THRESHOLD) == (
        sentiment.POSITIVE_THRESHOLD,
        sentiment.NEGATIVE_THRESHOLD,
    )


def test_a_filter_everyone_passes_counts_what_the_kept_tallies_hold(db_session):
    consultation = _consultation(db_session)
    _submit(db_session, consultation)
    kept = tally_consultation(db_session, consultation, definition_of(consultation))
    counted = tally_consultation(
        db_session, consultation, definition_of(consultation), ResponseFilter(channels=(Channel.WEB,))
    )
    assert kept.questions == counted.questions
