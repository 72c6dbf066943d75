"""The public consultation flow through the test client, as a respondent's browser drives it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, text

from survey.consultations import create_consultation, set_status
from survey.definitions.definition import template_path
from survey.storage.models import Answer, Response, SavedProgress
from survey.vocabulary import Channel, ConsultationStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import CSRF_PATTERN, away_from_a_window_edge, sign_in

SLUG = "annual"
BASE = f"/consultations/{SLUG}"


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def consultation(db_session, partnership):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, partnership, source, slug=SLUG, status=ConsultationStatus.OPEN)


def _token(page: str) -> str:
    return CSRF_PATTERN.search(page).group(1)


def begin(client, **extra):
    page = client.get(f"{BASE}/" + ("?" + "&".join(f"{k}={v}" for k, v in extra.items()) if extra else ""))
    assert page.status_code == 200
    response = client.post(f"{BASE}/start", data={"csrf_token": _token(page.get_data(as_text=True)), **extra})
    assert response.status_code == 302
    return response.headers["Location"]


def answer(client, location, data):
    page = client.get(location).get_data(as_text=True)
    return client.post(location, data={"csrf_token": _token(page), **data})


def _count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


FULL = [
    ("priorities", {"rank-violence": "1", "rank-anti_social_behaviour": "2"}),
    ("town_centre_issues", {"answer": ["groups_gathering", "other"], "other_text": "Scooters on pavements"}),
    ("violence_features", {"answer": ["youth_violence"]}),
    ("safety_day", {"answer": "fairly_safe"}),
    ("safety_dark", {"answer": "very_unsafe"}),
    ("victim", {"answer": "no"}),
    ("feel_safer", {"answer": "Better lighting on the path by the station"}),
]


def complete(client, answers=FULL):
    location = begin(client)
    for question_id, data in answers:
        assert location.endswith(f"/questions/{question_id}"), location
        response = answer(client, location, data)
        assert response.status_code == 302, response.get_data(as_text=True)
        location = response.headers["Location"]
    # The about-you questions are optional: continue past each with no answer.
    while "/questions/" in location:
        location = answer(client, location, {}).headers["Location"]
    assert location.endswith("/check-answers")
    return location


class TestRespondentFlow:
    def test_start_page_shows_the_privacy_notice(self, client, consultation):
        page = client.get(f"{BASE}/").get_data(as_text=True)
        assert "Your privacy" in page and "Start now" in page

    def test_question_pages_say_where_you_are(self, client, consultation):
        page = client.get(begin(client)).get_data(as_text=True)
        # One follow-up is shown only after some answers, so no total is promised that could change.
        assert re.search(r">Question 1</span>", page) and "Question 1 of" not in page
        assert re.search(r"<title>How would you rank", page)

    def test_a_complete_response_is_stored_once_on_final_submit(self, client, db_session, consultation):
        check = complete(client)
        assert _count(db_session, Response) == 0  # nothing stored before the final submit
        page = client.get(check).get_data(as_text=True)
        assert "Scooters on pavements" in page and "Not answered" in page
        token = _token(page)
        first = client.post(check, data={"csrf_token": token})
        again = client.post(check, data={"csrf_token": token})  # a double click / re-sent POST
        assert first.headers["Location"].endswith("/confirmation")
        assert again.headers["Location"].endswith("/confirmation")
        assert _count(db_session, Response) == 1
        assert _count(db_session, SavedProgress) == 0  # the draft went with the submit
        confirmation = client.get(f"{BASE}/confirmation").get_data(as_text=True)
        reference = db_session.scalar(select(Response.reference))
        assert reference in confirmation
        stored = {(a.question_id, a.option, a.rank) for a in db_session.scalars(select(Answer))}
        assert ("priorities", "violence", 1) in stored and ("town_centre_issues", "other", None) in stored
        assert db_session.scalar(select(Response.channel)) is Channel.WEB

    def test_an_invalid_answer_shows_an_error_and_changes_nothing(self, client, consultation):
        location = begin(client)
        response = answer(client, location, {"rank-violence": "1", "rank-anti_social_behaviour": "1"})
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "<title>Error: " in page
        assert 'href="#rank-anti_social_behaviour"' in page
        assert "Give each rank to one option only" in page

    def test_unknown_option_values_are_refused(self, client, consultation):
        location = begin(client)
        location = answer(client, location, {}).headers["Location"]
        response = answer(client, location, {"answer": ["not_an_option"]})
        assert response.status_code == 200 and "<title>Error: " in response.get_data(as_text=True)

    def test_conditional_question_appears_only_when_it_applies(self, client, consultation):
        location = begin(client)
        for _ in range(5):
            location = answer(client, location, {}).headers["Location"]
        assert location.endswith("/questions/victim")
        after_yes = answer(client, location, {"answer": "yes"}).headers["Location"]
        assert after_yes.endswith("/questions/reported")

    def test_change_link_returns_to_check_answers(self, client, consultation):
        check = complete(client)
        response = answer(client, f"{BASE}/questions/safety_day?change=1", {"answer": "very_safe"})
        assert response.headers["Location"].endswith("/check-answers")
        assert "Very safe" in client.get(check).get_data(as_text=True)

    def test_honeypot_submissions_look_successful_but_store_nothing(self, client, db_session, consultation):
        check = complete(client)
        token = _token(client.get(check).get_data(as_text=True))
        response = client.post(check, data={"csrf_token": token, "website": "http://spam.example"})
        assert response.headers["Location"].endswith("/confirmation")
        assert _count(db_session, Response) == 0

    def test_urgent_free_text_leads_the_confirmation_with_999(self, client, db_session, consultation):
        answers = [*FULL[:-1], ("feel_safer", {"answer": "I want to kill myself"})]
        check = complete(client, answers)
        client.post(check, data={"csrf_token": _token(client.get(check).get_data(as_text=True))})
        page = client.get(f"{BASE}/confirmation").get_data(as_text=True)
        assert page.index("999") < page.index("govuk-panel__title")
        assert "116 123" in page  # Samaritans
        assert db_session.scalar(select(Response.urgent)) is True

    def test_the_999_message_comes_in_the_pages_language(self, client, db_session, consultation):
        from survey.languages import translate
        from survey.safeguarding.risk import DANGER_LINE

        client.get("/language/pl")
        answers = [*FULL[:-1], ("feel_safer", {"answer": "I want to kill myself"})]
        check = complete(client, answers)
        client.post(check, data={"csrf_token": _token(client.get(check).get_data(as_text=True))})
        page = client.get(f"{BASE}/confirmation").get_data(as_text=True)
        polish = translate(DANGER_LINE, "pl")
        assert polish != DANGER_LINE and polish in page and DANGER_LINE not in page
        assert page.index("999") < page.index("govuk-panel__title")
        assert db_session.scalar(select(Response.language)) == "pl"


class TestSaveAndResume:
    def test_resume_code_brings_the_answers_back_once(self, client, app, db_session, consultation):
        location = begin(client)
        response = answer(client, location, {"rank-burglary_and_theft": "1", "action": "save"})
        assert response.headers["Location"].endswith("/saved")
        page = client.get(f"{BASE}/saved").get_data(as_text=True)
        code = re.search(r'class="sv-code">([A-Z0-9-]+)<', page).group(1)
        assert client.get(f"{BASE}/saved").status_code == 302  # shown once

        other_device = app.test_client()
        resume_page = other_device.get(f"{BASE}/resume").get_data(as_text=True)
        resumed = other_device.post(f"{BASE}/resume", data={"csrf_token": _token(resume_page), "code": code})
        assert resumed.headers["Location"].endswith("/questions/town_centre_issues")
        check = other_device.get(f"{BASE}/check-answers").get_data(as_text=True)
        assert "Burglary and theft" in check

        third = app.test_client()
        page = third.get(f"{BASE}/resume").get_data(as_text=True)
        again = third.post(f"{BASE}/resume", data={"csrf_token": _token(page), "code": code})
        assert again.status_code == 200 and "Enter the resume code exactly" in again.get_data(as_text=True)

    def test_only_a_hash_of_the_code_is_stored(self, client, db_session, consultation):
        answer(client, begin(client), {"action": "save"})
        code = re.search(
            r'class="sv-code">([A-Z0-9-]+)<', client.get(f"{BASE}/saved").get_data(as_text=True)
        ).group(1)
        stored = db_session.scalar(select(SavedProgress.code_hash))
        assert code not in stored and code.replace("-", "") not in stored


class TestAvailability:
    def test_a_draft_consultation_is_not_found_by_the_public(self, client, db_session, consultation):
        set_status(db_session, consultation, ConsultationStatus.DRAFT)
        assert client.get(f"{BASE}/").status_code == 404

    def test_a_closed_consultation_says_so_and_cannot_be_started(self, client, db_session, consultation):
        set_status(db_session, consultation, ConsultationStatus.CLOSED)
        page = client.get(f"{BASE}/").get_data(as_text=True)
        assert "This consultation has closed" in page and "Start now" not in page

    def test_closing_mid_way_stops_the_submit(self, client, db_session, consultation):
        check = complete(client)
        token = _token(client.get(check).get_data(as_text=True))
        set_status(db_session, consultation, ConsultationStatus.CLOSED)
        client.post(check, data={"csrf_token": token})
        assert _count(db_session, Response) == 0

    def test_home_page_links_to_open_consultations(self, client, consultation):
        assert f'href="{BASE}/"' in client.get("/").get_data(as_text=True)


class TestOfficerModes:
    def test_paper_responses_are_entered_through_the_same_forms(
        self, client, db_session, partnership, consultation
    ):
        analyst = make_officer(db_session, partnership, Role.ANALYST)
        sign_in(client, analyst.email, PASSWORD)
        location = begin(client, channel="paper")
        response = answer(client, location, {"rank-violence": "1"})
        while "/questions/" in response.headers["Location"]:
            response = answer(client, response.headers["Location"], {})
        check = response.headers["Location"]
        client.post(check, data={"csrf_token": _token(client.get(check).get_data(as_text=True))})
        assert db_session.scalar(select(Response.channel)) is Channel.PAPER
        assert "Enter another paper response" in client.get(f"{BASE}/confirmation").get_data(as_text=True)

    def test_the_public_cannot_enter_paper_responses(self, client, consultation):
        assert client.get(f"{BASE}/?channel=paper").status_code == 403

    def test_a_viewer_previews_a_draft_and_nothing_is_stored(
        self, client, db_session, partnership, consultation
    ):
        set_status(db_session, consultation, ConsultationStatus.DRAFT)
        viewer = make_officer(db_session, partnership, Role.VIEWER)
        sign_in(client, viewer.email, PASSWORD)
        location = begin(client, preview="1")
        while "/questions/" in location:
            location = answer(client, location, {}).headers["Location"]
        client.post(location, data={"csrf_token": _token(client.get(location).get_data(as_text=True))})
        assert "Preview finished" in client.get(f"{BASE}/confirmation").get_data(as_text=True)
        assert _count(db_session, Response) == 0

    def test_another_partnership_cannot_preview(self, client, db_session, consultation):
        stranger = make_officer(db_session, make_partnership(db_session, "south"), Role.ADMIN)
        set_status(db_session, consultation, ConsultationStatus.DRAFT)
        sign_in(client, stranger.email, PASSWORD)
        assert client.get(f"{BASE}/?preview=1").status_code == 404


class TestAbuseAndPrivacy:
    def test_too_long_free_text_is_refused_with_the_limit(self, client, consultation):
        location = begin(client)
        for _ in range(6):
            location = answer(client, location, {}).headers["Location"]
        assert location.endswith("/questions/feel_safer")
        response = answer(client, location, {"answer": "x" * 2001})
        assert response.status_code == 200
        assert "characters or fewer" in response.get_data(as_text=True)

    def test_resume_codes_cannot_be_guessed_quickly(self, client, consultation):
        away_from_a_window_edge(10)
        page = client.get(f"{BASE}/resume").get_data(as_text=True)
        statuses = [
            client.post(
                f"{BASE}/resume", data={"csrf_token": _token(page), "code": "AAAA-BBBB-CCCC"}
            ).status_code
            for _ in range(11)
        ]
        assert statuses[:10] == [200] * 10 and statuses[10] == 429

    def test_no_address_or_browser_details_are_stored_with_a_response(self, client, db_session, consultation):
        address, agent = "203.0.113.77", "Mozilla/5.0 (Distinctive Agent 4711)"
        client.environ_base.update({"REMOTE_ADDR": address, "HTTP_USER_AGENT": agent})
        check = complete(client)
        client.post(check, data={"csrf_token": _token(client.get(check).get_data(as_text=True))})
        assert _count(db_session, Response) == 1
        dump = []
        for table in ("response", "answer", "saved_progress", "audit_event"):
            dump += [repr(tuple(row)) for row in db_session.execute(text(f"SELECT * FROM {table}"))]
        everything = "\n".join(dump)
        assert address not in everything and "Distinctive Agent" not in everything


def test_a_web_form_whose_length_never_changes_promises_its_total(client, db_session):
    """The worry form asks four questions every way through: each page says "of 4", before and after."""
    from survey.consultations import create_consultation
    from survey.definitions.definition import template_path
    from survey.vocabulary import ConsultationStatus
    from tests.factories import make_partnership

    create_consultation(db_session, make_partnership(db_session), template_path("worry").read_text(),
                        slug="worry-web", status=ConsultationStatus.OPEN)
    page = client.get("/consultations/worry-web/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    location = client.post("/consultations/worry-web/start", data={"csrf_token": token}).headers["Location"]
    assert "Question 1 of 4" in client.get(location).get_data(as_text=True)
