"""Download links for an agency outside the installation: one agreed export, once, for a few days.

The link carries a random token (256 bits); only its SHA-256 is stored, so the database never holds
a working link. A link is used up by the download itself (:func:`claim`), which is one conditional
``UPDATE``: two downloads racing for the same link cannot both win. Opening the link's page changes
nothing, so a mail client's link preview does not use it up. Every creation, revocation, download
and refused download is audited (never the export's content).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from survey.officers.audit import record_event
from survey.sharing.agreements import PURPOSE_MAX_LENGTH, shareable_consultations
from survey.storage.models import ExportLink
from survey.storage.types import utcnow
from survey.vocabulary import LawfulBasis, SharedExport
from survey.wards.register import partnership_ward

DEFAULT_DAYS = 7
MAX_DAYS = 14
RECIPIENT_MAX_LENGTH = 200
TOKEN_BYTES = 32

CREATED_ACTION = "export_link_created"
REVOKED_ACTION = "export_link_revoked"
DOWNLOADED_ACTION = "export_link_downloaded"
REFUSED_ACTION = "export_link_refused"


class LinkError(ValueError):
    """A link that cannot be made, in words an officer can act on."""


class LinkState(enum.StrEnum):
    AVAILABLE = "available"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return {
            "available": "Not used yet",
            "used": "Downloaded",
            "expired": "Expired",
            "revoked": "Revoked",
        }[self.value]


def token_hash(token: str) -> str:
    """The stored form of a link's token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def state_of(link: ExportLink, now: dt.datetime) -> LinkState:
    """The link's state at ``now`` (revoked and used win over expired: they happened first)."""
    if link.revoked_at is not None:
        return LinkState.REVOKED
    if link.used_at is not None:
        return LinkState.USED
    if now >= link.expires_at:
        return LinkState.EXPIRED
    return LinkState.AVAILABLE


@dataclass(frozen=True)
class LinkValues:
    """What an administrator chooses for a link."""

    recipient: str
    purpose: str
    lawful_basis: LawfulBasis
    export: SharedExport
    days: int = DEFAULT_DAYS
    consultation_id: int | None = None
    ward_code: str | None = None
    include_free_text: bool = False


def problems_with(session: Session, partnership_id: int, values: LinkValues) -> dict[str, str]:
    """What is wrong with ``values``, by field, in GOV.UK wording."""
    problems: dict[str, str] = {}
    if not values.recipient.strip():
        problems["recipient"] = "Enter the organisation the link is for"
    elif len(values.recipient.strip()) > RECIPIENT_MAX_LENGTH:
        problems["recipient"] = f"The organisation must be {RECIPIENT_MAX_LENGTH} characters or fewer"
    if not values.purpose.strip():
        problems["purpose"] = "Enter the purpose of sharing"
    elif len(values.purpose.strip()) > PURPOSE_MAX_LENGTH:
        problems["purpose"] = f"The purpose must be {PURPOSE_MAX_LENGTH:,} characters or fewer"
    if not 1 <= values.days <= MAX_DAYS:
        problems["days"] = f"The link must expire in between 1 and {MAX_DAYS} days"
    if values.export == SharedExport.FIGURES_CSV:
        if values.consultation_id not in {c.id for c in shareable_consultations(session, partnership_id)}:
            problems["consultation_id"] = "Select the consultation whose published figures to share"
    elif values.ward_code and partnership_ward(session, partnership_id, values.ward_code) is None:
        problems["ward_code"] = "Select a ward from the list"
    return problems


def create_link(
    session: Session,
    partnership_id: int,
    values: LinkValues,
    *,
    officer_id: int | None,
    submission_key: str | None = None,
    now: dt.datetime | None = None,
) -> tuple[ExportLink, str | None]:
    """Make a link (audited); returns it and its token, which is never stored and cannot be shown
    again. A re-sent form finds the link it made, with ``None`` for the token. Raises
    :class:`LinkError` with the first problem when ``values`` are not valid."""
    if submission_key:
        existing = session.scalar(
            select(ExportLink).where(
                ExportLink.submission_key == submission_key, ExportLink.partnership_id == partnership_id
            )
        )
        if existing is not None:
            return existing, None
    problems = problems_with(session, partnership_id, values)
    if problems:
        raise LinkError(next(iter(problems.values())))
    places = values.export != SharedExport.FIGURES_CSV
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ExportLink(
        partnership_id=partnership_id,
        token_hash=token_hash(token),
        recipient=values.recipient.strip(),
        purpose=values.purpose.strip(),
        lawful_basis=values.lawful_basis,
        export=values.export,
        consultation_id=None if places else values.consultation_id,
        ward_code=values.ward_code if places else None,
        include_free_text=values.include_free_text if places else False,
        expires_at=(now or utcnow()) + dt.timedelta(days=values.days),
        created_by_officer_id=officer_id,
        submission_key=submission_key or None,
    )
    session.add(link)
    session.flush()
    record_event(
        session,
        partnership_id=partnership_id,
        officer_id=officer_id,
        action=CREATED_ACTION,
        target_type="export_link",
        target_id=link.id,
        details={
            "export": link.export.value,
            "recipient": link.recipient,
            "days": values.days,
            "ward": link.ward_code,
            "free_text": link.include_free_text,
            "consultation": link.consultation.slug if link.consultation else None,
        },
    )
    return link, token


def link_by_token(session: Session, token: str) -> ExportLink | None:
    """The link a token opens, whatever its state (``None`` for a token that opens nothing)."""
    if not token or len(token) > 100:
        return None
    return session.scalar(select(ExportLink).where(ExportLink.token_hash == token_hash(token)))


def claim(session: Session, link: ExportLink, *, now: dt.datetime | None = None) -> bool:
    """Use the link up for a download now, if it is still available; audited either way.

    One conditional ``UPDATE``: of two downloads at once, exactly one gets ``True``.
    """
    now = now or utcnow()
    result = session.execute(
        update(ExportLink)
        .where(
            ExportLink.id == link.id,
            ExportLink.used_at.is_(None),
            ExportLink.revoked_at.is_(None),
            ExportLink.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    claimed = result.rowcount == 1  # type: ignore[attr-defined]
    session.refresh(link)
    record_event(
        session,
        partnership_id=link.partnership_id,
        action=DOWNLOADED_ACTION if claimed else REFUSED_ACTION,
        target_type="export_link",
        target_id=link.id,
        details={
            "export": link.export.value,
            "recipient": link.recipient,
            **({} if claimed else {"state": state_of(link, now).value}),
        },
    )
    return claimed


def revoke_link(
    session: Session, link: ExportLink, *, officer_id: int | None, now: dt.datetime | None = None
) -> bool:
    """Revoke a link that has not been used (audited); ``False`` when it is already used or revoked."""
    if link.revoked_at is not None or link.used_at is not None:
        return False
    link.revoked_at = now or utcnow()
    session.flush()
    record_event(
        session,
        partnership_id=link.partnership_id,
        officer_id=officer_id,
        action=REVOKED_ACTION,
        target_type="export_link",
        target_id=link.id,
        details={"recipient": link.recipient},
    )
    return True


def partnership_links(session: Session, partnership_id: int, *, limit: int = 100) -> list[ExportLink]:
    """The partnership's links, newest first."""
    query = (
        select(ExportLink)
        .where(ExportLink.partnership_id == partnership_id)
        .order_by(ExportLink.created_at.desc(), ExportLink.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def partnership_link(session: Session, partnership_id: int, link_id: int) -> ExportLink | None:
    """The partnership's link with this id (``None`` for another partnership's)."""
    return session.scalar(
        select(ExportLink).where(ExportLink.id == link_id, ExportLink.partnership_id == partnership_id)
    )
