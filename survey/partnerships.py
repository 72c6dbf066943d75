"""Partnerships: look-ups and creation. Functions flush, never commit (the caller owns the unit of work)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.storage.models import Partnership

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class PartnershipError(ValueError):
    """A partnership request that cannot be carried out, in words an officer can act on."""


def partnership_by_slug(session: Session, slug: str) -> Partnership | None:
    """The partnership with this slug, or ``None``."""
    return session.scalar(select(Partnership).where(Partnership.slug == slug))


def require_partnership(session: Session, slug: str) -> Partnership:
    """The partnership with this slug, or a :class:`PartnershipError` that names it."""
    partnership = partnership_by_slug(session, slug)
    if partnership is None:
        raise PartnershipError(f"There is no partnership with the slug '{slug}'")
    return partnership


def get_or_create_partnership(session: Session, slug: str, name: str) -> Partnership:
    """The partnership with ``slug``, created with ``name`` if it does not exist yet."""
    if not SLUG_PATTERN.match(slug):
        raise PartnershipError(
            "A partnership slug must be 1 to 63 lower-case letters, digits or hyphens, "
            "and must not start or end with a hyphen"
        )
    name = name.strip()
    if not name or len(name) > 200:
        raise PartnershipError("A partnership name must be 1 to 200 characters")
    partnership = partnership_by_slug(session, slug)
    if partnership is None:
        partnership = Partnership(slug=slug, name=name)
        session.add(partnership)
        session.flush()
    return partnership


def site_partnership(session: Session, configured_slug: str | None) -> Partnership | None:
    """The partnership whose public pages this site serves.

    The configured slug wins; with none configured, the only partnership in the database. ``None``
    when the site is not set up yet or several partnerships exist and none is configured.
    """
    if configured_slug:
        return partnership_by_slug(session, configured_slug)
    only = session.scalars(select(Partnership).limit(2)).all()
    return only[0] if len(only) == 1 else None
