"""Local services edited with forms (no YAML): adding, changing and removing a service, who may, and
what residents then see on the Get help pages."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from survey.signposting.local_store import ServiceFields, add_service
from survey.signposting.services import HelpTopic
from survey.storage.models import AuditEvent, LocalService
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.tensions import make_ward
from tests.web import csrf_token, sign_in

KEY_PATTERN = re.compile(r'name="submission_key"[^>]*value="([^"]+)"')


@pytest.fixture
def north(db_session, settings):
    partnership = make_partnership(db_session, "north")
    settings.site_partnership = partnership.slug  # the public help pages are North's site
    return partnership


def signed_in(app, db_session, partnership, role=Role.ANALYST):
    officer = make_officer(db_session, partnership, role)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client


def service_form(client, **overrides):
    page = client.get("/officer/services/new").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(client, "/officer/services/new"),
        "submission_key": KEY_PATTERN.search(page).group(1),
        "name": "North Youth Hub",
        "description": "Youth workers you can talk to after school about anything.",
        "topics": ["bullying", "knives_weapons"],
        "min_age": "11",
        "max_age": "19",
        "phone": "01632 960 123",
        "text_message": "",
        "website": "https://youth.north.example/talk",
        "hours": "Monday to Friday, 3pm to 8pm",
    }
    return {**data, **overrides}


def services(db_session):
    return db_session.scalars(select(LocalService).order_by(LocalService.id)).all()


def audited(db_session):
    return db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.target_type == "local_service").order_by(AuditEvent.id)
    ).all()


class TestAddingAService:
    def test_done_when_an_officer_adds_a_service_by_form_without_touching_yaml(self, app, db_session, north):
        client = signed_in(app, db_session, north)
        response = client.post("/officer/services/new", data=service_form(client))
        assert response.status_code == 302 and response.headers["Location"] == "/officer/services"
        [row] = services(db_session)
        assert (row.name, row.topics, row.min_age, row.max_age) == (
            "North Youth Hub",
            ["knives_weapons", "bullying"],
            11,
            19,
        )
        assert audited(db_session) == ["service_added"]
        listed = client.get("/officer/services").get_data(as_text=True)
        assert "North Youth Hub saved" in listed and 'href="tel:01632960123"' in listed
        help_page = client.get("/help/bullying?age=11_15").get_data(as_text=True)
        assert "North Youth Hub" in help_page
        assert '<a class="govuk-link" href="tel:01632960123">01632 960 123</a>' in help_page
        assert 'href="https://youth.north.example/talk"' in help_page
        assert "North Youth Hub" not in client.get("/help/bullying?age=25_or_over").get_data(as_text=True)

    @pytest.mark.parametrize(
        ("change", "field", "message"),
        [
            ({"name": "  "}, "name", "Enter the name of the service"),
            ({"topics": []}, "topics", "Select what the service helps with"),
            ({"phone": "12345"}, "phone", "Enter a UK phone number, like 01632 960 001"),
            ({"phone": "", "website": ""}, "phone", "Enter a phone number, a number to text or a website"),
            ({"website": "http://youth.north.example"}, "website", "starts with https://"),
            ({"min_age": "eleven"}, "min_age", "Age must be a whole number, like 11, or left empty"),
            ({"min_age": "19", "max_age": "11"}, "max_age", "The oldest age must be the same as or more"),
            ({"text_message": "text us"}, "text_message", "Enter the number to text"),
        ],
    )
    def test_a_bad_form_shows_an_error_summary_and_stores_nothing(
        self, app, db_session, north, change, field, message
    ):
        client = signed_in(app, db_session, north)
        response = client.post("/officer/services/new", data=service_form(client, **change))
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "<title>Error: Add a service" in page and "govuk-error-summary" in page
        assert f'href="#{field}"' in page and message in page
        assert services(db_session) == [] and audited(db_session) == []

    def test_a_double_submit_stores_one_service(self, app, db_session, north):
        client = signed_in(app, db_session, north)
        data = service_form(client)
        first = client.post("/officer/services/new", data=data)
        second = client.post("/officer/services/new", data=data)
        assert first.status_code == second.status_code == 302
        assert len(services(db_session)) == 1 and audited(db_session) == ["service_added"]

    def test_a_second_service_with_the_same_name_is_refused(self, app, db_session, north):
        add_service(
            db_session,
            north.id,
            ServiceFields("North Youth Hub", "Talk to us.", (HelpTopic.BULLYING,), phone="01632 960100"),
        )
        client = signed_in(app, db_session, north)
        response = client.post("/officer/services/new", data=service_form(client, name="north youth hub"))
        assert "You already have a service with this name" in response.get_data(as_text=True)
        assert len(services(db_session)) == 1

    def test_areas_are_the_partnerships_wards_and_shown_to_residents(self, app, db_session, north):
        riverside = make_ward(db_session, north, "E05000001", "Riverside")
        make_ward(db_session, north, "E05000002", "Hilltop")
        client = signed_in(app, db_session, north)
        assert "Hilltop" in client.get("/officer/services/new").get_data(as_text=True)
        response = client.post(
            "/officer/services/new", data=service_form(client, ward_codes=[riverside.code])
        )
        assert response.status_code == 302
        assert services(db_session)[0].ward_codes == ["E05000001"]
        assert "For people in Riverside" in client.get("/help/bullying").get_data(as_text=True)
        listed = client.get("/officer/services").get_data(as_text=True)
        assert "Riverside" in listed

    def test_a_ward_of_another_partnership_is_refused(self, app, db_session, north):
        elsewhere = make_ward(db_session, make_partnership(db_session, "south"), "E05000009", "Southside")
        client = signed_in(app, db_session, north)
        response = client.post(
            "/officer/services/new", data=service_form(client, ward_codes=[elsewhere.code])
        )
        assert response.status_code == 200 and services(db_session) == []


class TestChangingAndRemoving:
    @pytest.fixture
    def hub(self, db_session, north):
        row, _ = add_service(
            db_session,
            north.id,
            ServiceFields(
                "North Youth Hub", "Talk to a youth worker.", (HelpTopic.BULLYING,), phone="01632 960100"
            ),
        )
        return row

    def test_an_analyst_changes_a_service_and_the_change_is_audited(self, app, db_session, north, hub):
        client = signed_in(app, db_session, north)
        form = client.get(f"/officer/services/{hub.id}").get_data(as_text=True)
        assert 'value="01632 960100"' in form and "Change North Youth Hub" in form
        data = service_form(client, name="North Youth Hub", hours="Every day, 9am to 9pm")
        del data["submission_key"]
        assert client.post(f"/officer/services/{hub.id}", data=data).status_code == 302
        assert db_session.get(LocalService, hub.id).hours == "Every day, 9am to 9pm"
        assert audited(db_session) == ["service_changed"]
        event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "service_changed")).one()
        assert event.details == {"name": "North Youth Hub"} and event.target_id == str(hub.id)

    def test_saving_without_a_change_is_not_audited(self, app, db_session, north, hub):
        client = signed_in(app, db_session, north)
        data = service_form(
            client,
            name=hub.name,
            description=hub.description,
            topics=["bullying"],
            min_age="",
            max_age="",
            phone=hub.phone,
            website="",
            hours="",
        )
        assert client.post(f"/officer/services/{hub.id}", data=data).status_code == 302
        assert audited(db_session) == []

    def test_removing_a_service_takes_it_off_the_help_pages(self, app, db_session, north, hub):
        client = signed_in(app, db_session, north)
        assert "North Youth Hub" in client.get("/help/bullying").get_data(as_text=True)
        page = client.get(f"/officer/services/{hub.id}/remove").get_data(as_text=True)
        assert "Remove North Youth Hub?" in page
        token = csrf_token(client, f"/officer/services/{hub.id}/remove")
        assert (
            client.post(f"/officer/services/{hub.id}/remove", data={"csrf_token": token}).status_code == 302
        )
        assert services(db_session) == [] and audited(db_session) == ["service_removed"]
        assert "North Youth Hub" not in client.get("/help/bullying").get_data(as_text=True)

    def test_another_partnerships_service_is_not_found(self, app, db_session, north, hub):
        client = signed_in(app, db_session, make_partnership(db_session, "south"), Role.ADMIN)
        assert client.get(f"/officer/services/{hub.id}").status_code == 404
        token = csrf_token(client, "/officer/services/new")
        assert (
            client.post(f"/officer/services/{hub.id}/remove", data={"csrf_token": token}).status_code == 404
        )
        assert "North Youth Hub" not in client.get("/officer/services").get_data(as_text=True)
        assert len(services(db_session)) == 1

    def test_viewers_read_the_list_but_cannot_change_it(self, app, db_session, north, hub):
        client = signed_in(app, db_session, north, Role.VIEWER)
        page = client.get("/officer/services").get_data(as_text=True)
        assert "North Youth Hub" in page and "Add a service" not in page and "Remove" not in page
        assert client.get("/officer/services/new").status_code == 403
        assert client.get(f"/officer/services/{hub.id}").status_code == 403

    def test_the_urgent_confirmation_and_directory_count_only_this_partnerships_services(
        self, db_session, north, hub
    ):
        from survey.signposting.local_services import partnership_directory

        south = make_partnership(db_session, "south")
        assert [s.name for s in partnership_directory(north).local()] == ["North Youth Hub"]
        assert partnership_directory(south).local() == []
        assert db_session.scalar(select(func.count()).select_from(LocalService)) == 1
