"""The chat scripts (:mod:`tests.chat_scripts`) against the web chat with JavaScript off, page by page
through the app, as the Telegram bot plays them through the fake Bot API: the same conversations, the
same words, so the two chats cannot drift apart."""

from __future__ import annotations

import html

import pytest
from flask import Flask

from survey.conversations.messages import ChatChannel
from tests.chat_scripts import SCRIPTS, Action, Step, play
from tests.conversations import make_demo_partnership
from tests.web_chat import ChatPage, WebChat

FORGET_BUTTON = "Forget this chat"


class WebChatDriver:
    """A young person in a browser without JavaScript: a new browser for each script."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.chat = WebChat(app.test_client())

    def start_fresh(self) -> None:
        self.chat = WebChat(self.app.test_client())

    def do(self, step: Step) -> list[str]:
        chat = self.chat
        if step.action is not Action.START and (chat.page is None or not chat.page.lines):
            chat.start()  # after the chat ended, a person on the start page presses "Start chat" first
        match step.action:
            case Action.START if chat.page is None or not chat.page.lines:
                page = chat.start()
            case Action.START:
                page = chat.say("/start")
            case Action.COMMAND:
                page = chat.say(f"/{step.text}")
            case Action.SAY:
                page = chat.say(step.text)
            case Action.TAP:
                page = chat.tap(step.text)
        if not page.lines:  # the chat ended (forget): what it said is the notice on the start page
            return [html.unescape(page.notice.strip())]
        return ours(page)

    def labels(self) -> list[str]:
        page = self.chat.page
        return [label for label in (page.buttons if page else {}) if label != FORGET_BUTTON]


def ours(page: ChatPage) -> list[str]:
    return page.ours_since_last_said()


@pytest.fixture
def demo(db_session):
    return make_demo_partnership(db_session)


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_every_script_passes_in_the_web_chat(script, app):
    play(WebChatDriver(app), script, channel=ChatChannel.WEB)
