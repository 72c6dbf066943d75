"""A worry told to the bot with a shared location is stored with its ward, like a web report."""

from __future__ import annotations

from sqlalchemy import select

from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.storage.models import Answer, Response, Ward
from survey.wards.register import import_wards
from tests.conversations import PARTNERSHIP_SLUG, Chat, make_demo_partnership
from tests.wards import two_demo_wards


def test_a_worry_with_a_shared_location_gets_the_ward_of_the_pin(db_session):
    partnership = make_demo_partnership(db_session)
    import_wards(db_session, partnership.id, two_demo_wards())
    chat = Chat(ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG))
    chat.command("start")
    chat.tap(texts.MENU_WORRY)
    chat.tap("Drugs")
    chat.say("people dealing by the garages")
    chat.share(51.505, -0.13)
    chat.tap(texts.SKIP)
    assert "Your reference is" in "\n".join(reply.text for reply in chat.tap(texts.SEND))
    ward_id = db_session.scalar(
        select(Answer.ward_id)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.partnership_id == partnership.id, Answer.question_id == "place")
    )
    assert db_session.get(Ward, ward_id).name == "Westgate"
