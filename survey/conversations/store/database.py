"""Conversations in the main database (``conversation_state``): one row per conversation, its state
as JSON (:mod:`~survey.conversations.store.codec`), a version and an expiry.

The state is written in the turn's own transaction, so the report a turn stores and the state that
says it was sent commit together. A row is deleted when a turn finds it expired and by the worker's
``delete-expired-conversations`` job (:func:`delete_expired`), whichever comes first.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from survey.conversations.state import Clock, Conversation, ConversationKey
from survey.conversations.store import Loaded, Turn, VersionConflict
from survey.conversations.store.codec import UnknownStateFormat, dumps, loads
from survey.storage.models import ConversationKeySeed, ConversationState

STATE = ConversationState.__table__


class DatabaseStore:
    """Conversations in ``conversation_state``, shared by every process that uses the database."""

    def __init__(
        self,
        session_factory: Callable[[], Session],
        *,
        idle_seconds: float = 30 * 60,
        clock: Clock = time.time,
    ) -> None:
        self.idle_seconds = idle_seconds
        self._session_factory = session_factory
        self._clock = clock

    def _now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self._clock(), dt.UTC)

    def load(self, key: ConversationKey, turn: Turn) -> Loaded:
        keys = [key.current] if key.previous is None else [key.current, key.previous]
        query = select(STATE.c.key, STATE.c.version, STATE.c.state, STATE.c.expires_at).where(
            STATE.c.key.in_(keys)
        )
        rows = {row.key: row for row in turn.session().execute(query)}
        row = rows.get(key.current) or (rows.get(key.previous) if key.previous else None)
        if row is None:
            return Loaded(Conversation(last_seen=self._clock()))
        conversation = Conversation()
        if row.expires_at > self._now():  # an expired one is written over (or deleted) by this turn
            try:
                conversation = loads(row.state)
            except UnknownStateFormat:
                pass
        conversation.last_seen = self._clock()
        return Loaded(conversation, row.version, row.key)

    def save(self, key: ConversationKey, loaded: Loaded, turn: Turn) -> None:
        session = turn.session()
        values = {
            "version": loaded.version + 1,
            "state": dumps(loaded.conversation),
            "expires_at": self._now() + dt.timedelta(seconds=self.idle_seconds),
        }
        if loaded.found_under == key.current:
            written = session.execute(
                update(STATE)
                .where(STATE.c.key == key.current, STATE.c.version == loaded.version)
                .values(**values)
            )
            if written.rowcount != 1:
                raise VersionConflict
        else:
            if loaded.found_under is not None:  # found under the previous key: move it
                self._delete_version(session, loaded.found_under, loaded.version)
            try:
                session.execute(insert(STATE).values(key=key.current, **values))
            except IntegrityError as error:  # another turn created it first
                raise VersionConflict from error
        turn.commit()

    def forget(self, key: ConversationKey, turn: Turn) -> None:
        keys = [key.current] if key.previous is None else [key.current, key.previous]
        turn.session().execute(delete(STATE).where(STATE.c.key.in_(keys)))
        turn.commit()

    @staticmethod
    def _delete_version(session: Session, key: str, version: int) -> None:
        deleted = session.execute(delete(STATE).where(STATE.c.key == key, STATE.c.version == version))
        if deleted.rowcount != 1:
            raise VersionConflict

    # Out of a turn: for tests, the benchmark and the identifier scan.
    def __len__(self) -> int:
        with self._session_factory() as session:
            query = select(func.count()).select_from(STATE).where(STATE.c.expires_at > self._now())
            return session.scalar(query) or 0

    def snapshot(self) -> dict[str, Conversation]:
        """Every live conversation, read back from its stored form."""
        with self._session_factory() as session:
            query = select(STATE.c.key, STATE.c.state).where(STATE.c.expires_at > self._now())
            return {row.key: loads(row.state) for row in session.execute(query)}


def delete_expired(session: Session, now: dt.datetime | None = None) -> int:
    """Delete the conversations and chat-key seeds past their expiry (flushes, never commits); how many."""
    now = now or dt.datetime.now(dt.UTC)
    states = session.execute(delete(STATE).where(STATE.c.expires_at <= now)).rowcount
    seeds = session.execute(
        delete(ConversationKeySeed.__table__).where(ConversationKeySeed.__table__.c.expires_at <= now)
    ).rowcount
    return states + seeds
