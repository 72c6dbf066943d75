"""Officer pages for a consultation's definition: create blank or as a copy, download and replace the
YAML, and the version history."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from survey.answers import AnswerPart
from survey.authoring.versions import versions
from survey.consultations import consultation_by_slug, create_consultation, definition_of
from survey.definitions.definition import parse_definition, template_path
from survey.responses.store import store_response
from survey.storage.models import AuditEvent, Response
from survey.vocabulary import Channel, ConsultationStatus, Role
from tests.factories import make_partnership
from tests.web import csrf_token, officer_client

BASE = "/officer/consultations"


@pytest.fixture
def owner(db_session):
    return make_partnership(db_session, "owner", "Owner Community Safety Partnership")


@pytest.fixture
def annual(db_session, owner):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, owner, source, slug="annual", status=ConsultationStatus.OPEN)


@pytest.fixture
def signed_in(app, db_session, owner):
    return lambda role, partnership=None: officer_client(app, db_session, partnership or owner, role)


def _fresh(session, slug="annual"):
    """The consultation as stored now (the app's request closed the objects the test held)."""
    session.expire_all()
    return consultation_by_slug(session, slug)


def _events(session, action):
    return session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action))


def _upload(client, slug, source: bytes, name="changed.yaml"):
    return client.post(
        f"{BASE}/{slug}/replace",
        content_type="multipart/form-data",
        data={
            "definition": (io.BytesIO(source), name),
            "csrf_token": csrf_token(client, f"{BASE}/{slug}/replace"),
        },
    )


def _answer_safety(session, consultation):
    answers = {"safety_day": (AnswerPart(option="fairly_safe", number=1.0),)}
    store_response(session, consultation, definition_of(consultation), answers, channel=Channel.PAPER)


class TestCreate:
    def test_a_blank_consultation_is_created_with_its_title_and_the_partnerships_privacy_notice(
        self, signed_in, db_session
    ):
        client = signed_in(Role.ADMIN)
        response = client.post(
            f"{BASE}/new",
            data={
                "source": "blank",
                "title": "Night-time economy survey",
                "csrf_token": csrf_token(client, f"{BASE}/new"),
            },
        )
        assert response.status_code == 302
        created = consultation_by_slug(db_session, "night-time-economy-survey")
        assert response.headers["Location"].startswith(f"{BASE}/{created.slug}")
        definition = definition_of(created)
        assert definition.title == created.title == "Night-time economy survey"
        assert "Owner Community Safety Partnership" in definition.privacy_notice
        assert versions(db_session, created)[0].created_by is not None
        assert _events(db_session, "consultation_created") == 1

    def test_a_copy_of_an_earlier_consultation_keeps_its_questions(self, signed_in, db_session, annual):
        client = signed_in(Role.ADMIN)
        page = client.get(f"{BASE}/new?copy=annual").get_data(as_text=True)
        assert '<option selected value="annual">' in page or 'value="annual" selected' in page
        response = client.post(
            f"{BASE}/new",
            data={"source": "copy", "copy_of": "annual", "csrf_token": csrf_token(client, f"{BASE}/new")},
        )
        assert response.status_code == 302
        copy = consultation_by_slug(db_session, "annual-copy")
        assert (
            copy.title == "Community safety consultation (copy)" and copy.status == ConsultationStatus.DRAFT
        )
        assert [q.id for q in definition_of(copy).questions] == [
            q.id for q in definition_of(_fresh(db_session)).questions
        ]

    def test_another_partnerships_consultation_cannot_be_copied(self, signed_in, db_session, annual):
        other = make_partnership(db_session, "other")
        create_consultation(
            db_session, other, template_path("worry").read_text(encoding="utf-8"), slug="theirs"
        )
        client = signed_in(Role.ADMIN, other)
        response = client.post(
            f"{BASE}/new",
            data={"source": "copy", "copy_of": "annual", "csrf_token": csrf_token(client, f"{BASE}/new")},
        )
        assert response.status_code == 200 and "Select the consultation to copy" in response.get_data(
            as_text=True
        )
        assert consultation_by_slug(db_session, "annual-copy") is None

    def test_a_template_whose_id_is_taken_gets_a_free_web_address(self, signed_in, db_session, annual):
        client = signed_in(Role.ADMIN)
        for _ in range(2):
            client.post(
                f"{BASE}/new",
                data={"source": "worry", "csrf_token": csrf_token(client, f"{BASE}/new")},
            )
        assert consultation_by_slug(db_session, "worry") and consultation_by_slug(db_session, "worry-2")


class TestDownloadAndReplace:
    def test_the_download_uploads_back_to_the_same_definition(self, signed_in, db_session, annual):
        client = signed_in(Role.ANALYST)
        downloaded = client.get(f"{BASE}/annual/definition.yaml")
        assert downloaded.status_code == 200 and downloaded.mimetype == "application/yaml"
        assert 'filename="annual.yaml"' in downloaded.headers["Content-Disposition"]
        assert parse_definition(downloaded.get_data(as_text=True)) == definition_of(_fresh(db_session))
        response = _upload(client, "annual", downloaded.data)
        assert response.status_code == 302
        assert len(versions(db_session, _fresh(db_session))) == 1  # the same text: nothing new stored

    def test_a_wording_change_is_a_new_version_even_with_responses(self, signed_in, db_session, annual):
        _answer_safety(db_session, annual)
        client = signed_in(Role.ANALYST)
        source = _fresh(db_session).definition.source.replace(
            "Community safety consultation", "Community safety 2027", 1
        )
        response = _upload(client, "annual", source.encode())
        assert response.status_code == 302
        annual = _fresh(db_session)
        assert annual.title == "Community safety 2027" and annual.definition.version == 2
        assert "This is now version 2" in client.get(f"{BASE}/annual").get_data(as_text=True)
        assert _events(db_session, "definition_changed") == 1

    def test_a_refused_change_is_explained_and_nothing_changes(self, signed_in, db_session, annual):
        _answer_safety(db_session, annual)
        client = signed_in(Role.ADMIN)
        source = _fresh(db_session).definition.source.replace("id: safety_day", "id: safety_by_day")
        page = _upload(client, "annual", source.encode()).get_data(as_text=True)
        assert "This change cannot be made" in page
        assert "The question &#39;safety_day&#39; has answers, so it cannot be removed" in page
        assert "close the consultation and copy it instead" in page
        assert _fresh(db_session).definition.version == 1 and _events(db_session, "definition_changed") == 0

    def test_a_broken_file_lists_its_lines(self, signed_in, db_session, annual):
        client = signed_in(Role.ANALYST)
        source = _fresh(db_session).definition.source.replace("rank: 5", "rank: 50")
        page = _upload(client, "annual", source.encode(), "broken.yaml").get_data(as_text=True)
        assert "<title>Error: " in page and "broken.yaml, line" in page and "rank (50) is more than" in page
        assert _fresh(db_session).definition.version == 1

    def test_viewers_may_download_but_not_replace(self, signed_in, annual):
        client = signed_in(Role.VIEWER)
        assert client.get(f"{BASE}/annual/definition.yaml").status_code == 200
        assert client.get(f"{BASE}/annual/replace").status_code == 403
        page = client.get(f"{BASE}/annual").get_data(as_text=True)
        assert "Download the questions as a YAML file" in page and "Replace the questions" not in page

    def test_another_partnership_gets_not_found(self, signed_in, db_session, annual):
        client = signed_in(Role.ADMIN, make_partnership(db_session, "other"))
        for path in ("definition.yaml", "replace", "versions", "versions/1.yaml"):
            assert client.get(f"{BASE}/annual/{path}").status_code == 404


class TestVersionHistory:
    def test_lists_each_version_with_who_what_and_how_many_answered(self, signed_in, db_session, annual):
        _answer_safety(db_session, annual)
        client = signed_in(Role.ANALYST)
        source = _fresh(db_session).definition.source.replace(
            "Community safety consultation", "Community safety 2027", 1
        )
        _upload(client, "annual", source.encode())
        annual = _fresh(db_session)
        _answer_safety(db_session, annual)
        _answer_safety(db_session, annual)
        page = client.get(f"{BASE}/annual/versions").get_data(as_text=True)
        assert "Versions of the definition" in page and "Changed the title." in page
        assert page.index("Download version 2") < page.index("Download version 1")
        assert (
            '<td data-label="Responses" class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page
        )
        old = client.get(f"{BASE}/annual/versions/1.yaml")
        assert b"en: Community safety consultation" in old.data
        assert client.get(f"{BASE}/annual/versions/3.yaml").status_code == 404


class TestSentTwice:
    def test_a_create_form_sent_twice_makes_one_consultation(self, signed_in, db_session):
        client = signed_in(Role.ADMIN)
        page = client.get(f"{BASE}/new").get_data(as_text=True)
        key = page.split('name="submission_key" type="hidden" value="')[1].split('"')[0]
        data = {"source": "blank", "submission_key": key, "csrf_token": csrf_token(client, f"{BASE}/new")}
        first, second = client.post(f"{BASE}/new", data=data), client.post(f"{BASE}/new", data=data)
        assert first.status_code == second.status_code == 302
        assert first.headers["Location"] == second.headers["Location"]
        assert _events(db_session, "consultation_created") == 1


class TestAReportShowsTheVersionItAnswered:
    def test_an_earlier_response_keeps_the_wording_it_was_asked_in(self, signed_in, db_session, annual):
        _answer_safety(db_session, annual)
        earlier = db_session.scalars(select(Response).order_by(Response.id)).first().reference
        client = signed_in(Role.ANALYST)
        old_wording = definition_of(annual).question("safety_day").text
        new_wording = "During the day, how safe do you feel where you live?"
        source = _fresh(db_session).definition.source.replace(old_wording, new_wording, 1)
        assert _upload(client, "annual", source.encode()).status_code == 302
        _answer_safety(db_session, _fresh(db_session))
        later = db_session.scalars(select(Response).order_by(Response.id.desc())).first().reference

        earlier_page = client.get(f"/officer/reports/{earlier}").get_data(as_text=True)
        later_page = client.get(f"/officer/reports/{later}").get_data(as_text=True)

        assert "Version 1 of the questions" in earlier_page and old_wording in earlier_page
        assert new_wording not in earlier_page
        assert "Version 2 of the questions" in later_page and new_wording in later_page
