"""Consultations: look-ups. Functions flush, never commit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from survey.storage.models import Consultation, ConsultationStatus, DefinitionKind


def open_consultations(
    session: Session, partnership_id: int, *, today: dt.date | None = None
) -> list[Consultation]:
    """The partnership's consultations the public can answer today, newest first."""
    today = today or dt.date.today()
    query = (
        select(Consultation)
        .where(
            Consultation.partnership_id == partnership_id,
            Consultation.kind == DefinitionKind.CONSULTATION,
            Consultation.status == ConsultationStatus.OPEN,
            or_(Consultation.opens_on.is_(None), Consultation.opens_on <= today),
            or_(Consultation.closes_on.is_(None), Consultation.closes_on >= today),
        )
        .order_by(Consultation.created_at.desc(), Consultation.id.desc())
    )
    return list(session.scalars(query))


def partnership_consultations(session: Session, partnership_id: int) -> list[Consultation]:
    """Every consultation of the partnership, newest first (officer view)."""
    query = (
        select(Consultation)
        .where(Consultation.partnership_id == partnership_id)
        .order_by(Consultation.created_at.desc(), Consultation.id.desc())
    )
    return list(session.scalars(query))
