""""You said, we did" entries linked to actions: officers choose one of their partnership's actions;
residents see only its summary for residents, its status and the updates marked public."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from analysis.published import publish
from survey.plans import store
from survey.plans.links import link_entry, public_actions
from survey.publications import EntryText, save_entry
from survey.storage.models import YouSaidWeDid
from survey.vocabulary import ActionStatus, RagStatus, Role
from tests.factories import make_partnership
from tests.plans import TODAY, make_action, make_priority
from tests.published import PUBLIC_PAGE, SLUG, closed_consultation, officer_client
from tests.web import csrf_token

NEW_ENTRY = f"/officer/consultations/{SLUG}/results/you-said-we-did/new"
ENTRY = {"you_said": "Alpha in the town centre", "we_did": "Two extra evening patrols each week.",
         "lead": "Council community safety team", "status": "in_progress"}


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session)


@pytest.fixture
def published(db_session, partnership):
    consultation = closed_consultation(db_session, partnership)
    publish(db_session, consultation)
    db_session.commit()
    return consultation


@pytest.fixture
def patrols(db_session, partnership):
    action = make_action(db_session, make_priority(db_session, partnership, "Town centre"), "Patrol plan v2",
                         lead="Secret Squad", partners="Hidden Partner",
                         public_summary="More evening patrols in the town centre.")
    store.add_update(db_session, action, text="Internal: staffing gap", status=RagStatus.AMBER,
                     made_on=TODAY, officer_id=None)
    store.add_update(db_session, action, text="Patrols started on Fridays.", status=RagStatus.GREEN,
                     made_on=TODAY, officer_id=None, public=True)
    db_session.commit()
    return action


class TestLinking:
    def test_an_officer_links_an_entry_to_an_action_and_residents_see_only_its_public_parts(
            self, app, db_session, published, patrols):
        client = officer_client(app, db_session, published.partnership, Role.ANALYST)
        form = client.get(NEW_ENTRY).get_data(as_text=True)
        assert "Town centre: Patrol plan v2" in form
        response = client.post(NEW_ENTRY, data={**ENTRY, "action_id": str(patrols.id),
                                                "csrf_token": csrf_token(client, NEW_ENTRY)})
        assert response.status_code == 302
        assert db_session.scalar(select(YouSaidWeDid.action_id)) == patrols.id
        page = app.test_client().get(PUBLIC_PAGE).get_data(as_text=True)
        assert "More evening patrols in the town centre." in page and "Green: on track" in page
        assert "Patrols started on Fridays." in page
        for internal in ("Patrol plan v2", "Secret Squad", "Hidden Partner", "staffing gap"):
            assert internal not in page

    def test_an_action_without_a_summary_for_residents_is_not_shown(self, db_session, published, patrols):
        entry = save_entry(db_session, published, EntryText("A", "B", "C", ActionStatus.PLANNED))
        link_entry(db_session, entry, patrols.id, partnership_id=published.partnership_id, officer_id=None)
        shown = public_actions(db_session, [entry])[entry.id]
        assert (shown.summary, shown.status) == ("More evening patrols in the town centre.", RagStatus.GREEN)
        patrols.public_summary = ""
        assert public_actions(db_session, [entry]) == {}

    def test_another_partnerships_action_cannot_be_linked(self, db_session, published):
        theirs = make_action(db_session, make_priority(db_session, make_partnership(db_session, "south")))
        entry = save_entry(db_session, published, EntryText("A", "B", "C", ActionStatus.PLANNED))
        with pytest.raises(store.PlanError):
            link_entry(db_session, entry, theirs.id, partnership_id=published.partnership_id, officer_id=None)
        assert entry.action_id is None

    def test_the_form_refuses_an_action_it_did_not_offer(self, app, db_session, published):
        theirs = make_action(db_session, make_priority(db_session, make_partnership(db_session, "south")))
        db_session.commit()
        client = officer_client(app, db_session, published.partnership, Role.ANALYST)
        response = client.post(NEW_ENTRY, data={**ENTRY, "action_id": str(theirs.id),
                                                "csrf_token": csrf_token(client, NEW_ENTRY)})
        assert response.status_code == 200
        assert "Select an action from the list" in response.get_data(as_text=True)
        assert db_session.scalar(select(YouSaidWeDid)) is None
