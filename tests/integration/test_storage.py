"""Storage behaves the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from survey.storage.db import create_database_engine
from survey.storage.models import Answer, Consultation, Definition, Officer, Response
from survey.vocabulary import Channel, DefinitionKind
from tests.factories import make_officer, make_partnership


def _consultation(session, partnership, slug="annual"):
    definition = Definition(partnership_id=partnership.id, key="test", kind=DefinitionKind.CONSULTATION,
                            source="id: test")
    session.add(definition)
    session.flush()
    consultation = Consultation(partnership_id=partnership.id, definition_id=definition.id, slug=slug,
                                title="Annual survey", kind=DefinitionKind.CONSULTATION)
    session.add(consultation)
    session.flush()
    return consultation


def _response(session, consultation, reference, parts):
    response = Response(partnership_id=consultation.partnership_id, consultation_id=consultation.id,
                        channel=Channel.WEB, reference=reference)
    response.answers = [Answer(consultation_id=consultation.id, **part) for part in parts]
    session.add(response)
    session.flush()
    return response


class TestTimestamps:
    def test_timestamps_come_back_as_aware_utc(self, db_session):
        partnership = make_partnership(db_session)
        london = dt.timezone(dt.timedelta(hours=1))
        officer = make_officer(db_session, partnership)
        officer.last_login_at = dt.datetime(2026, 6, 1, 13, 0, tzinfo=london)
        db_session.flush()
        db_session.expire_all()
        loaded = db_session.get(Officer, officer.id)
        assert loaded.last_login_at == dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
        assert loaded.last_login_at.tzinfo is not None

    def test_naive_timestamps_are_refused(self, db_session):
        officer = make_officer(db_session, make_partnership(db_session))
        officer.last_login_at = dt.datetime(2026, 6, 1, 13, 0)
        with pytest.raises(StatementError):
            db_session.flush()


class TestAnswersAggregateInSql:
    def test_option_counts_and_ranks_are_a_group_by(self, db_session):
        consultation = _consultation(db_session, make_partnership(db_session))
        _response(db_session, consultation, "R1", [
            {"question_id": "priorities", "option": "asb", "rank": 1},
            {"question_id": "priorities", "option": "violence", "rank": 2},
        ])
        _response(db_session, consultation, "R2", [
            {"question_id": "priorities", "option": "violence", "rank": 1},
            {"question_id": "priorities", "option": "asb", "rank": 2},
        ])
        _response(db_session, consultation, "R3", [{"question_id": "priorities", "option": "asb", "rank": 1}])
        rows = db_session.execute(
            select(Answer.option, Answer.rank, func.count())
            .where(Answer.consultation_id == consultation.id, Answer.question_id == "priorities")
            .group_by(Answer.option, Answer.rank)
            .order_by(Answer.option, Answer.rank)
        ).all()
        assert [tuple(row) for row in rows] == [("asb", 1, 2), ("asb", 2, 1), ("violence", 1, 1),
                                                ("violence", 2, 1)]

    def test_typed_columns_round_trip(self, db_session):
        consultation = _consultation(db_session, make_partnership(db_session))
        response = _response(db_session, consultation, "R1", [
            {"question_id": "age", "number": 14.0},
            {"question_id": "when", "date": dt.date(2026, 3, 1)},
            {"question_id": "place", "latitude": 51.5072, "longitude": -0.1276},
            {"question_id": "safer", "text": "Better lighting by the station"},
        ])
        db_session.expire_all()
        stored = {a.question_id: a for a in db_session.get(Response, response.id).answers}
        assert stored["age"].number == 14.0
        assert stored["when"].date == dt.date(2026, 3, 1)
        assert (stored["place"].latitude, stored["place"].longitude) == (51.5072, -0.1276)
        assert stored["safer"].text == "Better lighting by the station"

    def test_deleting_a_response_deletes_its_answers_in_the_database(self, db_session):
        consultation = _consultation(db_session, make_partnership(db_session))
        response = _response(db_session, consultation, "R1", [{"question_id": "issues", "option": "asb"}])
        # A bulk delete bypasses the ORM: the foreign key's ON DELETE CASCADE must do the work.
        db_session.execute(text("DELETE FROM response WHERE id = :id"), {"id": response.id})
        remaining = db_session.scalar(select(func.count()).select_from(Answer).where(
            Answer.response_id == response.id))
        assert remaining == 0


class TestConstraints:
    def test_response_reference_is_unique(self, db_session):
        consultation = _consultation(db_session, make_partnership(db_session))
        _response(db_session, consultation, "SAME", [])
        with pytest.raises(IntegrityError):
            _response(db_session, consultation, "SAME", [])

    def test_submission_key_is_unique(self, db_session):
        consultation = _consultation(db_session, make_partnership(db_session))
        first = _response(db_session, consultation, "R1", [])
        first.submission_key = "key"
        db_session.flush()
        second = _response(db_session, consultation, "R2", [])
        second.submission_key = "key"
        with pytest.raises(IntegrityError):
            db_session.flush()

    def test_database_rejects_an_unknown_channel(self, db_session):
        consultation = _consultation(db_session, make_partnership(db_session))
        with pytest.raises(IntegrityError):
            db_session.execute(text(
                "INSERT INTO response (partnership_id, consultation_id, channel, reference, urgent, "
                "submitted_at) VALUES (:p, :c, 'pigeon', 'X1', false, CURRENT_TIMESTAMP)"
            ), {"p": consultation.partnership_id, "c": consultation.id})

    def test_foreign_keys_are_enforced(self, db_session):
        with pytest.raises(IntegrityError):
            db_session.execute(text(
                "INSERT INTO definition (partnership_id, key, kind, source, created_at) "
                "VALUES (999999, 'k', 'consultation', '', CURRENT_TIMESTAMP)"
            ))


class TestSqliteEngine:
    def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(self, tmp_path):
        engine = create_database_engine(f"sqlite:///{tmp_path / 'pragmas.db'}", busy_timeout_ms=4321)
        try:
            with engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 4321
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        finally:
            engine.dispose()
