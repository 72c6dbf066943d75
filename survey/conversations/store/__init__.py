"""Where conversations are kept between turns: one store for every chat channel and every process.

:class:`~survey.conversations.store.database.DatabaseStore` keeps them in the main database
(``conversation_state``), :class:`~survey.conversations.store.redis_store.RedisStore` in Redis when
``SAFER_VOICES_REDIS_URL`` is set; :func:`open_store` picks. Either way any process can take any
turn of any conversation, and a conversation survives a restart of every process.
:class:`~survey.conversations.store.memory.MemoryStore` keeps them in one process, for tests.

**Turns of one conversation apply in order, by a version check.** A turn reads the state and its
version, and writes the next version only over the one it read (compare-and-set). When two
processes take two updates of one conversation at once, the second write finds a newer version,
its turn is undone and run again on the newer state (:class:`VersionConflict`). Optimistic rather
than a lock, because it works the same on SQLite, PostgreSQL and Redis, holds nothing while a turn
runs, and one person rarely sends two things within the same few milliseconds. In the database the
state is written in the turn's own transaction, so a turn's report and its state commit together
and a turn that loses the race leaves nothing. With Redis the turn's database work commits first
and the state after it: a crash in between leaves the state one turn behind, never ahead, and the
update (sent again, because it was never answered) stores its report under the same submission key.

The key that turns a channel's chat ids into conversation keys is kept in the same place, one seed
per rotation period (:mod:`survey.conversations.store.keyring`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from survey.conversations.state import Conversation, ConversationKey
from survey.settings import Settings


class VersionConflict(Exception):
    """Another turn of the conversation was written first: undo this one and run it again."""


class Turn(Protocol):
    """What a store needs from the turn it loads and saves for: its database session, and a commit."""

    def session(self) -> Session: ...
    def commit(self) -> None: ...


@dataclass
class Loaded:
    """A conversation as a turn read it: ``version`` 0 and ``found_under`` ``None`` when it is new."""

    conversation: Conversation
    version: int = 0
    found_under: str | None = None


class ConversationStore(Protocol):
    """Conversations by key, each forgotten ``idle_seconds`` after its last turn."""

    idle_seconds: float

    def load(self, key: ConversationKey, turn: Turn) -> Loaded:
        """The live conversation under ``key.current`` (or ``key.previous``, during a key rotation),
        or a new one."""
        ...

    def save(self, key: ConversationKey, loaded: Loaded, turn: Turn) -> None:
        """Write the conversation under ``key.current`` as the next version, and commit the turn;
        :class:`VersionConflict` when another turn wrote first."""
        ...

    def forget(self, key: ConversationKey, turn: Turn) -> None:
        """Delete the conversation now (``/forget``), and commit the turn."""
        ...


def open_store(
    settings: Settings, session_factory: Callable[[], Session], *, idle_seconds: float
) -> ConversationStore:
    """The shared store the settings name: Redis when ``redis_url`` is set, else the database."""
    if settings.redis_url:
        from survey.conversations.store.redis_store import RedisStore, redis_client

        return RedisStore(redis_client(settings.redis_url), idle_seconds=idle_seconds)
    from survey.conversations.store.database import DatabaseStore

    return DatabaseStore(session_factory, idle_seconds=idle_seconds)
