"""Officers' second factor: their authenticator app's key, their recovery codes, and each partnership's
rule on who must use one (``survey.officers.two_factor``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from survey.storage.models.base import Base
from survey.storage.types import UTCDateTime, utcnow


class OfficerTwoFactor(Base):
    """An officer's time-based one-time password (TOTP, RFC 6238) key.

    A row without ``confirmed_at`` is an enrolment in progress: the key has been shown but no code
    from it has been entered yet, so it does not count as a second factor.
    """

    __tablename__ = "officer_two_factor"

    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id", ondelete="CASCADE"), primary_key=True)
    # The shared key in base32, as the authenticator app holds it. The server must read it to check a
    # code, so it cannot be hashed; it is only ever shown during enrolment.
    secret: Mapped[str] = mapped_column(String(64))
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The last 30-second time step whose code was accepted: only later steps are accepted after it,
    # so a code seen over a shoulder or in a proxy's log cannot be used again.
    last_time_step: Mapped[int | None] = mapped_column(BigInteger)
    # Wrong codes (and recovery codes) since the last right one; too many pause the account.
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class RecoveryCode(Base):
    """One single-use recovery code, stored only as an Argon2 hash."""

    __tablename__ = "officer_recovery_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PartnershipSecurity(Base):
    """A partnership's sign-in rules. Administrators always need a second factor; this says whether
    every other officer does too. No row means the defaults."""

    __tablename__ = "partnership_security"

    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id"), primary_key=True)
    all_officers_two_factor: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
