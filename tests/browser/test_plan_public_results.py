"""A "You said, we did" entry linked to an action, on the public results page in Chromium: residents
read the action's summary and status (and no internal detail), and axe finds no violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from analysis.published import publish
from demo.loader import DEMO_CONSULTATIONS, demo_consultation
from demo.plans import load_demo_plan
from demo.responses import generate_demo_responses
from survey.consultations import set_status
from survey.partnerships import get_or_create_partnership
from survey.plans import store
from survey.plans.links import link_entry
from survey.publications import EntryText, save_entry
from survey.vocabulary import ActionStatus, ConsultationStatus
from tests.browser.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser
SLUG = DEMO_CONSULTATIONS["community-safety"]
LINKED = "Run a weekend detached youth work pilot on the Northfield estate"


@pytest.fixture(scope="module", autouse=True)
def published(live_server):
    with live_server.session() as session:
        partnership = get_or_create_partnership(session, "demo", "Demo Borough Community Safety Partnership")
        consultation = demo_consultation(session, partnership, "community-safety", SLUG)
        generate_demo_responses(session, consultation)
        set_status(session, consultation, ConsultationStatus.CLOSED)
        publish(session, consultation)
        load_demo_plan(session, partnership)
        entry = save_entry(session, consultation, EntryText(
            "Anti-social behaviour on the estates", "Youth workers at weekends.", "Council youth service",
            ActionStatus.IN_PROGRESS))
        actions = store.partnership_actions(session, partnership.id)
        action = next(a for a in actions if a.description == LINKED)
        link_entry(session, entry, action.id, partnership_id=partnership.id, officer_id=None)
        session.commit()


def test_a_linked_action_shows_its_public_summary_and_status_accessibly(page: Page):
    page.goto(f"/results/{SLUG}")
    expect(page.get_by_role("heading", name="In our action plan")).to_be_visible()
    expect(page.get_by_text("Youth workers are out on the Northfield estate at weekends.")).to_be_visible()
    expect(page.get_by_text("Green: on track")).to_be_visible()
    expect(page.get_by_text(LINKED)).to_have_count(0)
    expect(page.get_by_text("Recruitment of two youth workers took longer than planned.")).to_have_count(0)
    assert_no_axe_violations(page)
