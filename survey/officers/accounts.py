"""Officers: creation, sign-in with throttling, passwords and their resets, and deactivation.

Sign-in answers only "yes, this officer" or "no": callers show one generic message whatever the
reason (unknown email, wrong password, paused or deactivated account), so the form cannot be
used to find out which emails exist.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.officers.passwords import (
    MAX_PASSWORD_LENGTH,
    generate_password,
    password_problem,
)
from survey.storage.models import Officer, Partnership
from survey.storage.types import utcnow
from survey.vocabulary import Role

EMAIL_PATTERN = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")

_hasher = PasswordHasher()
# Verified against when the email is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Swap the Argon2 parameters (the test suite uses the cheapest; production keeps the default)."""
    global _hasher, _DUMMY_HASH
    _hasher = hasher
    _DUMMY_HASH = hasher.hash(secrets.token_urlsafe(16))


class OfficerError(ValueError):
    """An officer request that cannot be carried out, in words an administrator can act on."""


class PasswordChangeError(OfficerError):
    """A password change refused, naming the form field to fix (``current_password`` or
    ``new_password``)."""

    def __init__(self, message: str, field: str, *, signed_out: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.signed_out = signed_out


@dataclass(frozen=True)
class SignInPolicy:
    """How many failures pause an account, and for how long."""

    max_failures: int = 5
    lockout: dt.timedelta = dt.timedelta(minutes=15)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def validate_password(password: str) -> None:
    """Refuse a password that is too short, too long or common (see ``survey.officers.passwords``)."""
    problem = password_problem(password)
    if problem is not None:
        raise OfficerError(problem)


def create_officer(
    session: Session,
    *,
    email: str,
    password: str,
    role: Role | str,
    partnership: Partnership,
    must_change_password: bool = False,
) -> Officer:
    """Add an active officer to ``partnership``. The email must be new; the password must pass the
    rules. ``must_change_password`` makes them choose their own at their first sign-in (for a
    generated password someone else has seen)."""
    email = normalise_email(email)
    if not EMAIL_PATTERN.match(email) or len(email) > 254:
        raise OfficerError("Enter an email address in the correct format, like name@example.org")
    try:
        role = Role(role)
    except ValueError:
        raise OfficerError(f"Role must be one of: {', '.join(r.value for r in Role)}") from None
    validate_password(password)
    if officer_by_email(session, email) is not None:
        raise OfficerError(f"An officer with the email {email} already exists")
    officer = Officer(
        email=email,
        password_hash=_hasher.hash(password),
        role=role,
        partnership_id=partnership.id,
        active=True,
        session_token=secrets.token_urlsafe(32),
        failed_logins=0,
        must_change_password=must_change_password,
    )
    session.add(officer)
    session.flush()
    return officer


def officer_by_email(session: Session, email: str) -> Officer | None:
    return session.scalar(select(Officer).where(Officer.email == normalise_email(email)))


def officer_by_session_token(session: Session, token: str) -> Officer | None:
    """The active officer whose current session token this is; ``None`` ends the login session."""
    return session.scalar(select(Officer).where(Officer.session_token == token, Officer.active.is_(True)))


def authenticate(
    session: Session, email: str, password: str, *, policy: SignInPolicy | None = None
) -> Officer | None:
    """The officer if the email and password match an active, unpaused account; otherwise ``None``.

    Each failure is counted; ``policy.max_failures`` in a row pause the account for
    ``policy.lockout``, during which even the right password is refused.
    """
    policy = policy or SignInPolicy()
    officer = officer_by_email(session, email) if len(email) <= 254 else None
    password = password[:MAX_PASSWORD_LENGTH]
    if officer is None:
        _verify(_DUMMY_HASH, password)
        return None
    now = utcnow()
    paused = officer.locked_until is not None and officer.locked_until > now
    correct = _verify(officer.password_hash, password)
    if correct and officer.active and not paused:
        officer.failed_logins = 0
        officer.locked_until = None
        officer.last_login_at = now
        if _hasher.check_needs_rehash(officer.password_hash):
            officer.password_hash = _hasher.hash(password)
        session.flush()
        return officer
    if not paused:
        officer.failed_logins += 1
        if officer.failed_logins >= policy.max_failures:
            officer.locked_until = now + policy.lockout
            officer.failed_logins = 0
    session.flush()
    return None


def set_password(session: Session, officer: Officer, password: str) -> None:
    """Give the officer a new password of their own; it also ends their sessions everywhere, lifts any
    pause and any reset. The caller signs the current browser in again if it should stay in."""
    validate_password(password)
    officer.password_hash = _hasher.hash(password)
    officer.failed_logins = 0
    officer.locked_until = None
    officer.must_change_password = False
    end_sessions(session, officer)


def change_password(
    session: Session, officer: Officer, *, current: str, new: str, policy: SignInPolicy | None = None
) -> None:
    """An officer changing their own password: the current one must be right, the new one must pass
    the rules and differ from it. Every session of theirs ends (see ``set_password``).

    Wrong current passwords count like failed sign-ins: ``policy.max_failures`` in a row sign the
    officer out everywhere and pause the account, so a stolen session cannot be used to guess the
    password and take the account over.
    """
    policy = policy or SignInPolicy()
    if not _verify(officer.password_hash, current[:MAX_PASSWORD_LENGTH]):
        officer.failed_logins += 1
        if officer.failed_logins < policy.max_failures:
            session.flush()
            raise PasswordChangeError("The current password you entered is not correct", "current_password")
        officer.failed_logins = 0
        officer.locked_until = utcnow() + policy.lockout
        end_sessions(session, officer)
        raise PasswordChangeError("The current password you entered is not correct", "current_password",
                                  signed_out=True)
    problem = password_problem(new)
    if problem is not None:
        raise PasswordChangeError(problem, "new_password")
    if new == current:
        raise PasswordChangeError("Enter a new password that is different from your current password",
                                  "new_password")
    set_password(session, officer, new)


def reset_password(session: Session, officer: Officer) -> str:
    """An administrator's reset: the old password stops working, every session of the officer ends,
    and a generated one-time password is returned to hand over (it is stored only hashed). The officer
    must choose their own password when they next sign in with it."""
    password = generate_password()
    set_password(session, officer, password)
    officer.must_change_password = True
    session.flush()
    return password


def end_sessions(session: Session, officer: Officer) -> None:
    """Sign the officer out everywhere by rotating the token their sessions carry."""
    officer.session_token = secrets.token_urlsafe(32)
    session.flush()


def set_active(session: Session, officer: Officer, active: bool) -> None:
    """Deactivate (sessions end at once) or reactivate an officer."""
    officer.active = active
    if not active:
        end_sessions(session, officer)
    session.flush()


def partnership_officers(session: Session, partnership_id: int) -> list[Officer]:
    query = select(Officer).where(Officer.partnership_id == partnership_id).order_by(Officer.email)
    return list(session.scalars(query))


def partnership_officer(session: Session, partnership_id: int, officer_id: int) -> Officer | None:
    """The officer with this id if they belong to this partnership, else ``None`` (never another's)."""
    return session.scalar(
        select(Officer).where(Officer.id == officer_id, Officer.partnership_id == partnership_id)
    )


def hash_secret(value: str) -> str:
    """An Argon2 hash of a secret an officer types (a recovery code), with the passwords' parameters."""
    return _hasher.hash(value)


def secret_matches(secret_hash: str, value: str) -> bool:
    """Whether ``value`` is the secret ``secret_hash`` was made from."""
    return _verify(secret_hash, value)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
