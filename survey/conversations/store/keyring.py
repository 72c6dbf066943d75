"""The secret that turns a channel's own ids (a Telegram chat id) into conversation keys, the same in
every process and replaced every rotation period.

Time is cut into periods of ``rotation_seconds``; each period's key is
``HMAC(wrap_key, seed)``, where the seed is random, made by whichever process needs it first and
kept in the shared store (the database's ``conversation_key_seed``, or Redis) until its period is
over plus ``grace_seconds`` (the idle time of a conversation: the previous period's key is still
offered, so a conversation begun before a rotation moves to the new key instead of being lost).
After that the seed is deleted (on the next rotation and by the worker's job, or by Redis).
``wrap_key`` comes from the app's secret key and is never stored, so a copy of the database or of
Redis (a backup, a replica, an export) cannot turn a chat id into a conversation key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from typing import Protocol

from redis import Redis
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from survey.conversations.state import Clock
from survey.storage.models import ConversationKeySeed

SEEDS = ConversationKeySeed.__table__
REDIS_PREFIX = "safer-voices:key-seed:"


class SeedStore(Protocol):
    def seed(self, name: str, period: int, expires_at: float, *, create: bool) -> str | None:
        """The seed of ``period``: made now (kept until ``expires_at``, a Unix time) if there is none
        and ``create``, else ``None``."""
        ...


class RotatingKeys:
    """The current period's key and the previous one's, read from the store once per period."""

    def __init__(
        self,
        seeds: SeedStore,
        name: str,
        rotation_seconds: float,
        *,
        wrap_key: bytes,
        grace_seconds: float,
        clock: Clock = time.time,
    ) -> None:
        self._seeds, self._name = seeds, name
        self._rotation, self._grace = rotation_seconds, grace_seconds
        self._wrap_key = wrap_key
        self._clock = clock
        self._cached: tuple[int, bytes, bytes | None] | None = None

    def keys(self) -> tuple[bytes, bytes | None]:
        """This period's key, and the previous period's while it is still kept."""
        now = self._clock()
        period = int(now // self._rotation)
        if self._cached is None or self._cached[0] != period:
            expires = (period + 1) * self._rotation + self._grace
            current = self._seeds.seed(self._name, period, expires, create=True)
            previous = self._seeds.seed(self._name, period - 1, expires - self._rotation, create=False)
            assert current is not None
            self._cached = (period, self._key(current), self._key(previous) if previous else None)
        _, current_key, previous_key = self._cached
        # The previous key is offered only for the grace time after the rotation.
        if previous_key is not None and now - period * self._rotation >= self._grace:
            previous_key = None
        return current_key, previous_key

    def _key(self, seed: str) -> bytes:
        return hmac.new(self._wrap_key, seed.encode(), hashlib.sha256).digest()


class MemorySeeds:
    """Seeds in this process only (tests, and the console)."""

    def __init__(self) -> None:
        self._seeds: dict[tuple[str, int], str] = {}

    def seed(self, name: str, period: int, expires_at: float, *, create: bool) -> str | None:
        if create:
            self._seeds.setdefault((name, period), secrets.token_hex(32))
        return self._seeds.get((name, period))


class DatabaseSeeds:
    """Seeds in ``conversation_key_seed``, each in a short transaction of its own."""

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._session_factory = session_factory

    def seed(self, name: str, period: int, expires_at: float, *, create: bool) -> str | None:
        session = self._session_factory()
        try:
            found = self._find(session, name, period)
            if found is None and create:
                now = dt.datetime.now(dt.UTC)
                session.execute(delete(SEEDS).where(SEEDS.c.expires_at <= now))
                try:
                    session.execute(
                        insert(SEEDS).values(
                            name=name,
                            period=period,
                            seed=secrets.token_hex(32),
                            expires_at=dt.datetime.fromtimestamp(expires_at, dt.UTC),
                        )
                    )
                    session.commit()
                except IntegrityError:  # another process made it first: use theirs
                    session.rollback()
                found = self._find(session, name, period)
            session.commit()
            return found
        finally:
            session.close()

    @staticmethod
    def _find(session: Session, name: str, period: int) -> str | None:
        return session.scalar(select(SEEDS.c.seed).where(SEEDS.c.name == name, SEEDS.c.period == period))


class RedisSeeds:
    """Seeds in Redis, which deletes each at its expiry."""

    def __init__(self, client: Redis) -> None:
        self.client = client

    def seed(self, name: str, period: int, expires_at: float, *, create: bool) -> str | None:
        key = f"{REDIS_PREFIX}{name}:{period}"
        if create:
            ttl = max(1, int((expires_at - time.time()) * 1000))
            self.client.set(key, secrets.token_hex(32), nx=True, px=ttl)
        found = self.client.get(key)
        return found.decode() if found is not None else None


def open_seeds(redis_url: str | None, session_factory: Callable[[], Session]) -> SeedStore:
    """Redis when a URL is given, else the database: the same place conversations are kept."""
    if redis_url:
        from survey.conversations.store.redis_store import redis_client

        return RedisSeeds(redis_client(redis_url))
    return DatabaseSeeds(session_factory)
