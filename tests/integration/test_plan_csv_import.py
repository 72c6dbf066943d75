"""Importing an action plan from CSV: every problem by row and column, and all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from survey.plans import store
from survey.plans.csv_import import IMPORTED_STATUS_TEXT, ImportFileError, import_plan
from survey.storage.models import ActionUpdate, PlanAction, PlanPriority
from survey.vocabulary import RagStatus
from tests.factories import make_partnership
from tests.plans import TODAY, make_action, make_priority, plan_csv


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


def count(db_session, model):
    return db_session.scalar(select(func.count()).select_from(model))


GOOD = plan_csv(
    "Violence in the town centre,Street lighting review,Council,Police; Fire,2 March 2027,Amber,"
    "Fewer reports of dark streets,Survey finished",
    "Violence in the town centre,Late-night buses,Transport,,2026-11-30,GREEN,,",
    "Drug dealing,Test purchases,Police,Trading Standards,02/12/2026,red,Arrests,",
)


class TestGoodFile:
    def test_rows_add_priorities_actions_and_updates(self, db_session, north):
        result = import_plan(db_session, north.id, GOOD, today=TODAY)
        assert result.ok, result.errors
        plan = store.priorities(db_session, north.id)
        assert [p.title for p in plan] == ["Violence in the town centre", "Drug dealing"]
        lighting, buses = plan[0].actions
        assert (lighting.lead, lighting.partners, lighting.due_on, lighting.status) == (
            "Council", "Police; Fire", dt.date(2027, 3, 2), RagStatus.AMBER)
        assert [u.text for u in lighting.updates] == ["Survey finished"]
        assert buses.due_on == dt.date(2026, 11, 30) and buses.status is RagStatus.GREEN
        assert plan[1].actions[0].due_on == dt.date(2026, 12, 2)
        assert (result.priorities_added, result.actions_added, result.updates_added) == (2, 3, 1)

    def test_importing_the_same_file_again_changes_nothing(self, db_session, north):
        import_plan(db_session, north.id, GOOD, today=TODAY)
        again = import_plan(db_session, north.id, GOOD, today=TODAY)
        assert again.ok and (again.priorities_added, again.actions_added, again.actions_changed,
                             again.updates_added) == (0, 0, 0, 0)
        assert count(db_session, PlanAction) == 3 and count(db_session, ActionUpdate) == 1

    def test_a_row_for_an_existing_action_changes_it_and_records_the_status_change(self, db_session, north):
        action = make_action(db_session, make_priority(db_session, north, "Drug dealing"), "Test purchases")
        result = import_plan(db_session, north.id, plan_csv("drug dealing,test purchases,Police,,,Red,,"),
                             today=TODAY)
        assert result.ok and result.actions_changed == 1 and result.actions_added == 0
        assert action.status is RagStatus.RED and action.lead == "Police"
        assert [(u.text, u.previous_status) for u in action.updates] == [
            (IMPORTED_STATUS_TEXT, RagStatus.GREEN)]

    def test_a_formula_protected_cell_reads_back_without_its_apostrophe(self, db_session, north):
        import_plan(db_session, north.id, plan_csv("'=Priority,'-Action,,,,green,,"), today=TODAY)
        assert store.priorities(db_session, north.id)[0].actions[0].description == "-Action"

    def test_columns_may_come_in_any_order_and_optional_ones_be_left_out(self, db_session, north):
        result = import_plan(db_session, north.id, "Status,Action,Priority\nGreen,Patrols,ASB\n", today=TODAY)
        assert result.ok and store.priorities(db_session, north.id)[0].actions[0].description == "Patrols"


class TestBadFile:
    def test_each_bad_cell_is_reported_by_row_and_column_and_nothing_is_stored(self, db_session, north):
        text = plan_csv(
            "Violence,Street lighting review,Council,,2 March 2027,Amber,,",
            "Violence,,Council,,31/02/2027,purple,,",
            "Drugs,Test purchases,Police,,,,,",
        )
        result = import_plan(db_session, north.id, text, today=TODAY)
        assert not result.ok
        where = [(e.row, e.column) for e in result.errors]
        assert where == [(3, "action"), (3, "due"), (3, "status"), (4, "status")]
        assert "not a real date" in str(result.errors[1])
        assert str(result.errors[2]).startswith("row 3, column status: 'purple' is not a status")
        assert count(db_session, PlanPriority) == 0 and count(db_session, PlanAction) == 0

    def test_one_bad_row_after_good_ones_stores_nothing(self, db_session, north):
        priority = make_priority(db_session, north, "Violence")
        existing = make_action(db_session, priority, "Street lighting review")
        text = plan_csv("Violence,Street lighting review,Council,,,Red,,Now red",
                        "Drugs,Test purchases,Police,,next week,green,,")
        result = import_plan(db_session, north.id, text, today=TODAY)
        assert [(e.row, e.column) for e in result.errors] == [(3, "due")]
        assert existing.status is RagStatus.GREEN and existing.updates == []
        assert count(db_session, PlanAction) == 1 and count(db_session, ActionUpdate) == 0

    def test_an_unknown_or_missing_column_is_a_header_error(self, db_session, north):
        result = import_plan(db_session, north.id, "priority,action,owner\nA,B,C\n", today=TODAY)
        assert [(e.row, e.column) for e in result.errors] == [(1, "owner")]
        result = import_plan(db_session, north.id, "priority,action\nA,B\n", today=TODAY)
        assert [(e.row, e.column) for e in result.errors] == [(1, "status")]

    def test_the_same_action_twice_is_an_error_on_the_second_row(self, db_session, north):
        result = import_plan(db_session, north.id, plan_csv("A,Patrols,,,,green,,", "a,patrols,,,,red,,"),
                             today=TODAY)
        assert [(e.row, e.column) for e in result.errors] == [(3, "action")]

    def test_an_empty_file_and_a_header_only_file_say_so(self, db_session, north):
        assert "empty" in str(import_plan(db_session, north.id, "", today=TODAY).errors[0])
        assert "no actions" in str(import_plan(db_session, north.id, plan_csv(), today=TODAY).errors[0])

    def test_a_file_that_is_not_csv_is_refused_whole(self, db_session, north):
        with pytest.raises(ImportFileError, match="Line 2"):
            import_plan(db_session, north.id, plan_csv('"A,B,,,,green,,'), today=TODAY)
