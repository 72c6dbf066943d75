"""What an officer does with a report: open it, set its status, assign it, note it, reply to it.

The web pages and ``safer-voices reports update`` both call these. Each change writes one audit event
(who, when, which reference, what kind of change) and never the words of the report, the note or the
reply. They flush and never commit: the caller's unit of work stores the change and its audit event
together, or neither.

A reply is read by whoever types the reference and check code, which may not be the reporter: on a
shared phone it may be the person the report is about. So a reply is stored only when the officer
chooses to send one, and for a worry about home the form starts at "send only the status"
(:func:`status_only_by_default`). ``Response.reply`` is ``None`` when only the status is shared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from survey.officers.audit import record_event
from survey.storage.models import Consultation, Officer, ReportNote, Response
from survey.storage.types import utcnow
from survey.vocabulary import DefinitionKind, ReportStatus

NOTE_MAX_LENGTH = 5000
REPLY_MAX_LENGTH = 2000
HOME_TOPIC = ("topic", "home")
"""The worry question and answer that mean "something at home" (survey/definitions/templates/worry.yaml)."""

STATUS_LABELS = {
    ReportStatus.NEW: "New",
    ReportStatus.REVIEWING: "Reviewing",
    ReportStatus.ACTIONED: "Actioned",
    ReportStatus.CLOSED: "Closed",
}


class TriageError(ValueError):
    """A change that cannot be made, in words an officer can act on (GOV.UK error wording)."""


@dataclass(frozen=True)
class Actor:
    """Who made a change and how: an officer on the web, or whoever runs the command line."""

    officer_id: int | None
    via: str

    @classmethod
    def web(cls, officer: Officer) -> Actor:
        return cls(officer_id=officer.id, via="web")

    @classmethod
    def cli(cls) -> Actor:
        return cls(officer_id=None, via="cli")


def _audit(session: Session, response: Response, action: str, by: Actor, **details: Any) -> None:
    record_event(session, partnership_id=response.partnership_id, officer_id=by.officer_id, action=action,
                 target_type="response", target_id=response.reference, details={"via": by.via, **details})


def parse_status(value: str) -> ReportStatus:
    """The status named by ``value``; :class:`TriageError` for anything else."""
    try:
        return ReportStatus(value.strip().lower())
    except ValueError:
        names = ", ".join(status.value for status in ReportStatus)
        raise TriageError(f"Select a status: one of {names}") from None


def record_opened(
    session: Session, response: Response, officer: Officer, *, now: dt.datetime | None = None
) -> None:
    """An officer opened the report: audited every time, and the first open unpins an urgent report."""
    first = response.opened_at is None
    if first:
        response.opened_at = now or utcnow()
    record_event(session, partnership_id=response.partnership_id, officer_id=officer.id,
                 action="report_viewed", target_type="response", target_id=response.reference,
                 details={"first": True} if first else {})


def set_status(
    session: Session, response: Response, status: ReportStatus | str, *, by: Actor,
    now: dt.datetime | None = None,
) -> bool:
    """Move the report to ``status``; False (and nothing recorded) if it is there already."""
    new = status if isinstance(status, ReportStatus) else parse_status(status)
    old = response.status
    if new == old:
        return False
    response.status = new
    response.status_changed_at = now or utcnow()
    _audit(session, response, "report_status_changed", by, **{"from": old.value, "to": new.value})
    session.flush()
    return True


def assign(session: Session, response: Response, officer: Officer | None, *, by: Actor) -> bool:
    """Give the report to ``officer`` (``None``: to nobody); False if nothing changes.

    Only an active officer of the report's own partnership can be given it.
    """
    if officer is not None:
        if officer.partnership_id != response.partnership_id:
            raise TriageError("Select an officer from this report's partnership")
        if not officer.active:
            raise TriageError(f"{officer.email} is deactivated: select an active officer")
    new_id = officer.id if officer is not None else None
    if new_id == response.assigned_officer_id:
        return False
    response.assigned_officer_id = new_id
    _audit(session, response, "report_assigned", by, assigned_officer_id=new_id)
    session.flush()
    return True


def add_note(
    session: Session, response: Response, text: str, *, by: Actor, now: dt.datetime | None = None
) -> ReportNote:
    """Add an internal note (never shown to the reporter)."""
    text = text.strip()
    if not text:
        raise TriageError("Enter a note")
    if len(text) > NOTE_MAX_LENGTH:
        raise TriageError(f"A note must be {NOTE_MAX_LENGTH:,} characters or fewer")
    note = ReportNote(response_id=response.id, officer_id=by.officer_id, text=text,
                      created_at=now or utcnow())
    session.add(note)
    session.flush()
    _audit(session, response, "report_note_added", by, note_id=note.id)
    return note


def set_reply(
    session: Session, response: Response, text: str | None, *, by: Actor, now: dt.datetime | None = None
) -> bool:
    """Share ``text`` with whoever checks the report, or (``None``) share only its status.

    False if nothing changes. The audit event says whether a reply is shared, never what it says.
    """
    if text is not None:
        text = text.strip()
        if not text:
            raise TriageError("Enter a reply, or choose to send only the status")
        if len(text) > REPLY_MAX_LENGTH:
            raise TriageError(f"A reply must be {REPLY_MAX_LENGTH:,} characters or fewer")
    if text == response.reply:
        return False
    response.reply = text
    response.replied_at = (now or utcnow()) if text is not None else None
    _audit(session, response, "report_reply_set", by, shared=text is not None)
    session.flush()
    return True


def status_only_by_default(consultation: Consultation, response: Response) -> bool:
    """Whether the reply form should start at "send only the status": a worry about home, where the
    person who reads the reply on a shared phone may be the one the worry is about."""
    if consultation.kind != DefinitionKind.WORRY:
        return False
    question_id, option = HOME_TOPIC
    return any(row.question_id == question_id and row.option == option for row in response.answers)
