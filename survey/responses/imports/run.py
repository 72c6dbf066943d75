"""Running an import of another tool's file: the trial run the wizard's check page shows, and the real
one the background worker runs (:mod:`survey.worker.imports`), both with the import's own rules.

The check page's counts come from :mod:`.preview`, which reads every cell as the importer does; but
only the import itself checks each row as a whole (an answer to a question the row's other answers
hide, limits across answers, a map pin outside the partnership's boundary). :func:`trial_import` runs
that import for real, inside a savepoint that is always rolled back, so every problem is listed by
row and column before the officer imports, and nothing is stored. :func:`import_file` is the import
the wizard's "Import responses" starts: the file read again with the officer's choices, refused if it
was imported before (unless the officer meant it), stored all or nothing, recorded and audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from survey.consultations import definition_of
from survey.officers.audit import record_event
from survey.responses.csv_import import ImportResult, import_records
from survey.responses.imports.fingerprints import earlier_import, fingerprint, record_import
from survey.responses.imports.preview import leave_out, preview
from survey.responses.imports.spreadsheets import read_table
from survey.responses.imports.translate import Translated, translate
from survey.storage.after_commit import rolled_back
from survey.storage.models import Consultation


def trial_import(session: Session, consultation: Consultation, table: Translated) -> ImportResult:
    """What importing ``table`` would do (``stored``: the rows it would store if nothing failed) and
    every problem it would find, by row and column; the database is left as it was."""
    with rolled_back(session):
        return import_records(session, consultation, table.records, mapping=table.mapping,
                              first_row=table.first_row, known_errors=table.errors)


@dataclass
class ImportChoices:
    """What the officer chose in the wizard: how the file is read, and what to do about problems."""

    suffix: str
    tool: str | None = None
    sheet: str | None = None
    overrides: dict[int, str] = field(default_factory=dict)
    """Column index -> target (as in a mapping file): the officer's changes to the matches."""
    skip_invalid: bool = False
    allow_duplicate: bool = False


@dataclass
class ImportOutcome:
    tool: str
    result: ImportResult
    counts: list[tuple[str, str, int]] = field(default_factory=list)
    """(question id, option value, answers) of what was stored."""
    imported_before: dt.datetime | None = None
    """When the same file was imported before (then nothing was stored)."""


def import_file(
    session: Session,
    consultation: Consultation,
    data: bytes,
    choices: ImportChoices,
    *,
    officer_id: int | None,
    progress: Callable[[int, int], object] | None = None,
) -> ImportOutcome:
    """Import ``data`` (an uploaded file) into ``consultation`` as the wizard's check page showed it.

    Flushes, never commits. Raises :class:`~survey.responses.csv_import.ImportFileError` when the file
    cannot be read; ``progress`` is :func:`import_records`'s.
    """
    definition = definition_of(consultation)
    records = read_table(data, f"upload{choices.suffix}", choices.sheet)
    plan, counted = preview(definition, records, choices.tool, overrides=choices.overrides)
    if counted.problems:
        return ImportOutcome(counted.tool, ImportResult(errors=list(counted.problems)))
    table = translate(plan)
    print_ = fingerprint(data, table.references)
    earlier = earlier_import(session, consultation, print_)
    if earlier is not None and not choices.allow_duplicate:
        return ImportOutcome(counted.tool, ImportResult(), imported_before=earlier.imported_at)
    result = import_records(session, consultation, table.records, skip_invalid=choices.skip_invalid,
                            mapping=table.mapping, first_row=table.first_row, known_errors=table.errors,
                            progress=progress)
    if not result.stored:
        return ImportOutcome(counted.tool, result)
    record_import(session, consultation, print_, counted.tool, result.stored)
    record_event(session, partnership_id=consultation.partnership_id, officer_id=officer_id,
                 action="responses_imported", target_type="consultation", target_id=consultation.id,
                 details={"slug": consultation.slug, "stored": result.stored,
                          "rejected_rows": len(result.rejected_rows), "via": "wizard", "from": counted.tool})
    leave_out(definition, table, counted, result.rejected_rows)
    counts = [(question, option, count) for (question, option), count in counted.counts.items()]
    return ImportOutcome(counted.tool, result, counts)
