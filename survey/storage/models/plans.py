"""A partnership's action plan: priorities (from its strategy, each optionally tied to one issue of a
consultation's ranking question), their actions with a RAG status, and each action's dated progress
updates (``survey.plans``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.storage.models.base import Base
from survey.storage.models.core import Consultation
from survey.storage.types import UTCDateTime, str_enum, utcnow
from survey.vocabulary import RagStatus


class PlanPriority(Base):
    """One priority of the partnership's strategy, and the ranked issue residents named that it answers."""

    __tablename__ = "plan_priority"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    # The consultation's ranked issue this priority answers: a ranking question's option.
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultation.id", ondelete="SET NULL"))
    question_id: Mapped[str | None] = mapped_column(String(100))
    option_value: Mapped[str | None] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    consultation: Mapped[Consultation | None] = relationship()
    actions: Mapped[list[PlanAction]] = relationship(
        back_populates="priority", order_by="PlanAction.id", cascade="all, delete-orphan"
    )


class PlanAction(Base):
    """One action of a priority: who leads it, by when, how success is measured, and its RAG status.

    ``public_summary`` is what residents read (with the status) where a "You said, we did" entry links
    to the action; the lead, partners and updates stay internal unless an update is marked public.
    """

    __tablename__ = "plan_action"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    priority_id: Mapped[int] = mapped_column(ForeignKey("plan_priority.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    lead: Mapped[str] = mapped_column(String(200), default="")
    partners: Mapped[str] = mapped_column(String(500), default="")
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    success_measure: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[RagStatus] = mapped_column(str_enum(RagStatus, "rag_status"), default=RagStatus.GREEN)
    public_summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    priority: Mapped[PlanPriority] = relationship(back_populates="actions")
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action",
        order_by="(ActionUpdate.made_on, ActionUpdate.id)",
        cascade="all, delete-orphan",
    )


class ActionUpdate(Base):
    """A dated progress note on an action, with the status it set (and the one it replaced)."""

    __tablename__ = "plan_action_update"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("plan_action.id", ondelete="CASCADE"), index=True)
    made_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[RagStatus] = mapped_column(str_enum(RagStatus, "rag_status"))
    previous_status: Mapped[RagStatus | None] = mapped_column(str_enum(RagStatus, "previous_rag_status"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    # Residents may read this update (on published results) only when an officer marks it public.
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    action: Mapped[PlanAction] = relationship(back_populates="updates")
