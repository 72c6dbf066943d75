"""Keyed hashes of Telegram chat ids: the only form in which a chat id reaches the conversations.

The adapter turns the chat id into a :class:`~survey.conversations.state.ConversationKey` (an HMAC
with a random key that lives only in this process and is replaced every ``rotation``), and the
conversation store only ever sees that. During a key rotation the previous key is offered too, so
someone halfway through a report is not thrown out at the moment the key changes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from survey.conversations.state import Clock, ConversationKey


class ChatKeys:
    """Keyed hashes of chat ids with a random key that rotates (and is never written anywhere)."""

    def __init__(self, rotation_seconds: float = 24 * 3600, *, clock: Clock = time.monotonic) -> None:
        self._rotation = rotation_seconds
        self._clock = clock
        self._key = secrets.token_bytes(32)
        self._previous: bytes | None = None
        self._rotated_at = clock()

    def _rotate_if_due(self) -> None:
        if self._clock() - self._rotated_at >= self._rotation:
            self._previous, self._key = self._key, secrets.token_bytes(32)
            self._rotated_at = self._clock()

    def key_for(self, chat_id: int) -> ConversationKey:
        self._rotate_if_due()
        message = str(chat_id).encode()
        current = hmac.new(self._key, message, hashlib.sha256).hexdigest()[:32]
        previous = None
        if self._previous is not None:
            previous = hmac.new(self._previous, message, hashlib.sha256).hexdigest()[:32]
        return ConversationKey(current, previous)
