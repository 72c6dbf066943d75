"""Conversations in this process's memory: for tests and tools that run one process, never the bot."""

from __future__ import annotations

import time

from survey.conversations.state import Clock, Conversation, ConversationKey
from survey.conversations.store import Loaded, Turn


class MemoryStore:
    """Conversations by key in a dict, each forgotten ``idle_seconds`` after its last use."""

    def __init__(self, idle_seconds: float = 30 * 60, *, clock: Clock = time.monotonic) -> None:
        self.idle_seconds = idle_seconds
        self._clock = clock
        self._conversations: dict[str, Conversation] = {}
        self._last_sweep = clock()

    def __len__(self) -> int:
        return len(self._conversations)

    def get(self, key: ConversationKey) -> Conversation:
        """The live conversation for ``key`` (a new one if there is none or it has expired)."""
        return self._get(key)[0]

    def _get(self, key: ConversationKey) -> tuple[Conversation, bool]:
        now = self._clock()
        self._sweep(now)
        conversation = self._conversations.get(key.current)
        if conversation is None and key.previous is not None:
            conversation = self._conversations.pop(key.previous, None)
        found = conversation is not None and now - conversation.last_seen <= self.idle_seconds
        if conversation is None or not found:
            conversation = Conversation()
        conversation.last_seen = now
        self._conversations[key.current] = conversation
        return conversation, found

    def load(self, key: ConversationKey, turn: Turn) -> Loaded:
        conversation, found = self._get(key)
        return Loaded(conversation, 1 if found else 0)  # a version only to say whether it was found

    def save(self, key: ConversationKey, loaded: Loaded, turn: Turn) -> None:
        turn.commit()

    def forget(self, key: ConversationKey, turn: Turn | None = None) -> None:
        """Drop the conversation now (``/forget``)."""
        self._conversations.pop(key.current, None)
        if key.previous is not None:
            self._conversations.pop(key.previous, None)
        if turn is not None:
            turn.commit()

    def snapshot(self) -> dict[str, Conversation]:
        """A copy of everything held (for tests that search the state for identifiers)."""
        return dict(self._conversations)

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < 60:
            return
        self._last_sweep = now
        idle = self.idle_seconds
        expired = [key for key, value in self._conversations.items() if now - value.last_seen > idle]
        for key in expired:
            del self._conversations[key]
