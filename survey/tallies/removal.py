"""Responses deleted leave the kept tallies in the same transaction: a withdrawal, an officer's
deletion, or any other ``session.delete(response)`` (the listener below), and a bulk ``DELETE``
statement that calls :func:`remove_responses` first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, event, select
from sqlalchemy.orm import Session

from survey.storage.models import Answer, Response
from survey.tallies.days import local_day
from survey.tallies.keep import TALLIED_COLUMNS, record_changes, tally_changes


def remove_responses(session: Session, response_ids: Iterable[int]) -> None:
    """Take responses about to be deleted, with all their answers, out of their consultations' tallies."""
    _remove_responses(session.connection(), list(response_ids))
    session.flush()


def _remove_responses(connection: Connection, ids: list[int]) -> None:
    answer, response = Answer.__table__, Response.__table__
    rows: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    removed: dict[int, list[int]] = defaultdict(list)
    days = {}
    for start in range(0, len(ids), 500):  # a bounded IN list on every database
        batch = ids[start : start + 500]
        for response_id, consultation_id, submitted_at in connection.execute(
            select(response.c.id, response.c.consultation_id, response.c.submitted_at).where(
                response.c.id.in_(batch)
            )
        ):
            removed[consultation_id].append(response_id)
            days[response_id] = local_day(submitted_at)
        for row in connection.execute(
            select(answer.c.consultation_id, *(answer.c[column] for column in TALLIED_COLUMNS)).where(
                answer.c.response_id.in_(batch)
            )
        ).mappings():
            rows[row["consultation_id"]].append(row)
    for consultation_id, response_ids in removed.items():
        changes = tally_changes(rows[consultation_id], days, sign=-1, responses=response_ids)
        record_changes(connection, consultation_id, changes)


@event.listens_for(Session, "before_flush")
def _deleted_responses_leave_the_tallies(session: Session, _context: object, _instances: object) -> None:
    """Whatever deletes a response through a session takes it out of the tallies in the same flush,
    before its answers go with it (ON DELETE CASCADE)."""
    deleted = [obj.id for obj in session.deleted if isinstance(obj, Response) and obj.id is not None]
    if deleted:
        _remove_responses(session.connection(), deleted)
