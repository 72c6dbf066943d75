"""The shared conversation store: the stored form, the version check, idle expiry, key rotation and the
chat-key seeds, on the database (SQLite and PostgreSQL) and on Redis."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.answers import AnswerPart
from survey.conversations.messages import Button, Reply
from survey.conversations.state import Conversation, ConversationKey, HeldWords
from survey.conversations.store import ConversationStore, Loaded, VersionConflict
from survey.conversations.store.codec import FORMAT, UnknownStateFormat, dumps, loads
from survey.conversations.store.database import DatabaseStore
from survey.conversations.store.keyring import DatabaseSeeds, RedisSeeds, RotatingKeys
from survey.conversations.store.redis_store import RedisStore, redis_client
from survey.storage.models import ConversationKeySeed, ConversationState
from survey.worker.jobs import PERIODIC_JOBS

KEY = ConversationKey("k" * 32)
NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.UTC)


def a_conversation_mid_report() -> Conversation:
    return Conversation(
        flow="worry",
        step="age",
        consultation_id=7,
        turn=5,
        last_update_key="u1",
        answers={
            "topic": (AnswerPart(option="knives"),),
            "where": (AnswerPart(text="Mill Lane", latitude=51.5, longitude=-0.12),),
            "when": (AnswerPart(date=dt.date(2026, 11, 30)),),
            "rank": (AnswerPart(option="a", rank=1), AnswerPart(option="b", rank=2)),
            "scale": (AnswerPart(option="3", number=3.0),),
        },
        chosen=["lighting"],
        extra={"question": "age"},
        risks={"weapon", "violence"},
        held=HeldWords("held-1", ["he has a knife"]),
        last_replies=[
            Reply("Question 4 of 4", ((Button("11 to 15", "5:o:11-15"),),)),
            Reply("Got it", ask_location=True, replace_previous=True, clear_keyboard=True,
                  location_label="Udostępnij moją lokalizację"),
        ],
        language="pl",
    )


class TestStoredForm:
    def test_a_conversation_mid_report_comes_back_the_same(self):
        conversation = a_conversation_mid_report()
        assert loads(dumps(conversation)) == conversation

    def test_a_new_conversation_is_a_few_bytes(self):
        assert dumps(Conversation()) == '{"v":1}'
        assert loads('{"v":1}') == Conversation()

    def test_a_conversation_stored_before_languages_reads_as_english(self):
        stored = loads('{"v":1,"f":"worry","s":"details","c":7,"t":3}')
        assert stored.language is None and stored.speaks == "en"
        assert '"l":"cy"' in dumps(Conversation(language="cy"))

    def test_a_state_in_another_format_is_refused(self):
        with pytest.raises(UnknownStateFormat):
            loads(json.dumps({"v": FORMAT + 1, "f": "worry"}))
        with pytest.raises(UnknownStateFormat):
            loads("not json")


class Turn:
    """A turn as the engine runs it: a session opened on first use and committed by the store."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.committed = False

    def session(self) -> Session:
        return self._session

    def commit(self) -> None:
        self._session.commit()
        self.committed = True


@pytest.fixture(params=["database", "redis"])
def store(request, db_session) -> Iterator[ConversationStore]:
    if request.param == "redis":
        yield RedisStore(redis_client(request.getfixturevalue("redis_url")), idle_seconds=60)
    else:
        yield DatabaseStore(lambda: db_session, idle_seconds=60)


class TestVersionCheck:
    def test_the_state_is_kept_between_turns_and_its_version_goes_up(self, store, db_session):
        loaded = store.load(KEY, Turn(db_session))
        assert loaded.version == 0 and loaded.conversation == Conversation(
            last_seen=loaded.conversation.last_seen
        )
        loaded.conversation.flow = "worry"
        turn = Turn(db_session)
        store.save(KEY, loaded, turn)
        again = store.load(KEY, Turn(db_session))
        assert turn.committed and again.version == 1 and again.conversation.flow == "worry"

    def test_of_two_turns_that_read_the_same_version_the_second_write_is_refused(self, store, db_session):
        store.save(KEY, store.load(KEY, Turn(db_session)), Turn(db_session))
        first, second = store.load(KEY, Turn(db_session)), store.load(KEY, Turn(db_session))
        first.conversation.step, second.conversation.step = "first", "second"
        store.save(KEY, first, Turn(db_session))
        with pytest.raises(VersionConflict):
            store.save(KEY, second, Turn(db_session))
        db_session.rollback()
        assert store.load(KEY, Turn(db_session)).conversation.step == "first"

    def test_two_turns_that_both_start_a_conversation_cannot_both_write(self, store, db_session):
        first, second = store.load(KEY, Turn(db_session)), store.load(KEY, Turn(db_session))
        store.save(KEY, first, Turn(db_session))
        with pytest.raises(VersionConflict):
            store.save(KEY, second, Turn(db_session))

    def test_a_conversation_moves_to_the_new_key_at_a_rotation(self, store, db_session):
        old = ConversationKey("old" * 10)
        loaded = store.load(old, Turn(db_session))
        loaded.conversation.flow = "report"
        store.save(old, loaded, Turn(db_session))
        rotated = ConversationKey("new" * 10, previous=old.current)
        moved = store.load(rotated, Turn(db_session))
        assert moved.conversation.flow == "report"
        store.save(rotated, moved, Turn(db_session))
        assert set(store.snapshot()) == {rotated.current}

    def test_forget_deletes_it_now(self, store, db_session):
        store.save(KEY, store.load(KEY, Turn(db_session)), Turn(db_session))
        store.forget(KEY, Turn(db_session))
        assert len(store) == 0 and store.load(KEY, Turn(db_session)).version == 0


class TestIdleExpiry:
    def test_the_database_row_is_deleted_by_the_worker_job_after_idle_expiry(self, db_session):
        store = DatabaseStore(lambda: db_session, idle_seconds=60)
        with time_machine.travel(NOW, tick=False):
            loaded = store.load(KEY, Turn(db_session))
            loaded.conversation.flow = "worry"
            store.save(KEY, loaded, Turn(db_session))
        job = {job.name: job for job in PERIODIC_JOBS}["delete-expired-conversations"]
        count = select(func.count()).select_from(ConversationState)
        with time_machine.travel(NOW + dt.timedelta(seconds=59), tick=False):
            job.run(db_session)
            assert db_session.scalar(count) == 1
        with time_machine.travel(NOW + dt.timedelta(seconds=61), tick=False):
            job.run(db_session)
            assert db_session.scalar(count) == 0

    def test_an_expired_conversation_reads_as_new_and_its_state_is_written_over(self, db_session):
        store = DatabaseStore(lambda: db_session, idle_seconds=60)
        with time_machine.travel(NOW, tick=False):
            loaded = store.load(KEY, Turn(db_session))
            loaded.conversation.flow = "worry"
            store.save(KEY, loaded, Turn(db_session))
        with time_machine.travel(NOW + dt.timedelta(seconds=61), tick=False):
            expired = store.load(KEY, Turn(db_session))
            assert expired.conversation.flow is None
            store.save(KEY, expired, Turn(db_session))
            assert "worry" not in db_session.scalar(select(ConversationState.state))

    def test_redis_deletes_the_conversation_itself(self, redis_url, db_session):
        store = RedisStore(redis_client(redis_url), idle_seconds=60)
        store.save(KEY, Loaded(Conversation(flow="worry")), Turn(db_session))
        ttl = store.client.pttl("safer-voices:conversation:" + KEY.current)
        assert 59_000 < ttl <= 60_000


@pytest.fixture(params=["database", "redis"])
def seeds(request, db_session):
    if request.param == "redis":
        return RedisSeeds(redis_client(request.getfixturevalue("redis_url")))
    return DatabaseSeeds(lambda: db_session)


class TestChatKeySeeds:
    def test_every_process_works_out_the_same_key(self, seeds):
        one = RotatingKeys(seeds, "telegram-chat", 3600, wrap_key=b"w" * 32, grace_seconds=1800)
        two = RotatingKeys(seeds, "telegram-chat", 3600, wrap_key=b"w" * 32, grace_seconds=1800)
        assert one.keys() == two.keys()

    def test_without_the_app_secret_the_stored_seed_gives_another_key(self, seeds):
        one = RotatingKeys(seeds, "telegram-chat", 3600, wrap_key=b"w" * 32, grace_seconds=1800)
        other = RotatingKeys(seeds, "telegram-chat", 3600, wrap_key=b"x" * 32, grace_seconds=1800)
        assert one.keys()[0] != other.keys()[0]

    def test_the_key_rotates_and_the_previous_is_offered_only_for_the_grace_time(self, seeds):
        # From the start of the current real hour: the database store deletes seeds past their expiry by
        # the real clock, so a fixed date would see its first seed deleted once that date has passed.
        start = time.time() // 3600 * 3600
        clock = [start]
        keys = RotatingKeys(
            seeds, "telegram-chat", 3600, wrap_key=b"w" * 32, grace_seconds=1800, clock=lambda: clock[0]
        )
        first, _ = keys.keys()
        clock[0] += 3600 + 60
        second, previous = keys.keys()
        assert second != first and previous == first
        clock[0] += 1800
        assert keys.keys() == (second, None)

    def test_a_database_seed_lives_for_its_period_and_the_grace_time(self, db_session):
        start = NOW.timestamp()
        keys = RotatingKeys(
            DatabaseSeeds(lambda: db_session),
            "telegram-chat",
            3600,
            wrap_key=b"w" * 32,
            grace_seconds=1800,
            clock=lambda: start,
        )
        keys.keys()
        [seed] = db_session.scalars(select(ConversationKeySeed)).all()
        assert seed.expires_at == NOW + dt.timedelta(hours=1, minutes=30)
