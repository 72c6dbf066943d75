"""Data sharing agreements between partnerships on this installation.

An agreement says why (purpose, lawful basis) and what (the published figures of named consultations;
place reports and hotspots in one ward or the whole area; free text or not) one partnership lets
another read, and from when until when. Whether it gives access is worked out on every request from
the stored row and today's date (:func:`access_of`): revoking it, or passing its review date, stops
access at once. Every creation, revocation and access is audited (never the data's content); an
access is recorded in both partnerships' audit logs.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.officers.audit import record_event
from survey.storage.models import Consultation, Officer, Partnership, SharingAgreement
from survey.storage.types import utcnow
from survey.vocabulary import DefinitionKind, LawfulBasis
from survey.wards.register import partnership_ward

PURPOSE_MAX_LENGTH = 2000
#: The longest an agreement may run before it must be reviewed (a new agreement made).
MAX_TERM_DAYS = 3 * 366

CREATED_ACTION = "sharing_agreement_created"
REVOKED_ACTION = "sharing_agreement_revoked"
ACCESS_ACTION = "shared_data_viewed"
GIVEN_ACCESS_ACTION = "shared_data_viewed_by_partner"


class SharingError(ValueError):
    """An agreement that cannot be saved or changed, in words an officer can act on."""


class Access(enum.StrEnum):
    """Whether an agreement gives access today."""

    ACTIVE = "active"
    NOT_STARTED = "not_started"
    ENDED = "ended"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return {
            "active": "Active",
            "not_started": "Not started",
            "ended": "Ended (review date passed)",
            "revoked": "Revoked",
        }[self.value]


def access_of(agreement: SharingAgreement, today: dt.date) -> Access:
    """Whether ``agreement`` gives access on ``today``: from its start date to its review date
    inclusive, unless it has been revoked."""
    if agreement.revoked_at is not None:
        return Access.REVOKED
    if today < agreement.starts_on:
        return Access.NOT_STARTED
    if today > agreement.review_on:
        return Access.ENDED
    return Access.ACTIVE


@dataclass(frozen=True)
class AgreementValues:
    """What an administrator records in an agreement."""

    recipient_id: int
    purpose: str
    lawful_basis: LawfulBasis
    starts_on: dt.date
    review_on: dt.date
    consultation_ids: tuple[int, ...] = ()
    share_places: bool = False
    ward_code: str | None = None
    include_free_text: bool = False
    section_115: bool = False
    problems: dict[str, str] = field(default_factory=dict, compare=False)


def recipients(session: Session, partnership_id: int) -> list[Partnership]:
    """Every other partnership on the installation, by name: those an agreement may share with."""
    query = select(Partnership).where(Partnership.id != partnership_id).order_by(Partnership.name)
    return list(session.scalars(query))


def shareable_consultations(session: Session, partnership_id: int) -> list[Consultation]:
    """The partnership's consultations (not place reports or worries) whose published figures may be
    shared, by title."""
    query = (
        select(Consultation)
        .where(
            Consultation.partnership_id == partnership_id, Consultation.kind == DefinitionKind.CONSULTATION
        )
        .order_by(Consultation.title)
    )
    return list(session.scalars(query))


def problems_with(session: Session, partnership_id: int, values: AgreementValues) -> dict[str, str]:
    """What is wrong with ``values`` for the partnership, by field, in GOV.UK wording."""
    problems: dict[str, str] = {}
    if values.recipient_id not in {p.id for p in recipients(session, partnership_id)}:
        problems["recipient_id"] = "Select the partnership you are sharing with"
    purpose = values.purpose.strip()
    if not purpose:
        problems["purpose"] = "Enter the purpose of the agreement"
    elif len(purpose) > PURPOSE_MAX_LENGTH:
        problems["purpose"] = f"The purpose must be {PURPOSE_MAX_LENGTH:,} characters or fewer"
    if values.review_on < values.starts_on:
        problems["review_on"] = "The review date must be the same as or after the start date"
    elif (values.review_on - values.starts_on).days > MAX_TERM_DAYS:
        problems["review_on"] = "The review date must be within 3 years of the start date"
    own = {c.id for c in shareable_consultations(session, partnership_id)}
    if not set(values.consultation_ids) <= own:
        problems["consultation_ids"] = "Select consultations from the list"
    if not values.consultation_ids and not values.share_places:
        problems["consultation_ids"] = "Select at least one consultation, or share place reports"
    if values.ward_code and partnership_ward(session, partnership_id, values.ward_code) is None:
        problems["ward_code"] = "Select a ward from the list"
    return problems


def create_agreement(
    session: Session,
    partnership_id: int,
    values: AgreementValues,
    *,
    officer_id: int | None,
    submission_key: str | None = None,
) -> tuple[SharingAgreement, bool]:
    """Record an agreement (audited); returns it and whether it is new (a re-sent form finds the
    first). Raises :class:`SharingError` with the first problem when ``values`` are not valid."""
    if submission_key:
        existing = session.scalar(
            select(SharingAgreement).where(
                SharingAgreement.submission_key == submission_key,
                SharingAgreement.partnership_id == partnership_id,
            )
        )
        if existing is not None:
            return existing, False
    problems = problems_with(session, partnership_id, values)
    if problems:
        raise SharingError(next(iter(problems.values())))
    consultations = [
        c for c in shareable_consultations(session, partnership_id) if c.id in values.consultation_ids
    ]
    agreement = SharingAgreement(
        partnership_id=partnership_id,
        recipient_id=values.recipient_id,
        purpose=values.purpose.strip(),
        lawful_basis=values.lawful_basis,
        section_115=values.section_115,
        share_places=values.share_places,
        ward_code=values.ward_code if values.share_places else None,
        include_free_text=values.include_free_text,
        starts_on=values.starts_on,
        review_on=values.review_on,
        created_by_officer_id=officer_id,
        submission_key=submission_key or None,
        consultations=consultations,
    )
    session.add(agreement)
    session.flush()
    record_event(
        session,
        partnership_id=partnership_id,
        officer_id=officer_id,
        action=CREATED_ACTION,
        target_type="sharing_agreement",
        target_id=agreement.id,
        details=_summary(agreement),
    )
    return agreement, True


def revoke_agreement(
    session: Session, agreement: SharingAgreement, *, officer_id: int | None, now: dt.datetime | None = None
) -> bool:
    """Revoke the agreement: access stops at once (audited in both partnerships' logs). ``False``
    when it was already revoked (nothing changes)."""
    if agreement.revoked_at is not None:
        return False
    agreement.revoked_at = now or utcnow()
    agreement.revoked_by_officer_id = officer_id
    session.flush()
    record_event(
        session,
        partnership_id=agreement.partnership_id,
        officer_id=officer_id,
        action=REVOKED_ACTION,
        target_type="sharing_agreement",
        target_id=agreement.id,
        details={"recipient": agreement.recipient.slug},
    )
    record_event(
        session,
        partnership_id=agreement.recipient_id,
        action=REVOKED_ACTION,
        target_type="sharing_agreement",
        target_id=agreement.id,
        details={"from": agreement.partnership.slug},
    )
    return True


def record_access(
    session: Session, agreement: SharingAgreement, officer: Officer, what: str, **details: object
) -> None:
    """Audit one officer's reading of shared data, in both partnerships' logs (never the data).

    The sharing partnership's event names the receiving partnership and the officer's id there: its
    ``officer_id`` column is for its own officers.
    """
    base = {"agreement": agreement.id, "what": what, **details}
    record_event(
        session,
        partnership_id=officer.partnership_id,
        officer_id=officer.id,
        action=ACCESS_ACTION,
        target_type="sharing_agreement",
        target_id=agreement.id,
        details={**base, "from": agreement.partnership.slug},
    )
    record_event(
        session,
        partnership_id=agreement.partnership_id,
        action=GIVEN_ACCESS_ACTION,
        target_type="sharing_agreement",
        target_id=agreement.id,
        details={**base, "recipient": agreement.recipient.slug, "recipient_officer": officer.id},
    )


def given_agreements(session: Session, partnership_id: int) -> list[SharingAgreement]:
    """The agreements the partnership has made with others, newest first."""
    query = (
        select(SharingAgreement)
        .where(SharingAgreement.partnership_id == partnership_id)
        .order_by(SharingAgreement.created_at.desc(), SharingAgreement.id.desc())
    )
    return list(session.scalars(query).unique())


def received_agreements(session: Session, partnership_id: int) -> list[SharingAgreement]:
    """The agreements other partnerships have made with this one, newest first (ended ones too)."""
    query = (
        select(SharingAgreement)
        .where(SharingAgreement.recipient_id == partnership_id)
        .order_by(SharingAgreement.created_at.desc(), SharingAgreement.id.desc())
    )
    return list(session.scalars(query).unique())


def given_agreement(session: Session, partnership_id: int, agreement_id: int) -> SharingAgreement | None:
    """The partnership's own agreement with this id (``None`` for another partnership's)."""
    return session.scalar(
        select(SharingAgreement).where(
            SharingAgreement.id == agreement_id, SharingAgreement.partnership_id == partnership_id
        )
    )


def received_agreement(session: Session, partnership_id: int, agreement_id: int) -> SharingAgreement | None:
    """An agreement made with the partnership, by id (``None`` when it is not the recipient)."""
    return session.scalar(
        select(SharingAgreement).where(
            SharingAgreement.id == agreement_id, SharingAgreement.recipient_id == partnership_id
        )
    )


def shared_consultation(agreement: SharingAgreement, slug: str) -> Consultation | None:
    """One of the consultations the agreement shares, by slug."""
    return next((c for c in agreement.consultations if c.slug == slug), None)


def _summary(agreement: SharingAgreement) -> dict[str, object]:
    return {
        "recipient": agreement.recipient.slug,
        "lawful_basis": agreement.lawful_basis.value,
        "consultations": [c.slug for c in agreement.consultations],
        "places": agreement.share_places,
        "ward": agreement.ward_code,
        "free_text": agreement.include_free_text,
        "starts_on": agreement.starts_on.isoformat(),
        "review_on": agreement.review_on.isoformat(),
    }
