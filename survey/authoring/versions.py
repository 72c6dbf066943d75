"""Versions of a consultation's definition.

A stored definition is never edited in place: a change stores the whole new YAML as a new
:class:`~survey.storage.models.Definition` row and points the consultation at it, so every
response can say which wording it answered.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from survey.definitions.definition import Definition, parse_definition
from survey.storage.models import Consultation
from survey.storage.models import Definition as DefinitionRow
from survey.vocabulary import DefinitionKind


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
) -> Definition:
    """Store ``source`` as the consultation's new definition and return it parsed.

    Raises :class:`survey.definitions.errors.DefinitionError` (with the loader's messages) for a
    definition that does not load. Flushes, never commits.
    """
    definition = parse_definition(source, source_name=source_name)
    stored = DefinitionRow(
        partnership_id=consultation.partnership_id,
        key=definition.id,
        kind=DefinitionKind(definition.kind),
        source=source,
    )
    session.add(stored)
    session.flush()
    consultation.definition_id = stored.id
    consultation.definition = stored
    consultation.title = definition.title[:200]
    session.add(consultation)
    session.flush()
    return definition
