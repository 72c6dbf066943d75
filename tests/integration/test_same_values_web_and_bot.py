"""The web form and the chat store the same values for the same answers.

The chat's labels differ (a few age bands, times said the way people say them), but what is stored
must not: hotspots, tallies and comparisons with earlier years count by value, whichever channel a
report came through. Each case answers one form on the web (the Flask test client, page by page)
and in the chat (the conversation engine, tap by tap), then compares the stored answer rows.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from survey.conversations import texts
from survey.conversations.engine import ConversationEngine
from survey.storage.models import Response
from survey.vocabulary import Channel
from tests.conversations import FORMS, INSIDE_THE_AREA, PARTNERSHIP_SLUG, Chat, make_demo_partnership
from tests.web import CSRF_PATTERN

Walk = Callable[[Chat], None]


def unsafe_underpass(chat: Chat) -> None:
    chat.tap(texts.MENU_REPORT)
    chat.tap("I feel unsafe here")
    chat.say("the underpass by the station")
    for label in ("Poor lighting", "It is quiet or cut off", texts.DONE, "After school", "Late at night",
                  texts.DONE, "At weekends", texts.AGE_16_OR_17):
        chat.tap(label)
    chat.say("it is dark and people hang about")


def safe_pin_adult(chat: Chat) -> None:
    chat.tap(texts.MENU_REPORT)
    chat.tap("I feel safe here")
    chat.share(*INSIDE_THE_AREA)
    for label in ("There are lots of people around", texts.DONE, "During the day", "In the morning",
                  texts.DONE, "Both", texts.AGE_25_OR_OVER, "45 to 54", texts.SKIP):
        chat.tap(label)


def worry_rather_not_say(chat: Chat) -> None:
    chat.tap(texts.MENU_WORRY)
    chat.tap("Bullying")
    chat.say("kids at school keep pushing me around")
    chat.tap(texts.SKIP)
    chat.tap(texts.AGE_RATHER_NOT_SAY)


def worry_youngest_typed(chat: Chat) -> None:
    chat.tap(texts.MENU_WORRY)
    chat.say("something online")  # typed instead of tapped
    chat.say("someone keeps messaging me")
    chat.say("Castle Park")
    chat.say("11 to 15")


CASES: dict[str, tuple[str, dict[str, dict[str, object]], Walk]] = {
    "an unsafe place described in words, 16 or 17": ("place-report", {
        "feeling": {"answer": "unsafe"},
        "place": {"description": "the underpass by the station"},
        "reasons": {"answer": ["poor_lighting", "isolated"]},
        "time_of_day": {"answer": ["after_school", "night"]},
        "day_type": {"answer": "weekends"},
        "about_age_band": {"answer": "16_17"},
        "details": {"answer": "it is dark and people hang about"},
    }, unsafe_underpass),
    "a safe place pinned, 45 to 54 (one of the bands under 25 or over)": ("place-report", {
        "feeling": {"answer": "safe"},
        "place": {"latitude": str(INSIDE_THE_AREA[0]), "longitude": str(INSIDE_THE_AREA[1])},
        "safe_reasons": {"answer": ["busy"]},
        "time_of_day": {"answer": ["morning", "daytime"]},
        "day_type": {"answer": "both"},
        "about_age_band": {"answer": "45_54"},
    }, safe_pin_adult),
    "a worry, age rather not said": ("worry", {
        "topic": {"answer": "bullying"},
        "details": {"answer": "kids at school keep pushing me around"},
        "about_age_band": {"answer": "prefer_not_to_say"},
    }, worry_rather_not_say),
    "a worry typed, 11 to 15": ("worry", {
        "topic": {"answer": "online_harm"},
        "details": {"answer": "someone keeps messaging me"},
        "place": {"description": "Castle Park"},
        "about_age_band": {"answer": "11_15"},
    }, worry_youngest_typed),
}


def stored_values(response: Response) -> set[tuple[object, ...]]:
    return {(a.question_id, a.option, a.rank, a.text, a.latitude, a.longitude) for a in response.answers}


def answer_on_the_web(client, slug: str, answers: dict[str, dict[str, object]]) -> None:
    page = client.get(f"/consultations/{slug}/").get_data(as_text=True)
    response = client.post(f"/consultations/{slug}/start", data={"csrf_token": CSRF_PATTERN.search(page)[1]})
    where = urlsplit(response.headers["Location"]).path
    while "/questions/" in where:
        question_id = where.rsplit("/", 1)[-1]
        page = client.get(where).get_data(as_text=True)
        response = client.post(where, data={"csrf_token": CSRF_PATTERN.search(page)[1],
                                            **answers.get(question_id, {})})
        assert response.status_code == 302, (question_id, response.get_data(as_text=True))
        where = urlsplit(response.headers["Location"]).path
    assert where.endswith("/check-answers")
    page = client.get(where).get_data(as_text=True)
    sent = client.post(where, data={"csrf_token": CSRF_PATTERN.search(page)[1]})
    assert urlsplit(sent.headers["Location"]).path.endswith("/confirmation")


def answer_in_the_chat(db_session, walk: Walk) -> None:
    chat = Chat(ConversationEngine(lambda: db_session, partnership_slug=PARTNERSHIP_SLUG))
    chat.command("start")
    walk(chat)
    # An urgent report's confirmation comes as two messages (help now first, then the reference).
    assert "Your reference is" in "\n".join(reply.text for reply in chat.tap(texts.SEND))


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_web_form_and_the_chat_store_the_same_values_for_the_same_answers(client, db_session, case):
    make_demo_partnership(db_session)
    form, web_answers, walk = CASES[case]
    answer_on_the_web(client, FORMS[form], web_answers)
    answer_in_the_chat(db_session, walk)
    by_channel = {r.channel: r for r in db_session.scalars(select(Response))}
    assert set(by_channel) == {Channel.WEB, Channel.BOT}
    web, bot = stored_values(by_channel[Channel.WEB]), stored_values(by_channel[Channel.BOT])
    assert {row[0] for row in web} == set(web_answers)  # every answer given was stored...
    assert web == bot  # ...and the chat stored exactly the same values
