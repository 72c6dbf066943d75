"""Closing the loop: triage notes, alert addresses, notifications, held urgent messages, check-code
failures, published results and "You said, we did"; and where chat conversations are kept."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.storage.models.base import Base
from survey.storage.models.core import Consultation, Officer
from survey.storage.types import UTCDateTime, str_enum, utcnow
from survey.vocabulary import (
    ActionStatus,
    Channel,
    NotificationKind,
    NotificationStatus,
)


class ReportNote(Base):
    """An officer's internal note on a report. Never shown to the reporter."""

    __tablename__ = "report_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    officer: Mapped[Officer | None] = relationship()


class AlertAddress(Base):
    """An email address told when an urgent report arrives (told only that one did, never what)."""

    __tablename__ = "alert_address"
    __table_args__ = (UniqueConstraint("partnership_id", "email", name="uq_alert_address_partnership_email"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notification(Base):
    """One email the background worker was asked to send, and how that went (for administrators).

    Holds ids and an address, never a reporter's words: the job payload is this row's id.
    """

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_partnership_created", "partnership_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    kind: Mapped[NotificationKind] = mapped_column(str_enum(NotificationKind, "notification_kind"))
    recipient: Mapped[str] = mapped_column(String(254))
    response_id: Mapped[int | None] = mapped_column(ForeignKey("response.id", ondelete="SET NULL"))
    status: Mapped[NotificationStatus] = mapped_column(
        str_enum(NotificationStatus, "notification_status"), default=NotificationStatus.QUEUED
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class HeldUrgentMessage(Base):
    """Words of danger said in a chat before its report was sent, kept until the report is sent.

    If the conversation goes quiet instead, the worker stores the message as an urgent report after
    ``due_at`` and deletes this row (survey.responses.held). Keyed by the channel's opaque key, never
    by who the person is.
    """

    __tablename__ = "held_urgent_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    conversation_key: Mapped[str] = mapped_column(String(128), unique=True)
    text: Mapped[str] = mapped_column(Text)
    risk_categories: Mapped[str | None] = mapped_column(String(200))
    # The chat the words were said in, as the report they become is recorded (bot: Telegram; chat:
    # the website's chat). Rows held before the website had a chat were all Telegram's.
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"), server_default=Channel.BOT.value)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class CheckFailure(Base):
    """How many wrong check codes were typed for one reference on one day (``survey.triage.check``).

    Keyed by a hash of the reference as typed, whether or not a response has it, so the lock says
    nothing about which references exist. Counted here, in the main database, so the lock holds
    across every worker and host; rows of earlier days are deleted as new failures come in.
    """

    __tablename__ = "check_failure"

    reference_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)


class ResultsPublication(Base):
    """A consultation's public figures as published on one date: a frozen copy of the public report.

    Figures are never worked out again from the responses, so a response that arrives later cannot
    be differenced against what was published. Unpublishing sets ``withdrawn_at`` on every
    publication of the consultation; publishing again adds a new, newer row.
    """

    __tablename__ = "results_publication"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    snapshot_json: Mapped[str] = mapped_column(Text)
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    consultation: Mapped[Consultation] = relationship(lazy="joined")


class YouSaidWeDid(Base):
    """What the partnership will do or has done about one priority residents raised, written by officers."""

    __tablename__ = "you_said_we_did"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    you_said: Mapped[str] = mapped_column(String(200))
    we_did: Mapped[str] = mapped_column(Text)
    lead: Mapped[str] = mapped_column(String(200))
    status: Mapped[ActionStatus] = mapped_column(str_enum(ActionStatus, "action_status"))
    # The action of the partnership's action plan this entry reports (survey.plans); residents see its
    # public summary and RAG status.
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_action.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConversationState(Base):
    """Where one chat conversation is, shared by every bot process (survey.conversations.store).

    Keyed by the channel's opaque key (a keyed hash, never a chat id); ``version`` goes up by one with
    every turn, and a turn writes only over the version it read. Deleted at idle expiry.
    """

    __tablename__ = "conversation_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class ConversationKeySeed(Base):
    """The random seed of one rotation period's key for turning a channel's chat ids into conversation
    keys (the key is a hash of the seed under the app's secret key, so this row alone is no use).
    Deleted when its period (and the idle time of a conversation begun in it) is over."""

    __tablename__ = "conversation_key_seed"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    period: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seed: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
