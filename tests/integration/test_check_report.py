"""A reporter checks on, or withdraws, their report with its reference and check code."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.responses.store import new_reference, store_response
from survey.storage.models import Answer, AuditEvent, CheckFailure, Notification, ReportNote, Response
from survey.triage.check import (
    WITHDRAWN_ACTION,
    WRONG_CODES_PER_DAY,
    CheckOutcome,
    CheckResult,
    check_report,
    failures_today,
    withdraw_report,
)
from survey.triage.codes import stored_reference
from survey.vocabulary import Channel, ConsultationStatus, NotificationKind, ReportStatus
from tests.factories import make_partnership

NOON = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def consultation(db_session):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(
        db_session, make_partnership(db_session), source, slug="annual", status=ConsultationStatus.OPEN
    )


@pytest.fixture
def stored(db_session, consultation):
    answers = {
        "priorities": (AnswerPart(option="violence", rank=1),),
        "safety_dark": (AnswerPart(option="a_bit_unsafe", number=-1.0),),
        "feel_safer": (AnswerPart(text="More lighting by the bus station"),),
    }
    return store_response(db_session, consultation, definition_of(consultation), answers, channel=Channel.WEB)


def _wrong(code: str) -> str:
    return ("X" if code[0] != "X" else "Y") + code[1:]


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


class TestCheckReport:
    def test_the_right_code_shows_status_and_reply_only(self, db_session, stored):
        stored.response.status = ReportStatus.ACTIONED
        stored.response.reply = "We have asked for more patrols there."
        db_session.flush()
        result = check_report(db_session, stored.response.reference, stored.check_code, now=NOON)
        assert result == CheckResult(
            CheckOutcome.FOUND, status=ReportStatus.ACTIONED, reply="We have asked for more patrols there."
        )

    def test_a_new_report_has_status_new_and_no_reply(self, db_session, stored):
        result = check_report(db_session, stored.response.reference, stored.check_code, now=NOON)
        assert result == CheckResult(CheckOutcome.FOUND, status=ReportStatus.NEW, reply=None)

    def test_reference_and_code_as_typed_any_case_spaces_or_dashes(self, db_session, stored):
        reference = stored.response.reference.replace("-", " ").lower()
        code = stored.check_code.replace("-", "").lower()
        assert check_report(db_session, f"  {reference} ", code, now=NOON).outcome is CheckOutcome.FOUND

    def test_wrong_code_and_unknown_reference_give_the_same_answer(self, db_session, stored):
        wrong_code = check_report(db_session, stored.response.reference, _wrong(stored.check_code), now=NOON)
        unknown = check_report(db_session, new_reference(), stored.check_code, now=NOON)
        nonsense = check_report(db_session, "not a reference", "", now=NOON)
        assert wrong_code == unknown == nonsense == CheckResult(CheckOutcome.NO_MATCH)

    def test_a_response_without_a_check_code_never_matches(self, db_session, stored):
        stored.response.check_code_hash = None
        db_session.flush()
        result = check_report(db_session, stored.response.reference, stored.check_code, now=NOON)
        assert result.outcome is CheckOutcome.NO_MATCH


class TestLock:
    def test_the_tenth_wrong_code_locks_the_reference_even_for_the_right_code(self, db_session, stored):
        reference, wrong = stored.response.reference, _wrong(stored.check_code)
        outcomes = [check_report(db_session, reference, wrong, now=NOON).outcome for _ in range(10)]
        assert outcomes == [CheckOutcome.NO_MATCH] * 9 + [CheckOutcome.LOCKED]
        right = stored.check_code
        assert check_report(db_session, reference, right, now=NOON) == CheckResult(CheckOutcome.LOCKED)
        assert withdraw_report(db_session, reference, right, now=NOON).outcome is CheckOutcome.LOCKED
        assert db_session.get(Response, stored.response.id) is not None

    def test_an_unknown_reference_locks_the_same_way(self, db_session, stored):
        reference = new_reference()
        outcomes = [check_report(db_session, reference, "AAA-BBB-CCC", now=NOON).outcome for _ in range(11)]
        assert outcomes[: WRONG_CODES_PER_DAY - 1] == [CheckOutcome.NO_MATCH] * (WRONG_CODES_PER_DAY - 1)
        assert outcomes[WRONG_CODES_PER_DAY - 1 :] == [CheckOutcome.LOCKED] * 2

    def test_the_lock_is_per_reference(self, db_session, stored):
        other = new_reference()
        for _ in range(WRONG_CODES_PER_DAY):
            check_report(db_session, other, "AAA-BBB-CCC", now=NOON)
        assert check_report(db_session, stored.response.reference, stored.check_code, now=NOON).outcome is (
            CheckOutcome.FOUND
        )

    def test_the_lock_counts_the_reference_however_it_was_typed(self, db_session, stored):
        reference = stored.response.reference
        for typed in [reference, reference.lower(), reference.replace("-", " ")] * 4:
            check_report(db_session, typed, _wrong(stored.check_code), now=NOON)
        assert check_report(db_session, reference, stored.check_code, now=NOON).outcome is CheckOutcome.LOCKED

    def test_the_lock_ends_at_midnight_in_london(self, db_session, stored):
        reference, wrong = stored.response.reference, _wrong(stored.check_code)
        late = dt.datetime(2026, 7, 4, 22, 30, tzinfo=dt.UTC)  # 23:30 in London (BST)
        for _ in range(WRONG_CODES_PER_DAY):
            check_report(db_session, reference, wrong, now=late)
        after_midnight = late + dt.timedelta(minutes=45)
        assert check_report(db_session, reference, stored.check_code, now=after_midnight).outcome is (
            CheckOutcome.FOUND
        )

    def test_counts_of_earlier_days_are_deleted_when_new_failures_come_in(self, db_session, stored):
        check_report(db_session, new_reference(), "AAA-BBB-CCC", now=NOON - dt.timedelta(days=2))
        check_report(db_session, stored.response.reference, "AAA-BBB-CCC", now=NOON)
        days = db_session.scalars(select(CheckFailure.day)).all()
        assert days == [NOON.date()]

    def test_the_count_is_in_the_database_not_the_session(self, db_session, stored, engine):
        reference = stored.response.reference
        for _ in range(3):
            check_report(db_session, reference, "AAA-BBB-CCC", now=NOON)
        assert failures_today(db_session, reference, now=NOON) == 3
        row = db_session.scalars(select(CheckFailure)).one()
        assert reference not in row.reference_digest and row.failures == 3


class TestWithdrawReport:
    def test_withdrawing_deletes_the_response_answers_and_notes(self, db_session, stored):
        response_id = stored.response.id
        db_session.add(ReportNote(response_id=response_id, text="Passed to the neighbourhood team"))
        db_session.add(
            Notification(partnership_id=stored.response.partnership_id, kind=NotificationKind.URGENT_ALERT,
                         recipient="alerts@north.example", response_id=response_id)
        )
        db_session.flush()
        result = withdraw_report(db_session, stored.response.reference, stored.check_code, now=NOON)
        assert result == CheckResult(CheckOutcome.FOUND)
        db_session.expire_all()
        assert db_session.get(Response, response_id) is None
        assert db_session.scalar(select(func.count()).where(Answer.response_id == response_id)) == 0
        assert db_session.scalar(select(func.count()).where(ReportNote.response_id == response_id)) == 0
        assert db_session.scalars(select(Notification.response_id)).all() == [None]

    def test_the_audit_log_counts_withdrawals_and_says_nothing_else(self, db_session, stored):
        reference, partnership_id = stored.response.reference, stored.response.partnership_id
        withdraw_report(db_session, reference, stored.check_code, now=NOON)
        event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == WITHDRAWN_ACTION)).one()
        assert event.partnership_id == partnership_id and event.officer_id is None
        assert event.target_id is None and event.details == {}
        assert reference not in repr((event.target_type, event.target_id, event.details))

    def test_a_withdrawn_reference_is_no_match_afterwards(self, db_session, stored):
        reference, code = stored.response.reference, stored.check_code
        withdraw_report(db_session, reference, code, now=NOON)
        assert check_report(db_session, reference, code, now=NOON) == CheckResult(CheckOutcome.NO_MATCH)
        assert withdraw_report(db_session, reference, code, now=NOON) == CheckResult(CheckOutcome.NO_MATCH)

    def test_a_wrong_code_withdraws_nothing_and_counts(self, db_session, stored):
        reference = stored.response.reference
        result = withdraw_report(db_session, reference, _wrong(stored.check_code), now=NOON)
        assert result == CheckResult(CheckOutcome.NO_MATCH)
        assert db_session.get(Response, stored.response.id) is not None
        assert _count(db_session, AuditEvent) == 0
        assert failures_today(db_session, reference, now=NOON) == 1


def test_the_stored_form_of_a_reference_matches_the_references_made():
    reference = new_reference()
    assert stored_reference(reference.lower().replace("-", "")) == reference
    assert stored_reference("K7QX-M2PA") is None
