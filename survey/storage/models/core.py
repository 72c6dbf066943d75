"""Partnerships, officers, definitions, consultations, responses and their answers, saved progress,
safe havens, the audit log and the fingerprints of imported files."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from survey.storage.models.base import Base
from survey.storage.types import UTCDateTime, str_enum, utcnow
from survey.vocabulary import (
    Channel,
    ConsultationStatus,
    DefinitionKind,
    ReportStatus,
    Role,
)


class Partnership(Base):
    """One Community Safety Partnership: the owner of every other record."""

    __tablename__ = "partnership"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    retention_months: Mapped[int | None] = mapped_column(Integer)
    # The partnership's area as GeoJSON (a Polygon or MultiPolygon, WGS84), uploaded by an officer.
    # Deferred: a full-resolution boundary runs to megabytes, and the partnership is loaded with
    # every officer and on every public page; it is read only where the area is needed.
    boundary_geojson: Mapped[str | None] = mapped_column(Text, deferred=True)
    # The partnership's own services are rows of LocalService (survey/storage/models/services.py).
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Officer(Base):
    """A member of partnership staff who signs in. Never a respondent."""

    __tablename__ = "officer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Rotated on sign-out and deactivation; the login session carries it, so rotating it ends
    # every session at once.
    session_token: Mapped[str] = mapped_column(String(64), unique=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    # Set by an administrator's reset (and for a new officer's generated password): the officer
    # must choose their own password before they can use any other page.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # A daily email listing how many new non-urgent reports arrived (never their content). Opt-in.
    daily_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship(lazy="joined")


class Definition(Base):
    """The YAML text of a survey, place-report or worry definition, kept verbatim.

    A row is never edited: a change to a consultation stores a new row with the next ``version``
    (survey.authoring.versions), so every response can say which wording it answered.
    """

    __tablename__ = "definition"
    # A unique index rather than a constraint: SQLite adds an index without copying the table.
    __table_args__ = (Index("ix_definition_consultation_version", "consultation_id", "version", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    key: Mapped[str] = mapped_column(String(63))
    kind: Mapped[DefinitionKind] = mapped_column(str_enum(DefinitionKind, "definition_kind"))
    source: Mapped[str] = mapped_column(Text)
    # The consultation whose version this is (set once the consultation exists; the two tables
    # point at each other, so this side is added after both are created).
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultation.id", use_alter=True))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Officers are deactivated, never deleted, so this (like the audit log's officer) always resolves;
    # None for a version stored from the command line.
    created_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    # What changed from the version before, in short sentences naming questions and options by id
    # (never anything a respondent wrote).
    change_summary: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    created_by: Mapped[Officer | None] = relationship()


class Consultation(Base):
    """A definition put in front of the public (or the bot) for a period."""

    __tablename__ = "consultation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("definition.id"))
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[DefinitionKind] = mapped_column(str_enum(DefinitionKind, "consultation_kind"))
    status: Mapped[ConsultationStatus] = mapped_column(
        str_enum(ConsultationStatus, "consultation_status"), default=ConsultationStatus.DRAFT
    )
    opens_on: Mapped[dt.date | None] = mapped_column(Date)
    closes_on: Mapped[dt.date | None] = mapped_column(Date)
    # The create form's one-off key: a double click or a re-sent form makes one consultation, not two.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    partnership: Mapped[Partnership] = relationship(lazy="joined")
    definition: Mapped[Definition] = relationship(foreign_keys=[definition_id])


class Response(Base):
    """One person's submission. Carries nothing that identifies them: no IP, agent or account."""

    __tablename__ = "response"
    __table_args__ = (
        Index("ix_response_consultation_submitted", "consultation_id", "submitted_at"),
        Index("ix_response_partnership_status", "partnership_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"))
    # The version of the definition it answered (None only for responses stored before versions).
    definition_id: Mapped[int | None] = mapped_column(ForeignKey("definition.id"))
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, "channel"))
    # The language the questions were shown in (survey.languages code): options are stored by value in
    # any language; free text is in this language, and is scored for sentiment only where that fits.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    # A random token minted with the form (or a keyed hash of a bot update id): a re-sent submit
    # carries the same key and finds the stored response instead of storing a second one.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    # Comma-separated survey.safeguarding.risk.RiskCategory values found in the free text, if any.
    risk_categories: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    # Triage (issue 12). The reply is shown to whoever holds the reference and the check code;
    # notes (ReportNote) never are.
    status: Mapped[ReportStatus] = mapped_column(
        str_enum(ReportStatus, "report_status"), default=ReportStatus.NEW, server_default="new"
    )
    assigned_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id", ondelete="SET NULL"))
    # When an officer first opened it: an urgent report sits at the top of the list until then.
    opened_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reply: Mapped[str | None] = mapped_column(Text)
    replied_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Only a hash of the check code given to the reporter with the reference (survey.triage).
    check_code_hash: Mapped[str | None] = mapped_column(String(128))

    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", passive_deletes=True
    )


class Answer(Base):
    """One part of one answer (see ``survey.answers.AnswerPart``)."""

    __tablename__ = "answer"
    __table_args__ = (
        Index("ix_answer_tally", "consultation_id", "question_id", "option", "rank"),
        # Respondents per question (a question's base) as an index-only scan.
        Index("ix_answer_respondents", "consultation_id", "question_id", "response_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("response.id", ondelete="CASCADE"), index=True)
    # Repeated from the response so a tally is one indexed scan with no join.
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id"))
    question_id: Mapped[str] = mapped_column(String(63))
    option: Mapped[str | None] = mapped_column(String(63))
    rank: Mapped[int | None] = mapped_column(SmallInteger)
    number: Mapped[float | None] = mapped_column(Float)
    date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    # Scored once when free text is stored (survey.responses.sentiment), never at report time.
    sentiment_polarity: Mapped[float | None] = mapped_column(Float)
    sentiment_subjectivity: Mapped[float | None] = mapped_column(Float)
    sentiment_compound: Mapped[float | None] = mapped_column(Float)
    # The urgent flag belongs to the answer whose words raised it, not to every answer of the response.
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    risk_categories: Mapped[str | None] = mapped_column(String(200))
    # The ward a location answer falls in (survey.wards), set when it is stored or the wards change.
    ward_id: Mapped[int | None] = mapped_column(ForeignKey("ward.id", ondelete="SET NULL"), index=True)
    # On a pin: every option its response chose, as "question_id=option" lines (survey.wards.pin_options),
    # so hotspots count by reason, time and age per map square without a join. Set with the ward.
    response_options: Mapped[str | None] = mapped_column(Text)
    # What kinds of personal details the words seem to hold (survey.responses.personal_data: "email",
    # "name"...), comma-separated, found when stored; never the words found. A flagged answer is quoted
    # in no export or publication until an officer has reviewed it (kept it as it is, or redacted it).
    personal_data: Mapped[str | None] = mapped_column(String(100))
    personal_data_reviewed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    response: Mapped[Response] = relationship(back_populates="answers")


class SavedProgress(Base):
    """Answers put aside with "save and come back later", found again by a one-time code.

    Only a hash of the code is stored; the row is deleted when the code is used or expires.
    """

    __tablename__ = "saved_progress"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class SafeHaven(Base):
    """A place that has agreed to let a frightened child or adult come in and get help."""

    __tablename__ = "safe_haven"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(63))
    address: Mapped[str] = mapped_column(String(500))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    # {"mon": [["09:00", "17:30"]], ..., "sun": []} in the partnership's local time (Europe/London).
    opening_hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    contact: Mapped[str | None] = mapped_column(String(200))
    verified_until: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The add-a-haven form's one-off key: a double click or a re-sent form makes one haven, not two.
    submission_key: Mapped[str | None] = mapped_column(String(64), unique=True)


class AuditEvent(Base):
    """Who did what to which record, and when. Never the content of a response."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_partnership_at", "partnership_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    action: Mapped[str] = mapped_column(String(63))
    target_type: Mapped[str | None] = mapped_column(String(63))
    target_id: Mapped[str | None] = mapped_column(String(63))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    officer: Mapped[Officer | None] = relationship()


class ImportFingerprint(Base):
    """A file whose responses were imported, known by digests (never its answers): SHA-256 of its
    bytes, and of the tool's own response ids or times (the same export downloaded again has other
    bytes but the same ids). Importing one already known is refused unless it is meant
    (``survey.responses.imports.fingerprints``)."""

    __tablename__ = "import_fingerprint"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), index=True
    )
    file_digest: Mapped[str] = mapped_column(String(64), index=True)
    responses_digest: Mapped[str | None] = mapped_column(String(64), index=True)
    tool: Mapped[str] = mapped_column(String(31))
    stored: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
