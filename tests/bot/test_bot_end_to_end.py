"""The real Application polling a fake Bot API on 127.0.0.1: what a person sees, message by message."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from survey.conversations import texts
from survey.safeguarding.risk import DANGER_LINE
from survey.storage.models import Answer, Consultation, Response
from survey.vocabulary import Channel, DefinitionKind
from tests.bot.conftest import run_bot
from tests.conversations import (
    FAR_OUTSIDE_THE_AREA,
    HAVEN_LATITUDE,
    HAVEN_LONGITUDE,
    INSIDE_THE_AREA,
    PARTNERSHIP_NAME,
)

pytestmark = pytest.mark.usefixtures("demo")


def step(fake_api, push, expect: str) -> list[str]:
    """Push one update and wait for a reply containing ``expect``; the replies to it in order."""
    mark = len(fake_api.texts())
    push()
    return fake_api.wait_for_text(expect, since=mark)


def tick(fake_api, person, label: str) -> None:
    """Tap an option on a tick-all-that-apply keyboard: the bot edits that message in place."""
    edits = len(fake_api.sent("editMessageText"))
    fake_api.press(person, label)
    fake_api.wait_for(lambda api: len(api.sent("editMessageText")) > edits)


def responses_of(db_session, kind: DefinitionKind) -> list[Response]:
    query = select(Response).join(Consultation).where(Consultation.kind == kind)
    return list(db_session.scalars(query))


class TestPlaceReport:
    def test_a_full_report_with_a_shared_location_is_stored_with_a_reference(self, make_bot, fake_api, person,
                                                                             db_session):
        def scenario() -> list[str]:
            replies = step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            assert "What we do not keep" in replies[0] and "call 999" in replies[0]
            step(fake_api, lambda: fake_api.press(person, texts.MENU_REPORT), "How do you feel")
            step(fake_api, lambda: fake_api.press(person, "I feel unsafe here"), texts.LOCATION_STOP)
            step(fake_api, lambda: fake_api.send_location(person, 51.5033, -0.1195), "Why do you feel unsafe")
            tick(fake_api, person, "Poor lighting")
            tick(fake_api, person, "Groups gathering")
            step(fake_api, lambda: fake_api.press(person, texts.DONE), "When do you feel like this?")
            tick(fake_api, person, "After school")
            step(fake_api, lambda: fake_api.press(person, texts.DONE), "Which days?")
            step(fake_api, lambda: fake_api.press(person, "On weekdays"), "How old are you?")
            step(fake_api, lambda: fake_api.press(person, "11 to 15"), "anything else")
            check = step(fake_api, lambda: fake_api.press(person, texts.SKIP), texts.CHECK)
            assert "Poor lighting\nGroups gathering" in check[-1]
            return step(fake_api, lambda: fake_api.press(person, texts.SEND), "Your reference is")

        replies = run_bot(make_bot(), scenario)
        [report] = responses_of(db_session, DefinitionKind.PLACE_REPORT)
        assert report.channel is Channel.BOT and not report.urgent
        assert f"Your reference is {report.reference}." in replies[0]
        answers = {(a.question_id, a.option) for a in report.answers}
        assert {("feeling", "unsafe"), ("reasons", "poor_lighting"), ("reasons", "groups_gathering"),
                ("time_of_day", "after_school"), ("day_type", "weekdays"),
                ("about_age_band", "11_15")} <= answers
        [place] = [a for a in report.answers if a.question_id == "place"]
        assert (place.latitude, place.longitude) == (51.5033, -0.1195)

    def test_ticked_options_update_the_same_message(self, make_bot, fake_api, person):
        def scenario() -> None:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_REPORT), "How do you feel")
            step(fake_api, lambda: fake_api.press(person, "I feel unsafe here"), texts.LOCATION_STOP)
            step(fake_api, lambda: fake_api.send_text(person, "the underpass by the station"), "Why do you")
            tick(fake_api, person, "Drug dealing")

        run_bot(make_bot(), scenario)
        [edit] = fake_api.sent("editMessageText")
        labels = [row[0]["text"] for row in edit["reply_markup"]["inline_keyboard"]]
        assert "✓ Drug dealing" in labels and "Poor lighting" in labels


    def test_a_shared_location_outside_the_area_is_refused_and_asked_for_again(self, make_bot, fake_api,
                                                                               person, db_session):
        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_REPORT), "How do you feel")
            step(fake_api, lambda: fake_api.press(person, "I feel unsafe here"), texts.LOCATION_STOP)
            refused = step(fake_api, lambda: fake_api.send_location(person, *FAR_OUTSIDE_THE_AREA),
                           texts.LOCATION_STOP)
            step(fake_api, lambda: fake_api.send_location(person, *INSIDE_THE_AREA), "Why do you feel unsafe")
            return refused

        refused = run_bot(make_bot(), scenario)
        assert f"outside {PARTNERSHIP_NAME}" in refused[0] and texts.GOT_LOCATION not in refused
        assert refused[1].startswith("Question 2 of") and texts.LOCATION_PROMPT in refused[1]
        asked_again = [m for m in fake_api.sent("sendMessage") if m["text"] == refused[1]][-1]
        assert asked_again["reply_markup"]["keyboard"][0][0]["request_location"]
        assert responses_of(db_session, DefinitionKind.PLACE_REPORT) == []


class TestWorry:
    def test_an_urgent_worry_gets_999_first_and_is_flagged_urgent(self, make_bot, fake_api, person,
                                                                   db_session):
        def scenario() -> tuple[list[str], list[str]]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "What is your worry about?")
            step(fake_api, lambda: fake_api.press(person, "Knives or weapons"), "Tell us in your own words")
            urgent = step(fake_api, lambda: fake_api.send_text(person, "my cousin says hes gonna shank me"),
                          texts.LOCATION_OPTIONAL)
            step(fake_api, lambda: fake_api.press(person, texts.SKIP), "How old are you?")
            step(fake_api, lambda: fake_api.press(person, texts.AGE_RATHER_NOT_SAY), texts.CHECK)
            sent = step(fake_api, lambda: fake_api.press(person, texts.SEND), "Your reference is")
            return urgent, sent

        urgent, sent = run_bot(make_bot(), scenario)
        assert urgent[0].startswith(DANGER_LINE)
        assert "Childline: call 0800 1111" in urgent[0] and "not watched 24/7" in urgent[0]
        assert urgent[1].startswith("Question 3 of 4\n\nWhere does it happen?")
        [worry] = responses_of(db_session, DefinitionKind.WORRY)
        assert worry.urgent and "weapons" in worry.risk_categories
        assert urgent[0].endswith(texts.HELD)
        # The urgent confirmation: thanks, then help now with 999 first, then the reference and code.
        assert sent[0].startswith(texts.paragraphs(texts.THANK_YOU, texts.SENT_URGENT, DANGER_LINE))
        assert "Childline: call 0800 1111" in sent[0]
        assert f"Your reference is {worry.reference}." in sent[1] and "Your check code is" in sent[1]
        assert texts.TRUSTED_ADULT_URGENT in sent[1]

    def test_an_urgent_message_typed_at_a_button_step_still_flags_the_report(self, make_bot, fake_api, person,
                                                                              db_session):
        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "What is your worry about?")
            replies = step(fake_api, lambda: fake_api.send_text(person, "i want to kill myself"),
                           "worry about")
            step(fake_api, lambda: fake_api.press(person, "Something else"), "own words")
            step(fake_api, lambda: fake_api.send_text(person, "things at school"), texts.LOCATION_OPTIONAL)
            step(fake_api, lambda: fake_api.press(person, texts.SKIP), "How old are you?")
            step(fake_api, lambda: fake_api.press(person, texts.SKIP), texts.CHECK)
            step(fake_api, lambda: fake_api.press(person, texts.SEND), "Your reference is")
            return replies

        replies = run_bot(make_bot(), scenario)
        assert replies[0].startswith(DANGER_LINE) and "Samaritans: call 116 123" in replies[0]
        assert replies[1] == texts.PICK_A_BUTTON
        [worry] = responses_of(db_session, DefinitionKind.WORRY)
        assert worry.urgent and worry.risk_categories == "self_harm"

    def test_the_same_update_delivered_twice_stores_one_report(self, make_bot, fake_api, person, db_session):
        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "What is your worry about?")
            step(fake_api, lambda: fake_api.press(person, "Drugs"), "own words")
            step(fake_api, lambda: fake_api.send_text(person, "people sell weed in the park"),
                 texts.LOCATION_OPTIONAL)
            step(fake_api, lambda: fake_api.send_text(person, "Castle Park"), "How old are you?")
            step(fake_api, lambda: fake_api.press(person, texts.AGE_16_OR_17), texts.CHECK)
            mark = len(fake_api.texts())
            send = fake_api.press(person, texts.SEND)
            first = fake_api.wait_for_text("Your reference is", since=mark)
            return first + step(fake_api, lambda: fake_api.push(send), "Your reference is")

        replies = run_bot(make_bot(), scenario)
        assert db_session.scalar(select(func.count()).select_from(Response)) == 1
        [worry] = responses_of(db_session, DefinitionKind.WORRY)
        assert sum(f"Your reference is {worry.reference}." in text for text in replies) == 2
        assert worry.submission_key and len(worry.submission_key) == 64


class TestGetHelpAndSafeHavens:
    def test_get_help_lists_services_for_the_topic_and_age(self, make_bot, fake_api, person):
        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            step(fake_api, lambda: fake_api.press(person, texts.MENU_HELP), texts.HELP_TOPIC)
            step(fake_api, lambda: fake_api.press(person, "Feeling low, or wanting to hurt yourself"),
                 "How old")
            return step(fake_api, lambda: fake_api.press(person, "11 to 15"), "These can help")

        services = run_bot(make_bot(), scenario)[0]
        assert services.index("Emergency services (999)") < services.index("Samaritans")
        assert "116 123" in services and "Demo Borough CAMHS" in services

    def test_safe_havens_near_me_lists_the_nearest_open_one(self, make_bot, fake_api, person):
        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            asked = step(fake_api, lambda: fake_api.press(person, texts.MENU_HAVENS), "do not want to share")
            assert fake_api.sent()[-2]["reply_markup"]["keyboard"][0][0]["request_location"] is True
            assert asked
            nearby = (HAVEN_LATITUDE + 0.002, HAVEN_LONGITUDE)
            return step(fake_api, lambda: fake_api.send_location(person, *nearby), texts.HAVENS_NEAR)

        found = run_bot(make_bot(), scenario)[0]
        assert "Riverside Library (library), about 200 metres away" in found
        assert found.endswith(texts.HAVEN_OPEN_ALL_DAY) and "00:00" not in found


def test_answers_stay_with_their_report(make_bot, fake_api, person, db_session):
    """A guard against mixing conversations: one chat's answers never appear in another's report."""
    def scenario() -> None:
        step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
        step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "What is your worry about?")
        step(fake_api, lambda: fake_api.press(person, "Bullying"), "own words")
        step(fake_api, lambda: fake_api.send_text(person, "/cancel"), texts.CANCELLED)

    run_bot(make_bot(), scenario)
    assert db_session.scalar(select(func.count()).select_from(Answer)) == 0
