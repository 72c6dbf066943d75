"""Check a report on the web: status and reply for the right reference and check code, the same
words for a wrong code or an unknown reference, the lock, the limits, and withdrawing."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import func, select

from survey.consultations import definition_of
from survey.responses.store import new_reference, store_response
from survey.runner.navigation import validate_answer
from survey.storage.models import AuditEvent, Response
from survey.triage.check import WITHDRAWN_ACTION
from survey.vocabulary import Channel, ReportStatus
from tests.factories import make_partnership
from tests.places import make_place_consultation
from tests.web import CSRF_PATTERN, away_from_a_window_edge

PAGE = "/check-a-report"
WITHDRAW = "/check-a-report/withdraw"
NO_MATCH = "The reference and check code do not match a report. Check them and try again."
LOCKED = "You have tried too many times. Try again tomorrow."


@pytest.fixture
def report(db_session):
    """A stored place report: (reference, check code, response)."""
    consultation = make_place_consultation(db_session, make_partnership(db_session), boundary=False)
    definition = definition_of(consultation)
    raw = {"feeling": "unsafe", "place": {"description": "The underpass"}, "reasons": ["poor_lighting"],
           "details": "Men shouting at people there"}
    answers = {qid: validate_answer(definition.question(qid), value) for qid, value in raw.items()}
    stored = store_response(db_session, consultation, definition, answers, channel=Channel.WEB)
    return stored.response.reference, stored.check_code, stored.response


def _post(client, path, **data):
    token = CSRF_PATTERN.search(client.get(PAGE).get_data(as_text=True)).group(1)
    return client.post(path, data={"csrf_token": token, **data})


def _check(client, reference, code):
    return _post(client, PAGE, reference=reference, code=code)


def _wrong(code: str) -> str:
    return ("X" if code[0] != "X" else "Y") + code[1:]


def _without_values(page: str) -> str:
    """The page without what differs between two tries: the typed values, CSRF token and nonce."""
    return re.sub(r'(value|nonce)="[^"]*"', r'\1=""', page)


class TestCheckPage:
    def test_the_home_page_links_to_it(self, client, report):
        assert f'href="{PAGE}"' in client.get("/").get_data(as_text=True)

    def test_the_fields_are_for_codes_and_the_form_is_posted(self, client):
        page = client.get(PAGE).get_data(as_text=True)
        assert '<form method="post" action="/check-a-report" novalidate>' in page
        for field in ("reference", "code"):
            tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', page).group(0)
            assert 'autocomplete="off"' in tag and 'spellcheck="false"' in tag and 'inputmode="text"' in tag
        assert "like K7QX-M2PA-9D" in page and "like K7Q-XM2-PAD" in page
        assert "Exit this page" in page

    def test_the_right_code_shows_the_status_in_plain_words(self, client, report):
        reference, code, _response = report
        page = _check(client, reference, code)
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        assert "We have received your report. Someone will read it soon." in text
        assert "There is no message for you." in text

    def test_it_shows_the_reply_and_nothing_of_the_report(self, client, db_session, report):
        reference, code, response = report
        response.status, response.reply = ReportStatus.REVIEWING, "Thank you.\nWe have told the park wardens."
        db_session.flush()
        text = _check(client, reference.lower(), code.replace("-", " ")).get_data(as_text=True)
        assert "We have read your report and are looking into it." in text
        assert "<p class=\"govuk-body\">We have told the park wardens.</p>" in text
        assert "underpass" not in text and response.submitted_at.strftime("%Y") not in text

    @pytest.mark.parametrize(
        ("status", "words"),
        [
            (ReportStatus.ACTIONED, "We have read your report and done something about it."),
            (ReportStatus.CLOSED, "We have finished looking into your report."),
        ],
    )
    def test_every_status_has_its_words(self, client, db_session, report, status, words):
        reference, code, response = report
        response.status = status
        db_session.flush()
        assert words in _check(client, reference, code).get_data(as_text=True)

    def test_empty_fields_say_what_to_enter(self, client):
        text = _check(client, " ", "").get_data(as_text=True)
        assert "Enter your reference" in text and "Enter your check code" in text
        assert "<title>Error: Check a report" in text

    def test_a_wrong_code_and_an_unknown_reference_look_the_same(self, client, report):
        reference, code, _response = report
        wrong_code = _check(client, reference, _wrong(code))
        unknown = _check(client.application.test_client(), new_reference(), code)
        assert wrong_code.status_code == unknown.status_code == 200
        assert NO_MATCH in wrong_code.get_data(as_text=True)
        pages = [_without_values(answer.get_data(as_text=True)) for answer in (wrong_code, unknown)]
        assert pages[0] == pages[1]

    def test_the_reference_and_code_never_appear_in_an_address_or_the_log(self, client, report, caplog):
        reference, code, _response = report
        caplog.set_level(logging.DEBUG)
        for answer in (_check(client, reference, code), _check(client, reference, _wrong(code))):
            assert reference not in answer.headers.get("Location", "")
        assert reference not in caplog.text and code not in caplog.text
        # Given in the address, they are not even read back.
        assert reference not in client.get(f"{PAGE}?reference={reference}&code={code}").get_data(as_text=True)


class TestLock:
    def test_ten_wrong_codes_lock_the_reference_for_everyone(self, app, report):
        reference, code, _response = report
        answers = [_check(app.test_client(), reference, _wrong(code)).get_data(as_text=True)
                   for _ in range(10)]
        assert all(NO_MATCH in answer for answer in answers[:9])
        assert LOCKED in answers[9]
        locked = _check(app.test_client(), reference, code).get_data(as_text=True)
        assert LOCKED in locked and "Your report" not in locked

    def test_an_unknown_reference_locks_the_same_way(self, app):
        reference = new_reference()
        answers = [_check(app.test_client(), reference, "AAA-BBB-CCC").get_data(as_text=True)
                   for _ in range(11)]
        assert all(NO_MATCH in answer for answer in answers[:9])
        assert all(LOCKED in answer for answer in answers[9:])


class TestLimits:
    @pytest.fixture(autouse=True)
    def _inside_one_window(self):
        away_from_a_window_edge(20)

    def test_one_browser_guessing_is_limited(self, client):
        statuses = [_check(client, new_reference(), "AAA-BBB-CCC").status_code for _ in range(11)]
        assert statuses == [200] * 10 + [429]

    def test_one_address_guessing_is_limited_whatever_the_browser(self, app):
        statuses = [_check(app.test_client(), new_reference(), "AAA-BBB-CCC").status_code for _ in range(31)]
        assert statuses == [200] * 30 + [429]

    def test_right_codes_do_not_count(self, client, report):
        reference, code, _response = report
        assert [_check(client, reference, code).status_code for _ in range(12)] == [200] * 12
        assert _check(client, new_reference(), code).status_code == 200

    def test_withdrawing_shares_the_limit(self, client):
        for _ in range(10):
            _post(client, WITHDRAW, reference=new_reference(), code="AAA-BBB-CCC")
        assert _check(client, new_reference(), "AAA-BBB-CCC").status_code == 429


class TestWithdraw:
    def test_withdrawing_asks_first_then_deletes_and_counts(self, client, db_session, report):
        reference, code, response = report
        result = _check(client, reference, code).get_data(as_text=True)
        assert f'action="{WITHDRAW}"' in result and "Withdraw my report" in result
        confirm = _post(client, WITHDRAW, reference=reference, code=code).get_data(as_text=True)
        assert "Are you sure you want to withdraw your report?" in confirm
        assert db_session.get(Response, response.id) is not None
        done = _post(client, WITHDRAW, reference=reference, code=code, confirm="yes")
        assert done.status_code == 302 and done.headers["Location"] == "/check-a-report/withdrawn"
        assert "Your report has been withdrawn" in client.get(done.headers["Location"]).get_data(as_text=True)
        # Shown once: a refresh, or the next person on the phone, sees the check page instead.
        assert client.get("/check-a-report/withdrawn").headers["Location"] == PAGE
        assert db_session.scalar(select(func.count()).select_from(Response)) == 0
        event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == WITHDRAWN_ACTION)).one()
        assert event.target_id is None and event.details == {}
        assert NO_MATCH in _check(client, reference, code).get_data(as_text=True)

    def test_the_withdraw_page_takes_the_two_as_well(self, client, db_session, report):
        reference, code, response = report
        page = client.get(WITHDRAW).get_data(as_text=True)
        assert "<h1 class=\"govuk-heading-l\">Withdraw a report</h1>" in page
        refused = _post(client, WITHDRAW, reference=reference, code=_wrong(code), confirm="yes")
        assert NO_MATCH in refused.get_data(as_text=True)
        assert db_session.get(Response, response.id) is not None

    def test_a_locked_reference_cannot_be_withdrawn(self, app, db_session, report):
        reference, code, response = report
        for _ in range(10):
            _check(app.test_client(), reference, _wrong(code))
        answer = _post(app.test_client(), WITHDRAW, reference=reference, code=code, confirm="yes")
        assert LOCKED in answer.get_data(as_text=True)
        assert db_session.get(Response, response.id) is not None


def _one_h1_that_starts_the_title(page: str) -> bool:
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1).removeprefix("Error: ")
    return len(headings) == 1 and title.startswith(re.sub(r"<[^>]+>", "", headings[0]).strip())


def test_every_page_has_one_h1_that_starts_its_title(client, report):
    reference, code, _response = report
    pages = [
        client.get(PAGE),
        _check(client, "", ""),
        _check(client, reference, code),
        client.get(WITHDRAW),
        _post(client, WITHDRAW, reference=reference, code=code),
    ]
    pages.append(client.get(_post(client, WITHDRAW, reference=reference, code=code, confirm="yes").location))
    assert [_one_h1_that_starts_the_title(page.get_data(as_text=True)) for page in pages] == [True] * 6
