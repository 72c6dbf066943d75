"""A reporter checks on, or withdraws, their report with its reference and check code.

Whoever holds the two sees the report's status and the officer's reply, nothing else. A wrong
code and an unknown reference give the same answer (``NO_MATCH``), and both count towards a lock:
after :data:`WRONG_CODES_PER_DAY` wrong tries for a reference on one day, that reference is locked
until the next day (``LOCKED``), right code or not, whether or not a report has it. The count is
kept in the main database (``check_failure``), keyed by a hash of the reference, so it holds across
every worker and host. Limits per address or per conversation are the channel's job.

Like the rest of the core these functions flush and never commit: the caller commits, and must
commit after ``NO_MATCH`` and ``LOCKED`` too, or the wrong try is not counted.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from survey.officers.audit import record_event
from survey.storage.models import CheckFailure, Response
from survey.tallies import removal as _removal  # noqa: F401 (its listener takes a deleted response out)
from survey.triage.codes import code_matches, normalise, stored_reference
from survey.vocabulary import ReportStatus

#: Wrong codes a reference may have in one day; the one that reaches it locks the reference.
WRONG_CODES_PER_DAY = 10
#: The lock lasts until midnight where the reporters are.
LOCAL_TIME = ZoneInfo("Europe/London")
#: The audit action of a withdrawal: the event is the count, it names no report.
WITHDRAWN_ACTION = "report_withdrawn"
# The stored shape of a reference (survey.responses.store.new_reference): K7QX-M2PA-9D.


class CheckOutcome(enum.StrEnum):
    FOUND = "found"
    NO_MATCH = "no_match"
    LOCKED = "locked"


@dataclass(frozen=True)
class CheckResult:
    outcome: CheckOutcome
    status: ReportStatus | None = None
    reply: str | None = None
    """The officer's reply to the reporter; ``None`` when there is none or they chose status only."""


def check_report(
    session: Session, reference: str, code: str, *, now: dt.datetime | None = None
) -> CheckResult:
    """The status and reply of the report with ``reference`` if ``code`` is its check code.

    ``NO_MATCH`` (counted) for a wrong code or an unknown reference alike; ``LOCKED`` once the
    reference has had too many wrong codes today.
    """
    outcome, response = _open(session, reference, code, now)
    if response is None:
        return CheckResult(outcome)
    reply = (response.reply or "").strip() or None
    return CheckResult(CheckOutcome.FOUND, status=response.status, reply=reply)


def withdraw_report(
    session: Session, reference: str, code: str, *, now: dt.datetime | None = None
) -> CheckResult:
    """Delete the report with ``reference`` (its answers and notes with it) if ``code`` is its check code.

    ``FOUND`` means it was deleted. The audit log records that a report was withdrawn and nothing
    more: not which, not what it said. Afterwards the reference is unknown (``NO_MATCH``).
    """
    outcome, response = _open(session, reference, code, now)
    if response is None:
        return CheckResult(outcome)
    partnership_id = response.partnership_id
    session.delete(response)  # answers and notes go with it (ON DELETE CASCADE)
    session.flush()  # and it leaves the kept tallies (survey.tallies.removal)
    record_event(session, partnership_id=partnership_id, action=WITHDRAWN_ACTION)
    return CheckResult(CheckOutcome.FOUND)


def reference_digest(reference: str) -> str:
    """The key of a reference's wrong-code count: a hash of the reference as typed, normalised."""
    return hashlib.sha256(f"safer-voices-check-reference:{normalise(reference)}".encode()).hexdigest()


def failures_today(session: Session, reference: str, *, now: dt.datetime | None = None) -> int:
    """How many wrong codes ``reference`` has had today."""
    query = select(CheckFailure.failures).where(
        CheckFailure.reference_digest == reference_digest(reference), CheckFailure.day == _today(now)
    )
    return session.scalar(query) or 0


def _open(
    session: Session, reference: str, code: str, now: dt.datetime | None
) -> tuple[CheckOutcome, Response | None]:
    """The response if the code is right and the reference not locked; otherwise why not."""
    if failures_today(session, reference, now=now) >= WRONG_CODES_PER_DAY:
        return CheckOutcome.LOCKED, None
    stored = stored_reference(reference)
    response = (
        session.scalar(select(Response).where(Response.reference == stored)) if stored is not None else None
    )
    # The hash is compared either way, so an unknown reference takes as long as a wrong code.
    if code_matches(reference, code, response.check_code_hash if response is not None else "-"):
        return CheckOutcome.FOUND, response
    failures = _count_failure(session, reference, now)
    return (CheckOutcome.LOCKED if failures >= WRONG_CODES_PER_DAY else CheckOutcome.NO_MATCH), None


def _count_failure(session: Session, reference: str, now: dt.datetime | None) -> int:
    """Add one wrong code to today's count for ``reference``, atomically; the new count."""
    day = _today(now)
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(CheckFailure)
        .values(reference_digest=reference_digest(reference), day=day, failures=1)
        .on_conflict_do_update(
            index_elements=[CheckFailure.reference_digest, CheckFailure.day],
            set_={"failures": CheckFailure.failures + 1},
        )
        .returning(CheckFailure.failures)
    )
    failures = session.execute(statement).scalar_one()
    # Counts of earlier days lock nothing any more.
    session.execute(
        delete(CheckFailure).where(CheckFailure.day < day).execution_options(synchronize_session=False)
    )
    return failures


def _today(now: dt.datetime | None) -> dt.date:
    return (now or dt.datetime.now(dt.UTC)).astimezone(LOCAL_TIME).date()
