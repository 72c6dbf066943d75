"""Flagging a stored response urgent when the bot heard words of danger that are not in its answers.

The officers' reports list itself is ``survey.triage.listing``; what officers do with a report is
``survey.triage.actions``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from survey.notifications.outbox import queue_urgent_alert
from survey.storage.models import Response


def flag_urgent(session: Session, response: Response, categories: set[str] | frozenset[str]) -> None:
    """Mark a response urgent with these risk categories added (the bot heard them during the report).

    A response that was not urgent until now gets its urgent alert queued, as one stored urgent
    would. Flushes, never commits.
    """
    known = set(filter(None, (response.risk_categories or "").split(",")))
    newly_urgent = not response.urgent
    response.urgent = True
    response.risk_categories = ",".join(sorted(known | set(categories)))[:200]
    session.flush()
    if newly_urgent:
        queue_urgent_alert(session, partnership_id=response.partnership_id, response_id=response.id)
