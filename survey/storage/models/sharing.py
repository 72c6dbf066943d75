"""Data sharing (``survey.sharing``): agreements between partnerships on this installation, and
single-use download links for an agency outside it.

Only a hash of a link's token is stored: the link itself is shown once, to the officer who made it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.storage.models.base import Base
from survey.storage.models.core import Consultation, Partnership
from survey.storage.types import UTCDateTime, str_enum, utcnow
from survey.vocabulary import LawfulBasis, SharedExport


class SharingAgreement(Base):
    """A partnership's agreement to let another partnership's officers read some of its data.

    ``partnership_id`` shares; ``recipient_id`` receives. Access holds from ``starts_on`` to
    ``review_on`` inclusive (the agreement must be reviewed, and a new one made, to go on) and ends
    the moment ``revoked_at`` is set.
    """

    __tablename__ = "sharing_agreement"
    __table_args__ = (Index("ix_sharing_agreement_recipient", "recipient_id", "partnership_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    purpose: Mapped[str] = mapped_column(Text)
    lawful_basis: Mapped[LawfulBasis] = mapped_column(str_enum(LawfulBasis, "lawful_basis"))
    # Crime and Disorder Act 1998 s.115: the power to disclose to a relevant authority, noted with the basis.
    section_115: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    share_places: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The area whose place reports and hotspots are shared: one ward by its code, or (None) the whole
    # area. The code, not the row: wards are reloaded from files, and a ward-limited agreement must
    # never widen to the whole area because its ward was replaced (a code that has gone shares nothing).
    ward_code: Mapped[str | None] = mapped_column(String(20))
    include_free_text: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    starts_on: Mapped[dt.date] = mapped_column(Date)
    review_on: Mapped[dt.date] = mapped_column(Date)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    created_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship(foreign_keys=[partnership_id], lazy="joined")
    recipient: Mapped[Partnership] = relationship(foreign_keys=[recipient_id], lazy="joined")
    consultations: Mapped[list[Consultation]] = relationship(
        secondary="sharing_agreement_consultation", order_by="Consultation.title"
    )


class SharedConsultation(Base):
    """One consultation whose published figures an agreement shares."""

    __tablename__ = "sharing_agreement_consultation"

    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("sharing_agreement.id", ondelete="CASCADE"), primary_key=True
    )
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ExportLink(Base):
    """A single-use download link to one agreed export, for an agency outside the installation."""

    __tablename__ = "export_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    # SHA-256 of the random token in the link; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    recipient: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)
    lawful_basis: Mapped[LawfulBasis] = mapped_column(str_enum(LawfulBasis, "export_link_lawful_basis"))
    export: Mapped[SharedExport] = mapped_column(str_enum(SharedExport, "shared_export"))
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    ward_code: Mapped[str | None] = mapped_column(String(20))
    include_free_text: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship(lazy="joined")
    consultation: Mapped[Consultation | None] = relationship(lazy="joined")
