"""The transcript a channel that shows the chat again on every page keeps (the web chat), and the texts
that differ by channel: what the person did is shown as they did it, never a check code; the transcript
lives and dies with the conversation."""

from __future__ import annotations

import re

import pytest

from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import ChatChannel, InputKind
from survey.conversations.state import TRANSCRIPT_LIMIT, Conversation, ConversationKey, Said
from survey.conversations.store import codec
from tests.conversations import PARTNERSHIP_NAME, PARTNERSHIP_SLUG, Chat, make_demo_partnership, tell_a_worry

SENT = re.compile(r"Your reference is ([A-Z0-9-]+)\.\nYour check code is ([A-Z0-9-]+)\.")


@pytest.fixture
def engine(db_session) -> ConversationEngine:
    make_demo_partnership(db_session)
    return ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG, channel=ChatChannel.WEB)


@pytest.fixture
def chat(engine) -> Chat:
    return Chat(engine, ConversationKey("web-chat-key"), transcript=True)


def transcript(chat: Chat) -> list[Said]:
    found = chat.engine.peek(chat.key)
    assert found is not None and found.transcript is not None
    return found.transcript


def send_a_worry(chat: Chat) -> tuple[str, str]:
    reference, code = SENT.search(tell_a_worry(chat)).groups()
    return reference, code


def test_the_transcript_shows_commands_button_labels_and_words_with_every_reply(chat):
    welcome = chat.command("start")
    chat.tap(texts.MENU_WORRY)
    lines = transcript(chat)
    assert lines[0] == Said("person", "/start")
    assert lines[1:3] == [Said("us", welcome[0].text), Said("us", texts.MENU)]
    assert Said("person", texts.MENU_WORRY) in lines
    assert lines[-1].by == "us"


def test_a_check_code_typed_in_is_never_in_the_transcript_or_the_stored_state(chat, engine):
    reference, code = send_a_worry(chat)
    chat.tap(texts.MENU_CHECK)
    chat.say(reference)
    chat.say(code)
    lines = transcript(chat)
    said = [line.text for line in lines if line.by == "person"]
    assert reference in said
    assert code not in said
    assert said[-1] == texts.SAID_CHECK_CODE
    # our own reply that gave the code is there, as the person saw it
    assert any(code in line.text for line in lines if line.by == "us")
    assert said.count(code) == 0
    state = codec.dumps(engine.peek(chat.key))
    assert state.count(code) == sum(line.text.count(code) for line in lines if line.by == "us")


def test_ticking_options_replaces_our_last_line_instead_of_adding_one(chat):
    chat.command("start")
    chat.tap(texts.MENU_WORRY)
    before = len(transcript(chat))
    chat.tap("Drugs")
    after = transcript(chat)
    assert after[-2] == Said("person", "Drugs")
    assert len(after) == before + 2


def test_the_transcript_keeps_only_the_newest_lines(chat):
    chat.command("start")
    for number in range(TRANSCRIPT_LIMIT):
        chat.say(f"hello {number}")
    lines = transcript(chat)
    assert len(lines) == TRANSCRIPT_LIMIT
    assert Said("person", f"hello {TRANSCRIPT_LIMIT - 1}") in lines
    assert Said("person", "/start") not in lines


def test_peek_finds_nothing_before_the_first_turn_and_after_the_end(chat, engine):
    assert engine.peek(chat.key) is None
    chat.command("start")
    assert engine.peek(chat.key) is not None
    engine.end(chat.key)
    assert engine.peek(chat.key) is None


def test_a_channel_without_a_transcript_keeps_none(engine):
    chat = Chat(engine, ConversationKey("telegram-like"))
    chat.command("start")
    found = engine.peek(chat.key)
    assert found is not None and found.transcript is None


def test_a_replayed_update_adds_nothing_to_the_transcript(chat):
    chat.command("start")
    chat.send(InputKind.TEXT, "hello", update_key="u1")
    before = list(transcript(chat))
    chat.send(InputKind.TEXT, "hello", update_key="u1")
    assert transcript(chat) == before


def test_the_codec_keeps_the_transcript_and_a_state_without_one_stays_without():
    with_lines = Conversation(transcript=[Said("person", "hi"), Said("us", "Hello\nthere")])
    assert codec.loads(codec.dumps(with_lines)).transcript == with_lines.transcript
    assert codec.loads(codec.dumps(Conversation())).transcript is None
    assert codec.loads(codec.dumps(Conversation(transcript=[]))).transcript == []


class TestTextsByChannel:
    def test_the_web_welcome_mentions_no_telegram_and_how_to_forget(self, chat):
        welcome = chat.command("start")[0].text
        assert welcome == texts.WELCOME_WEB.format(name=PARTNERSHIP_NAME)
        assert "Telegram" not in welcome and "Forget this chat" in welcome

    def test_forgetting_in_the_web_chat_says_how_to_clear_the_browser(self, chat):
        chat.command("start")
        assert chat.command("forget")[0].text == texts.FORGOTTEN_WEB

    def test_a_found_report_in_the_web_chat_gets_the_web_privacy_line(self, chat):
        reference, code = send_a_worry(chat)
        chat.tap(texts.MENU_CHECK)
        chat.say(reference)
        found = chat.say(code)[0].text
        assert texts.CHECK_PRIVATE_WEB in found and "Telegram" not in found

    def test_every_text_that_differs_by_channel_has_both_and_only_the_telegram_ones_say_telegram(self):
        differing = (texts.WELCOME_IN, texts.FORGOTTEN_IN, texts.FORGOTTEN_HELD_IN, texts.CHECK_PRIVATE_IN,
                     texts.LOCATION_PROMPT_IN, texts.HAVENS_NEED_LOCATION_IN)
        for by_channel in differing:
            assert set(by_channel) == {channel.value for channel in ChatChannel}
            assert "Telegram" not in by_channel[ChatChannel.WEB]
            assert by_channel[ChatChannel.WEB] != by_channel[ChatChannel.TELEGRAM]
