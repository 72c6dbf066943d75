"""Calling the Bot API again after a network failure, waiting longer each time."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram.error import BadRequest, NetworkError, RetryAfter

logger = logging.getLogger(__name__)
T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]


async def with_retry(
    call: Callable[[], Awaitable[T]], *, attempts: int = 4, first_delay: float = 0.5,
    sleep: Sleep = asyncio.sleep,
) -> T:
    """``await call()``, retrying network errors (0.5 s, 1 s, 2 s...) and Telegram's "slow down".

    A bad request is not retried: sending it again cannot help. A timed-out send may have reached
    Telegram, so a retry can show a message twice; for a safety message that is the better mistake.
    """
    delay = first_delay
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except BadRequest:
            raise
        except RetryAfter as error:
            with warnings.catch_warnings():  # PTB 22 warns that this becomes a timedelta; both are handled
                warnings.simplefilter("ignore")
                wait = error.retry_after
            pause = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
            failure: Exception = error
        except NetworkError as error:
            pause, delay = delay, delay * 2
            failure = error
        if attempt == attempts:
            raise failure
        logger.warning("Bot API call failed (%s); trying again in %.1f s", type(failure).__name__, pause)
        await sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover
