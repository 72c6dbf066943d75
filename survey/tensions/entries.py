"""Community tension entries: log, change, close and list them, always within one partnership.

These functions flush and never commit (the caller commits once). The narrative is stored here and
shown to officers of the partnership only; callers audit by id, never with the narrative's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.storage.models import TensionEntry, Ward
from survey.storage.types import utcnow
from survey.vocabulary import TensionCategory, TensionLevel, TensionStatus


class TensionError(ValueError):
    """Values that cannot be saved; ``errors`` maps field names to GOV.UK-style messages."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))


@dataclass(frozen=True)
class TensionValues:
    """What an officer gives for a tension entry."""

    entry_date: dt.date
    ward_id: int
    category: TensionCategory
    level: TensionLevel
    source: str
    narrative: str
    review_on: dt.date | None = None


@dataclass(frozen=True)
class EntryFilter:
    """Which entries to list: ``None`` means any."""

    ward_id: int | None = None
    level: TensionLevel | None = None
    status: TensionStatus | None = None


def partnership_ward(session: Session, partnership_id: int, ward_id: int | None) -> Ward | None:
    """The partnership's ward with ``ward_id`` (``None`` for another partnership's ward)."""
    if ward_id is None:
        return None
    ward = session.get(Ward, ward_id)
    return ward if ward is not None and ward.partnership_id == partnership_id else None


def partnership_wards(session: Session, partnership_id: int) -> list[Ward]:
    """The partnership's wards by name."""
    query = select(Ward).where(Ward.partnership_id == partnership_id).order_by(Ward.name, Ward.code)
    return list(session.scalars(query))


def _check(session: Session, partnership_id: int, values: TensionValues) -> None:
    errors = {}
    if partnership_ward(session, partnership_id, values.ward_id) is None:
        errors["ward_id"] = "Select the ward"
    if not values.source.strip():
        errors["source"] = "Enter where this came from"
    elif len(values.source) > 200:
        errors["source"] = "Source must be 200 characters or fewer"
    if not values.narrative.strip():
        errors["narrative"] = "Enter what is happening"
    if values.review_on is not None and values.review_on < values.entry_date:
        errors["review_on"] = "Review date must be on or after the date of the entry"
    if errors:
        raise TensionError(errors)


def create_entry(
    session: Session,
    partnership_id: int,
    values: TensionValues,
    *,
    officer_id: int | None,
    submission_key: str | None = None,
) -> tuple[TensionEntry, bool]:
    """Log a tension entry; returns it and whether it is new.

    A submission key already used (a double click, a re-sent form) returns the entry it stored.
    """
    if submission_key:
        existing = session.scalar(
            select(TensionEntry).where(
                TensionEntry.submission_key == submission_key, TensionEntry.partnership_id == partnership_id
            )
        )
        if existing is not None:
            return existing, False
    _check(session, partnership_id, values)
    entry = TensionEntry(
        partnership_id=partnership_id,
        created_by_officer_id=officer_id,
        submission_key=submission_key or None,
        status=TensionStatus.OPEN,
        **_columns(values),
    )
    session.add(entry)
    session.flush()
    return entry, True


def update_entry(session: Session, entry: TensionEntry, values: TensionValues) -> TensionEntry:
    """Change an entry's details (its status is changed by :func:`close_entry` and :func:`reopen_entry`)."""
    _check(session, entry.partnership_id, values)
    for name, value in _columns(values).items():
        setattr(entry, name, value)
    entry.updated_at = utcnow()
    session.flush()
    session.expire(entry, ["ward"])  # the ward may have changed by id: load it afresh when asked
    return entry


def close_entry(session: Session, entry: TensionEntry, closed_on: dt.date) -> TensionEntry:
    """Close an open entry from ``closed_on``: from the week after, it no longer counts as open."""
    if closed_on < entry.entry_date:
        raise TensionError({"closed_on": "Date closed must be on or after the date of the entry"})
    entry.status = TensionStatus.CLOSED
    entry.closed_on = closed_on
    entry.updated_at = utcnow()
    session.flush()
    return entry


def reopen_entry(session: Session, entry: TensionEntry) -> TensionEntry:
    entry.status = TensionStatus.OPEN
    entry.closed_on = None
    entry.updated_at = utcnow()
    session.flush()
    return entry


def partnership_entry(session: Session, partnership_id: int, entry_id: int) -> TensionEntry | None:
    """The partnership's entry with ``entry_id`` (``None`` for another partnership's)."""
    entry = session.get(TensionEntry, entry_id)
    return entry if entry is not None and entry.partnership_id == partnership_id else None


def partnership_entries(
    session: Session, partnership_id: int, where: EntryFilter | None = None, *, since: dt.date | None = None
) -> list[TensionEntry]:
    """The partnership's entries, newest first, filtered by ward, level and status."""
    where = where or EntryFilter()
    query = select(TensionEntry).where(TensionEntry.partnership_id == partnership_id)
    if where.ward_id is not None:
        query = query.where(TensionEntry.ward_id == where.ward_id)
    if where.level is not None:
        query = query.where(TensionEntry.level == where.level)
    if where.status is not None:
        query = query.where(TensionEntry.status == where.status)
    if since is not None:
        query = query.where(TensionEntry.entry_date >= since)
    return list(session.scalars(query.order_by(TensionEntry.entry_date.desc(), TensionEntry.id.desc())))


def _columns(values: TensionValues) -> dict[str, object]:
    return {
        "entry_date": values.entry_date,
        "ward_id": values.ward_id,
        "category": TensionCategory(values.category),
        "level": TensionLevel(values.level),
        "source": values.source.strip(),
        "narrative": values.narrative.strip(),
        "review_on": values.review_on,
    }
