"""The conversations without Telegram: the engine and its flows, driven turn by turn as any channel would."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from survey.consultations import create_consultation
from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import Reply
from survey.definitions.definition import template_path
from survey.storage.models import Partnership, Response
from survey.vocabulary import ConsultationStatus
from tests.conversations import (
    FAR_OUTSIDE_THE_AREA,
    INSIDE_THE_AREA,
    KEY,
    PARTNERSHIP_NAME,
    PARTNERSHIP_SLUG,
    Chat,
    make_demo_partnership,
)
from tests.factories import make_partnership

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


@pytest.fixture
def demo(db_session) -> Partnership:
    return make_demo_partnership(db_session)


@pytest.fixture
def chat(db_session, demo) -> Chat:
    return Chat(ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG))


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
        assert chat.engine.store.get(KEY).answers == {}
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
        assert len(chat.engine.store) == 0


class TestPlaceReportFlow:
    def test_a_pin_outside_the_partnerships_area_is_refused_and_nothing_is_kept(self, chat):
        chat.command("start")
        chat.tap(texts.MENU_REPORT)
        chat.tap("I feel unsafe here")
        replies = chat.share(*FAR_OUTSIDE_THE_AREA)
        assert f"outside {PARTNERSHIP_NAME}" in replies[0].text
        assert replies[1].text.startswith("Question 2 of") and replies[1].ask_location
        conversation = chat.engine.store.get(KEY)
        assert "place" not in conversation.answers and conversation.step == "place"

    def test_a_pin_inside_the_area_is_taken(self, chat):
        chat.command("start")
        chat.tap(texts.MENU_REPORT)
        chat.tap("I feel unsafe here")
        replies = chat.share(*INSIDE_THE_AREA)
        assert replies[0].text == texts.GOT_LOCATION and replies[0].clear_keyboard
        assert chat.engine.store.get(KEY).answers["place"][0].latitude == INSIDE_THE_AREA[0]

    def test_without_a_boundary_any_pin_is_taken(self, demo, db_session):
        demo.boundary_geojson = None
        db_session.flush()
        chat = Chat(ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG))
        chat.command("start")
        chat.tap(texts.MENU_REPORT)
        chat.tap("I feel unsafe here")
        assert chat.share(*FAR_OUTSIDE_THE_AREA)[0].text == texts.GOT_LOCATION

    def test_a_tick_all_question_says_how_to_answer_it(self, chat):
        chat.command("start")
        chat.tap(texts.MENU_REPORT)
        chat.tap("I feel unsafe here")
        question = chat.share(*INSIDE_THE_AREA)[1].text
        assert question.startswith("Question 3 of") and question.endswith(texts.TICK_ALL_THAT_APPLY)


class TestWhenFormsAreMissing:
    def test_no_open_worry_form_says_so_and_shows_the_menu(self, db_session):
        make_partnership(db_session, "empty")
        chat = Chat(ConversationEngine(lambda: db_session, partnership_slug="empty"))
        chat.command("start")
        assert words(chat.tap(texts.MENU_WORRY)) == [texts.FORM_CLOSED, texts.MENU]

    def test_without_a_partnership_the_bot_says_it_is_not_set_up(self, db_session):
        chat = Chat(ConversationEngine(lambda: db_session, partnership_slug="nowhere"))
        assert words(chat.command("start")) == [texts.NOT_SET_UP]


def test_a_location_question_with_areas_offers_them_as_buttons(db_session):
    partnership = make_partnership(db_session, "areas")
    create_consultation(db_session, partnership, AREAS_FORM, status=ConsultationStatus.OPEN)
    chat = Chat(ConversationEngine(lambda: db_session, partnership_slug="areas"))
    chat.command("start")
    replies = chat.tap(texts.MENU_REPORT)
    assert replies[-1].text == texts.LOCATION_AREAS and "Castle" in chat.buttons
    check = chat.tap("Castle")
    assert "Where is the place?\nCastle" in check[-1].text
    assert "Your reference is" in chat.tap(texts.SEND)[0].text


def test_the_shipped_forms_are_the_ones_the_bot_asks(db_session, demo):
    """The bot asks the definition's questions in the definition's words, so web and bot match."""
    chat = Chat(ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG))
    chat.command("start")
    first = chat.tap(texts.MENU_WORRY)
    worry = template_path("worry").read_text(encoding="utf-8")
    assert first[0].text.splitlines()[0] in worry and "What is your worry about?" in worry


PLAIN_OTHER_FORM = """
id: plain-other
kind: place_report
title: Tell us about a place
intro: Tell us what kind of place.
privacy_notice: We keep nothing about you.
pages:
  - questions:
      - id: kind
        type: single_choice
        text: What kind of place is it?
        required: true
        options: [{value: park, label: Park}, {value: other, label: Other}]
      - id: order
        type: ranking
        text: What matters most there?
        rank: 2
        options: [Lighting, Patrols, CCTV]
"""


class TestTheChatAsksEachTypeTheWayItsTypeSays:
    @pytest.fixture
    def chat(self, db_session) -> Chat:
        partnership = make_partnership(db_session, slug="plain")
        create_consultation(db_session, partnership, PLAIN_OTHER_FORM, status=ConsultationStatus.OPEN)
        chat = Chat(ConversationEngine(lambda: db_session, partnership_slug="plain"))
        chat.command("start")
        chat.tap(texts.MENU_REPORT)
        return chat

    def test_a_plain_option_called_other_is_an_answer_not_a_request_for_words(self, chat):
        replies = chat.tap("Other")
        assert texts.TYPE_OTHER not in words(replies)
        assert words(replies)[-1].splitlines()[-1] == texts.TAP_IN_ORDER

    def test_a_ranking_is_tapped_in_order_and_shown_with_its_ranks(self, chat):
        chat.tap("Park")
        chat.tap("CCTV")
        replies = chat.tap("Lighting")
        assert [b.label for r in replies for row in r.buttons for b in row][:3] == [
            "2. Lighting", "Patrols", "1. CCTV"]
        check = chat.tap(texts.DONE)
        assert "What matters most there?\n1. CCTV\n2. Lighting" in check[-1].text
        assert "Your reference is" in chat.tap(texts.SEND)[0].text


@pytest.mark.parametrize("where", [(0.0, float("inf")), (float("nan"), 0.0), (91.0, 0.0), (0.0, -181.0)])
def test_a_location_that_is_not_a_place_is_asked_for_again_whatever_the_flow(chat, where):
    chat.command("start")
    chat.tap(texts.MENU_HAVENS)
    replies = chat.share(*where)
    assert words(replies)[0] == texts.LOCATION_NOT_READ
    assert chat.share(51.5033, -0.1195)[0].text != texts.LOCATION_NOT_READ
