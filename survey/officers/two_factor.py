"""Officers' second factor: a time-based one-time password (TOTP, RFC 6238) from an authenticator app,
or one of ten single-use recovery codes.

Administrators always need one; a partnership can require it of every officer. An officer who has
set one up is always asked for it. A code is accepted for the 30-second step it belongs to and the
steps either side (clocks drift), and only for a step later than the last one accepted, so a code
cannot be used twice. Wrong codes count: ``SignInPolicy.max_failures`` in a row pause the account and
end its sessions, as wrong passwords do (a separate count, so a right password cannot wipe it).
Recovery codes are stored only as Argon2 hashes and shown once.
"""

from __future__ import annotations

import enum
import re
import secrets
import time
from dataclasses import dataclass

import pyotp
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from survey.officers.accounts import SignInPolicy, end_sessions, hash_secret, secret_matches
from survey.storage.models import Officer, OfficerTwoFactor, PartnershipSecurity, RecoveryCode
from survey.storage.types import utcnow
from survey.vocabulary import Role

TIME_STEP_SECONDS = 30
#: Steps either side of now whose codes are still accepted (a phone's clock a little out).
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
ISSUER = "Safer Voices"
CODE_PATTERN = re.compile(r"^\d{6}$")
# No 0/o, 1/l/i: recovery codes are read off paper.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_HALF = 5


class TwoFactorError(ValueError):
    """A second-factor request that cannot be carried out, in words an officer can act on."""


class Outcome(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    # Too many wrong codes: the account is paused and every session has ended.
    PAUSED = "paused"


@dataclass(frozen=True)
class RecoveryOutcome:
    outcome: Outcome
    remaining: int = 0


def time_step(now: float) -> int:
    """The 30-second step ``now`` (seconds since the epoch) falls in."""
    return int(now // TIME_STEP_SECONDS)


def normalise_code(code: str) -> str:
    """A typed code without the spaces and hyphens people copy along with it."""
    return re.sub(r"[\s-]", "", code or "")


def accepted_step(secret: str, code: str, *, last_step: int | None, now: float) -> int | None:
    """The time step ``code`` is right for, if it is within the drift either side of ``now`` and later
    than ``last_step``; otherwise ``None`` (a wrong code, or one already used)."""
    code = normalise_code(code)
    if not CODE_PATTERN.match(code):
        return None
    totp = pyotp.TOTP(secret, interval=TIME_STEP_SECONDS)
    current = time_step(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if last_step is not None and step <= last_step:
            continue
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_secret() -> str:
    """A fresh 160-bit key in base32 (what authenticator apps expect)."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, email: str) -> str:
    """The ``otpauth://`` address the QR code holds: the key, the account and the site's name."""
    return pyotp.TOTP(secret, interval=TIME_STEP_SECONDS).provisioning_uri(name=email, issuer_name=ISSUER)


def grouped_secret(secret: str) -> str:
    """The key in groups of four, easier to type into an app by hand."""
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def enrolment(session: Session, officer: Officer) -> OfficerTwoFactor | None:
    """The officer's key, confirmed or still being set up; ``None`` if they have none."""
    return session.get(OfficerTwoFactor, officer.id)


def is_enrolled(session: Session, officer: Officer) -> bool:
    """Whether the officer has a confirmed second factor."""
    record = enrolment(session, officer)
    return record is not None and record.confirmed_at is not None


def all_officers_required(session: Session, partnership_id: int) -> bool:
    """Whether the partnership requires every officer, not only administrators, to use a second factor."""
    rule = session.get(PartnershipSecurity, partnership_id)
    return rule is not None and rule.all_officers_two_factor


def set_all_officers_required(session: Session, partnership_id: int, required: bool) -> bool:
    """Set the partnership's rule; ``True`` if that changed it."""
    rule = session.get(PartnershipSecurity, partnership_id)
    if rule is None:
        rule = PartnershipSecurity(partnership_id=partnership_id, all_officers_two_factor=False)
        session.add(rule)
    changed = rule.all_officers_two_factor != required
    rule.all_officers_two_factor = required
    session.flush()
    return changed


def is_required(session: Session, officer: Officer) -> bool:
    """Whether the officer must use a second factor: always for administrators, and for everyone
    when their partnership says so."""
    return officer.role.allows(Role.ADMIN) or all_officers_required(session, officer.partnership_id)


def start_enrolment(session: Session, officer: Officer) -> str:
    """The key to show the officer while they set up their app: the one already being set up, so a
    reloaded page shows the same QR code, or a new one."""
    record = enrolment(session, officer)
    if record is not None and record.confirmed_at is not None:
        raise TwoFactorError("You have already set up two-factor authentication")
    if record is None:
        record = OfficerTwoFactor(officer_id=officer.id, secret=new_secret(), failed_attempts=0)
        session.add(record)
        session.flush()
    return record.secret


def confirm_enrolment(
    session: Session, officer: Officer, code: str, *, now: float | None = None
) -> list[str]:
    """Finish setting up: ``code`` must come from the key being set up. Returns the ten recovery codes
    (shown once; only their hashes are kept). Raises ``TwoFactorError`` for a wrong code."""
    record = enrolment(session, officer)
    if record is None or record.confirmed_at is not None:
        raise TwoFactorError("Start setting up two-factor authentication again")
    step = accepted_step(
        record.secret, code, last_step=record.last_time_step, now=time.time() if now is None else now
    )
    if step is None:
        raise TwoFactorError("The code is not correct. Enter the 6-digit code your app shows now")
    record.confirmed_at = utcnow()
    record.last_time_step = step
    record.failed_attempts = 0
    return replace_recovery_codes(session, officer)


def verify_code(
    session: Session,
    officer: Officer,
    code: str,
    *,
    now: float | None = None,
    policy: SignInPolicy | None = None,
) -> Outcome:
    """Check a code from the officer's app at sign-in (see the module's notes on replay and pauses)."""
    record = enrolment(session, officer)
    if record is None or record.confirmed_at is None:
        raise TwoFactorError("You have not set up two-factor authentication")
    step = accepted_step(
        record.secret, code, last_step=record.last_time_step, now=time.time() if now is None else now
    )
    if step is None:
        return _count_failure(session, officer, record, policy or SignInPolicy())
    record.last_time_step = step
    record.failed_attempts = 0
    session.flush()
    return Outcome.ACCEPTED


def use_recovery_code(
    session: Session, officer: Officer, code: str, *, policy: SignInPolicy | None = None
) -> RecoveryOutcome:
    """Accept one of the officer's unused recovery codes in place of a code from the app, and use it
    up. A wrong one counts like a wrong code."""
    record = enrolment(session, officer)
    if record is None or record.confirmed_at is None:
        raise TwoFactorError("You have not set up two-factor authentication")
    typed = normalise_code(code).lower()[:64]
    unused = _unused_codes(session, officer)
    match = next((stored for stored in unused if secret_matches(stored.code_hash, typed)), None)
    if match is None:
        return RecoveryOutcome(_count_failure(session, officer, record, policy or SignInPolicy()))
    match.used_at = utcnow()
    record.failed_attempts = 0
    session.flush()
    return RecoveryOutcome(Outcome.ACCEPTED, remaining=len(unused) - 1)


def replace_recovery_codes(session: Session, officer: Officer) -> list[str]:
    """Ten new recovery codes in place of any the officer had; returns them to show once."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.officer_id == officer.id))
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    session.add_all(
        RecoveryCode(officer_id=officer.id, code_hash=hash_secret(normalise_code(code))) for code in codes
    )
    session.flush()
    return codes


def recovery_codes_left(session: Session, officer: Officer) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(RecoveryCode)
            .where(RecoveryCode.officer_id == officer.id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )


def reset(session: Session, officer: Officer) -> bool:
    """Remove the officer's key and recovery codes and end their sessions: they set up a new app at
    their next sign-in. ``False`` if they had nothing to reset."""
    record = enrolment(session, officer)
    session.execute(delete(RecoveryCode).where(RecoveryCode.officer_id == officer.id))
    if record is not None:
        session.delete(record)
    end_sessions(session, officer)
    return record is not None


def _unused_codes(session: Session, officer: Officer) -> list[RecoveryCode]:
    query = select(RecoveryCode).where(RecoveryCode.officer_id == officer.id, RecoveryCode.used_at.is_(None))
    return list(session.scalars(query.order_by(RecoveryCode.id)))


def _count_failure(
    session: Session, officer: Officer, record: OfficerTwoFactor, policy: SignInPolicy
) -> Outcome:
    record.failed_attempts += 1
    if record.failed_attempts < policy.max_failures:
        session.flush()
        return Outcome.WRONG
    record.failed_attempts = 0
    officer.locked_until = utcnow() + policy.lockout
    end_sessions(session, officer)
    return Outcome.PAUSED


def _recovery_code() -> str:
    halves = ("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_HALF)) for _ in range(2))
    return "-".join(halves)
