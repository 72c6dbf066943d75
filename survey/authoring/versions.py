"""Versions of a consultation's definition.

A stored definition is never edited in place: a change stores the whole new YAML as a new
:class:`~survey.storage.models.Definition` row with the next version number and points the
consultation at it, so every response can say which wording it answered. Once there are responses
only safe changes are stored (:mod:`survey.authoring.changes`); each stored change is audited as
``definition_changed`` with the version numbers and a summary by question id.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from survey.authoring.changes import describe_changes, refusals, stored_answers
from survey.consultations import definition_of
from survey.definitions.definition import Definition, parse_definition
from survey.officers.audit import record_event
from survey.storage.models import Consultation, Response
from survey.storage.models import Definition as DefinitionRow
from survey.vocabulary import ConsultationStatus, DefinitionKind


class ChangeRefused(ValueError):
    """A change that responses already given forbid; ``problems`` says why, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


def save_definition(
    session: Session,
    consultation: Consultation,
    source: str,
    *,
    officer_id: int | None = None,
    source_name: str = "definition.yaml",
    via: str = "web",
) -> Definition:
    """Store ``source`` as the consultation's next version and return it parsed.

    Raises :class:`survey.definitions.errors.DefinitionError` (with the loader's messages) for a
    definition that does not load, and :class:`ChangeRefused` for a change the stored responses
    forbid; nothing is stored then. A definition equal to the current one (the same text, or only
    its layout and comments changed) stores nothing, so a form sent twice makes one version. The
    consultation's title, kind and, for a draft, dates follow the definition. Flushes, never commits.
    """
    definition = parse_definition(source, source_name=source_name)
    # Two saves at once (a double click, two officers) take turns on PostgreSQL, so the second sees
    # the first's version: the same text stores nothing, and version numbers never collide.
    session.flush()
    session.execute(select(Consultation.id).where(Consultation.id == consultation.id).with_for_update())
    session.expire(consultation, ["definition_id", "definition"])
    current = consultation.definition
    if current is not None and current.source == source:
        return definition
    old = definition_of(consultation) if current is not None else None
    if old is not None and old.same_texts(definition):  # only layout or comments differ: nothing to see
        return definition
    if old is not None:
        problems = refusals(old, definition, stored_answers(session, consultation.id))
        if problems:
            raise ChangeRefused(problems)
    previous = latest_version(session, consultation)
    summary = describe_changes(old, definition)
    stored = DefinitionRow(
        partnership_id=consultation.partnership_id,
        key=definition.id,
        kind=DefinitionKind(definition.kind),
        source=source,
        consultation_id=consultation.id,
        version=previous + 1,
        created_by_officer_id=officer_id,
        change_summary=" ".join(summary),
    )
    session.add(stored)
    session.flush()
    consultation.definition_id = stored.id
    consultation.definition = stored
    consultation.title = definition.title[:200]
    consultation.kind = DefinitionKind(definition.kind)
    dates_changed = old is None or (old.opens, old.closes) != (definition.opens, definition.closes)
    if consultation.status == ConsultationStatus.DRAFT and dates_changed:
        consultation.opens_on, consultation.closes_on = definition.opens, definition.closes
    session.add(consultation)
    record_event(
        session,
        partnership_id=consultation.partnership_id,
        officer_id=officer_id,
        action="definition_changed",
        target_type="consultation",
        target_id=consultation.id,
        details={
            "slug": consultation.slug,
            "from_version": previous,
            "to_version": stored.version,
            "summary": summary,
            "via": via,
        },
    )
    session.flush()
    return definition


def latest_version(session: Session, consultation: Consultation) -> int:
    """The highest version number stored for the consultation (0 if none is numbered yet)."""
    highest = session.scalar(
        select(func.max(DefinitionRow.version)).where(DefinitionRow.consultation_id == consultation.id)
    )
    return highest or 0


def versions(session: Session, consultation: Consultation) -> list[DefinitionRow]:
    """Every stored version of the consultation's definition, newest first, with who made it."""
    return list(
        session.scalars(
            select(DefinitionRow)
            .where(DefinitionRow.consultation_id == consultation.id)
            .options(joinedload(DefinitionRow.created_by))
            .order_by(DefinitionRow.version.desc())
        )
    )


def version_of(session: Session, consultation: Consultation, number: int) -> DefinitionRow | None:
    """The consultation's version ``number``, or ``None``."""
    return session.scalar(
        select(DefinitionRow).where(
            DefinitionRow.consultation_id == consultation.id, DefinitionRow.version == number
        )
    )


def responses_per_version(session: Session, consultation: Consultation) -> dict[int, int]:
    """``{definition id: responses that answered it}`` for the consultation's versions."""
    query = (
        select(Response.definition_id, func.count())
        .where(Response.consultation_id == consultation.id, Response.definition_id.is_not(None))
        .group_by(Response.definition_id)
    )
    return {definition_id: count for definition_id, count in session.execute(query)}
