"""The demo's action plan: priorities tied to the demo consultation's ranked issues, actions in every
status, some overdue, a few updates; loading the demo again adds nothing."""

from __future__ import annotations

import datetime as dt

from demo.loader import load_demo
from demo.plans import load_demo_plan
from survey.consultations import definition_of
from survey.plans import store
from survey.vocabulary import RagStatus


def test_the_demo_has_an_action_plan_tied_to_its_ranked_issues(db_session):
    partnership = load_demo(db_session).partnership
    plan = store.priorities(db_session, partnership.id)
    actions = [action for priority in plan for action in priority.actions]
    assert 3 <= len(plan) <= 4 and 8 <= len(actions) <= 12
    assert {action.status for action in actions} == set(RagStatus)
    assert len(store.overdue_actions(db_session, partnership.id, dt.date.today())) >= 2
    assert sum(len(action.updates) for action in actions) >= 5
    for priority in plan:
        question = definition_of(priority.consultation).question(priority.question_id)
        assert priority.option_value in {option.value for option in question.all_options}
    assert load_demo_plan(db_session, partnership) == 0
    assert len(store.partnership_actions(db_session, partnership.id)) == len(actions)
