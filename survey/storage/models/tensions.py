"""Community tension monitoring and events of risk (``survey.tensions``).

A tension entry's narrative is for officers of its partnership only: it is never published, exported
or written to the audit log.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.storage.models.base import Base
from survey.storage.models.wards import Ward
from survey.storage.types import UTCDateTime, str_enum, utcnow
from survey.vocabulary import (
    EventStatus,
    EventType,
    RiskRating,
    TensionCategory,
    TensionLevel,
    TensionStatus,
)


class TensionEntry(Base):
    """One officer's record of a community tension in a ward on a date, open until it is closed."""

    __tablename__ = "tension_entry"
    __table_args__ = (Index("ix_tension_entry_partnership_date", "partnership_id", "entry_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    entry_date: Mapped[dt.date] = mapped_column(Date)
    # Kept when a ward is deleted (wards are reloaded from boundary files): the entry loses its ward,
    # not its history.
    ward_id: Mapped[int | None] = mapped_column(ForeignKey("ward.id", ondelete="SET NULL"), index=True)
    category: Mapped[TensionCategory] = mapped_column(str_enum(TensionCategory, "tension_category"))
    level: Mapped[TensionLevel] = mapped_column(str_enum(TensionLevel, "tension_level"))
    source: Mapped[str] = mapped_column(String(200))
    # Officer-only: never in a public page, an export or an audit event.
    narrative: Mapped[str] = mapped_column(Text)
    review_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[TensionStatus] = mapped_column(
        str_enum(TensionStatus, "tension_status"), default=TensionStatus.OPEN
    )
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    created_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    # A random token minted with the form: a re-sent submit finds the stored entry instead of a second.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    ward: Mapped[Ward | None] = relationship(lazy="joined")


class RiskEvent(Base):
    """A planned event or period that may raise the risk of violence or disorder, and its debrief."""

    __tablename__ = "risk_event"
    __table_args__ = (Index("ix_risk_event_partnership_starts", "partnership_id", "starts_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    title: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[EventType] = mapped_column(str_enum(EventType, "risk_event_type"))
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    ward_id: Mapped[int | None] = mapped_column(ForeignKey("ward.id", ondelete="SET NULL"), index=True)
    expected_attendance: Mapped[int | None] = mapped_column(Integer)
    risk_rating: Mapped[RiskRating] = mapped_column(str_enum(RiskRating, "risk_rating"))
    mitigations: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200))
    status: Mapped[EventStatus] = mapped_column(
        str_enum(EventStatus, "risk_event_status"), default=EventStatus.PLANNED
    )
    debrief: Mapped[str | None] = mapped_column(Text)
    created_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    ward: Mapped[Ward | None] = relationship(lazy="joined")
