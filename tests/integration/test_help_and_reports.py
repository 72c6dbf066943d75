"""The public Get help pages, the officers' local services editor and the reports inbox."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from demo.services import load_demo_services
from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.responses.store import store_response
from survey.storage.models import AuditEvent
from survey.vocabulary import Channel, ConsultationStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import sign_in


@pytest.fixture
def partnership(db_session):
    partnership = make_partnership(db_session, "north")
    load_demo_services(db_session, partnership)
    db_session.flush()
    return partnership


def signed_in(app, db_session, partnership, role=Role.ADMIN):
    officer = make_officer(db_session, partnership, role)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client, officer


class TestGetHelpPages:
    def test_lists_every_topic_with_a_999_warning_and_an_exit_button(self, client, partnership):
        page = client.get("/help").get_data(as_text=True)
        assert "<h1 class=\"govuk-heading-xl\">Get help</h1>" in page
        assert "call 999" in page and "Exit this page" in page
        assert 'href="/help/home_abuse">Something at home</a>' in page

    def test_a_topic_lists_its_services_emergency_first(self, client, partnership):
        page = client.get("/help/mental_health").get_data(as_text=True)
        assert page.index("Emergency services (999)") < page.index("Samaritans") < page.index("CAMHS")
        assert 'href="tel:116123"' in page

    def test_the_age_filter_drops_services_for_other_ages(self, client, partnership):
        under_18 = client.get("/help/mental_health?age=11_15").get_data(as_text=True)
        adult = client.get("/help/mental_health?age=25_or_over").get_data(as_text=True)
        assert "Demo Borough CAMHS" in under_18 and "Demo Borough CAMHS" not in adult
        assert "Childline" not in adult and "Samaritans" in adult

    def test_an_unknown_topic_is_not_found(self, client, partnership):
        assert client.get("/help/ufo_sightings").status_code == 404


@pytest.fixture
def reports(db_session, partnership):
    """An urgent worry, a calm place report, an urgent and a calm consultation response."""
    forms = {}
    for template, slug in (("worry", "worries"), ("place-report", "places"), ("community-safety", "survey")):
        source = template_path(template).read_text(encoding="utf-8")
        forms[template] = create_consultation(db_session, partnership, source, slug=slug,
                                              status=ConsultationStatus.OPEN)

    def store(template, answers, channel=Channel.BOT):
        consultation = forms[template]
        return store_response(db_session, consultation, definition_of(consultation), answers,
                              channel=channel).response

    worry = store("worry", {"topic": (AnswerPart(option="knives"),),
                            "details": (AnswerPart(text="he carries a knife\nevery day"),)})
    place = store("place-report", {"feeling": (AnswerPart(option="unsafe"),),
                                   "place": (AnswerPart(text="the underpass"),)}, Channel.WEB)
    survey_urgent = store("community-safety", {"feel_safer": (AnswerPart(text="i want to end it all"),)},
                          Channel.WEB)
    store("community-safety", {"feel_safer": (AnswerPart(text="more lights please"),)}, Channel.WEB)
    return worry, place, survey_urgent


class TestReportsInbox:
    def test_urgent_reports_come_first_and_calm_survey_answers_are_left_out(self, app, db_session,
                                                                           partnership, reports):
        worry, place, survey_urgent = reports
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        page = client.get("/officer/reports").get_data(as_text=True)
        assert "3 reports" in page
        assert page.index(worry.reference) < page.index(place.reference)
        assert page.index(survey_urgent.reference) < page.index(place.reference)
        assert "Self-harm or suicide" in page and "Weapons" in page
        assert "he carries a knife" not in page  # the list never shows content

    def test_filters_by_kind(self, app, db_session, partnership, reports):
        worry, place, survey_urgent = reports
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        worries = client.get("/officer/reports?kind=worry").get_data(as_text=True)
        urgent = client.get("/officer/reports?urgent=yes").get_data(as_text=True)
        assert worry.reference in worries and place.reference not in worries
        assert survey_urgent.reference in urgent and place.reference not in urgent

    def test_opening_a_report_shows_it_and_audits_who_and_what_but_not_the_content(self, app, db_session,
                                                                                   partnership, reports):
        worry = reports[0]
        client, officer = signed_in(app, db_session, partnership, Role.VIEWER)
        page = client.get(f"/officer/reports/{worry.reference}").get_data(as_text=True)
        assert "he carries a knife<br>every day" in page and "Knives or weapons" in page
        assert "Urgent: Weapons" in page
        event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "report_viewed")).one()
        assert (event.officer_id, event.target_type) == (officer.id, "response")
        assert event.target_id == worry.reference
        assert "knife" not in repr(event.details)

    def test_another_partnerships_report_is_not_found(self, app, db_session, partnership, reports):
        elsewhere = make_partnership(db_session, "south")
        client, _ = signed_in(app, db_session, elsewhere, Role.ADMIN)
        assert client.get(f"/officer/reports/{reports[0].reference}").status_code == 404
        assert reports[0].reference not in client.get("/officer/reports").get_data(as_text=True)
