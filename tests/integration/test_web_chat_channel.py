"""A report made in the website's chat is recorded as channel ``chat`` and officers see it as "Website
chat"; one made on Telegram stays ``bot`` ("Telegram chat"). The conversations are the same."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import ChatChannel
from survey.conversations.state import ConversationKey
from survey.storage.models import Response
from survey.vocabulary import Channel, Role
from tests.conversations import PARTNERSHIP_SLUG, Chat, make_demo_partnership, tell_a_worry
from tests.factories import PASSWORD, make_officer
from tests.web import sign_in
from webapp.officer.places.hotspot_filters import read_filters

REPORTS = "/officer/reports"
REFERENCE = re.compile(r"Your reference is ([A-Z0-9-]+)\.")


@pytest.fixture
def demo(db_session):
    return make_demo_partnership(db_session)


def report_a_worry(db_session, channel: ChatChannel) -> Response:
    engine = ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG, channel=channel)
    chat = Chat(engine, ConversationKey(f"{channel.value}-chat"))
    reference = REFERENCE.search(tell_a_worry(chat)).group(1)
    return db_session.scalars(select(Response).where(Response.reference == reference)).one()


def sent_by(page: str, reference: str) -> str:
    """The "Sent by" cell of the reports list's row for ``reference``."""
    row = next(row for row in page.split("<tr ") if f">{reference}</a>" in row)
    return re.search(r'data-label="Sent by" class="govuk-table__cell">([^<]*)<', row).group(1)


def test_every_chat_is_recorded_as_a_channel_of_its_own():
    assert {chat: chat.recorded_as for chat in ChatChannel} == {
        ChatChannel.TELEGRAM: Channel.BOT, ChatChannel.WEB: Channel.CHAT}


class TestStored:
    def test_a_report_from_the_web_chat_is_stored_as_chat(self, db_session, demo):
        assert report_a_worry(db_session, ChatChannel.WEB).channel is Channel.CHAT

    def test_a_report_from_telegram_is_still_stored_as_bot(self, db_session, demo):
        assert report_a_worry(db_session, ChatChannel.TELEGRAM).channel is Channel.BOT


class TestOfficersSeeWhereItCameFrom:
    @pytest.fixture
    def client(self, app, db_session, demo):
        officer = make_officer(db_session, demo, Role.ANALYST)
        client = app.test_client()
        assert sign_in(client, officer.email, PASSWORD).status_code == 302
        return client

    @pytest.fixture
    def reports(self, db_session, demo) -> dict[ChatChannel, str]:
        return {channel: report_a_worry(db_session, channel).reference for channel in ChatChannel}

    def test_the_list_labels_each_chat_and_filters_by_it(self, client, reports):
        web, telegram = reports[ChatChannel.WEB], reports[ChatChannel.TELEGRAM]
        everything = client.get(REPORTS).get_data(as_text=True)
        assert sent_by(everything, web) == "Website chat"
        assert sent_by(everything, telegram) == "Telegram chat"
        assert 'value="chat"' in everything  # offered as a filter
        chat_only = client.get(f"{REPORTS}?channel=chat").get_data(as_text=True)
        assert web in chat_only and telegram not in chat_only
        bot_only = client.get(f"{REPORTS}?channel=bot").get_data(as_text=True)
        assert telegram in bot_only and web not in bot_only

    def test_the_report_page_says_it_came_from_the_website_chat(self, client, reports):
        page = client.get(f"{REPORTS}/{reports[ChatChannel.WEB]}").get_data(as_text=True)
        assert re.search(r"Sent by\s*</dt>\s*<dd[^>]*>\s*Website chat\s*</dd>", page)


def test_the_hotspot_filter_takes_the_web_chat():
    filters, errors = read_filters({"channel": "chat"})
    assert errors == {} and filters.channel is Channel.CHAT
