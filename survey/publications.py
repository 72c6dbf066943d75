"""Published results: frozen snapshots of a consultation's public figures, and "You said, we did".

The snapshot itself (the public report with disclosure control) is made by ``analysis`` and handed
in as JSON text: the core stores it, says whether a consultation may be published, and keeps the
officers' "You said, we did" entries. Every change is recorded in the audit log (who, when, which
consultation or entry; never the words).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.officers.audit import record_event
from survey.storage.models import Consultation, ResultsPublication, YouSaidWeDid
from survey.storage.types import utcnow
from survey.vocabulary import ActionStatus, ConsultationStatus

PUBLISHED_ACTION = "results_published"
UNPUBLISHED_ACTION = "results_unpublished"
ENTRY_ADDED_ACTION = "you_said_we_did_added"
ENTRY_CHANGED_ACTION = "you_said_we_did_changed"
LIMITS = {"you_said": 200, "we_did": 2000, "lead": 200}


class PublicationError(ValueError):
    """A publishing request that cannot be carried out, in words an officer can act on."""


def refusal_to_publish(consultation: Consultation) -> str | None:
    """Why the consultation's results cannot be published now, or ``None`` when they can.

    Only a closed consultation is published: while it is open its figures still change, and a
    figure published then could be differenced against a later one.
    """
    if consultation.status != ConsultationStatus.CLOSED:
        return (f"The consultation '{consultation.slug}' is {consultation.status.value}: close it before "
                "you publish its results")
    return None


def record_publication(
    session: Session, consultation: Consultation, snapshot_json: str, *,
    officer_id: int | None = None, via: str = "web", now: dt.datetime | None = None,
) -> ResultsPublication:
    """Store a new dated snapshot of the consultation's public figures (``snapshot_json``, made by
    ``analysis.published``). Raises :class:`PublicationError` when the consultation is not closed."""
    refusal = refusal_to_publish(consultation)
    if refusal is not None:
        raise PublicationError(refusal)
    publication = ResultsPublication(partnership_id=consultation.partnership_id,
                                     consultation_id=consultation.id, snapshot_json=snapshot_json,
                                     published_at=now or utcnow())
    session.add(publication)
    session.flush()
    record_event(session, partnership_id=consultation.partnership_id, officer_id=officer_id,
                 action=PUBLISHED_ACTION, target_type="consultation", target_id=consultation.id,
                 details={"publication": publication.id, "via": via})
    return publication


def unpublish(
    session: Session, consultation: Consultation, *,
    officer_id: int | None = None, via: str = "web", now: dt.datetime | None = None,
) -> int:
    """Withdraw every live publication of the consultation; the number withdrawn. Raises
    :class:`PublicationError` when its results are not published."""
    live = _live(session, consultation.id)
    if not live:
        raise PublicationError(f"The results of '{consultation.slug}' are not published")
    for publication in live:
        publication.withdrawn_at = now or utcnow()
    session.flush()
    record_event(session, partnership_id=consultation.partnership_id, officer_id=officer_id,
                 action=UNPUBLISHED_ACTION, target_type="consultation", target_id=consultation.id,
                 details={"withdrawn": len(live), "via": via})
    return len(live)


def _live(session: Session, consultation_id: int) -> list[ResultsPublication]:
    query = (select(ResultsPublication)
             .where(ResultsPublication.consultation_id == consultation_id,
                    ResultsPublication.withdrawn_at.is_(None))
             .order_by(ResultsPublication.published_at.desc(), ResultsPublication.id.desc()))
    return list(session.scalars(query))


def publication_history(session: Session, consultation_id: int) -> list[ResultsPublication]:
    """Every publication of the consultation, withdrawn ones included, oldest first."""
    query = (select(ResultsPublication).where(ResultsPublication.consultation_id == consultation_id)
             .order_by(ResultsPublication.published_at, ResultsPublication.id))
    return list(session.scalars(query))


def current_publication(session: Session, consultation_id: int) -> ResultsPublication | None:
    """The newest live publication of the consultation (``None``: its results are not published)."""
    live = _live(session, consultation_id)
    return live[0] if live else None


def published_results(session: Session, partnership_id: int) -> list[ResultsPublication]:
    """The newest live publication of each of the partnership's consultations, newest first."""
    query = (select(ResultsPublication)
             .where(ResultsPublication.partnership_id == partnership_id,
                    ResultsPublication.withdrawn_at.is_(None))
             .order_by(ResultsPublication.published_at.desc(), ResultsPublication.id.desc()))
    newest: dict[int, ResultsPublication] = {}
    for publication in session.scalars(query):
        newest.setdefault(publication.consultation_id, publication)
    return list(newest.values())


def published_consultation(session: Session, partnership_id: int, slug: str) -> ResultsPublication | None:
    """The partnership's live publication for the consultation with this slug, if there is one."""
    return next((p for p in published_results(session, partnership_id) if p.consultation.slug == slug), None)


@dataclass(frozen=True)
class EntryText:
    """What an officer writes in one "You said, we did" entry."""

    you_said: str
    we_did: str
    lead: str
    status: ActionStatus

    def problems(self) -> dict[str, str]:
        """What is wrong with each field, in GOV.UK wording (empty when nothing is)."""
        problems: dict[str, str] = {}
        messages = {"you_said": "Enter what residents said",
                    "we_did": "Enter what the partnership will do or has done",
                    "lead": "Enter who leads this"}
        for field, message in messages.items():
            value = getattr(self, field).strip()
            if not value:
                problems[field] = message
            elif len(value) > LIMITS[field]:
                problems[field] = f"{message} in {LIMITS[field]:,} characters or fewer"
        return problems


def entries(session: Session, consultation_id: int) -> list[YouSaidWeDid]:
    """The consultation's "You said, we did" entries, in the order they were added."""
    query = (select(YouSaidWeDid).where(YouSaidWeDid.consultation_id == consultation_id)
             .order_by(YouSaidWeDid.id))
    return list(session.scalars(query))


def entry(session: Session, consultation_id: int, entry_id: int) -> YouSaidWeDid | None:
    """The consultation's entry with this id (``None`` for another consultation's)."""
    found = session.get(YouSaidWeDid, entry_id)
    return found if found is not None and found.consultation_id == consultation_id else None


def save_entry(
    session: Session, consultation: Consultation, text: EntryText, *,
    existing: YouSaidWeDid | None = None, officer_id: int | None = None, now: dt.datetime | None = None,
) -> YouSaidWeDid:
    """Add an entry, or change ``existing``; its update date is now. Raises :class:`PublicationError`
    when ``text`` has problems (check :meth:`EntryText.problems` first to show them by field)."""
    if text.problems():
        raise PublicationError("; ".join(text.problems().values()))
    now = now or utcnow()
    saved = existing or YouSaidWeDid(consultation_id=consultation.id, created_at=now)
    saved.you_said, saved.we_did, saved.lead = text.you_said.strip(), text.we_did.strip(), text.lead.strip()
    saved.status, saved.updated_at = text.status, now
    session.add(saved)
    session.flush()
    record_event(session, partnership_id=consultation.partnership_id, officer_id=officer_id,
                 action=ENTRY_CHANGED_ACTION if existing else ENTRY_ADDED_ACTION,
                 target_type="you_said_we_did", target_id=saved.id,
                 details={"consultation": consultation.id, "status": text.status.value})
    return saved
