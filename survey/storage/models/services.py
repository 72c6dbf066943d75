"""A partnership's own services and helplines (``survey.signposting.local_store``): what the web "Get
help" pages and the bot list after the national helplines."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from survey.storage.models.base import Base
from survey.storage.types import UTCDateTime, utcnow


class LocalService(Base):
    """One local service: what it helps with, who it is for, how to reach it, when and where."""

    __tablename__ = "local_service"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    # HelpTopic values, in menu order.
    topics: Mapped[list[str]] = mapped_column(JSON)
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    # At least one of phone, text message and website (checked by the store, not the database).
    phone: Mapped[str] = mapped_column(String(40), default="")
    text_message: Mapped[str] = mapped_column(String(100), default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    hours: Mapped[str] = mapped_column(String(200), default="")
    # The codes of the wards it serves (codes survive a ward file being loaded again; ids do not);
    # empty: the whole area.
    ward_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Minted when the add form is shown: a re-sent form finds the service it stored.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
