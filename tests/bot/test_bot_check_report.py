"""Closing the loop through the real Application: the confirmation gives a reference and a check code;
"Check a report" shows the team's reply; the reporter can withdraw the report."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from survey.conversations import texts
from survey.storage.models import Response
from survey.triage.codes import code_matches
from survey.vocabulary import ReportStatus
from tests.bot.conftest import run_bot
from tests.bot.test_bot_end_to_end import step

pytestmark = pytest.mark.usefixtures("demo")

SENT = re.compile(r"Your reference is ([A-Z0-9-]+)\.\nYour check code is ([A-Z0-9-]+)\.")
REPLY = "Thank you for telling us. A youth worker will be at the park on Friday evenings."


def send_a_place_report(fake_api, person) -> str:
    step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
    step(fake_api, lambda: fake_api.press(person, texts.MENU_REPORT), "How do you feel")
    step(fake_api, lambda: fake_api.press(person, "I feel unsafe here"), texts.LOCATION_STOP)
    step(fake_api, lambda: fake_api.send_text(person, "the path through Castle Park"), "Why do you feel")
    step(fake_api, lambda: fake_api.press(person, texts.DONE), "When do you feel")
    step(fake_api, lambda: fake_api.press(person, texts.DONE), "Which days?")
    step(fake_api, lambda: fake_api.press(person, "Both"), "How old are you?")
    step(fake_api, lambda: fake_api.press(person, texts.AGE_11_TO_15), "anything else")
    step(fake_api, lambda: fake_api.press(person, texts.SKIP), texts.CHECK)
    return step(fake_api, lambda: fake_api.press(person, texts.SEND), "Your reference is")[0]


def check(fake_api, person, reference: str, code: str) -> str:
    step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
    step(fake_api, lambda: fake_api.press(person, texts.MENU_CHECK), texts.CHECK_REFERENCE)
    step(fake_api, lambda: fake_api.send_text(person, reference), texts.CHECK_CODE)
    return step(fake_api, lambda: fake_api.send_text(person, code), texts.CHECK_PRIVATE)[0]


def test_the_confirmation_gives_a_reference_and_a_check_code_that_opens_the_report(make_bot, fake_api, person,
                                                                                     db_session):
    confirmation = run_bot(make_bot(), lambda: send_a_place_report(fake_api, person))
    reference, code = SENT.search(confirmation).groups()
    assert confirmation.startswith(texts.THANK_YOU) and texts.TRUSTED_ADULT in confirmation
    [report] = db_session.scalars(select(Response))
    assert report.reference == reference and code_matches(reference, code, report.check_code_hash)
    assert code not in (report.check_code_hash or "")

    # An officer acts on it and replies; the reporter checks in a new session of the bot.
    report.status, report.reply = ReportStatus.ACTIONED, REPLY
    db_session.flush()
    shown = run_bot(make_bot(), lambda: check(fake_api, person, reference, code))
    assert shown == texts.paragraphs(texts.STATUS_ACTIONED, texts.CHECK_REPLY.format(reply=REPLY),
                                     texts.CHECK_PRIVATE)
    assert "Castle Park" not in shown


def test_a_wrong_code_reveals_nothing_and_the_right_one_withdraws_the_report(make_bot, fake_api, person,
                                                                              db_session):
    confirmation = run_bot(make_bot(), lambda: send_a_place_report(fake_api, person))
    reference, code = SENT.search(confirmation).groups()

    def scenario() -> tuple[list[str], list[str]]:
        step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
        step(fake_api, lambda: fake_api.press(person, texts.MENU_CHECK), texts.CHECK_REFERENCE)
        step(fake_api, lambda: fake_api.send_text(person, reference), texts.CHECK_CODE)
        wrong = step(fake_api, lambda: fake_api.send_text(person, "AAA-BBB-CCC"), texts.CHECK_NO_MATCH)
        step(fake_api, lambda: fake_api.press(person, texts.TRY_AGAIN), texts.CHECK_REFERENCE)
        step(fake_api, lambda: fake_api.send_text(person, reference), texts.CHECK_CODE)
        step(fake_api, lambda: fake_api.send_text(person, code), texts.CHECK_PRIVATE)
        step(fake_api, lambda: fake_api.press(person, texts.WITHDRAW), "type your check code again")
        return wrong, step(fake_api, lambda: fake_api.send_text(person, code), texts.WITHDRAWN)

    wrong, withdrawn = run_bot(make_bot(), scenario)
    assert wrong == [texts.CHECK_NO_MATCH]
    assert withdrawn[0] == texts.WITHDRAWN
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(Response)) == 0
