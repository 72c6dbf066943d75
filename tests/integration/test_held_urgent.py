"""An urgent conversation that is abandoned is not lost: the words of danger are held, and passed on as
an urgent worry once the chat goes quiet before a report is sent."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from survey.consultations import accepting_consultations
from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import ChatChannel
from survey.responses.held import (
    DEFAULT_WAIT,
    LONGEST_HOLD,
    RELEASED_NOTE,
    drop_held_message,
    hold_urgent_message,
    postpone_held_message,
    release_due_messages,
)
from survey.storage.models import HeldUrgentMessage, ReportNote, Response
from survey.storage.types import utcnow
from survey.vocabulary import Channel, DefinitionKind
from tests.conversations import KEY, PARTNERSHIP_SLUG, Chat, make_demo_partnership
from tests.factories import make_partnership

DANGER = "theres a man outside with a knife and hes waiting for me"
SELF_HARM = "i want to kill myself"


@pytest.fixture
def demo(db_session):
    return make_demo_partnership(db_session)


@pytest.fixture
def chat(db_session, demo) -> Chat:
    return Chat(ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG))


@pytest.fixture
def worry_form(db_session, demo):
    return accepting_consultations(db_session, demo.id, kind=DefinitionKind.WORRY)[0]


def held_rows(db_session) -> list[HeldUrgentMessage]:
    return list(db_session.scalars(select(HeldUrgentMessage)))


def responses(db_session) -> list[Response]:
    return list(db_session.scalars(select(Response)))


def later(minutes: float) -> dt.datetime:
    return utcnow() + dt.timedelta(minutes=minutes)


def start_a_worry(chat: Chat) -> None:
    chat.command("start")
    chat.tap(texts.MENU_WORRY)
    chat.tap("Knives or weapons")


class TestHolding:
    def test_words_of_danger_are_held_and_the_person_is_told_once(self, chat, db_session):
        start_a_worry(chat)
        first = chat.say(DANGER)
        assert first[0].text.endswith(texts.HELD)
        again = chat.say("he has a knife and i'm scared")  # a place, answered in words
        assert texts.HELD not in again[0].text
        [held] = held_rows(db_session)
        assert held.text == f"{DANGER}\n\nhe has a knife and i'm scared"
        assert "weapons" in held.risk_categories
        # Found by a random key of its own: not the channel's key, nothing about the person.
        assert KEY.current not in held.conversation_key and held.conversation_key != KEY.current
        assert held.due_at > utcnow() + DEFAULT_WAIT - dt.timedelta(minutes=1)

    def test_ordinary_words_hold_nothing(self, chat, db_session):
        start_a_worry(chat)
        assert texts.HELD not in chat.say("people carry knives at school")[0].text
        assert held_rows(db_session) == []

    def test_nothing_is_held_or_promised_where_no_worry_form_is_open(self, db_session):
        make_partnership(db_session, "noworry")
        chat = Chat(ConversationEngine(lambda: db_session, partnership_slug="noworry"))
        chat.command("start")
        assert texts.HELD not in chat.say(DANGER)[0].text
        assert held_rows(db_session) == []

    def test_every_turn_pushes_passing_them_on_back(self, chat, db_session):
        start_a_worry(chat)
        chat.say(DANGER)
        [held] = held_rows(db_session)
        held.due_at = utcnow()  # as if the wait were nearly over
        db_session.flush()
        chat.tap(texts.SKIP)
        assert held.due_at > utcnow() + DEFAULT_WAIT - dt.timedelta(minutes=1)


class TestSendingTheReport:
    def test_a_report_carrying_the_words_drops_the_hold(self, chat, db_session):
        start_a_worry(chat)
        chat.say(DANGER)
        chat.tap(texts.SKIP)
        chat.tap(texts.SKIP)
        chat.tap(texts.SEND)
        assert held_rows(db_session) == []
        assert release_due_messages(db_session, now=later(120)) == 0
        [report] = responses(db_session)
        assert report.urgent

    def test_words_the_report_does_not_carry_stay_held_alone(self, chat, db_session):
        chat.command("start")
        chat.tap(texts.MENU_WORRY)
        chat.say(SELF_HARM)  # typed where a button was wanted: not an answer
        chat.tap("Something else")
        chat.say(DANGER)
        chat.tap(texts.SKIP)
        chat.tap(texts.SKIP)
        chat.tap(texts.SEND)
        [held] = held_rows(db_session)
        assert held.text == SELF_HARM and held.risk_categories == "self_harm"
        assert release_due_messages(db_session, now=later(11)) == 1
        assert len(responses(db_session)) == 2


class TestStoppingBeforeSending:
    def test_silence_passes_the_words_on_as_an_urgent_worry_from_the_bot(self, chat, db_session):
        start_a_worry(chat)
        chat.say(DANGER)
        assert release_due_messages(db_session, now=later(9)) == 0
        assert release_due_messages(db_session, now=later(11)) == 1
        [report] = responses(db_session)
        assert report.urgent and "weapons" in report.risk_categories and report.channel is Channel.BOT
        answers = {a.question_id: (a.option, a.text) for a in report.answers}
        assert answers == {"topic": ("something_else", None), "details": (None, DANGER)}
        [note] = db_session.scalars(select(ReportNote).where(ReportNote.response_id == report.id))
        assert note.text == RELEASED_NOTE and note.officer_id is None
        assert held_rows(db_session) == [] and release_due_messages(db_session, now=later(60)) == 0

    def test_words_held_in_the_website_chat_are_passed_on_as_from_that_chat(self, db_session, demo):
        engine = ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG,
                                    channel=ChatChannel.WEB)
        chat = Chat(engine)
        start_a_worry(chat)
        chat.say(DANGER)
        [held] = held_rows(db_session)
        assert held.channel is Channel.CHAT
        assert release_due_messages(db_session, now=later(11)) == 1
        [report] = responses(db_session)
        assert report.urgent and report.channel is Channel.CHAT

    def test_forget_passes_them_on_at_once_and_says_so(self, chat, db_session):
        start_a_worry(chat)
        chat.say(DANGER)
        assert [r.text for r in chat.command("forget")] == [texts.FORGOTTEN_HELD]
        assert len(chat.engine.store) == 0
        assert release_due_messages(db_session, now=utcnow()) == 1

    def test_cancel_keeps_them_held_and_says_so(self, chat, db_session):
        start_a_worry(chat)
        chat.say(DANGER)
        assert [r.text for r in chat.command("cancel")] == [texts.CANCELLED_HELD, texts.MENU]
        assert len(held_rows(db_session)) == 1

    def test_words_said_at_the_menu_are_held_too(self, chat, db_session):
        chat.command("start")
        assert chat.say(SELF_HARM)[0].text.endswith(texts.HELD)
        assert release_due_messages(db_session, now=later(11)) == 1

    def test_after_they_are_passed_on_new_words_start_a_new_hold(self, chat, db_session):
        start_a_worry(chat)
        chat.say(DANGER)
        release_due_messages(db_session, now=later(11))
        chat.tap(texts.CANCEL)
        again = chat.say(SELF_HARM)
        assert again[0].text.endswith(texts.HELD)
        [held] = held_rows(db_session)
        assert held.text == SELF_HARM


class TestTheCore:
    def test_a_hold_is_passed_on_at_the_latest_an_hour_after_it_began(self, db_session, worry_form):
        start = utcnow()
        held = hold_urgent_message(db_session, key="k1", consultation=worry_form, text=DANGER,
                                   categories={"weapons"}, channel=Channel.BOT, now=start)
        for minutes in range(5, 120, 5):
            postpone_held_message(db_session, "k1", now=start + dt.timedelta(minutes=minutes))
        assert held.due_at == start + LONGEST_HOLD

    def test_drop_and_postpone_say_whether_anything_was_held(self, db_session, worry_form):
        assert not drop_held_message(db_session, "nothing")
        assert not postpone_held_message(db_session, "nothing")
        hold_urgent_message(db_session, key="k2", consultation=worry_form, text=DANGER,
                            categories={"weapons"}, channel=Channel.BOT)
        assert drop_held_message(db_session, "k2") and held_rows(db_session) == []

    def test_releasing_twice_stores_one_report(self, db_session, worry_form):
        hold_urgent_message(db_session, key="k3", consultation=worry_form, text=DANGER,
                            categories={"weapons"}, channel=Channel.BOT, now=later(-20))
        assert release_due_messages(db_session) == 1
        assert release_due_messages(db_session) == 0
        assert db_session.scalar(select(func.count()).select_from(Response)) == 1

    def test_words_that_cannot_be_stored_are_kept_and_tried_again_later(self, db_session, worry_form):
        held = hold_urgent_message(db_session, key="k4", consultation=worry_form, text=DANGER,
                                   categories={"weapons"}, channel=Channel.BOT, now=later(-20))
        # A form whose only question for words is asked only after some answers: nowhere sure to put them.
        worry_form.definition.source = worry_form.definition.source.replace(
            "type: free_text", "type: free_text\n        show_if: {question: topic, in: [knives]}")
        db_session.flush()
        now = utcnow()
        assert release_due_messages(db_session, now=now) == 0
        assert held_rows(db_session) == [held] and held.due_at > now
