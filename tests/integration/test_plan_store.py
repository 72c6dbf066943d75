"""The action plan's core: priorities, actions, progress updates, overdue and red, scoped and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from survey.plans import store
from survey.storage.models import ActionUpdate, AuditEvent
from survey.vocabulary import RagStatus
from tests.factories import make_partnership
from tests.plans import TODAY, make_action, make_priority


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def south(db_session):
    return make_partnership(db_session, "south")


class TestPriorities:
    def test_priorities_come_in_their_order_with_their_actions(self, db_session, north):
        second = make_priority(db_session, north, "Drugs", sort_order=2)
        first = make_priority(db_session, north, "Violence", sort_order=1)
        make_action(db_session, second, "Test purchases")
        assert [p.title for p in store.priorities(db_session, north.id)] == ["Violence", "Drugs"]
        drugs = store.priorities(db_session, north.id)[1]
        assert [a.description for a in drugs.actions] == ["Test purchases"]
        assert first.id != second.id

    def test_a_priority_needs_a_title(self, db_session, north):
        with pytest.raises(store.PlanError, match="Enter the priority's title"):
            make_priority(db_session, north, "   ")

    def test_another_partnerships_priority_and_action_read_as_none(self, db_session, north, south):
        theirs = make_priority(db_session, south, "Theirs")
        action = make_action(db_session, theirs)
        assert store.own_priority(db_session, north.id, theirs.id) is None
        assert store.own_action(db_session, north.id, action.id) is None
        assert store.own_action(db_session, south.id, action.id) is action
        assert store.priorities(db_session, north.id) == []

    def test_an_action_cannot_move_to_another_partnerships_priority(self, db_session, north, south):
        action = make_action(db_session, make_priority(db_session, north))
        with pytest.raises(store.PlanError):
            store.move_action(db_session, action, make_priority(db_session, south), officer_id=None)


class TestUpdates:
    def test_an_update_sets_the_status_and_keeps_the_one_it_replaced(self, db_session, north):
        action = make_action(db_session, make_priority(db_session, north), status=RagStatus.GREEN)
        update = store.add_update(db_session, action, text="Contractor late", status=RagStatus.AMBER,
                                  made_on=TODAY, officer_id=None)
        assert action.status is RagStatus.AMBER
        assert (update.previous_status, update.status) == (RagStatus.GREEN, RagStatus.AMBER)

    def test_the_same_update_submitted_twice_is_stored_once(self, db_session, north):
        action = make_action(db_session, make_priority(db_session, north))
        for _ in range(2):
            store.add_update(db_session, action, text="Lights ordered", status=RagStatus.GREEN,
                             made_on=TODAY, officer_id=None)
        stored = db_session.scalar(select(func.count()).select_from(ActionUpdate)
                                   .where(ActionUpdate.action_id == action.id))
        assert stored == 1

    def test_an_update_needs_words(self, db_session, north):
        action = make_action(db_session, make_priority(db_session, north))
        with pytest.raises(store.PlanError, match="Enter what has happened"):
            store.add_update(db_session, action, text=" ", status=RagStatus.RED, made_on=TODAY,
                             officer_id=None)
        assert action.status is RagStatus.GREEN

    def test_every_change_is_audited_without_its_words(self, db_session, north):
        priority = make_priority(db_session, north, "Secret priority words")
        action = make_action(db_session, priority, "Secret action words")
        store.add_update(db_session, action, text="Secret update words", status=RagStatus.RED, made_on=TODAY,
                         officer_id=None)
        events = list(db_session.scalars(select(AuditEvent).where(AuditEvent.partnership_id == north.id)
                                         .order_by(AuditEvent.id)))
        assert [e.action for e in events] == ["plan_priority_created", "plan_action_created",
                                              "plan_action_updated"]
        assert events[2].details["status_changed"] is True
        assert "Secret" not in repr([(e.details, e.target_id) for e in events])

    def test_status_on_a_day_reads_the_updates_before_it(self, db_session, north):
        action = make_action(db_session, make_priority(db_session, north), status=RagStatus.GREEN)
        store.add_update(db_session, action, text="Slipping", status=RagStatus.AMBER,
                         made_on=dt.date(2026, 8, 1), officer_id=None)
        store.add_update(db_session, action, text="Done", status=RagStatus.COMPLETE,
                         made_on=dt.date(2026, 11, 1), officer_id=None)
        assert store.status_on(action, dt.date(2026, 6, 30)) is RagStatus.GREEN
        assert store.status_on(action, dt.date(2026, 9, 30)) is RagStatus.AMBER
        assert store.status_on(action, dt.date(2026, 12, 31)) is RagStatus.COMPLETE


class TestAttention:
    def test_overdue_is_past_due_and_not_complete_and_red_is_red(self, db_session, north, south):
        priority = make_priority(db_session, north)
        late = make_action(db_session, priority, "Late", due_on=TODAY - dt.timedelta(days=1))
        make_action(db_session, priority, "Late but done", status=RagStatus.COMPLETE,
                    due_on=TODAY - dt.timedelta(days=30))
        make_action(db_session, priority, "Due today", due_on=TODAY)
        red = make_action(db_session, priority, "Red, no date", status=RagStatus.RED)
        make_action(db_session, make_priority(db_session, south), "Theirs", status=RagStatus.RED,
                    due_on=TODAY - dt.timedelta(days=5))
        attention = store.needing_attention(db_session, north.id, TODAY)
        assert [a.description for a in attention.overdue] == [late.description]
        assert [a.description for a in attention.red] == [red.description]
        assert store.is_overdue(late, TODAY) and not store.is_overdue(red, TODAY)
