"""The weekly assessment per ward, entries and events in the core, against a real database."""

from __future__ import annotations

import datetime as dt

import pytest

from survey.storage.models import Answer, Response
from survey.tensions.assessment import assess_wards, borough_assessment, week_start
from survey.tensions.entries import (
    TensionError,
    TensionValues,
    close_entry,
    create_entry,
    partnership_entry,
    update_entry,
)
from survey.tensions.events import EventValues, create_event, record_debrief, upcoming_events
from survey.vocabulary import EventStatus, EventType, RiskRating, TensionLevel
from tests.factories import make_partnership
from tests.tensions import add_reports, log_entry, make_report_consultation, make_ward

TODAY = dt.date(2026, 12, 3)  # a Thursday
THIS_WEEK = week_start(TODAY)


def weeks_ago(n: int, weekday: int = 2) -> dt.date:
    return THIS_WEEK - dt.timedelta(weeks=n) + dt.timedelta(days=weekday)


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def riverside(db_session, north):
    return make_ward(db_session, north)


class TestWeeklyCounts:
    def test_reports_and_worries_in_the_ward_are_counted_by_week(self, db_session, north, riverside):
        places = make_report_consultation(db_session, north)
        worries = make_report_consultation(db_session, north, "worry")
        add_reports(db_session, places, riverside, weeks_ago(1), 2)
        add_reports(db_session, worries, riverside, weeks_ago(1), 1)
        add_reports(db_session, places, riverside, TODAY, 4)
        (assessment,) = assess_wards(db_session, north.id, [riverside], TODAY)
        assert [week.count for week in assessment.weeks][-2:] == [3, 4]
        assert assessment.latest.week_start == THIS_WEEK
        assert len(assessment.weeks) == 12

    def test_other_wards_consultation_answers_and_partnerships_are_not_counted(
        self, db_session, north, riverside
    ):
        hillside = make_ward(db_session, north, "E05000002", "Hillside")
        survey = make_report_consultation(db_session, north, "community-safety")
        add_reports(db_session, make_report_consultation(db_session, north), hillside, TODAY, 3)
        add_reports(db_session, survey, riverside, TODAY, 5)
        south = make_partnership(db_session, "south")
        add_reports(db_session, make_report_consultation(db_session, south), riverside, TODAY, 2)
        (assessment,) = assess_wards(db_session, north.id, [riverside], TODAY)
        assert assessment.latest.count == 0

    def test_a_report_with_two_answers_in_the_ward_counts_once(self, db_session, north, riverside):
        places = make_report_consultation(db_session, north)
        add_reports(db_session, places, riverside, TODAY, 1)
        stored = db_session.query(Response).filter_by(consultation_id=places.id).one()
        stored.answers.append(
            Answer(consultation_id=places.id, question_id="other_place", ward_id=riverside.id)
        )
        db_session.flush()
        (assessment,) = assess_wards(db_session, north.id, [riverside], TODAY)
        assert assessment.latest.count == 1


class TestRiseFlag:
    def test_a_step_in_the_ward_is_flagged_with_its_explanation(self, db_session, north, riverside):
        places = make_report_consultation(db_session, north)
        for back in range(1, 27):
            add_reports(db_session, places, riverside, weeks_ago(back), 3)
        add_reports(db_session, places, riverside, TODAY, 12)
        (assessment,) = assess_wards(db_session, north.id, [riverside], TODAY)
        latest = assessment.latest
        assert latest.check.flagged
        assert latest.check.baseline == pytest.approx(3.0)
        assert latest.check.explanation.startswith(
            "Unusual rise: 12 reports this week against a usual 3.0 a week."
        )
        assert not any(week.check.flagged for week in assessment.weeks[:-1])

    def test_a_partnership_whose_reports_began_lately_is_not_judged(self, db_session, north, riverside):
        places = make_report_consultation(db_session, north)
        add_reports(db_session, places, riverside, weeks_ago(2), 1)
        add_reports(db_session, places, riverside, TODAY, 20)
        (assessment,) = assess_wards(db_session, north.id, [riverside], TODAY)
        assert not assessment.latest.check.judged
        assert not assessment.latest.check.flagged


class TestLevels:
    def test_the_highest_open_level_of_each_week(self, db_session, north, riverside):
        log_entry(db_session, north, riverside, weeks_ago(3), TensionLevel.LOW)
        high = log_entry(db_session, north, riverside, weeks_ago(2), TensionLevel.HIGH)
        close_entry(db_session, high, weeks_ago(1, weekday=0))
        (assessment,) = assess_wards(db_session, north.id, [riverside], TODAY)
        levels = [week.level for week in assessment.weeks[-5:]]
        assert levels == [None, TensionLevel.LOW, TensionLevel.HIGH, TensionLevel.HIGH, TensionLevel.LOW]

    def test_the_borough_lists_every_ward_by_name(self, db_session, north, riverside):
        make_ward(db_session, north, "E05000002", "Hillside")
        assert [a.ward.name for a in borough_assessment(db_session, north.id, TODAY)] == [
            "Hillside",
            "Riverside",
        ]


class TestEntries:
    def test_the_same_submission_key_stores_one_entry(self, db_session, north, riverside):
        first = log_entry(db_session, north, riverside, TODAY)
        first.submission_key = "key-1"
        db_session.flush()
        values = TensionValues(TODAY, riverside.id, first.category, first.level, "x", "y")
        again, new = create_entry(db_session, north.id, values, officer_id=None, submission_key="key-1")
        assert again.id == first.id and not new

    def test_moving_an_entry_to_another_ward_moves_its_ward(self, db_session, north, riverside):
        entry = log_entry(db_session, north, riverside, TODAY)
        assert entry.ward is riverside
        hillside = make_ward(db_session, north, "E05000002", "Hillside")
        values = TensionValues(TODAY, hillside.id, entry.category, entry.level, entry.source, entry.narrative)
        update_entry(db_session, entry, values)
        assert entry.ward is hillside

    def test_another_partnerships_ward_is_refused(self, db_session, north):
        south = make_partnership(db_session, "south")
        theirs = make_ward(db_session, south)
        with pytest.raises(TensionError) as refused:
            log_entry(db_session, north, theirs, TODAY)
        assert refused.value.errors == {"ward_id": "Select the ward"}

    def test_a_review_date_before_the_entry_is_refused(self, db_session, north, riverside):
        with pytest.raises(TensionError) as refused:
            log_entry(db_session, north, riverside, TODAY, review_on=TODAY - dt.timedelta(days=1))
        assert "review_on" in refused.value.errors

    def test_another_partnerships_entry_is_not_found(self, db_session, north, riverside):
        entry = log_entry(db_session, north, riverside, TODAY)
        south = make_partnership(db_session, "south")
        assert partnership_entry(db_session, south.id, entry.id) is None
        assert partnership_entry(db_session, north.id, entry.id) is entry


def event_values(**overrides: object) -> EventValues:
    values = EventValues(
        title="Bonfire night",
        event_type=EventType.HALLOWEEN_BONFIRE,
        starts_on=TODAY + dt.timedelta(days=10),
        ends_on=TODAY + dt.timedelta(days=11),
        risk_rating=RiskRating.HIGH,
        owner="Community safety team",
        place="Victoria Park",
    )
    return EventValues(**{**values.__dict__, **overrides})


class TestEvents:
    def test_upcoming_events_are_those_under_way_or_starting_within_28_days(
        self, db_session, north, riverside
    ):
        soon, _ = create_event(db_session, north.id, event_values(), officer_id=None)
        create_event(
            db_session,
            north.id,
            event_values(
                title="Later", starts_on=TODAY + dt.timedelta(days=29), ends_on=TODAY + dt.timedelta(days=29)
            ),
            officer_id=None,
        )
        under_way, _ = create_event(
            db_session,
            north.id,
            event_values(title="Holidays", starts_on=TODAY - dt.timedelta(days=3), ward_id=riverside.id),
            officer_id=None,
        )
        create_event(
            db_session, north.id, event_values(title="Off", status=EventStatus.CANCELLED), officer_id=None
        )
        assert upcoming_events(db_session, north.id, TODAY) == [under_way, soon]
        assert upcoming_events(db_session, north.id, TODAY, ward_id=riverside.id) == [under_way]

    def test_an_event_needs_a_place_or_a_ward_and_an_end_after_its_start(self, db_session, north):
        with pytest.raises(TensionError) as refused:
            create_event(db_session, north.id, event_values(place=None, ends_on=TODAY), officer_id=None)
        assert set(refused.value.errors) == {"place", "ends_on"}

    def test_a_debrief_marks_the_event_done(self, db_session, north):
        event, _ = create_event(db_session, north.id, event_values(), officer_id=None)
        record_debrief(db_session, event, "Quiet night; the dispersal order helped.")
        assert event.status is EventStatus.DONE and event.debrief.startswith("Quiet night")
