"""Conversation state, kept in memory only, under a key the channel gives (never who the person is).

Nothing here ever holds a chat id, user id, username or name: a channel adapter hands over an
opaque :class:`ConversationKey` (the Telegram adapter's is a keyed hash of the chat id, see
``bot/chat_keys.py``). A conversation is forgotten ``idle`` after its last message, on ``/forget``,
and whenever the process restarts.

During a key rotation a conversation found under the previous key moves to the new one, so someone
halfway through a report is not thrown out at the moment the key changes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from survey.answers import Answer
from survey.conversations.messages import Reply

Clock = Callable[[], float]


@dataclass(frozen=True)
class ConversationKey:
    """Where a conversation is kept: the channel's current key, and the one before a rotation."""

    current: str
    previous: str | None = None


@dataclass
class HeldWords:
    """Words of danger said in this conversation and not yet carried by a sent report.

    ``key`` is made up at random when the first words are held: the held message in the database is
    found by it, and nothing links it to the channel's key or to who the person is.
    """

    key: str
    texts: list[str] = field(default_factory=list)


@dataclass
class Conversation:
    """Where one person is in a conversation. ``turn`` counts keyboards sent, so an old button is spotted."""

    flow: str | None = None
    step: str | None = None
    consultation_id: int | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    chosen: list[str] = field(default_factory=list)  # options ticked on a multiple-choice keyboard
    extra: dict[str, Any] = field(default_factory=dict)  # small per-flow values (help topic, ...)
    risks: set[str] = field(default_factory=set)  # urgent-risk categories seen in this report
    held: HeldWords | None = None  # kept across reports and the menu until passed on or sent
    turn: int = 0
    last_seen: float = 0.0
    last_update_key: str | None = None
    last_replies: list[Reply] = field(default_factory=list)

    def reset(self) -> None:
        """Back to the menu: every answer and choice dropped (the replay guard and held words are kept)."""
        self.flow = self.step = None
        self.consultation_id = None
        self.answers, self.chosen = {}, []
        self.extra, self.risks = {}, set()


class ConversationStore:
    """Conversations by key, each forgotten ``idle_seconds`` after its last use."""

    def __init__(self, idle_seconds: float = 30 * 60, *, clock: Clock = time.monotonic) -> None:
        self._idle = idle_seconds
        self._clock = clock
        self._conversations: dict[str, Conversation] = {}
        self._last_sweep = clock()

    def __len__(self) -> int:
        return len(self._conversations)

    def get(self, key: ConversationKey) -> Conversation:
        """The live conversation for ``key`` (a new one if there is none or it has expired)."""
        now = self._clock()
        self._sweep(now)
        conversation = self._conversations.get(key.current)
        if conversation is None and key.previous is not None:
            conversation = self._conversations.pop(key.previous, None)
        if conversation is None or now - conversation.last_seen > self._idle:
            conversation = Conversation()
        conversation.last_seen = now
        self._conversations[key.current] = conversation
        return conversation

    def forget(self, key: ConversationKey) -> None:
        """Drop the conversation now (``/forget``)."""
        self._conversations.pop(key.current, None)
        if key.previous is not None:
            self._conversations.pop(key.previous, None)

    def snapshot(self) -> dict[str, Conversation]:
        """A copy of everything held (for tests that search the state for identifiers)."""
        return dict(self._conversations)

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < 60:
            return
        self._last_sweep = now
        expired = [key for key, value in self._conversations.items() if now - value.last_seen > self._idle]
        for key in expired:
            del self._conversations[key]
