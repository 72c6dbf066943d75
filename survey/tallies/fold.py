"""Folding the deltas into the totals (in all, and per day): the worker's job every minute, and
callable directly.

Each batch of deltas is deleted and returned by one statement, so a delta committed while the fold
runs is either in that statement's batch or left for the next fold, never counted twice nor lost;
two folds at once each fold the rows the other has not already deleted. The totals are upserted,
adding to what is there.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from survey.storage.models.tallies import MEASURES, TallyDay, TallyDelta, TallyTotal

_BATCH = 20_000
KEY = ("consultation_id", "question_id", "option", "rank")
DAY_KEY = ("consultation_id", "day", "question_id", "option", "rank")


def fold_tallies(session: Session | Connection, *, batch: int = _BATCH) -> int:
    """Fold every delta visible now into the totals; returns how many delta rows were folded.

    Flushes, never commits (in the caller's transaction, all of it folds or none)."""
    table = TallyDelta.__table__
    folded = 0
    while True:
        oldest = select(table.c.id).order_by(table.c.id).limit(batch).scalar_subquery()
        rows = session.execute(
            delete(table)
            .where(table.c.id.in_(oldest))
            .returning(*(table.c[name] for name in DAY_KEY + MEASURES))
        ).all()
        if not rows:
            return folded
        folded += len(rows)
        add_to_totals(session, summed([dict(row._mapping) for row in rows], KEY), TallyTotal.__table__)
        add_to_totals(session, summed([dict(row._mapping) for row in rows], DAY_KEY), TallyDay.__table__)
        if len(rows) < batch:
            return folded


def summed(rows: list[dict[str, Any]], key: tuple[str, ...]) -> list[dict[str, Any]]:
    """``rows`` (a key and measures each) added up by ``key``."""
    totals: dict[tuple[Any, ...], list[Any]] = defaultdict(lambda: [0] * len(MEASURES))
    for row in rows:
        measures = totals[tuple(row[name] for name in key)]
        for index, name in enumerate(MEASURES):
            measures[index] += row[name] or 0
    return [
        {**dict(zip(key, values, strict=True)), **dict(zip(MEASURES, measures, strict=True))}
        for values, measures in totals.items()
    ]


def dialect_name(session: Session | Connection) -> str:
    """The database's name (``sqlite``, ``postgresql``) for a session or a plain connection (a migration)."""
    return session.dialect.name if isinstance(session, Connection) else session.get_bind().dialect.name


def add_to_totals(session: Session | Connection, rows: list[dict[str, Any]], table: Table) -> None:
    """Add ``rows`` (a key and its measures each) to ``table`` (the totals, or the days' totals): a new
    key is inserted, a known one has the measures added to its own."""
    if not rows:
        return
    dialect = postgresql if dialect_name(session) == "postgresql" else sqlite
    key = DAY_KEY if "day" in table.c else KEY
    statement = dialect.insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c[name] for name in key],
        set_={name: table.c[name] + statement.excluded[name] for name in MEASURES},
    )
    # In key order: two writers at once (a fold and a rebuild's upserts) lock rows in one order.
    rows = sorted(rows, key=lambda row: tuple(row[name] for name in key))
    for start in range(0, len(rows), 1000):
        session.execute(statement, rows[start : start + 1000])
