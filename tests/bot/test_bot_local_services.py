"""A local service an officer adds with the web form is in the bot's Get help at once, in the same
words, with the same ages and areas: every channel reads the same rows."""

from __future__ import annotations

import re

import pytest

from survey.conversations import texts
from survey.vocabulary import Role
from tests.bot.conftest import run_bot
from tests.factories import PASSWORD, make_officer
from tests.tensions import make_ward
from tests.web import csrf_token, sign_in

pytestmark = pytest.mark.usefixtures("demo")
KEY_PATTERN = re.compile(r'name="submission_key"[^>]*value="([^"]+)"')


def add_by_form(app, db_session, partnership, **fields) -> None:
    client = app.test_client()
    officer = make_officer(db_session, partnership, Role.ANALYST)
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    page = client.get("/officer/services/new").get_data(as_text=True)
    data = {
        "csrf_token": csrf_token(client, "/officer/services/new"),
        "submission_key": KEY_PATTERN.search(page).group(1),
        **fields,
    }
    assert client.post("/officer/services/new", data=data).status_code == 302


def get_help(fake_api, person, topic: str, age: str) -> str:
    def step(push, expect: str) -> list[str]:
        mark = len(fake_api.texts())
        push()
        return fake_api.wait_for_text(expect, since=mark)

    def scenario() -> str:
        step(lambda: fake_api.send_text(person, "/start"), texts.MENU)
        step(lambda: fake_api.press(person, texts.MENU_HELP), texts.HELP_TOPIC)
        step(lambda: fake_api.press(person, topic), "How old")
        return step(lambda: fake_api.press(person, age), "These can help")[0]

    return scenario()


def test_a_service_added_by_form_is_in_the_bots_get_help(app, db_session, demo, make_bot, fake_api, person):
    ward = make_ward(db_session, demo, "E05000001", "Riverside")
    add_by_form(
        app,
        db_session,
        demo,
        name="Riverside Boxing Club",
        description="Free boxing and a mentor to talk to, four nights a week.",
        topics=["bullying", "gangs_exploitation"],
        min_age="11",
        max_age="18",
        phone="01632 960 777",
        website="https://boxing.riverside.example",
        hours="Monday to Thursday, 5pm to 8pm",
        ward_codes=[ward.code],
    )
    reply = run_bot(make_bot(), lambda: get_help(fake_api, person, "Bullying", "11 to 15"))
    assert "Riverside Boxing Club" in reply
    assert "Free boxing and a mentor to talk to, four nights a week." in reply
    assert "Call: 01632 960 777" in reply and "Website: https://boxing.riverside.example" in reply
    assert "Open: Monday to Thursday, 5pm to 8pm" in reply and "For people in Riverside" in reply


def test_a_service_for_other_ages_is_left_out(app, db_session, demo, make_bot, fake_api, person):
    add_by_form(
        app,
        db_session,
        demo,
        name="Riverside Over-50s Group",
        description="Coffee and company.",
        topics=["bullying"],
        min_age="50",
        phone="01632 960 778",
    )
    reply = run_bot(make_bot(), lambda: get_help(fake_api, person, "Bullying", "11 to 15"))
    assert "Riverside Over-50s Group" not in reply and "Childline" in reply
