"""Chat to us (``/chat``) with JavaScript off, through the test client as a browser without scripts
would use it: each message is a form post, the page shows the chat so far and the buttons as buttons.
The conversations themselves are the core's; these tests are about the web channel: the cookie and
nothing else to say who is chatting, the rules a message must keep, one turn per form, leaving.
"""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import func, select

from survey.consultations import definition_of
from survey.conversations import texts
from survey.safeguarding.risk import DANGER_LINE
from survey.storage.models import Base, Consultation, ConversationState, HeldUrgentMessage, Response
from survey.vocabulary import Channel, DefinitionKind
from tests.conversations import PARTNERSHIP_NAME, make_demo_partnership
from tests.web import away_from_a_window_edge
from tests.web_chat import ChatPage, WebChat
from webapp.chat.sessions import COOKIE
from webapp.chat.views import PER_CHAT_MESSAGE

SENT = re.compile(r"Your reference is ([A-Z0-9-]+)\.\nYour check code is ([A-Z0-9-]+)\.")
KNIFE = "a boy at school has a knife and says he will stab me after school"


@pytest.fixture
def demo(db_session):
    return make_demo_partnership(db_session)


@pytest.fixture
def chat(client, demo) -> WebChat:
    return WebChat(client)


def _count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def answer_a_worry(chat: WebChat) -> None:
    """From the start to the worry's last step, "Send it" not yet pressed."""
    chat.start()
    chat.tap(texts.MENU_WORRY)
    chat.tap("Drugs")
    chat.say("people sell weed behind the leisure centre")
    chat.say("Castle Park")
    chat.tap(texts.AGE_16_OR_17)


def send_a_worry(chat: WebChat) -> tuple[str, str]:
    answer_a_worry(chat)
    sent = chat.tap(texts.SEND)
    reference, code = SENT.search(sent.ours_since_last_said()[0]).groups()
    return reference, code


class TestLinksAndStart:
    def test_the_home_page_and_the_safe_spaces_page_link_to_the_chat(self, client, demo):
        for page in ("/", "/safe-spaces"):
            html = client.get(page).get_data(as_text=True)
            assert 'href="/chat"' in html and "hat to us" in html, page

    def test_the_start_page_says_what_is_kept_and_sets_no_cookie(self, client, demo):
        response = client.get("/chat")
        html = response.get_data(as_text=True)
        assert "Start chat" in html and "call 999" in html
        assert COOKIE not in response.headers.get("Set-Cookie", "")

    def test_starting_sets_a_random_http_only_cookie_for_the_chat_alone(self, client, demo):
        page = ChatPage(client.get("/chat").get_data(as_text=True))
        response = client.post("/chat/start", data=page.hidden)
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "Path=/chat" in cookie
        assert "SameSite=Lax" in cookie and "Expires" not in cookie and "Max-Age" not in cookie

    def test_the_chat_opens_with_the_web_welcome_and_the_menu_as_buttons(self, chat):
        page = chat.start()
        assert page.lines[0] == ("person", "/start")
        assert page.lines[1] == ("us", texts.WELCOME_WEB.format(name=PARTNERSHIP_NAME))
        assert texts.MENU_REPORT in page.buttons and texts.MENU_HELP in page.buttons
        assert page.latest == 1  # where the screen reader lands: the first of our new messages

    def test_two_browsers_are_two_chats(self, app, demo):
        one, two = WebChat(app.test_client()), WebChat(app.test_client())
        one.start()
        one.say("hello from one")
        assert ("person", "hello from one") not in two.start().lines


class TestConversations:
    def test_a_worry_is_sent_with_a_reference_and_stored_once_as_from_the_chat(self, chat, db_session):
        reference, code = send_a_worry(chat)
        stored = db_session.scalar(select(Response).where(Response.reference == reference))
        assert stored is not None and stored.channel == Channel.CHAT
        assert code not in chat.page.ours_since_last_said()[1:]  # given once, in the reference message

    def test_a_message_about_a_knife_gets_999_first_and_is_held_for_the_team(self, chat, db_session):
        chat.start()
        page = chat.say(KNIFE)
        first = page.ours_since_last_said()[0]
        assert first.startswith(DANGER_LINE)  # the 999 line leads the first reply
        assert page.lines[page.latest][1] == first  # and is where a screen reader lands
        held = db_session.scalar(select(func.count()).select_from(HeldUrgentMessage))
        assert held == 1  # held, to reach the team even if the chat stops here

    def test_a_check_code_typed_in_is_shown_as_hidden(self, chat):
        reference, code = send_a_worry(chat)
        chat.tap(texts.MENU_CHECK)
        chat.say(reference)
        page = chat.say(code)
        said = [text for by, text in page.lines if by == "person"]
        assert code not in said and said[-1] == texts.SAID_CHECK_CODE

    def test_typed_commands_work_as_in_the_bot(self, chat):
        chat.start()
        page = chat.say("/help")
        assert page.ours_since_last_said()[0] == texts.HELP


class TestRules:
    def test_an_empty_message_gets_a_clear_error_and_changes_nothing(self, chat, db_session):
        before = chat.start().lines
        response = chat.client.post("/chat", data={**chat.page.hidden, "message": "   "})
        assert response.status_code == 303
        page = chat.open()
        assert page.lines == before
        assert texts.CHAT_EMPTY_MESSAGE in " ".join(page.errors)

    def test_a_message_over_the_limit_is_refused_and_kept_in_the_box(self, chat):
        before = chat.start().lines
        too_long = "x" * (texts.CHAT_MESSAGE_LIMIT + 1)
        response = chat.client.post("/chat", data={**chat.page.hidden, "message": too_long},
                                    headers={"X-Chat-Fragment": "1"})
        assert response.status_code == 200
        fragment = ChatPage(response.get_data(as_text=True))
        assert "too long" in " ".join(fragment.errors)
        assert too_long in response.get_data(as_text=True)
        assert chat.open().lines == before

    def test_the_same_form_sent_twice_is_one_turn_and_one_report(self, chat, db_session):
        answer_a_worry(chat)
        fields = {**chat.page.hidden, "action": chat.page.buttons[texts.SEND]}
        before = _count(db_session, Response)
        for _ in range(2):
            assert chat.client.post("/chat", data=fields).status_code == 303
        assert _count(db_session, Response) == before + 1
        page = chat.open()
        assert sum(1 for by, text in page.lines if by == "person" and text == texts.SEND) == 1

    def test_a_post_without_the_csrf_token_is_refused(self, chat):
        chat.start()
        fields = {k: v for k, v in chat.page.hidden.items() if k != "csrf_token"}
        assert chat.client.post("/chat", data={**fields, "message": "hi"}).status_code == 400

    def test_a_location_that_is_not_a_number_is_refused(self, chat):
        before = chat.start().lines
        response = chat.client.post("/chat", data={**chat.page.hidden, "latitude": "nan", "longitude": "x"})
        assert response.status_code == 303
        assert chat.open().lines == before


class TestLimits:
    def test_one_chat_sending_too_fast_is_limited_and_another_from_the_same_address_is_not(self, app, demo):
        away_from_a_window_edge(20)
        busy = WebChat(app.test_client())
        busy.start()
        limit = int(PER_CHAT_MESSAGE.split()[0])
        statuses = [busy.client.post("/chat", data={**busy.page.hidden, "message": f"hi {n}"}).status_code
                    for n in range(limit + 1)]
        assert statuses[:limit] == [303] * limit and statuses[-1] == 429
        classmate = WebChat(app.test_client())  # same address (the test client's), another chat
        classmate.start()
        assert classmate.say("hello").lines[-2] == ("person", "hello")


class TestLeaving:
    def test_forget_this_chat_deletes_it_drops_the_cookie_and_says_so(self, chat, db_session):
        chat.start()
        chat.say("hello")
        assert _count(db_session, ConversationState) == 1
        response = chat.client.post("/chat", data={**chat.page.hidden, "action": "forget"})
        assert response.status_code == 303
        assert f"{COOKIE}=;" in response.headers["Set-Cookie"]
        assert _count(db_session, ConversationState) == 0
        html = chat.client.get("/chat").get_data(as_text=True)
        assert "Start chat" in html and "I have forgotten this chat" in html

    def test_exit_this_page_ends_the_chat_before_leaving_the_site(self, chat, db_session):
        page_html = chat.client.get("/chat").get_data(as_text=True)
        chat.start()
        html = chat.client.get("/chat").get_data(as_text=True)
        assert 'href="/chat/exit"' in html and "Exit this page" in html and 'href="/chat/exit"' in page_html
        assert _count(db_session, ConversationState) == 1
        response = chat.client.get("/chat/exit")
        assert response.status_code == 303 and response.headers["Location"].startswith("https://www.bbc.co.uk")
        assert _count(db_session, ConversationState) == 0
        # Back after leaving: the cookie is gone and the chat with it.
        assert "Start chat" in chat.client.get("/chat").get_data(as_text=True)

    def test_a_chat_the_store_has_forgotten_says_it_has_ended(self, chat, db_session):
        chat.start()
        db_session.execute(ConversationState.__table__.delete())
        response = chat.client.get("/chat")
        assert texts.CHAT_ENDED in response.get_data(as_text=True).replace("&#39;", "'")
        assert f"{COOKIE}=;" in response.headers["Set-Cookie"]


class TestNothingIdentifying:
    def test_no_table_holds_the_address_the_browser_or_the_cookie_token(self, chat, db_session, caplog):
        chat.client.environ_base.update(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="TestPhone/1.0 (Teen)")
        caplog.set_level(logging.DEBUG)
        send_a_worry(chat)
        chat.say(KNIFE)  # held words of danger: a row of their own
        token = chat.client.get_cookie(COOKIE, path="/chat").value
        assert _count(db_session, ConversationState) == 1 and _count(db_session, HeldUrgentMessage) == 1
        dump = []
        for table in Base.metadata.sorted_tables:
            dump += [repr(tuple(row)) for row in db_session.execute(select(table))]
        everything = "\n".join(dump)
        for secret in ("203.0.113.77", "TestPhone", token):
            assert secret not in everything
            assert secret not in caplog.text
        assert "stab" not in caplog.text  # nor what was said

    def test_reports_from_the_chat_are_the_shipped_forms(self, chat, db_session):
        reference, _ = send_a_worry(chat)
        stored = db_session.scalar(select(Response).where(Response.reference == reference))
        consultation = db_session.get(Consultation, stored.consultation_id)
        assert definition_of(consultation).kind == DefinitionKind.WORRY
