"""What the retention run does to each kind of data once its period has ended. Flushes, never commits.

A response is anonymised once, as a whole: its free text (and the sentiment scored from it) is
deleted, its map pins are moved to the middle of their public map square (their ward stays), its
reference becomes ``ANON-<id>``, its check code, submission key and reply are deleted, and officers'
notes on it are deleted. The options it chose stay, so every tally and year-on-year comparison
counts it as before. Audit events that named it by its old reference name it by the new one. No
reporter holds the new reference, and with no check code it opens nothing
on the check page; it cannot be a real one (references never contain an O), officers still open the
report by it, and it marks the response done, so a second run finds nothing to do.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from sqlalchemy import ColumnElement, Select, String, and_, case, cast, delete, func, literal, select, update
from sqlalchemy.orm import Session

from survey.places.hotspots import Grid
from survey.storage.models import (
    Answer,
    AuditEvent,
    CheckFailure,
    Consultation,
    HeldUrgentMessage,
    ReportNote,
    Response,
    SavedProgress,
    TensionEntry,
)
from survey.tallies.keep import TALLIED_COLUMNS, change_in_tallies
from survey.vocabulary import DefinitionKind, TensionStatus

ANONYMOUS_PREFIX = "ANON-"
#: What a tension entry's narrative says once its words are deleted (the column may not be empty).
NARRATIVE_REMOVED = "Deleted at the end of its retention period."


def is_anonymised(reference: str) -> bool:
    return reference.startswith(ANONYMOUS_PREFIX)


def due_responses(
    partnership_id: int, kind: DefinitionKind, stored_before: dt.datetime
) -> Select[tuple[int]]:
    """The ids of the partnership's responses of ``kind`` stored before the moment, not yet anonymised."""
    return (
        select(Response.id)
        .join(Consultation, Consultation.id == Response.consultation_id)
        .where(
            Response.partnership_id == partnership_id,
            Consultation.kind == kind,
            Response.submitted_at < stored_before,
            Response.reference.not_like(f"{ANONYMOUS_PREFIX}%"),
        )
    )


def anonymise_responses(session: Session, ids: list[int], grid: Grid) -> Counter[str]:
    """Anonymise the responses with these ids (see the module docstring); counts of what changed."""
    counts: Counter[str] = Counter()
    for start in range(0, len(ids), 500):  # a bounded IN list on every database
        counts.update(_anonymise_batch(session, ids[start : start + 500], grid))
    return counts


def _anonymise_batch(session: Session, ids: list[int], grid: Grid) -> Counter[str]:
    counts: Counter[str] = Counter()
    _take_words_from_tallies(session, ids)
    cleared = session.execute(
        update(Answer)
        .where(Answer.response_id.in_(ids), Answer.text.is_not(None))
        .values(text=None, sentiment_polarity=None, sentiment_subjectivity=None, sentiment_compound=None)
    )
    counts["free_text_answers"] = cleared.rowcount
    # Scores without words (an answer scored and later emptied) could still be matched to a copy.
    session.execute(
        update(Answer)
        .where(Answer.response_id.in_(ids), Answer.sentiment_compound.is_not(None))
        .values(sentiment_polarity=None, sentiment_subjectivity=None, sentiment_compound=None)
    )
    counts["pins_coarsened"] = _coarsen_pins(session, ids, grid)
    notes = session.execute(delete(ReportNote).where(ReportNote.response_id.in_(ids)))
    counts["report_notes"] = notes.rowcount
    replies = session.scalar(
        select(func.count(Response.id)).where(Response.id.in_(ids), Response.reply.is_not(None))
    )
    counts["replies"] = int(replies or 0)
    counts["audit_references"] = _repoint_audit_events(session, ids)
    session.execute(
        update(Response)
        .where(Response.id.in_(ids))
        .values(
            reference=literal(ANONYMOUS_PREFIX).concat(cast(Response.id, String)),
            check_code_hash=None,
            submission_key=None,
            reply=None,
        )
    )
    return counts


def _take_words_from_tallies(session: Session, ids: list[int]) -> None:
    """The kept tallies lose the words and scores the run deletes below (pins moved stay pins, and
    count as before)."""
    changing = session.execute(
        select(Answer.consultation_id, *(getattr(Answer, column) for column in TALLIED_COLUMNS)).where(
            Answer.response_id.in_(ids), Answer.text.is_not(None) | Answer.sentiment_compound.is_not(None)
        )
    ).mappings()
    by_consultation: dict[int, list[dict[str, object]]] = defaultdict(list)
    for row in changing:
        by_consultation[row["consultation_id"]].append(dict(row))
    cleared = dict.fromkeys(("text", "sentiment_compound", "sentiment_polarity", "sentiment_subjectivity"))
    for consultation_id, before in by_consultation.items():
        change_in_tallies(session, consultation_id, before, [{**row, **cleared} for row in before])


def _repoint_audit_events(session: Session, ids: list[int]) -> int:
    """Audit events name a report by its reference: they name it by its anonymous one from now on, so
    the log still says who opened or changed it and the old reference is gone from the database."""
    renamed = {
        reference: f"{ANONYMOUS_PREFIX}{response_id}"
        for response_id, reference in session.execute(
            select(Response.id, Response.reference).where(Response.id.in_(ids))
        )
    }
    if not renamed:
        return 0
    result = session.execute(
        update(AuditEvent)
        .where(AuditEvent.target_type == "response", AuditEvent.target_id.in_(list(renamed)))
        .values(target_id=case(renamed, value=AuditEvent.target_id))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def _coarsen_pins(session: Session, ids: list[int], grid: Grid) -> int:
    pins = session.execute(
        select(Answer.id, Answer.latitude, Answer.longitude).where(
            Answer.response_id.in_(ids), Answer.latitude.is_not(None), Answer.longitude.is_not(None)
        )
    ).all()
    moved = []
    for answer_id, latitude, longitude in pins:
        centre_latitude, centre_longitude = grid.centre(*grid.cell_of(latitude, longitude))
        if (centre_latitude, centre_longitude) != (latitude, longitude):
            moved.append({"id": answer_id, "latitude": centre_latitude, "longitude": centre_longitude})
    if moved:
        session.execute(update(Answer), moved)
    return len(moved)


def tension_day() -> ColumnElement[dt.date]:
    """The day a tension entry's period counts from: when it was closed, or recorded if still open."""
    closed = (TensionEntry.status == TensionStatus.CLOSED) & TensionEntry.closed_on.is_not(None)
    return case((closed, TensionEntry.closed_on), else_=TensionEntry.entry_date)


def due_tension_entries(partnership_id: int, last_day: dt.date) -> ColumnElement[bool]:
    """The partnership's tension entries with words, whose period counts from ``last_day`` or before."""
    return and_(
        TensionEntry.partnership_id == partnership_id,
        TensionEntry.narrative != NARRATIVE_REMOVED,
        tension_day() <= last_day,
    )


def clear_tension_narratives(session: Session, partnership_id: int, last_day: dt.date) -> int:
    """Delete the words of tension entries closed (or, if open, recorded) on or before ``last_day``."""
    result = session.execute(
        update(TensionEntry)
        .where(due_tension_entries(partnership_id, last_day))
        .values(narrative=NARRATIVE_REMOVED)
    )
    return result.rowcount


def delete_audit_events(session: Session, partnership_id: int, before: dt.datetime) -> int:
    result = session.execute(
        delete(AuditEvent).where(AuditEvent.partnership_id == partnership_id, AuditEvent.at < before)
    )
    return result.rowcount


def delete_held_messages(session: Session, partnership_id: int, before: dt.datetime) -> int:
    """Words of danger held for a chat that never sent its report, older than the worries' period."""
    result = session.execute(
        delete(HeldUrgentMessage).where(
            HeldUrgentMessage.partnership_id == partnership_id, HeldUrgentMessage.created_at < before
        )
    )
    return result.rowcount


def delete_expired_saved_progress(session: Session, partnership_id: int, now: dt.datetime) -> int:
    """Answers put aside with "save and come back later" whose code has expired (their words too)."""
    consultations = select(Consultation.id).where(Consultation.partnership_id == partnership_id)
    result = session.execute(
        delete(SavedProgress).where(
            SavedProgress.consultation_id.in_(consultations), SavedProgress.expires_at < now
        )
    )
    return result.rowcount


def delete_old_check_failures(session: Session, before: dt.date) -> int:
    """Wrong-check-code counts of earlier days: they hold a hash of a typed reference, and lock nothing."""
    result = session.execute(delete(CheckFailure).where(CheckFailure.day < before))
    return result.rowcount
