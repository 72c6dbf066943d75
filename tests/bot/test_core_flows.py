"""The bot's core without Telegram: the flows, driven turn by turn as any channel would."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot import texts
from bot.chat import Incoming, InputKind, Reply
from bot.conversation import ConversationKey
from bot.core import BotCore
from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.storage.models import Response
from survey.vocabulary import ConsultationStatus
from tests.bot.conftest import PARTNERSHIP_SLUG
from tests.factories import make_partnership

KEY = ConversationKey("a-keyed-hash")
AREAS_FORM = """
id: areas-report
kind: place_report
title: Tell us about a place
intro: Tell us where.
privacy_notice: We keep nothing about you.
pages:
  - questions:
      - id: place
        type: location
        text: Where is the place?
        required: true
        areas: [Abbey, Castle]
"""


class Chat:
    """A person talking to the core: remembers the last buttons so a test can tap them by label."""

    def __init__(self, core: BotCore) -> None:
        self.core = core
        self.buttons: dict[str, str] = {}

    def send(self, kind: InputKind, text: str = "", **extra) -> list[Reply]:
        replies = self.core.handle(KEY, Incoming(kind, text, **extra))
        shown = {b.label: b.action for r in replies for row in r.buttons for b in row}
        if shown:
            self.buttons = shown
        return replies

    def say(self, text: str) -> list[Reply]:
        return self.send(InputKind.TEXT, text)

    def tap(self, label: str) -> list[Reply]:
        return self.send(InputKind.BUTTON, self.buttons[label])

    def command(self, name: str) -> list[Reply]:
        return self.send(InputKind.COMMAND, name)


@pytest.fixture
def chat(db_session, demo) -> Chat:
    return Chat(BotCore(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG))


def words(replies: list[Reply]) -> list[str]:
    return [reply.text for reply in replies]


class TestWorryFlow:
    def test_typing_an_option_instead_of_tapping_it_works(self, chat):
        chat.command("start")
        chat.tap(texts.MENU_WORRY)
        assert words(chat.say("bullying"))[0].startswith("Question 2 of 4\n\nTell us in your own words")

    def test_typing_something_that_is_not_an_option_asks_for_a_button(self, chat):
        chat.command("start")
        chat.tap(texts.MENU_WORRY)
        replies = chat.say("dunno")
        assert replies[0].text == texts.PICK_A_BUTTON and replies[1].text.startswith("Question 1 of 4")

    def test_a_wrong_answer_gets_the_definitions_error_message(self, chat):
        chat.command("start")
        chat.tap(texts.MENU_WORRY)
        chat.tap("Drugs")
        chat.say("people dealing")
        replies = chat.say("x" * 501)  # a place described in more words than the form allows
        assert replies[0].text == "Description must be 500 characters or fewer"
        assert replies[1].text.startswith("Question 3 of 4") and replies[1].ask_location

    def test_start_again_drops_the_answers(self, chat, db_session):
        chat.command("start")
        chat.tap(texts.MENU_WORRY)
        chat.tap("Drugs")
        chat.say("people dealing")
        chat.tap(texts.SKIP)
        chat.tap(texts.SKIP)
        replies = chat.tap(texts.START_AGAIN)
        assert replies[-1].text.startswith("Question 1 of 4")
        assert chat.core.store.get(KEY).answers == {}
        assert db_session.scalar(select(func.count()).select_from(Response)) == 0

    def test_cancel_at_any_step_sends_nothing(self, chat, db_session):
        chat.command("start")
        chat.tap(texts.MENU_WORRY)
        chat.tap("Drugs")
        assert words(chat.tap(texts.CANCEL)) == [texts.CANCELLED, texts.MENU]
        assert db_session.scalar(select(func.count()).select_from(Response)) == 0

    def test_forget_drops_everything_held_about_the_chat(self, chat):
        chat.command("start")
        chat.tap(texts.MENU_WORRY)
        chat.tap("Drugs")
        assert words(chat.command("forget")) == [texts.FORGOTTEN]
        assert len(chat.core.store) == 0


class TestWhenFormsAreMissing:
    def test_no_open_worry_form_says_so_and_shows_the_menu(self, db_session):
        make_partnership(db_session, "empty")
        chat = Chat(BotCore(lambda: db_session, partnership_slug="empty"))
        chat.command("start")
        assert words(chat.tap(texts.MENU_WORRY)) == [texts.FORM_CLOSED, texts.MENU]

    def test_without_a_partnership_the_bot_says_it_is_not_set_up(self, db_session):
        chat = Chat(BotCore(lambda: db_session, partnership_slug="nowhere"))
        assert words(chat.command("start")) == [texts.NOT_SET_UP]


def test_a_location_question_with_areas_offers_them_as_buttons(db_session):
    partnership = make_partnership(db_session, "areas")
    create_consultation(db_session, partnership, AREAS_FORM, status=ConsultationStatus.OPEN)
    chat = Chat(BotCore(lambda: db_session, partnership_slug="areas"))
    chat.command("start")
    replies = chat.tap(texts.MENU_REPORT)
    assert replies[-1].text == texts.LOCATION_AREAS and "Castle" in chat.buttons
    check = chat.tap("Castle")
    assert "Where is the place?\nCastle" in check[-1].text
    assert "Your reference is" in chat.tap(texts.SEND)[0].text


def test_the_shipped_forms_are_the_ones_the_bot_asks(db_session, demo):
    """The bot asks the definition's questions in the definition's words, so web and bot match."""
    chat = Chat(BotCore(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG))
    chat.command("start")
    first = chat.tap(texts.MENU_WORRY)
    worry = template_path("worry").read_text(encoding="utf-8")
    assert first[0].text.splitlines()[0] in worry and "What is your worry about?" in worry
