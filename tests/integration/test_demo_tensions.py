"""The demo's tension entries and events: added once, with or without wards loaded first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from demo.tensions import load_demo_tensions
from survey.storage.models import RiskEvent, TensionEntry
from survey.tensions.assessment import borough_assessment
from survey.tensions.events import upcoming_events
from survey.vocabulary import EventStatus, EventType
from tests.factories import make_partnership
from tests.tensions import make_ward

TODAY = dt.date(2026, 12, 3)


def count(db_session, model, partnership):
    return db_session.scalar(
        select(func.count()).select_from(model).where(model.partnership_id == partnership.id)
    )


class TestDemoTensions:
    def test_entries_across_the_wards_and_upcoming_events_are_added_once(self, db_session):
        demo = make_partnership(db_session, "demo")
        for code, name in [("E1", "Northgate"), ("E2", "Riverside"), ("E3", "Market"), ("E4", "Parkside")]:
            make_ward(db_session, demo, code, name)
        load_demo_tensions(db_session, demo, TODAY)
        load_demo_tensions(db_session, demo, TODAY)
        assert count(db_session, TensionEntry, demo) == 6
        assert count(db_session, RiskEvent, demo) == 4
        levels = {
            a.ward.name: [w.level for w in a.weeks] for a in borough_assessment(db_session, demo.id, TODAY)
        }
        assert all(any(levels[name]) for name in levels), "every demo ward has a level in the last 12 weeks"
        upcoming = {event.event_type for event in upcoming_events(db_session, demo.id, TODAY)}
        assert upcoming == {EventType.SCHOOL_HOLIDAYS, EventType.FOOTBALL}
        bonfire = db_session.scalars(
            select(RiskEvent).where(RiskEvent.event_type == EventType.HALLOWEEN_BONFIRE)
        ).one()
        assert bonfire.status is EventStatus.DONE and bonfire.debrief

    def test_without_wards_only_events_are_added_and_entries_follow_the_wards(self, db_session):
        demo = make_partnership(db_session, "demo")
        load_demo_tensions(db_session, demo, TODAY)
        assert count(db_session, TensionEntry, demo) == 0
        assert count(db_session, RiskEvent, demo) == 4
        make_ward(db_session, demo)
        load_demo_tensions(db_session, demo, TODAY)
        assert count(db_session, TensionEntry, demo) == 6
        assert count(db_session, RiskEvent, demo) == 4
