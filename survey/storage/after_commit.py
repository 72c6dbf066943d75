"""Hand ids to someone (the background worker's queue) only once the session's transaction has
committed, and forget them if it rolls back.

Whoever makes sessions puts the callable that hands an id over into the session's ``info`` under a
key of its own (the outbox's ``TELL_WORKER``, the scorer's ``TELL_SCORER``); code that stores
something calls :func:`hand_over_after_commit` with that key. A session without the callable leaves
the rows to the worker's own sweep, as does a callable that fails: what was committed is never lost.
Releasing a savepoint is not the commit: the outer transaction could still roll the rows back.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

_PENDING = "safer_voices.after_commit_pending"  # {key: (ids, what, fallback)}
_LISTENING = "safer_voices.after_commit_listening"

logger = logging.getLogger(__name__)


def hand_over_after_commit(session: Session, key: str, ids: Sequence[int], *, what: str,
                           fallback: str) -> None:
    """Call ``session.info[key]`` with each of ``ids`` once the transaction commits. ``what`` names an
    id in the log ("notification"), ``fallback`` says what happens to it if the call fails."""
    if not ids:
        return
    pending: dict[str, tuple[list[int], str, str]] = session.info.setdefault(_PENDING, {})
    pending.setdefault(key, ([], what, fallback))[0].extend(ids)
    if not session.info.get(_LISTENING):
        event.listen(session, "after_commit", _hand_over)
        event.listen(session, "after_transaction_end", _forget_if_rolled_back)
        session.info[_LISTENING] = True


def _hand_over(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released: the rows are not committed until the outer transaction is
    pending: dict[str, tuple[list[int], str, str]] = session.info.pop(_PENDING, {})
    for key, (ids, what, fallback) in pending.items():
        hand = session.info.get(key)
        if hand is None:
            continue  # the worker's sweep finds them
        for item in ids:
            try:
                hand(item)
            except Exception as error:  # what was stored is stored: the person must not see this
                logger.warning("The worker could not be told about %s %s (%s); %s.", what, item,
                               type(error).__name__, fallback)


def _forget_if_rolled_back(session: Session, transaction: Any) -> None:
    # After a commit the ids are gone already; after a rollback their rows are, so forget them.
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


@contextmanager
def rolled_back(session: Session) -> Iterator[None]:
    """Do the work inside in a savepoint that is always rolled back (a trial run), and forget the ids
    handed over inside it: rolling back a savepoint does not end the transaction, so without this they
    would reach the worker when the outer transaction commits, naming rows that were never kept."""
    pending = session.info.get(_PENDING)
    before = {key: (list(ids), what, fallback) for key, (ids, what, fallback) in (pending or {}).items()}
    savepoint = session.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()
        if before:
            session.info[_PENDING] = before
        else:
            session.info.pop(_PENDING, None)
