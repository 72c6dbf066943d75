"""Consultations: creating them from definitions, their life cycle, and look-ups.

Functions flush, never commit. A consultation runs one stored definition; its slug is its public
URL (``/consultations/<slug>``) and the name every CLI command uses.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.orm import Session, joinedload

from survey.storage.models import Consultation, Partnership, Response
from survey.storage.models import Definition as DefinitionRow
from survey.vocabulary import ConsultationStatus, DefinitionKind

if TYPE_CHECKING:  # the definition models load when a definition is first read, not with this module
    from survey.definitions.definition import Definition

SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# Words the officer pages use beside slugs (/officer/consultations/new).
RESERVED_SLUGS = frozenset({"new"})


class ConsultationError(ValueError):
    """A consultation request that cannot be carried out, in words an officer can act on."""


def create_consultation(
    session: Session,
    partnership: Partnership,
    source: str,
    *,
    source_name: str = "definition.yaml",
    slug: str | None = None,
    status: ConsultationStatus = ConsultationStatus.DRAFT,
    officer_id: int | None = None,
    change_summary: str = "First version.",
    submission_key: str | None = None,
) -> Consultation:
    """Store the definition YAML verbatim, as version 1, and a consultation that runs it.

    Raises :class:`survey.definitions.errors.DefinitionError` (file, line, what is wrong) for a bad
    definition and :class:`ConsultationError` for a bad or taken slug.
    """
    from survey.definitions.definition import parse_definition

    definition = parse_definition(source, source_name=source_name)
    slug = slug or definition.id
    if not SLUG_PATTERN.match(slug):
        raise ConsultationError(
            "A consultation slug must be 1 to 63 lower-case letters, digits or hyphens, "
            "and must not start or end with a hyphen"
        )
    if slug in RESERVED_SLUGS:
        raise ConsultationError(f"The slug '{slug}' is reserved: choose another")
    if consultation_by_slug(session, slug) is not None:
        raise ConsultationError(f"The slug '{slug}' is already used by another consultation")
    stored = DefinitionRow(
        partnership_id=partnership.id, key=definition.id, kind=DefinitionKind(definition.kind), source=source,
        version=1, created_by_officer_id=officer_id, change_summary=change_summary,
    )
    session.add(stored)
    session.flush()
    consultation = Consultation(
        partnership_id=partnership.id,
        definition_id=stored.id,
        slug=slug,
        title=definition.title[:200],
        kind=DefinitionKind(definition.kind),
        status=status,
        opens_on=definition.opens,
        closes_on=definition.closes,
        submission_key=submission_key,
    )
    session.add(consultation)
    session.flush()
    stored.consultation_id = consultation.id  # the two rows point at each other: this side last
    session.flush()
    return consultation


def set_status(session: Session, consultation: Consultation, status: ConsultationStatus) -> None:
    """Move a consultation between draft, open and closed (any direction: a consultation can reopen)."""
    consultation.status = ConsultationStatus(status)
    session.add(consultation)
    session.flush()


def is_accepting(consultation: Consultation, today: dt.date | None = None) -> bool:
    """Whether the public can answer it today: open, and inside its dates if it has any."""
    today = today or dt.date.today()
    return (
        consultation.status == ConsultationStatus.OPEN
        and (consultation.opens_on is None or consultation.opens_on <= today)
        and (consultation.closes_on is None or consultation.closes_on >= today)
    )


def definition_of(consultation: Consultation) -> Definition:
    """The parsed definition a consultation runs (parsed once per distinct source: every page of the
    public flow, every report and every bot turn asks for it, and definitions are immutable)."""
    return _parsed(consultation.definition.source, f"{consultation.slug}.yaml")


def definition_answered(
    session: Session, consultation: Consultation, response: Response
) -> tuple[Definition, int]:
    """The definition a response answered (its wording, which a later version may have changed) and
    that version's number. A response stored before versions were recorded answered the current one."""
    row = consultation.definition
    if response.definition_id is not None and response.definition_id != consultation.definition_id:
        row = session.get_one(DefinitionRow, response.definition_id)
    return _parsed(row.source, f"{consultation.slug}.yaml"), row.version


@functools.lru_cache(maxsize=64)
def _parsed(source: str, source_name: str) -> Definition:
    from survey.definitions.definition import parse_definition

    return parse_definition(source, source_name=source_name)


def consultation_by_submission_key(
    session: Session, partnership_id: int, key: str | None
) -> Consultation | None:
    """The partnership's consultation created by the form that carried this one-off key, if any."""
    if not key:
        return None
    return session.scalar(
        select(Consultation).where(
            Consultation.partnership_id == partnership_id, Consultation.submission_key == key
        )
    )


def consultation_by_slug(session: Session, slug: str) -> Consultation | None:
    return session.scalar(select(Consultation).where(Consultation.slug == slug))


def partnership_consultation(session: Session, partnership_id: int, slug: str) -> Consultation | None:
    """The consultation with this slug if it belongs to this partnership; ``None`` otherwise."""
    return session.scalar(
        select(Consultation)
        .where(Consultation.slug == slug, Consultation.partnership_id == partnership_id)
        # Every page of the public flow reads the definition next: one query instead of two.
        .options(joinedload(Consultation.definition))
    )


def site_consultation(session: Session, configured_slug: str | None, slug: str) -> Consultation | None:
    """The consultation with this slug if it belongs to the partnership whose site this is
    (``survey.partnerships.site_partnership``: the configured one, or else the only one), in one query
    with its definition: the public flow reads it on every page."""
    of_configured_site, of_only_site = _site_queries()
    if configured_slug:
        return session.scalar(of_configured_site, {"slug": slug, "site": configured_slug})
    return session.scalar(of_only_site, {"slug": slug})


@functools.cache
def _site_queries() -> tuple[Select[tuple[Consultation]], Select[tuple[Consultation]]]:
    """Built once, on first use: every page of the public flow runs one of them, and building the
    query (its loader option above all) cost more than running it. Not at import, where it would
    configure every mapper for commands that never read a consultation this way."""
    site_consultation = (
        select(Consultation)
        .where(Consultation.slug == bindparam("slug"))
        .options(joinedload(Consultation.definition))
    )
    of_configured_site = site_consultation.join(
        Partnership, Partnership.id == Consultation.partnership_id
    ).where(Partnership.slug == bindparam("site"))
    of_only_site = site_consultation.where(select(func.count(Partnership.id)).scalar_subquery() == 1)
    return of_configured_site, of_only_site


def warm_up() -> None:
    """Build the public flow's queries now (``serve`` calls this before it forks its workers)."""
    _site_queries()


def accepting_consultations(
    session: Session,
    partnership_id: int,
    *,
    kind: DefinitionKind = DefinitionKind.CONSULTATION,
    today: dt.date | None = None,
) -> list[Consultation]:
    """The partnership's consultations of ``kind`` the public can answer today, newest first.

    For ``place_report`` and ``worry`` the first one is the form the map and the bot use.
    """
    today = today or dt.date.today()
    query = (
        select(Consultation)
        .where(
            Consultation.partnership_id == partnership_id,
            Consultation.kind == kind,
            Consultation.status == ConsultationStatus.OPEN,
            or_(Consultation.opens_on.is_(None), Consultation.opens_on <= today),
            or_(Consultation.closes_on.is_(None), Consultation.closes_on >= today),
        )
        .order_by(Consultation.created_at.desc(), Consultation.id.desc())
    )
    return list(session.scalars(query))


def open_consultations(
    session: Session, partnership_id: int, *, today: dt.date | None = None
) -> list[Consultation]:
    """The partnership's consultations (surveys) the public can answer today, newest first."""
    return accepting_consultations(session, partnership_id, today=today)


def partnership_consultations(session: Session, partnership_id: int) -> list[Consultation]:
    """Every consultation of the partnership, newest first (officer view)."""
    query = (
        select(Consultation)
        .where(Consultation.partnership_id == partnership_id)
        .order_by(Consultation.created_at.desc(), Consultation.id.desc())
    )
    return list(session.scalars(query))


def all_consultations(session: Session) -> list[Consultation]:
    """Every consultation of every partnership, by partnership then oldest first (operator's view)."""
    order = (Consultation.partnership_id, Consultation.created_at, Consultation.id)
    return list(session.scalars(select(Consultation).order_by(*order)))


def set_dates(
    session: Session, consultation: Consultation, opens_on: dt.date | None, closes_on: dt.date | None
) -> None:
    """Change when the public may answer (either date may be ``None``: no limit on that side)."""
    if opens_on and closes_on and closes_on < opens_on:
        raise ConsultationError("The closing date must be the same as or after the opening date")
    consultation.opens_on, consultation.closes_on = opens_on, closes_on
    session.add(consultation)
    session.flush()


def response_counts(session: Session, consultation_ids: Iterable[int]) -> dict[int, int]:
    """How many responses each consultation has (0 for one with none)."""
    ids = list(consultation_ids)
    counts = dict.fromkeys(ids, 0)
    if ids:
        query = (
            select(Response.consultation_id, func.count())
            .where(Response.consultation_id.in_(ids))
            .group_by(Response.consultation_id)
        )
        counts.update({consultation_id: count for consultation_id, count in session.execute(query)})
    return counts
