"""The chat scripts (:mod:`tests.chat_scripts`) against the conversation engine on its own, as each chat
runs it; the Telegram bot and the web chat play the same scripts through their own drivers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import ChatChannel
from survey.signposting.services import HelpTopic
from survey.storage.models import Partnership, Response
from survey.triage.codes import code_matches
from tests.chat_scripts import (
    FORGET,
    OPEN_THE_CHAT,
    SCRIPTS,
    WELCOME,
    WORRY,
    EngineDriver,
    Script,
    ScriptFailure,
    play,
    say,
    start,
    tap,
)
from tests.conversations import PARTNERSHIP_SLUG, make_demo_partnership


@pytest.fixture
def demo(db_session) -> Partnership:
    return make_demo_partnership(db_session)


def driver_for(db_session, channel: ChatChannel) -> EngineDriver:
    engine = ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG, channel=channel)
    # The web chat keeps a transcript to show again on each page; the bot does not.
    return EngineDriver(engine, transcript=channel is ChatChannel.WEB)


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("channel", list(ChatChannel), ids=str)
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_every_script_passes_against_the_engine(script, channel, db_session):
    play(driver_for(db_session, channel), script, channel=channel)


def test_the_scripts_have_different_names():
    assert len({script.name for script in SCRIPTS}) == len(SCRIPTS)


@pytest.mark.usefixtures("demo")
class TestAFailingScriptFails:
    """The harness must be able to fail, and say where and what was seen."""

    def test_a_wrong_expectation_names_the_script_the_step_and_what_was_seen(self, db_session):
        wrong = Script("wrong", (OPEN_THE_CHAT, tap(texts.MENU_HELP, expect=texts.HAVENS_ASK)))
        with pytest.raises(ScriptFailure) as failure:
            play(driver_for(db_session, ChatChannel.TELEGRAM), wrong, channel=ChatChannel.TELEGRAM)
        message = str(failure.value)
        assert message.startswith(f"script 'wrong', step 1 (tap {texts.MENU_HELP!r}): expected")
        assert repr(texts.HAVENS_ASK) in message
        assert f"The person saw 1 message(s):\n--- reply 0:\n{texts.HELP_TOPIC}\n" in message
        assert f"Buttons offered now: [{HelpTopic.EMERGENCY.label!r}, " in message

    def test_expectations_are_checked_in_the_order_of_the_replies(self, db_session):
        backwards = Script("backwards", (start(expect=(texts.MENU, WELCOME)),))  # OPEN_THE_CHAT's, swapped
        with pytest.raises(ScriptFailure, match="step 0 \\(start\\): expected 'Hi. .* at or after reply 1"):
            play(driver_for(db_session, ChatChannel.WEB), backwards, channel=ChatChannel.WEB)

    def test_a_value_to_remember_that_is_not_there_fails_the_step(self, db_session):
        nothing = Script("nothing", (start(remember=r"reference is (?P<reference>\w+)"),))
        with pytest.raises(ScriptFailure, match="nothing in the replies matches"):
            play(driver_for(db_session, ChatChannel.WEB), nothing, channel=ChatChannel.WEB)

    def test_the_other_chats_words_do_not_pass(self, db_session):
        with pytest.raises(ScriptFailure, match="script 'forget', step 0 \\(start\\): expected"):
            play(driver_for(db_session, ChatChannel.TELEGRAM), FORGET, channel=ChatChannel.WEB)

    def test_a_button_that_is_not_offered_fails_before_anything_is_sent(self, db_session):
        missing = Script("missing", (OPEN_THE_CHAT, tap(texts.SEND)))
        with pytest.raises(ScriptFailure, match=f"no button {texts.SEND!r} is offered; offered: \\["):
            play(driver_for(db_session, ChatChannel.WEB), missing, channel=ChatChannel.WEB)

    def test_words_that_must_not_be_seen_fail_the_step(self, db_session):
        unwanted = Script("unwanted", (OPEN_THE_CHAT, tap(texts.MENU_CHECK, absent=texts.CHECK_REFERENCE)))
        with pytest.raises(ScriptFailure, match="did not expect"):
            play(driver_for(db_session, ChatChannel.WEB), unwanted, channel=ChatChannel.WEB)

    def test_a_value_never_remembered_cannot_be_typed(self, db_session):
        early = Script("early", (OPEN_THE_CHAT, tap(texts.MENU_CHECK), say("{reference}")))
        with pytest.raises(ScriptFailure, match="cannot fill in '{reference}'"):
            play(driver_for(db_session, ChatChannel.WEB), early, channel=ChatChannel.WEB)


@pytest.mark.usefixtures("demo")
def test_the_reference_and_code_are_remembered_from_the_confirmation(db_session):
    remembered = play(driver_for(db_session, ChatChannel.WEB), WORRY, channel=ChatChannel.WEB)
    report = db_session.scalar(select(Response).where(Response.reference == remembered["reference"]))
    assert report is not None and code_matches(report.reference, remembered["code"], report.check_code_hash)
