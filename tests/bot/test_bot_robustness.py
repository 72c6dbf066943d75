"""Things people (and networks) do that a form never sees: stickers, edits, groups, old buttons,
restarts, a flaky Bot API and bugs. None of them may crash the bot or lose a safety message."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import update

from bot.app import adapter_of
from survey.conversations import texts
from survey.safeguarding.risk import DANGER_LINE
from survey.storage.models import ConversationState
from tests.bot.conftest import run_bot
from tests.bot.test_bot_end_to_end import step

pytestmark = pytest.mark.usefixtures("demo")


class TestWhatTheBotCannotRead:
    def test_stickers_photos_and_voice_notes_get_a_polite_reply(self, make_bot, fake_api, person):
        def scenario() -> list[list[str]]:
            return [step(fake_api, lambda: fake_api.send_sticker(person), "only read typed messages"),
                    step(fake_api, lambda: fake_api.send_photo(person), "only read typed messages"),
                    step(fake_api, lambda: fake_api.send_voice(person), "only read typed messages")]

        assert run_bot(make_bot(), scenario) == [[texts.UNSUPPORTED]] * 3

    def test_a_photo_caption_is_still_checked_for_risk(self, make_bot, fake_api, person):
        def scenario() -> list[str]:
            return step(fake_api, lambda: fake_api.send_photo(person, caption="he beats me every night"),
                        texts.UNSUPPORTED)

        replies = run_bot(make_bot(), scenario)
        assert replies[0].startswith(DANGER_LINE) and "0808 2000 247" in replies[0]

    def test_an_edited_message_is_explained_and_checked_for_risk(self, make_bot, fake_api, person):
        def scenario() -> tuple[list[str], list[str]]:
            calm = step(fake_api, lambda: fake_api.edit_text(person, "the park is fine"), texts.EDITED)
            urgent = step(fake_api, lambda: fake_api.edit_text(person, "someone is following me"),
                          texts.EDITED)
            return calm, urgent

        calm, urgent = run_bot(make_bot(), scenario)
        assert calm == [texts.EDITED]
        assert urgent[0].startswith(DANGER_LINE) and urgent[1] == texts.EDITED


class TestOtherChats:
    def test_a_group_gets_pointed_to_a_private_chat_and_is_otherwise_ignored(self, make_bot, fake_api,
                                                                              person):
        def scenario() -> list[str]:
            fake_api.send_text(person, "anyone going to the park later", chat_type="group")
            fake_api.channel_post("Road closed on Saturday")
            replies = step(fake_api, lambda: fake_api.send_text(person, "/start", chat_type="supergroup"),
                           "private chats")
            return replies + step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)

        replies = run_bot(make_bot(), scenario)
        assert replies[0] == texts.GROUP_CHAT
        assert replies[1].startswith("Hi.")  # nothing was sent for the group chatter or the channel post
        assert fake_api.sent()[0]["chat_id"] < 0


class TestOldButtonsAndRestarts:
    def test_a_button_from_an_old_keyboard_says_so_and_repeats_the_question(self, make_bot, fake_api, person):
        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "What is your worry about?")
            step(fake_api, lambda: fake_api.press(person, "Drugs"), "own words")
            return step(fake_api, lambda: fake_api.press(person, "Bullying"), "own words")

        replies = run_bot(make_bot(), scenario)
        assert replies == [texts.STALE_BUTTON, replies[1]] and replies[1].startswith("Question 2 of 4")

    def test_a_forged_button_is_treated_as_old(self, make_bot, fake_api, person):
        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "What is your worry about?")
            turn = fake_api.button("Drugs")[1].split(":")[0]
            return step(fake_api, lambda: fake_api.press(person, "", data=f"{turn}:o:999"), "worry about")

        assert run_bot(make_bot(), scenario)[0] == texts.STALE_BUTTON

    def test_after_a_restart_the_conversation_goes_on(self, make_bot, fake_api, person):
        def before() -> None:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "What is your worry about?")

        run_bot(make_bot(), before)
        # A new Application, as a new process: the conversation is in the shared store, not in memory.
        replies = run_bot(make_bot(), lambda: step(fake_api, lambda: fake_api.press(person, "Bullying"),
                                                   "own words"))
        assert replies[-1].startswith("Question 2 of 4")

    def test_after_idle_expiry_an_old_button_restarts_cleanly(self, make_bot, fake_api, person, db_session):
        def before() -> None:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "What is your worry about?")

        def after() -> tuple[list[str], list[str], list[str]]:
            old_button = step(fake_api, lambda: fake_api.press(person, "Bullying"), texts.MENU)
            typed = step(fake_api, lambda: fake_api.send_text(person, "hello?"), texts.MENU)
            menu = step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "worry about?")
            return old_button, typed, menu

        run_bot(make_bot(), before)
        expired = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        db_session.execute(update(ConversationState).values(expires_at=expired))
        old_button, typed, menu = run_bot(make_bot(), after)
        assert old_button == [texts.STALE_BUTTON, texts.MENU]
        assert typed == [texts.MENU]
        assert menu[-1].startswith("Question 1 of 4")


class TestFailures:
    def test_network_errors_sending_a_reply_are_retried(self, make_bot, fake_api, person, caplog):
        fake_api.fail("sendMessage", times=2)

        def scenario() -> list[str]:
            return step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)

        replies = run_bot(make_bot(), scenario)
        assert replies[0].startswith("Hi.")
        attempts = [call for call in fake_api.calls if call.method == "sendMessage"]
        assert len(attempts) == 2 + 2  # two failures, then the welcome and the menu
        assert "trying again" in caplog.text

    def test_telegram_asking_to_slow_down_is_respected(self, make_bot, fake_api, person):
        fake_api.fail("sendMessage", retry_after=1)

        def scenario() -> list[str]:
            return step(fake_api, lambda: fake_api.send_text(person, "/help"), "/forget")

        assert run_bot(make_bot(), scenario)[0] == texts.HELP

    def test_a_bug_gets_one_apology_and_a_log_line_without_the_message(self, make_bot, fake_api, person,
                                                                        caplog):
        application = make_bot()

        def broken(key, incoming):
            raise RuntimeError(f"boom: {incoming.text}")

        adapter_of(application).engine.handle = broken
        caplog.set_level(logging.DEBUG)

        def scenario() -> list[str]:
            return step(fake_api, lambda: fake_api.send_text(person, "my secret words"), "went wrong")

        assert run_bot(application, scenario) == [texts.SOMETHING_WENT_WRONG]
        errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
        assert [record.name for record in errors] == ["bot.telegram_adapter"]
        assert "RuntimeError" in caplog.text and "my secret words" not in caplog.text
