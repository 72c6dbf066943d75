"""The retention run: what is past its period is anonymised, what is not is untouched, and the
tallies still count every response."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import func, select

from survey.boundary import boundary_of
from survey.places.hotspots import grid_for
from survey.responses.held import hold_urgent_message
from survey.retention import falls_due
from survey.retention.anonymise import NARRATIVE_REMOVED
from survey.retention.policy import DataKind, periods_of, save_periods
from survey.retention.run import last_run, run_retention
from survey.storage.models import Answer, AuditEvent, ReportNote, Response
from survey.storage.types import utcnow
from survey.tensions.entries import close_entry
from survey.vocabulary import Channel
from tests.factories import make_partnership
from tests.places import INSIDE, make_place_consultation, store_place_report
from tests.tensions import log_entry, make_ward
from tests.triage import Forms, at

CELL_M = 500
MARCH_2026 = at(1)  # 1 March 2026


def run(session, day: dt.date):
    return run_retention(session, as_of=day, public_cell_m=CELL_M, via="test")


def months(**overrides: int) -> dict[DataKind, int]:
    return {kind: overrides.get(kind.value, 24) for kind in DataKind}


def answers_of(session, response: Response) -> dict[str, list[Answer]]:
    rows = session.scalars(select(Answer).where(Answer.response_id == response.id).order_by(Answer.id))
    found: dict[str, list[Answer]] = {}
    for row in rows:
        session.refresh(row)
        found.setdefault(row.question_id, []).append(row)
    return found


class TestResponses:
    def test_free_text_past_its_period_is_deleted_and_the_options_stay(self, db_session):
        forms = Forms(db_session, make_partnership(db_session))
        response = forms.survey("A unique worry about the old mill lane", area="live", at=MARCH_2026)
        assert response.check_code_hash
        scored = answers_of(db_session, response)["feel_safer"][0]  # as a "sentiment: true" question is
        scored.sentiment_polarity, scored.sentiment_subjectivity, scored.sentiment_compound = 0.4, 0.6, 0.5
        db_session.flush()

        outcome = run(db_session, dt.date(2028, 3, 2))

        db_session.refresh(response)
        answers = answers_of(db_session, response)
        assert answers["feel_safer"][0].text is None
        db_session.refresh(scored)
        assert (scored.sentiment_polarity, scored.sentiment_subjectivity, scored.sentiment_compound) == (
            None,
            None,
            None,
        )
        assert answers["about_area"][0].option == "live"
        assert response.reference == f"ANON-{response.id}"
        assert response.check_code_hash is None and response.submission_key is None
        assert outcome.partnerships[0].counts["consultation_responses"] == 1
        assert outcome.partnerships[0].counts["free_text_answers"] == 1

    def test_a_response_still_inside_its_period_is_untouched(self, db_session):
        forms = Forms(db_session, make_partnership(db_session))
        response = forms.survey("Still inside its two years", at=MARCH_2026)
        reference = response.reference

        run(db_session, dt.date(2028, 2, 28))

        db_session.refresh(response)
        assert response.reference == reference
        assert answers_of(db_session, response)["feel_safer"][0].text == "Still inside its two years"

    def test_each_kind_keeps_its_own_period(self, db_session):
        partnership = make_partnership(db_session)
        save_periods(db_session, partnership, months(worries=6), officer_id=None)
        forms = Forms(db_session, partnership)
        worry = forms.worry("kept six months", at=MARCH_2026)
        survey = forms.survey("kept two years", at=MARCH_2026)

        run(db_session, dt.date(2026, 9, 2))

        db_session.refresh(worry)
        db_session.refresh(survey)
        assert answers_of(db_session, worry)["details"][0].text is None
        assert answers_of(db_session, worry)["topic"][0].option == "bullying"
        assert answers_of(db_session, survey)["feel_safer"][0].text == "kept two years"

    def test_notes_and_replies_go_with_the_words(self, db_session):
        forms = Forms(db_session, make_partnership(db_session))
        worry = forms.worry(at=MARCH_2026)
        db_session.add(ReportNote(response_id=worry.id, text="Spoke to the school about this pupil"))
        worry.reply = "We have told the school."
        old_reference = worry.reference
        opened = AuditEvent(
            partnership_id=worry.partnership_id,
            action="report_viewed",
            target_type="response",
            target_id=old_reference,
            at=dt.datetime(2028, 12, 30, tzinfo=dt.UTC),
        )
        db_session.add(opened)
        db_session.flush()

        counts = run(db_session, dt.date(2029, 1, 1)).partnerships[0].counts

        db_session.refresh(worry)
        assert worry.reply is None
        assert (
            db_session.scalar(
                select(func.count()).select_from(ReportNote).where(ReportNote.response_id == worry.id)
            )
            == 0
        )
        assert (counts["report_notes"], counts["replies"], counts["worries"]) == (1, 1, 1)
        db_session.refresh(opened)
        assert opened.target_id == worry.reference == f"ANON-{worry.id}"
        assert counts["audit_references"] == 1
        assert (
            db_session.scalar(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.target_id == old_reference)
            )
            == 0
        )

    def test_pins_move_to_the_middle_of_their_public_square_and_keep_their_ward(self, db_session):
        partnership = make_partnership(db_session)
        consultation = make_place_consultation(db_session, partnership)
        report = store_place_report(
            db_session,
            consultation,
            place={"latitude": INSIDE[0], "longitude": INSIDE[1]},
            details="Near the blue door of number 12",
            submitted_at=MARCH_2026,
        )
        pin = answers_of(db_session, report)["place"][0]
        ward_before = pin.ward_id

        counts = run(db_session, dt.date(2029, 1, 1)).partnerships[0].counts

        pin = answers_of(db_session, report)["place"][0]
        grid = grid_for(boundary_of(partnership), CELL_M)
        assert (pin.latitude, pin.longitude) == grid.centre(*grid.cell_of(*INSIDE))
        assert (pin.latitude, pin.longitude) != INSIDE
        assert pin.ward_id == ward_before
        assert answers_of(db_session, report)["details"][0].text is None
        assert answers_of(db_session, report)["feeling"][0].option == "unsafe"
        assert (counts["place_reports"], counts["pins_coarsened"]) == (1, 1)

    def test_a_second_run_finds_nothing_to_do(self, db_session):
        partnership = make_partnership(db_session)
        forms = Forms(db_session, partnership)
        forms.survey("words", at=MARCH_2026)
        forms.worry(at=MARCH_2026)
        make_place_consultation(db_session, partnership, slug="second-places")
        with time_machine.travel(dt.datetime(2029, 1, 1, 3, tzinfo=dt.UTC), tick=False):
            first = run(db_session, dt.date(2029, 1, 1))
            assert first.changed > 0
            second = run(db_session, dt.date(2029, 1, 1))

        counts = second.partnerships[0].counts
        assert {key: value for key, value in counts.items() if value} == {}

    def test_every_response_is_still_counted(self, db_session):
        forms = Forms(db_session, make_partnership(db_session))
        for n in range(5):
            forms.survey(f"answer {n}", area="live", at=MARCH_2026)
        consultation_id = forms.by_template["community-safety"].id

        run(db_session, dt.date(2029, 1, 1))

        def count(*where):
            return db_session.scalar(
                select(func.count())
                .select_from(Answer)
                .where(Answer.consultation_id == consultation_id, *where)
            )

        assert count(Answer.question_id == "about_area", Answer.option == "live") == 5
        assert count(Answer.question_id == "feel_safer") == 5  # answered, its words gone
        assert count(Answer.text.is_not(None)) == 0


class TestOtherKinds:
    def test_audit_entries_past_their_period_go_and_the_run_is_audited_in_counts(self, db_session):
        partnership = make_partnership(db_session)
        save_periods(db_session, partnership, months(audit_log=12), officer_id=None)
        old = AuditEvent(partnership_id=partnership.id, action="report_viewed", at=MARCH_2026)
        db_session.add(old)
        db_session.flush()

        with time_machine.travel(dt.datetime(2027, 3, 5, 9, tzinfo=dt.UTC), tick=False):
            run(db_session, dt.date(2027, 3, 5))

        actions = db_session.scalars(
            select(AuditEvent.action).where(AuditEvent.partnership_id == partnership.id)
        ).all()
        assert actions == ["retention_run"]
        event = db_session.scalar(select(AuditEvent).where(AuditEvent.partnership_id == partnership.id))
        assert event.details["audit_events"] == 1
        assert set(event.details) - {"as_of", "via"} <= set(
            run(db_session, dt.date(2027, 3, 5)).partnerships[0].counts
        )
        assert last_run(db_session, partnership.id).as_of == dt.date(2027, 3, 5)

    def test_tension_narratives_go_once_closed_for_their_period(self, db_session):
        partnership = make_partnership(db_session)
        ward = make_ward(db_session, partnership)
        closed = log_entry(db_session, partnership, ward, dt.date(2026, 1, 5))
        close_entry(db_session, closed, dt.date(2026, 2, 1))
        recent = log_entry(db_session, partnership, ward, dt.date(2027, 6, 1))

        counts = run(db_session, dt.date(2028, 2, 2)).partnerships[0].counts

        db_session.refresh(closed)
        db_session.refresh(recent)
        assert closed.narrative == NARRATIVE_REMOVED
        assert (closed.category, closed.ward_id) == (recent.category, ward.id)
        assert recent.narrative == "Words for officers only."
        assert counts["tension_narratives"] == 1

    def test_held_chat_words_past_the_worries_period_are_deleted(self, db_session):
        forms = Forms(db_session, make_partnership(db_session))
        hold_urgent_message(
            db_session,
            key="chat-1",
            consultation=forms.by_template["worry"],
            text="held words",
            categories=["knife"],
            channel=Channel.CHAT,
            now=MARCH_2026,
        )

        counts = run(db_session, dt.date(2029, 1, 1)).partnerships[0].counts

        assert counts["held_messages"] == 1


class TestFallsDue:
    def test_counts_what_reaches_its_period_in_the_next_thirty_days(self, db_session):
        partnership = make_partnership(db_session)
        forms = Forms(db_session, partnership)
        forms.survey("due in ten days", at=at(11))
        forms.survey("due in ten days too", at=at(12))
        forms.survey("due much later", at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))
        forms.worry(at=at(20))
        today = dt.date(2028, 3, 1)

        due = {item.kind: item for item in falls_due(db_session, partnership.id, today)}

        assert due[DataKind.FREE_TEXT].count == 2
        assert due[DataKind.FREE_TEXT].due_on == dt.date(2028, 3, 11)
        assert due[DataKind.FREE_TEXT].label == "Consultation answers"
        assert due[DataKind.WORRIES].count == 1
        assert DataKind.PLACE_REPORTS not in due

    def test_what_is_overdue_is_due_today_and_nothing_once_run(self, db_session):
        partnership = make_partnership(db_session)
        Forms(db_session, partnership).survey("overdue", at=MARCH_2026)
        today = dt.date(2029, 1, 1)

        [due] = [
            item for item in falls_due(db_session, partnership.id, today) if item.kind == DataKind.FREE_TEXT
        ]
        assert due.due_on == today
        run(db_session, today)
        assert [
            item for item in falls_due(db_session, partnership.id, today) if item.kind == DataKind.FREE_TEXT
        ] == []

    def test_another_partnership_has_nothing_due_from_this_one(self, db_session):
        Forms(db_session, make_partnership(db_session)).survey("north's words", at=MARCH_2026)
        south = make_partnership(db_session, "south")
        assert falls_due(db_session, south.id, dt.date(2029, 1, 1)) == []


class TestPolicy:
    def test_the_default_is_the_privacy_notices_two_years(self, db_session):
        periods = periods_of(db_session, make_partnership(db_session))
        assert set(periods.by_kind().values()) == {24} and not periods.saved

    def test_a_partnerships_own_retention_months_is_the_default(self, db_session):
        partnership = make_partnership(db_session)
        partnership.retention_months = 36
        assert set(periods_of(db_session, partnership).by_kind().values()) == {36}

    def test_saved_periods_are_read_back(self, db_session):
        partnership = make_partnership(db_session)
        save_periods(db_session, partnership, months(free_text=12, audit_log=60), officer_id=None)
        periods = periods_of(db_session, partnership)
        assert (periods.free_text, periods.audit_log, periods.worries, periods.saved) == (12, 60, 24, True)


def test_utcnow_is_frozen_by_time_machine():
    with time_machine.travel(dt.datetime(2030, 1, 1, tzinfo=dt.UTC), tick=False):
        assert utcnow() == dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
