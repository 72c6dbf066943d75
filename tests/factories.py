"""Small builders for test data. They flush, like the core; the test's transaction rolls back."""

from __future__ import annotations

import pyotp
from sqlalchemy.orm import Session

from survey.officers import accounts as officers
from survey.officers import two_factor
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Officer, Partnership
from survey.vocabulary import Role

PASSWORD = "correct horse battery staple"
# When factory officers set up their app: long before any clock a test sets, so every code of the
# test's present is later than the one that confirmed it and none counts as replayed.
ENROLLED_AT = 946_684_800.0  # 1 January 2000


def make_partnership(session: Session, slug: str = "north", name: str | None = None) -> Partnership:
    return get_or_create_partnership(session, slug, name or f"{slug.title()} Community Safety Partnership")


def make_officer(
    session: Session,
    partnership: Partnership,
    role: Role = Role.ADMIN,
    email: str | None = None,
    *,
    two_factor: bool | None = None,
) -> Officer:
    """An active officer with ``PASSWORD``. Administrators (who must have one) and anyone asked for with
    ``two_factor=True`` have an authenticator app set up: ``tests.web.sign_in`` enters its codes."""
    officer = officers.create_officer(
        session,
        email=email or f"{role.value}@{partnership.slug}.example",
        password=PASSWORD,
        role=role,
        partnership=partnership,
    )
    if role.allows(Role.ADMIN) if two_factor is None else two_factor:
        enrol_two_factor(session, officer)
    return officer


def enrol_two_factor(session: Session, officer: Officer) -> list[str]:
    """Set up the officer's authenticator app the way the set-up page does (a new key, confirmed by a
    code from it) and return their ten recovery codes."""
    secret = two_factor.start_enrolment(session, officer)
    code = pyotp.TOTP(secret, interval=two_factor.TIME_STEP_SECONDS).at(ENROLLED_AT)
    return two_factor.confirm_enrolment(session, officer, code, now=ENROLLED_AT)
