"""The audit log: who viewed or exported what, and when. Never the content itself."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.storage.models import AuditEvent


def record_event(
    session: Session,
    *,
    partnership_id: int,
    action: str,
    officer_id: int | None = None,
    target_type: str | None = None,
    target_id: str | int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to the current unit of work (it commits with the action it records)."""
    event = AuditEvent(
        partnership_id=partnership_id,
        officer_id=officer_id,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        details=details or {},
    )
    session.add(event)
    session.flush()
    return event


def recent_events(session: Session, partnership_id: int, *, limit: int = 200) -> list[AuditEvent]:
    """The partnership's newest audit events first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.partnership_id == partnership_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))
