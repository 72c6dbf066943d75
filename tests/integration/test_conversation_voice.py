"""The chat sounds like a trusted adult: thanks for every report, help first when it is urgent, a
reference and check code, a few age bands, and a question count that holds."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.safeguarding.risk import DANGER_LINE
from survey.storage.models import Response
from survey.triage.codes import code_matches
from tests.conversations import INSIDE_THE_AREA, PARTNERSHIP_SLUG, Chat, make_demo_partnership

CODE = re.compile(r"Your check code is ([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})\.")
HEADING = re.compile(r"^Question (\d+) of (\d+)\n", re.MULTILINE)


@pytest.fixture
def chat(db_session) -> Chat:
    make_demo_partnership(db_session)
    return Chat(ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG))


def send_a_worry(chat: Chat, words: str) -> list[str]:
    chat.command("start")
    chat.tap(texts.MENU_WORRY)
    chat.tap("Drugs")
    chat.say(words)
    chat.tap(texts.SKIP)
    chat.tap(texts.AGE_11_TO_15)
    return [reply.text for reply in chat.tap(texts.SEND)]


def headings(replies) -> list[tuple[int, int]]:
    return [(int(n), int(total)) for reply in replies for n, total in HEADING.findall(reply.text)]


class TestTheConfirmation:
    def test_an_ordinary_report_is_thanked_and_gets_its_reference_and_a_working_check_code(self, chat,
                                                                                      db_session):
        sent = send_a_worry(chat, "people sell weed by the shops")
        [response] = db_session.scalars(select(Response))
        assert not response.urgent
        assert sent[0].startswith(texts.THANK_YOU)
        assert f"Your reference is {response.reference}." in sent[0]
        code = CODE.search(sent[0])[1]
        assert code_matches(response.reference, code, response.check_code_hash)
        assert texts.TRUSTED_ADULT in sent[0] and sent[0].endswith(texts.NOT_WATCHED)
        assert DANGER_LINE not in sent[0] and sent[1:] == [texts.MENU]

    def test_an_urgent_report_leads_with_help_now_then_gives_the_reference(self, chat, db_session):
        sent = send_a_worry(chat, "a man at the park keeps making me carry drugs to another town")
        [response] = db_session.scalars(select(Response))
        assert response.urgent
        help_now, reference, menu = sent
        assert help_now.startswith(texts.paragraphs(texts.THANK_YOU, texts.SENT_URGENT, DANGER_LINE))
        assert "Childline" in help_now and "Your reference" not in help_now
        assert f"Your reference is {response.reference}." in reference and CODE.search(reference)
        assert texts.TRUSTED_ADULT_URGENT in reference and menu == texts.MENU

    def test_the_code_is_not_kept_in_the_conversation_beyond_the_reply(self, chat):
        sent = send_a_worry(chat, "people sell weed by the shops")
        code = CODE.search(sent[0])[1]
        chat.command("start")
        assert code not in repr(chat.engine.store.snapshot())


class TestAskingAge:
    def test_age_is_a_few_bands_and_25_or_over_asks_which_then_stores_the_web_band(self, chat, db_session):
        chat.command("start")
        chat.tap(texts.MENU_WORRY)
        chat.tap("Drugs")
        chat.say("dealing near the bus station")
        asked = chat.tap(texts.SKIP)[-1]
        labels = [b.label for row in asked.buttons for b in row]
        assert labels == [texts.AGE_11_TO_15, texts.AGE_16_OR_17, texts.AGE_18_TO_24, texts.AGE_25_OR_OVER,
                          texts.AGE_RATHER_NOT_SAY, texts.SKIP, texts.CANCEL]
        which = chat.tap(texts.AGE_25_OR_OVER)[-1]
        assert which.text == texts.WHICH_ONE
        assert [b.label for row in which.buttons for b in row][:6] == [
            "25 to 34", "35 to 44", "45 to 54", "55 to 64", "65 to 74", "75 and over"]
        back = chat.tap(texts.GO_BACK)[-1]
        assert back.text.startswith("Question 4 of 4")
        chat.say("25 or over")
        chat.tap("35 to 44")
        chat.tap(texts.SEND)
        [response] = db_session.scalars(select(Response))
        assert {(a.question_id, a.option) for a in response.answers if a.option} >= {
            ("about_age_band", "35_44"), ("topic", "drugs")}


class TestTheQuestionCount:
    @pytest.mark.parametrize(("feeling", "follow_up"), [("I feel unsafe here", "Poor lighting"),
                                                         ("I feel safe here", "It is well lit")])
    def test_the_count_never_changes_and_every_number_is_asked_once(self, chat, feeling, follow_up):
        chat.command("start")
        seen = headings(chat.tap(texts.MENU_REPORT))
        seen += headings(chat.tap(feeling))
        seen += headings(chat.share(*INSIDE_THE_AREA))
        chat.tap(follow_up)
        seen += headings(chat.tap(texts.DONE))
        chat.tap("After school")
        seen += headings(chat.tap(texts.DONE))
        seen += headings(chat.tap("At weekends"))
        seen += headings(chat.tap(texts.AGE_16_OR_17))
        assert seen == [(n, 7) for n in range(1, 8)]
