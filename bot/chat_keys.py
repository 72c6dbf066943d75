"""Keyed hashes of Telegram chat ids: the only form in which a chat id reaches the conversations.

The adapter turns the chat id into a :class:`~survey.conversations.state.ConversationKey` (an HMAC
with a key replaced every ``rotation``), and the conversation store only ever sees that. The key is
the same in every bot process: its random seed is kept in the conversation store for its period
(:mod:`survey.conversations.store.keyring`), and it is worked out from that seed and the app's secret
key, so no copy of the database or Redis can turn a chat id into a key. During a key rotation the
previous key is offered too, so someone halfway through a report is not thrown out at the moment the
key changes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from survey.conversations.state import Clock, ConversationKey
from survey.conversations.store.keyring import MemorySeeds, RotatingKeys, SeedStore

KEY_NAME = "telegram-chat"


class ChatKeys:
    """Keyed hashes of chat ids under a key that rotates. Without ``seeds``, the key lives in this
    process only (tests); the bot passes the shared store's."""

    def __init__(
        self,
        rotation_seconds: float = 24 * 3600,
        *,
        clock: Clock = time.time,
        seeds: SeedStore | None = None,
        wrap_key: bytes | None = None,
        grace_seconds: float | None = None,
    ) -> None:
        self._keys = RotatingKeys(
            seeds or MemorySeeds(),
            KEY_NAME,
            rotation_seconds,
            wrap_key=wrap_key or secrets.token_bytes(32),
            grace_seconds=rotation_seconds if grace_seconds is None else grace_seconds,
            clock=clock,
        )

    def key_for(self, chat_id: int) -> ConversationKey:
        current_key, previous_key = self._keys.keys()
        message = str(chat_id).encode()
        current = hmac.new(current_key, message, hashlib.sha256).hexdigest()[:32]
        previous = None
        if previous_key is not None:
            previous = hmac.new(previous_key, message, hashlib.sha256).hexdigest()[:32]
        return ConversationKey(current, previous)
