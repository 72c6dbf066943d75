"""The bot in Welsh, Polish and Urdu, through the real python-telegram-bot stack and the fake Bot API.

A chat starts in the language Telegram says the person uses (``language_code``), when it is one the
bot speaks; "/language" and the menu's Language button change it for the rest of the conversation.
Every message and button is in that language, and an urgent message in it gets 999 first, in it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.conversations import texts
from survey.languages import translate
from survey.safeguarding.risk import DANGER_LINE, TALK_NOW_LINE
from survey.storage.models import Consultation, Response
from survey.vocabulary import Channel, DefinitionKind
from tests.bot.conftest import run_bot, run_in_own_loop
from tests.bot.fake_bot_api import Person
from tests.chat_scripts import WORRY_FORM, template_pattern
from tests.conversations import PARTNERSHIP_NAME

pytestmark = pytest.mark.usefixtures("demo")

LANGUAGES = ("cy", "pl", "ur")
WORRY_WORDS = {
    "cy": "mae plant hŷn yn cymryd fy arian cinio bob dydd",
    "pl": "starsze dzieci codziennie zabierają mi pieniądze na obiad",
    "ur": "بڑے بچے روز میرے لنچ کے پیسے لے لیتے ہیں",
}
PLACES = {"cy": "y safle bws y tu allan i'r ysgol", "pl": "przystanek autobusowy przed szkołą",
          "ur": "اسکول کے باہر بس اسٹاپ"}
URGENT = [
    ("cy", "Mae gan fy mrawd gyllell a mae e'n mynd i'n lladd i"),
    ("pl", "ktos mnie sledzi i chce mnie zabic"),  # Polish typed without its accents
    ("pl", "Ojczym mnie bije"),
    ("ur", "مجھے ڈر لگ رہا ہے، کوئی میرا پیچھا کر رہا ہے"),
    ("ur", "mere bhai ke paas chaku hai"),  # Roman Urdu
]


def step(fake_api, push, expect: str) -> list[str]:
    """Push one update and wait for a reply containing ``expect``; the replies to it in order."""
    mark = len(fake_api.texts())
    push()
    return fake_api.wait_for_text(expect, since=mark)


def in_(code: str, text: str, **values: str) -> str:
    """``text`` as the bot says it in ``code``; it must really be translated, or the test proves nothing."""
    translated = translate(text, code)
    assert translated != text, f"{text!r} has no {code} translation (run the translations tool's fill)"
    return translated.format(**values) if values else translated


class TestAWorryInEachLanguage:
    @pytest.mark.parametrize("code", LANGUAGES)
    def test_telegram_language_runs_the_whole_worry_in_it(self, make_bot, fake_api, db_session, code):
        person = Person(language_code=code)
        words = WORRY_FORM.in_language(code)  # the worry's own translations, as the bot shows them

        def scenario() -> list[str]:
            welcome = step(fake_api, lambda: fake_api.send_text(person, "/start"), in_(code, texts.MENU))
            assert welcome[0] == in_(code, texts.WELCOME, name=PARTNERSHIP_NAME)
            topic = words.question("topic")
            step(fake_api, lambda: fake_api.press(person, in_(code, texts.MENU_WORRY)), topic)
            bullying = words.option("topic", "bullying")
            details = words.question("details")
            step(fake_api, lambda: fake_api.press(person, bullying), details)
            told = step(fake_api, lambda: fake_api.send_text(person, WORRY_WORDS[code]),
                        in_(code, texts.LOCATION_OPTIONAL))
            assert not any(in_(code, DANGER_LINE) in reply for reply in told)
            age = words.question("about_age_band")
            placed = step(fake_api, lambda: fake_api.send_text(person, PLACES[code]), age)
            assert placed[0] == in_(code, texts.GOT_LOCATION)
            check = step(fake_api, lambda: fake_api.press(person, in_(code, texts.AGE_16_OR_17)),
                         in_(code, texts.CHECK_SEND))
            assert check[-1].startswith(in_(code, texts.CHECK)) and WORRY_WORDS[code] in check[-1]
            return step(fake_api, lambda: fake_api.press(person, in_(code, texts.SEND)),
                        in_(code, texts.MENU))

        replies = run_bot(make_bot(), scenario)
        [worry] = db_session.scalars(select(Response).join(Consultation).where(
            Consultation.kind == DefinitionKind.WORRY))
        assert worry.channel is Channel.BOT and not worry.urgent
        assert {("topic", "bullying"), ("about_age_band", "16_17")} <= {
            (a.question_id, a.option) for a in worry.answers}
        assert replies[0].startswith(in_(code, texts.THANK_YOU))
        sent = template_pattern(in_(code, texts.YOUR_REFERENCE), reference="[A-Z0-9-]+", code="[A-Z0-9-]+")
        assert sent.search(replies[0]).group("reference") == worry.reference
        labels = [button["text"] for row in fake_api.sent()[-1]["reply_markup"]["inline_keyboard"]
                  for button in row]
        assert in_(code, texts.MENU_REPORT) in labels and in_(code, texts.LANGUAGE_BUTTON) in labels
        assert texts.MENU_REPORT not in labels


class TestUrgentInEachLanguage:
    @pytest.mark.parametrize(("code", "message"), URGENT, ids=[f"{c}-{i}" for i, (c, _) in enumerate(URGENT)])
    def test_an_urgent_message_gets_999_first_in_the_same_language(self, make_bot, fake_api, code, message):
        person = Person(language_code=code)
        danger = in_(code, DANGER_LINE)

        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), in_(code, texts.MENU))
            return step(fake_api, lambda: fake_api.send_text(person, message), danger)

        replies = run_bot(make_bot(), scenario)
        assert replies[0].startswith(danger)  # the first thing said, and in the reporter's language
        assert in_(code, TALK_NOW_LINE) in replies[0] and "999" in replies[0].split("\n")[0]
        assert texts.NOT_WATCHED not in replies[0] and DANGER_LINE not in replies[0]


    def test_an_urgent_message_in_polish_from_an_english_phone_gets_999_in_polish(self, make_bot, fake_api):
        person = Person()  # Telegram says English: the chat is in English, the words are Polish

        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            return step(fake_api, lambda: fake_api.send_text(person, "Ktoś mnie śledzi, boję się"),
                        in_("pl", DANGER_LINE))

        replies = run_bot(make_bot(), scenario)
        assert replies[0].startswith(in_("pl", DANGER_LINE))


class TestChoosingALanguage:
    def test_language_command_offers_each_language_in_itself_and_the_choice_carries_on(self, make_bot,
                                                                                         fake_api):
        person = Person()  # Telegram says English

        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
            offered = step(fake_api, lambda: fake_api.send_text(person, "/language"), texts.LANGUAGE_ASK)
            assert offered == [texts.LANGUAGE_ASK]
            keyboard = fake_api.sent()[-1]["reply_markup"]["inline_keyboard"]
            assert [b["text"] for row in keyboard for b in row] == ["English", "Cymraeg", "Polski", "اردو"]
            chosen = step(fake_api, lambda: fake_api.press(person, "Polski"), in_("pl", texts.MENU))
            assert chosen[0] == in_("pl", texts.LANGUAGE_CHOSEN)
            # The choice is kept for the conversation: /start does not take Telegram's English back.
            step(fake_api, lambda: fake_api.send_text(person, "/start"), in_("pl", texts.MENU))
            return step(fake_api, lambda: fake_api.send_text(person, "he has a knife and will stab me"),
                        in_("pl", DANGER_LINE))

        replies = run_bot(make_bot(), scenario)
        assert replies[0].startswith(in_("pl", DANGER_LINE))

    def test_changing_language_mid_report_asks_the_same_question_in_the_new_one(self, make_bot, fake_api):
        person = Person(language_code="cy")
        question = in_("ur", texts.QUESTION_NUMBER, number="1").removesuffix("1")  # "سوال "

        def scenario() -> list[str]:
            step(fake_api, lambda: fake_api.send_text(person, "/start"), in_("cy", texts.MENU))
            step(fake_api, lambda: fake_api.press(person, in_("cy", texts.MENU_REPORT)),
                 in_("cy", texts.QUESTION_NUMBER, number="1").removesuffix("1"))
            step(fake_api, lambda: fake_api.press(person, in_("cy", texts.LANGUAGE_BUTTON)),
                 in_("cy", texts.LANGUAGE_ASK))
            return step(fake_api, lambda: fake_api.press(person, "اردو"), question)

        replies = run_bot(make_bot(), scenario)
        assert replies[0] == in_("ur", texts.LANGUAGE_CHOSEN)
        assert replies[1].startswith(question)
        labels = [b["text"] for row in fake_api.sent()[-1]["reply_markup"]["inline_keyboard"] for b in row]
        assert in_("ur", texts.CANCEL) in labels

    @pytest.mark.parametrize("language_code", [None, "de", "en-GB"])
    def test_a_language_the_bot_does_not_speak_or_none_is_english(self, make_bot, fake_api, language_code):
        person = Person(language_code=language_code)

        def scenario() -> list[str]:
            return step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)

        replies = run_bot(make_bot(), scenario)
        assert replies == [texts.WELCOME.format(name=PARTNERSHIP_NAME), texts.MENU]


def test_the_command_list_is_set_in_each_language(make_bot, fake_api):
    application = make_bot()

    async def set_commands() -> None:
        async with application:
            await application.post_init(application)

    run_in_own_loop(set_commands)
    lists = {call.get("language_code"): {c["command"]: c["description"] for c in call["commands"]}
             for call in fake_api.sent("setMyCommands")}
    assert lists[None]["language"] == texts.COMMAND_LANGUAGE
    for code in LANGUAGES:
        assert lists[code]["start"] == in_(code, texts.COMMAND_START)
        assert lists[code]["language"] == in_(code, texts.COMMAND_LANGUAGE)
