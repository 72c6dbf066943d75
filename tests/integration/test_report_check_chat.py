"""Check a report in the chat: the reference and check code show the status and the team's reply and
nothing else; a wrong code reveals nothing; wrong codes are limited; a reporter can withdraw."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.conversations.state import ConversationKey
from survey.safeguarding.risk import DANGER_LINE, assess
from survey.storage.models import AuditEvent, Response
from survey.triage.check import WITHDRAWN_ACTION
from survey.vocabulary import ReportStatus
from tests.conversations import PARTNERSHIP_SLUG, Chat, make_demo_partnership

SENT = re.compile(r"Your reference is ([A-Z0-9-]+)\.\nYour check code is ([A-Z0-9-]+)\.")
WORDS = "older boys sell weed behind the leisure centre"
REPLY = "Thank you. Officers are patrolling the leisure centre in the evenings now."


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def engine(db_session, clock) -> ConversationEngine:
    make_demo_partnership(db_session)
    return ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG, clock=clock)


@pytest.fixture
def chat(engine) -> Chat:
    return Chat(engine)


@pytest.fixture
def sent(chat, db_session) -> tuple[Response, str]:
    """A worry sent in the chat: the stored response and the check code the person was shown."""
    chat.command("start")
    chat.tap(texts.MENU_WORRY)
    chat.tap("Drugs")
    chat.say(WORDS)
    chat.say("Castle Park")
    chat.tap(texts.AGE_16_OR_17)
    reference, code = SENT.search(chat.tap(texts.SEND)[0].text).groups()
    response = db_session.scalar(select(Response).where(Response.reference == reference))
    return response, code


def check(chat: Chat, reference: str, code: str) -> list[str]:
    chat.tap(texts.MENU_CHECK)
    chat.say(reference)
    return [reply.text for reply in chat.say(code)]


def labels(chat: Chat) -> list[str]:
    return list(chat.buttons)


class TestChecking:
    def test_the_right_code_shows_the_status_and_the_reply_and_nothing_else(self, chat, sent, db_session):
        response, code = sent
        response.status, response.reply = ReportStatus.ACTIONED, REPLY
        db_session.flush()
        [shown] = check(chat, response.reference, code)
        assert shown == texts.paragraphs(texts.STATUS_ACTIONED, texts.CHECK_REPLY.format(reply=REPLY),
                                         texts.CHECK_PRIVATE)
        assert labels(chat) == [texts.WITHDRAW, texts.BACK_TO_MENU]

    def test_status_only_says_there_is_no_message(self, chat, sent):
        response, code = sent
        [shown] = check(chat, response.reference.lower().replace("-", " "), code.lower())  # as typed
        assert shown == texts.paragraphs(texts.STATUS_NEW, texts.CHECK_NO_REPLY, texts.CHECK_PRIVATE)

    def test_a_wrong_code_and_an_unknown_reference_get_the_same_answer(self, chat, sent):
        response, code = sent
        wrong = check(chat, response.reference, "AAA-BBB-CCC")
        chat.tap(texts.BACK_TO_MENU)
        unknown = check(chat, "ZZZZ-ZZZZ-ZZ", code)
        assert wrong == unknown == [texts.CHECK_NO_MATCH]
        assert labels(chat) == [texts.TRY_AGAIN, texts.BACK_TO_MENU]
        assert chat.tap(texts.TRY_AGAIN)[0].text == texts.CHECK_REFERENCE

    def test_something_that_is_not_a_reference_is_asked_for_again(self, chat):
        chat.command("start")
        chat.tap(texts.MENU_CHECK)
        assert chat.say("my report from tuesday")[0].text == texts.CHECK_NOT_A_REFERENCE
        assert chat.engine.store.get(chat.key).step == "reference"

    def test_the_code_is_not_kept_in_the_conversation(self, chat, sent):
        response, code = sent
        chat.command("start")  # the confirmation (the one reply that shows the code) is now gone
        check(chat, response.reference, code)
        assert code not in repr(chat.engine.store.snapshot())
        assert code.replace("-", "") not in repr(chat.engine.store.snapshot())


    def test_a_reference_or_code_the_classifier_misreads_is_not_taken_for_danger(self, chat, engine):
        # Random letters the English classifier reads as words of danger ("ME", "HE"): as a reference
        # or a check code where one is asked for, they are neither flagged nor held.
        assert assess("VFQU-XV27-M3").urgent and assess("ME3-732-JZC").urgent
        chat.command("start")
        assert check(chat, "VFQU-XV27-M3", "ME3-732-JZC") == [texts.CHECK_NO_MATCH]
        conversation = engine.store.get(chat.key)
        assert conversation.held is None and not conversation.risks
        assert chat.say("he has a knife")[0].text.startswith(DANGER_LINE)  # real words still are


class TestWrongCodeLimits:
    def test_five_wrong_codes_in_a_conversation_stop_checks_for_an_hour_even_after_forget(
        self, chat, sent, clock
    ):
        response, code = sent
        for attempt in range(5):
            chat.command("start")
            assert check(chat, f"ABCD-EFGH-{attempt}A", "AAA-BBB-CCC") == [texts.CHECK_NO_MATCH]
        chat.command("forget")
        chat.command("start")
        assert check(chat, response.reference, code)[0] == texts.CHECK_TOO_MANY
        clock.now += 3601
        chat.command("start")
        assert check(chat, response.reference, code)[0].startswith(texts.STATUS_NEW)

    def test_a_reference_locks_after_ten_wrong_codes_whoever_types_them(self, engine, sent):
        response, code = sent
        for person in range(2):
            other = Chat(engine, ConversationKey(f"someone-else-{person}"))
            for _ in range(5):
                other.command("start")
                check(other, response.reference, "AAA-BBB-CCC")
        other = Chat(engine, ConversationKey("a-third-person"))
        other.command("start")
        assert check(other, response.reference, code)[0] == texts.CHECK_LOCKED


class TestWithdrawing:
    def test_withdrawing_takes_the_code_again_then_deletes_the_report(self, chat, sent, db_session):
        response, code = sent
        check(chat, response.reference, code)
        assert chat.tap(texts.WITHDRAW)[0].text == texts.WITHDRAW_ASK
        wrong = chat.say("AAA-BBB-CCC")
        assert [r.text for r in wrong] == [texts.WITHDRAW_NO_MATCH, texts.WITHDRAW_ASK]
        assert db_session.get(Response, response.id) is not None
        assert [r.text for r in chat.say(code)] == [texts.WITHDRAWN, texts.MENU]
        db_session.expire_all()
        assert db_session.scalar(select(func.count()).select_from(Response)) == 0
        actions = list(db_session.scalars(select(AuditEvent.action)))
        assert actions.count(WITHDRAWN_ACTION) == 1
        chat.command("start")
        assert check(chat, response.reference, code) == [texts.CHECK_NO_MATCH]

    def test_keep_my_report_keeps_it(self, chat, sent, db_session):
        response, code = sent
        check(chat, response.reference, code)
        chat.tap(texts.WITHDRAW)
        assert [r.text for r in chat.tap(texts.KEEP_REPORT)] == [texts.KEPT, texts.MENU]
        assert db_session.get(Response, response.id) is not None
