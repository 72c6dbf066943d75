"""How long each partnership keeps each kind of data (``survey.retention``), and its retention runs.

A partnership without a policy row keeps everything for its ``retention_months`` (the privacy
notice's 24 months when that is empty too); saving the officer page writes the row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from survey.storage.models.base import Base
from survey.storage.types import UTCDateTime, utcnow


class RetentionPolicy(Base):
    """The months a partnership keeps each kind of data before the retention run anonymises it."""

    __tablename__ = "retention_policy"

    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), primary_key=True)
    free_text_months: Mapped[int] = mapped_column(Integer)
    place_reports_months: Mapped[int] = mapped_column(Integer)
    worries_months: Mapped[int] = mapped_column(Integer)
    tension_narratives_months: Mapped[int] = mapped_column(Integer)
    audit_log_months: Mapped[int] = mapped_column(Integer)
    updated_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class RetentionRun(Base):
    """One retention run for one partnership: when, as of which day, and how many of each (counts only).

    Kept apart from the audit log, which the run itself trims, so "the last run" is always known.
    """

    __tablename__ = "retention_run"
    __table_args__ = (Index("ix_retention_run_partnership_ran", "partnership_id", "ran_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    as_of: Mapped[dt.date] = mapped_column(Date)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ran_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
