"""The Telegram adapter's side of a conversation: keyed hashes of chat ids, rotation, expiry in the
store, turning Updates into input and long replies into messages."""

from __future__ import annotations

import pytest
from telegram import Bot, Update

from bot.chat_keys import ChatKeys
from bot.telegram_adapter import incoming_from, split_text
from survey.conversations.havens import distance_in_words
from survey.conversations.messages import InputKind, Reply
from survey.conversations.store.memory import MemoryStore as ConversationStore

CHAT_ID = 8_642_097_531


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class TestChatKeys:
    def test_a_key_is_a_keyed_hash_not_the_id(self):
        key = ChatKeys().key_for(CHAT_ID)
        assert str(CHAT_ID) not in key.current and len(key.current) == 32
        assert ChatKeys().key_for(CHAT_ID).current != key.current  # a new process, a new key

    def test_the_key_rotates_and_the_old_one_is_still_offered_for_one_period(self):
        clock = Clock()
        keys = ChatKeys(rotation_seconds=60, clock=clock)
        first = keys.key_for(CHAT_ID)
        clock.now += 61
        second = keys.key_for(CHAT_ID)
        assert second.current != first.current and second.previous == first.current


class TestConversationStore:
    def test_a_conversation_survives_a_key_rotation(self):
        clock = Clock()
        keys = ChatKeys(rotation_seconds=60, clock=clock)
        store = ConversationStore(clock=clock)
        store.get(keys.key_for(CHAT_ID)).flow = "worry"
        clock.now += 61
        assert store.get(keys.key_for(CHAT_ID)).flow == "worry"
        assert len(store) == 1

    def test_a_conversation_is_forgotten_after_30_idle_minutes(self):
        clock = Clock()
        keys = ChatKeys(clock=clock)
        store = ConversationStore(idle_seconds=30 * 60, clock=clock)
        store.get(keys.key_for(CHAT_ID)).flow = "worry"
        clock.now += 29 * 60
        assert store.get(keys.key_for(CHAT_ID)).flow == "worry"  # still there, and the clock restarts
        clock.now += 31 * 60
        assert store.get(keys.key_for(CHAT_ID)).flow is None

    def test_idle_conversations_are_swept_even_if_never_touched_again(self):
        clock = Clock()
        keys = ChatKeys(clock=clock)
        store = ConversationStore(idle_seconds=60, clock=clock)
        store.get(keys.key_for(1))
        clock.now += 120
        store.get(keys.key_for(2))
        assert len(store) == 1

    def test_forget_drops_it_now(self):
        keys = ChatKeys()
        store = ConversationStore()
        store.get(keys.key_for(CHAT_ID)).flow = "worry"
        store.forget(keys.key_for(CHAT_ID))
        assert len(store) == 0


def update(**content) -> Update:
    chat = {"id": CHAT_ID, "type": "private", "first_name": "Zebedee"}
    user = {"id": CHAT_ID, "is_bot": False, "first_name": "Zebedee"}
    message = {"message_id": 1, "date": 1_700_000_000, "chat": chat, "from": user}
    if "callback" in content:
        query = {"id": "1", "from": user, "chat_instance": "1", "data": content.pop("callback"),
                 "message": {**message, "text": "..."}}
        return Update.de_json({"update_id": 9, "callback_query": query}, Bot("1:x"))
    key = "edited_message" if content.pop("edited", False) else "message"
    return Update.de_json({"update_id": 9, key: {**message, **content}}, Bot("1:x"))


class TestIncomingFromRealUpdates:
    @pytest.mark.parametrize(("content", "kind", "text"), [
        ({"text": "hello"}, InputKind.TEXT, "hello"),
        ({"text": "/start"}, InputKind.COMMAND, "start"),
        ({"text": "/Cancel@safer_voices_bot now"}, InputKind.COMMAND, "cancel"),
        ({"callback": "3:o:1"}, InputKind.BUTTON, "3:o:1"),
        ({"text": "new words", "edited": True, "edit_date": 1_700_000_100}, InputKind.EDITED, "new words"),
        ({"sticker": {"file_id": "a", "file_unique_id": "b", "width": 1, "height": 1, "is_animated": False,
                      "is_video": False, "type": "regular"}}, InputKind.UNSUPPORTED, ""),
        ({"voice": {"file_id": "a", "file_unique_id": "b", "duration": 2}}, InputKind.UNSUPPORTED, ""),
        ({"photo": [{"file_id": "a", "file_unique_id": "b", "width": 1, "height": 1}], "caption": "look"},
         InputKind.UNSUPPORTED, "look"),
    ])
    def test_each_kind_of_message(self, content, kind, text):
        incoming = incoming_from(update(**content), "key")
        assert (incoming.kind, incoming.text, incoming.update_key) == (kind, text, "key")

    def test_a_location(self):
        incoming = incoming_from(update(location={"latitude": 51.5, "longitude": -0.12}))
        assert (incoming.kind, incoming.latitude, incoming.longitude) == (InputKind.LOCATION, 51.5, -0.12)


class TestSplitText:
    def test_short_text_is_one_message(self):
        assert split_text("hello\nthere") == ["hello\nthere"]

    def test_long_text_is_cut_at_line_breaks_and_nothing_is_lost(self):
        text = "\n".join(f"line {n} " + "x" * 50 for n in range(200))
        chunks = split_text(text, limit=1000)
        assert all(len(chunk) <= 1000 for chunk in chunks) and "\n".join(chunks) == text

    def test_one_very_long_line_is_cut_too(self):
        assert split_text("y" * 2500, limit=1000) == ["y" * 1000, "y" * 1000, "y" * 500]

    def test_reply_defaults_have_no_keyboard(self):
        assert Reply("hi").buttons == () and not Reply("hi").ask_location


@pytest.mark.parametrize(("metres", "words"), [
    (12, "about 50 metres away"), (380, "about 400 metres away"), (990, "about 1.0 km away"),
    (1260, "about 1.3 km away"),
])
def test_distances_in_plain_words(metres, words):
    assert distance_in_words(metres) == words
