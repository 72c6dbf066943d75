"""How long an officer's signed-in session lasts.

A session ends after a spell without any request (idle) and, however busy, some hours after sign-in
(absolute). Both times travel in the signed session cookie, so a copied cookie cannot be stretched;
signing out and changing a password end every session on the server side as well, by rotating the
officer's session token (see ``accounts.end_sessions``). Respondents' drafts are not officer
sessions and keep their own rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class SessionPolicy:
    """The idle and absolute limits of an officer's session."""

    idle: dt.timedelta = dt.timedelta(minutes=30)
    absolute: dt.timedelta = dt.timedelta(hours=12)


def session_expired(
    *, signed_in_at: float | None, last_seen_at: float | None, now: float, policy: SessionPolicy
) -> bool:
    """Whether a session that began at ``signed_in_at`` and was last used at ``last_seen_at``
    (seconds since the epoch) has ended by ``now``. A session without its times has ended: it was
    made before the limits existed, or by hand."""
    if signed_in_at is None or last_seen_at is None:
        return True
    if now - last_seen_at >= policy.idle.total_seconds():
        return True
    # A time in the future means a clock went backwards or the cookie was made elsewhere: refuse it.
    if signed_in_at > now + 60 or last_seen_at > now + 60:
        return True
    return now - signed_in_at >= policy.absolute.total_seconds()
