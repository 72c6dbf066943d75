"""The web chat starts in the page's language (the switcher's choice, or the browser's Accept-Language)
and keeps to it: its messages, its buttons, its errors, and 999 first for an urgent message."""

from __future__ import annotations

import pytest

from survey.conversations import texts
from survey.languages import translate
from survey.safeguarding.risk import DANGER_LINE
from tests.conversations import PARTNERSHIP_NAME, make_demo_partnership
from tests.web_chat import WebChat


@pytest.fixture
def demo(db_session):
    return make_demo_partnership(db_session)


def in_(code: str, text: str, **values: object) -> str:
    translated = translate(text, code)
    assert translated != text, f"{text!r} has no {code} translation"
    return translated.format(**values) if values else translated


class TestAChatInThePagesLanguage:
    def test_a_chat_started_on_a_welsh_page_speaks_welsh(self, client, demo):
        client.get("/language/cy")
        chat = WebChat(client)
        page = chat.start()
        assert page.lines[1] == ("us", in_("cy", texts.WELCOME_WEB, name=PARTNERSHIP_NAME))
        assert page.lines[2] == ("us", in_("cy", texts.MENU))
        assert in_("cy", texts.MENU_WORRY) in page.buttons and texts.MENU_WORRY not in page.buttons
        page = chat.tap(in_("cy", texts.MENU_WORRY))
        assert page.lines[-3] == ("person", in_("cy", texts.MENU_WORRY))  # the transcript shows the label
        page = chat.say("Mae gan fy mrawd gyllell")
        said = page.ours_since_last_said()
        assert said[0].startswith(in_("cy", DANGER_LINE))
        assert in_("cy", texts.HELD) in said[0]

    def test_a_problem_with_a_message_is_said_in_the_chats_language(self, client, demo):
        client.get("/language/cy")
        chat = WebChat(client)
        chat.start()
        page = chat.post(message="   ")
        assert in_("cy", texts.CHAT_EMPTY_MESSAGE) in page.errors

    def test_a_browser_asking_for_polish_starts_a_polish_chat(self, client, demo):
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "pl-PL,pl;q=0.9,en;q=0.5"
        page = WebChat(client).start()
        assert page.lines[1] == ("us", in_("pl", texts.WELCOME_WEB, name=PARTNERSHIP_NAME))
        assert in_("pl", texts.LANGUAGE_BUTTON) in page.buttons

    def test_the_chats_language_button_changes_it_to_urdu(self, client, demo):
        chat = WebChat(client)
        assert chat.start().lines[1] == ("us", texts.WELCOME_WEB.format(name=PARTNERSHIP_NAME))
        chat.tap(texts.LANGUAGE_BUTTON)
        page = chat.tap("اردو")
        assert page.ours_since_last_said() == [in_("ur", texts.LANGUAGE_CHOSEN), in_("ur", texts.MENU)]
        page = chat.say("میری بہن گھر نہیں آئی")
        assert page.ours_since_last_said()[0].startswith(in_("ur", DANGER_LINE))
