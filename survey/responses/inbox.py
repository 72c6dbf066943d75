"""Flagging a stored response urgent when the bot heard words of danger that are not in its answers.

The officers' reports list itself is ``survey.triage.listing``; what officers do with a report is
``survey.triage.actions``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from survey.storage.models import Response


def flag_urgent(session: Session, response: Response, categories: set[str] | frozenset[str]) -> None:
    """Mark a response urgent with these risk categories added (the bot heard them during the report).

    Flushes, never commits.
    """
    known = set(filter(None, (response.risk_categories or "").split(",")))
    response.urgent = True
    response.risk_categories = ",".join(sorted(known | set(categories)))[:200]
    session.flush()
