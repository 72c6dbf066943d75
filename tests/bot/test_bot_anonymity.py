"""The anonymity promise, tested the hard way: a whole session by a known person through the real
Application, then a search of everything the bot could have written for who they are."""

from __future__ import annotations

import logging
import pickle

import pytest
from sqlalchemy import inspect, text

from bot.app import adapter_of, build_application
from survey.conversations import texts
from survey.responses.held import release_due_messages
from tests.bot.conftest import run_bot
from tests.bot.test_bot_end_to_end import step, tick
from tests.conversations import HAVEN_LATITUDE, HAVEN_LONGITUDE

pytestmark = pytest.mark.usefixtures("demo")


def dump_database(session) -> str:
    """Every row of every table in the database, as text."""
    connection = session.connection()
    lines = []
    for table in inspect(connection).get_table_names():
        for row in connection.execute(text(f'SELECT * FROM "{table}"')):
            lines.append(f"{table}: {tuple(row)!r}")
    return "\n".join(lines)


def whole_session(fake_api, person) -> None:
    step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)
    # A worry with an urgent phrase, a place in words and an age band.
    step(fake_api, lambda: fake_api.press(person, texts.MENU_WORRY), "worry about?")
    step(fake_api, lambda: fake_api.press(person, "Knives or weapons"), "own words")
    step(fake_api, lambda: fake_api.send_text(person, "a boy in year 10 carries a knife to school"),
         texts.LOCATION_OPTIONAL)
    step(fake_api, lambda: fake_api.send_text(person, "the bus stop on Mill Lane"), "How old are you?")
    step(fake_api, lambda: fake_api.press(person, "11 to 15"), texts.CHECK)
    step(fake_api, lambda: fake_api.press(person, texts.SEND), "Your reference is")
    # A place report with a shared location.
    step(fake_api, lambda: fake_api.press(person, texts.MENU_REPORT), "How do you feel")
    step(fake_api, lambda: fake_api.press(person, "I feel unsafe here"), texts.LOCATION_STOP)
    step(fake_api, lambda: fake_api.send_location(person, 51.5033, -0.1195), "Why do you feel unsafe")
    tick(fake_api, person, "Poor lighting")
    step(fake_api, lambda: fake_api.press(person, texts.DONE), "When do you feel")
    step(fake_api, lambda: fake_api.press(person, texts.DONE), "Which days?")
    step(fake_api, lambda: fake_api.press(person, "Both"), "How old are you?")
    step(fake_api, lambda: fake_api.press(person, texts.SKIP), "anything else")
    step(fake_api, lambda: fake_api.send_text(person, "it is really dark"), texts.CHECK)
    step(fake_api, lambda: fake_api.press(person, texts.SEND), "Your reference is")
    # Get help, safe havens, a sticker, an edit, a group message, then /forget... and come back.
    step(fake_api, lambda: fake_api.press(person, texts.MENU_HELP), texts.HELP_TOPIC)
    step(fake_api, lambda: fake_api.press(person, "Bullying"), "How old")
    step(fake_api, lambda: fake_api.press(person, "16 or 17"), "These can help")
    step(fake_api, lambda: fake_api.press(person, texts.MENU_HAVENS), "do not want to share")
    step(fake_api, lambda: fake_api.send_location(person, HAVEN_LATITUDE, HAVEN_LONGITUDE), texts.HAVENS_NEAR)
    step(fake_api, lambda: fake_api.send_sticker(person), texts.UNSUPPORTED)
    step(fake_api, lambda: fake_api.edit_text(person, "it is really really dark"), texts.EDITED)
    step(fake_api, lambda: fake_api.send_text(person, "/start", chat_type="group"), texts.GROUP_CHAT)
    step(fake_api, lambda: fake_api.send_text(person, f"my name is {person.first_name}"), texts.MENU)
    # Words of danger at the menu are held; /forget passes them on (as an urgent worry, below).
    step(fake_api, lambda: fake_api.send_text(person, "a man with a knife is following me home"), texts.HELD)
    step(fake_api, lambda: fake_api.send_text(person, "/forget"), "forgotten this chat")
    step(fake_api, lambda: fake_api.send_text(person, "/start"), texts.MENU)


def dump_redis(url: str) -> str:
    """Every key in the Redis database, with its value (strings and hashes), as text."""
    import redis

    client = redis.Redis.from_url(url)
    lines = []
    for key in client.scan_iter():
        value = client.hgetall(key) if client.type(key) == b"hash" else client.get(key)
        lines.append(f"{key!r}: {value!r}")
    return "\n".join(lines)


@pytest.mark.parametrize("store", ["database", "redis"])
def test_no_identifier_reaches_the_database_the_logs_or_the_state(store, bot_settings, db_session, fake_api,
                                                                   person, caplog, request):
    caplog.set_level(logging.DEBUG)
    for name in ("bot", "survey"):
        caplog.set_level(logging.DEBUG, logger=name)
    redis_url = request.getfixturevalue("redis_url") if store == "redis" else None
    settings = bot_settings.model_copy(update={"redis_url": redis_url})
    fake_api.fail("sendMessage", times=1)  # makes the bot log a retry: proof the logs are captured
    application = build_application(settings, lambda: db_session, api_base_url=fake_api.base_url)
    run_bot(application, lambda: whole_session(fake_api, person))
    held = dump_database(db_session)
    assert release_due_messages(db_session) == 1

    database = held + dump_database(db_session) + (dump_redis(redis_url) if redis_url else "")
    # The conversation store is searched too: the chat's state and the chat-key seed are in it.
    stored_as = ("safer-voices:conversation:", "safer-voices:key-seed:") if redis_url else (
        "conversation_state: ", "conversation_key_seed: ")
    assert all(where in database for where in stored_as)
    logs = "\n".join(f"{record.name} {record.getMessage()} {record.exc_text or ''}"
                     for record in caplog.records)
    adapter = adapter_of(application)
    state = pickle.dumps((adapter.engine.store.snapshot(), list(application.bot_data))).decode("latin-1")
    state += repr(adapter.engine.store.snapshot())

    # The searches are real: each place holds what this session left behind.
    assert "carries a knife to school" in database and "it is really dark" in database
    assert "held_urgent_message: " in held and "is following me home" in database
    assert "bot.retry" in logs
    assert "survey.conversations.form Stored a worry from the telegram chat (urgent: True" in logs
    assert len(adapter.engine.store) == 1 and "turn=" in state
    # ...and who the person is appears in none of them. (The free text above is the person's own words;
    # the bot stores them because they chose to send them. Their name typed at the menu is not stored.)
    for identifier in (str(person.user_id), person.username, person.first_name, person.last_name):
        for place, content in (("database", database), ("logs", logs), ("conversation state", state)):
            assert identifier.lower() not in content.lower(), f"{identifier!r} found in the {place}"
    # PTB's own per-chat and per-user stores (keyed by raw ids) are never used.
    assert not application.chat_data and not application.user_data


def test_the_httpx_and_telegram_loggers_stay_quiet(make_bot):
    logging.getLogger("httpx").setLevel(logging.DEBUG)
    make_bot()
    for name in ("httpx", "httpcore", "telegram", "telegram.ext"):
        assert logging.getLogger(name).getEffectiveLevel() >= logging.WARNING, name
