"""Small builders for test data. They flush, like the core; the test's transaction rolls back."""

from __future__ import annotations

from sqlalchemy.orm import Session

from survey.officers import accounts as officers
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Officer, Partnership
from survey.vocabulary import Role

PASSWORD = "correct horse battery staple"


def make_partnership(session: Session, slug: str = "north", name: str | None = None) -> Partnership:
    return get_or_create_partnership(session, slug, name or f"{slug.title()} Community Safety Partnership")


def make_officer(
    session: Session, partnership: Partnership, role: Role = Role.ADMIN, email: str | None = None
) -> Officer:
    return officers.create_officer(
        session,
        email=email or f"{role.value}@{partnership.slug}.example",
        password=PASSWORD,
        role=role,
        partnership=partnership,
    )
