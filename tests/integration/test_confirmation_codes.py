"""The confirmation page gives the reference and the check code, and the code works on "Check a report"."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.responses.store import StoredResponse
from survey.storage.models import Response
from survey.triage.codes import code_matches
from survey.vocabulary import Channel, ConsultationStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.integration.test_consult_flow import BASE, SLUG, _token, answer, begin, complete
from tests.web import CSRF_PATTERN, sign_in
from webapp.consult import sent

CODE = re.compile(r'Your check code is<br><strong class="sv-code">([A-Z0-9-]+)</strong>')
SHOWN_BEFORE = "Your check code was shown on this page when you first sent this."


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def consultation(db_session, partnership):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, partnership, source, slug=SLUG, status=ConsultationStatus.OPEN)


def send(client, **form) -> str:
    """Complete and send a response; the confirmation page."""
    check = complete(client)
    client.post(check, data={"csrf_token": _token(client.get(check).get_data(as_text=True)), **form})
    return client.get(f"{BASE}/confirmation").get_data(as_text=True)


def shown_code(page: str) -> str | None:
    match = CODE.search(page)
    return match.group(1) if match else None


class TestConfirmation:
    def test_it_shows_the_reference_and_a_check_code_that_works(self, client, db_session, consultation):
        page = send(client)
        response = db_session.scalars(select(Response)).one()
        code = shown_code(page)
        assert f"Your reference is<br><strong class=\"sv-code\">{response.reference}</strong>" in page
        assert code and code_matches(response.reference, code, response.check_code_hash)
        assert "Write down your reference and check code" in page
        assert 'href="/check-a-report"' in page
        token = CSRF_PATTERN.search(client.get("/check-a-report").get_data(as_text=True)).group(1)
        checked = client.post("/check-a-report", data={"csrf_token": token, "reference": response.reference,
                                                       "code": code})
        assert "We have received your report." in checked.get_data(as_text=True)

    def test_the_code_survives_a_refresh(self, client, consultation):
        first = shown_code(send(client))
        assert first and shown_code(client.get(f"{BASE}/confirmation").get_data(as_text=True)) == first

    def test_a_new_response_drops_the_code_from_the_browser(self, client, consultation):
        page = send(client)
        reference = re.search(r'Your reference is<br><strong class="sv-code">([A-Z0-9-]+)', page).group(1)
        begin(client)
        again = client.get(f"{BASE}/confirmation").get_data(as_text=True)
        assert reference in again and shown_code(again) is None and SHOWN_BEFORE in again
        with client.session_transaction() as cookie:
            assert all(not details.get("check_code") for details in cookie["submitted"].values())

    def test_a_resent_submit_shows_the_same_reference_and_code(self, client, db_session, consultation):
        check = complete(client)
        token = _token(client.get(check).get_data(as_text=True))
        client.post(check, data={"csrf_token": token})
        first = client.get(f"{BASE}/confirmation").get_data(as_text=True)
        client.post(check, data={"csrf_token": token})  # the draft is gone: the confirmation again
        again = client.get(f"{BASE}/confirmation").get_data(as_text=True)
        assert shown_code(again) == shown_code(first) is not None

    def test_a_paper_entry_shows_the_code_for_the_officer_to_pass_on(self, client, db_session, partnership,
                                                                      consultation):
        analyst = make_officer(db_session, partnership, Role.ANALYST)
        sign_in(client, analyst.email, PASSWORD)
        location = begin(client, channel="paper")
        response = answer(client, location, {"rank-violence": "1"})
        while "/questions/" in response.headers["Location"]:
            response = answer(client, response.headers["Location"], {})
        check = response.headers["Location"]
        client.post(check, data={"csrf_token": _token(client.get(check).get_data(as_text=True))})
        page = client.get(f"{BASE}/confirmation").get_data(as_text=True)
        assert shown_code(page) and "give the reference and check code to the person who filled in" in page

    def test_the_honeypot_shows_a_code_too(self, client, consultation):
        # A bot must not tell from the page that it was caught.
        assert shown_code(send(client, website="http://spam.example"))


class TestDoubleSubmit:
    """Two submits of one draft at once: the second finds the first's response (``created`` false)."""

    def _remember_twice(self, app, response, earlier: dict | None):
        with app.test_request_context():
            from flask import session

            if earlier is not None:
                session["submitted"] = {SLUG: earlier}
            sent.remember_stored(SLUG, StoredResponse(response, created=False), Channel.WEB)
            return sent.details_of(SLUG)

    def test_the_code_this_browser_was_shown_is_kept(self, app, client, consultation):
        send(client)
        with client.session_transaction() as cookie:
            earlier = dict(cookie["submitted"][SLUG])
        response = Response(reference=earlier["reference"], urgent=False)
        assert self._remember_twice(app, response, earlier)["check_code"] == earlier["check_code"]

    def test_another_browser_is_told_the_code_was_shown_before(self, app, client, consultation):
        response = Response(reference="K7QX-M2PA-9D", urgent=False)
        # This browser sent something else before: that code is not this response's.
        earlier = {"reference": "AAAA-BBBB-CC", "check_code": "AAA-BBB-CCC"}
        details = self._remember_twice(app, response, earlier)
        assert details["reference"] == "K7QX-M2PA-9D" and details["check_code"] is None
        with client.session_transaction() as cookie:
            cookie["submitted"] = {SLUG: details}
        page = client.get(f"{BASE}/confirmation").get_data(as_text=True)
        assert "K7QX-M2PA-9D" in page and SHOWN_BEFORE in page and shown_code(page) is None
