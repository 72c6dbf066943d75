"""Conversations in Redis: one hash per conversation (``v`` the version, ``s`` the state as JSON)
that Redis itself deletes ``idle_seconds`` after the last turn (a TTL set with every write).

A write is one Lua script, so the version check and the write cannot be split by another process.
The turn's database work commits before the state is written (see :mod:`survey.conversations.store`).
"""

from __future__ import annotations

import time

from redis import Redis

from survey.conversations.state import Clock, Conversation, ConversationKey
from survey.conversations.store import Loaded, Turn, VersionConflict
from survey.conversations.store.codec import UnknownStateFormat, dumps, loads

PREFIX = "safer-voices:conversation:"

# KEYS[1]: where the turn found it (or the new key), KEYS[2]: the new key.
# ARGV: the version read, the state, the time to live in milliseconds.
_SAVE = """
local found = redis.call('HGET', KEYS[1], 'v') or '0'
if found ~= ARGV[1] then return 0 end
if KEYS[1] ~= KEYS[2] then
  if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
  redis.call('DEL', KEYS[1])
end
redis.call('HSET', KEYS[2], 'v', tonumber(ARGV[1]) + 1, 's', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
"""


def redis_client(url: str) -> Redis:
    """A client for ``url`` that gives up quickly when Redis is down (the update is then sent again)."""
    return Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5, health_check_interval=30)


class RedisStore:
    """Conversations in Redis, shared by every process that uses the same Redis database."""

    def __init__(self, client: Redis, *, idle_seconds: float = 30 * 60, clock: Clock = time.time) -> None:
        self.idle_seconds = idle_seconds
        self.client = client
        self._clock = clock
        self._save = client.register_script(_SAVE)

    def load(self, key: ConversationKey, turn: Turn) -> Loaded:
        names = [PREFIX + key.current] + ([PREFIX + key.previous] if key.previous else [])
        with self.client.pipeline(transaction=False) as pipe:
            for name in names:
                pipe.hmget(name, "v", "s")
            found = pipe.execute()
        for name, (version, state) in zip(names, found, strict=True):
            if version is None:
                continue
            try:
                conversation = loads(state)
            except UnknownStateFormat:
                conversation = Conversation()
            conversation.last_seen = self._clock()
            return Loaded(conversation, int(version), name.removeprefix(PREFIX))
        return Loaded(Conversation(last_seen=self._clock()))

    def save(self, key: ConversationKey, loaded: Loaded, turn: Turn) -> None:
        turn.commit()
        found = PREFIX + (loaded.found_under or key.current)
        ttl = max(1, int(self.idle_seconds * 1000))
        written = self._save(
            keys=[found, PREFIX + key.current], args=[loaded.version, dumps(loaded.conversation), ttl]
        )
        if written != 1:
            raise VersionConflict

    def forget(self, key: ConversationKey, turn: Turn) -> None:
        turn.commit()
        self.client.delete(*[PREFIX + k for k in (key.current, key.previous) if k])

    # Out of a turn: for tests, the benchmark and the identifier scan.
    def __len__(self) -> int:
        return sum(1 for _ in self.client.scan_iter(match=PREFIX + "*", count=1000))

    def snapshot(self) -> dict[str, Conversation]:
        """Every live conversation, read back from its stored form."""
        found = {}
        for name in self.client.scan_iter(match=PREFIX + "*", count=1000):
            state = self.client.hget(name, "s")
            if state is not None:
                found[name.decode().removeprefix(PREFIX)] = loads(state)
        return found
