"""What the confirmation page shows after a submit, kept in the session cookie until it is shown.

Per consultation: the reference, the urgent-risk categories to lead with 999, whether it was a
paper entry or a preview, and the reporter's check code. The code exists in plain text only in the
moment the response is stored (``StoredResponse.check_code``), so it is kept here for the
confirmation to survive a refresh. The cookie is signed, not encrypted: it holds the reporter's own
code, on their own device, and the codes are dropped as soon as they start another response.
"""

from __future__ import annotations

from typing import Any

from flask import session

from survey.responses.store import StoredResponse
from survey.vocabulary import Channel


def remember(slug: str, details: dict[str, Any]) -> None:
    """Keep ``details`` for the confirmation page of consultation ``slug``."""
    submitted = dict(session.get("submitted") or {})
    submitted[slug] = details
    session["submitted"] = submitted


def remember_stored(slug: str, stored: StoredResponse, channel: Channel) -> None:
    """Keep what the confirmation shows for a stored response.

    A submit sent twice finds the response stored the first time (``created`` false) and no code
    with it: the code is kept from the first time if this browser still has it, otherwise the page
    says that it was shown then.
    """
    response = stored.response
    code = stored.check_code
    if not stored.created:
        earlier = details_of(slug) or {}
        code = earlier.get("check_code") if earlier.get("reference") == response.reference else None
    remember(
        slug,
        {
            "reference": response.reference,
            "check_code": code,
            "urgent": (response.risk_categories or "").split(",") if response.urgent else [],
            "paper": channel == Channel.PAPER,
        },
    )


def details_of(slug: str) -> dict[str, Any] | None:
    """What the confirmation page of ``slug`` shows, if this browser sent something there."""
    return (session.get("submitted") or {}).get(slug)


def forget_check_codes() -> None:
    """Drop every check code this browser holds: it is starting a new response (on a shared device,
    perhaps someone else)."""
    submitted = session.get("submitted")
    if submitted and any(details.get("check_code") for details in submitted.values()):
        session["submitted"] = {
            slug: {**details, "check_code": None} for slug, details in submitted.items()
        }
