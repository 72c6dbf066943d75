"""Running an import of another tool's file: the trial run the wizard's check page shows, with the
import's own rules, and nothing kept.

The check page's counts come from :mod:`.preview`, which reads every cell as the importer does; but
only the import itself checks each row as a whole (an answer to a question the row's other answers
hide, limits across answers, a map pin outside the partnership's boundary). :func:`trial_import` runs
that import for real, inside a savepoint that is always rolled back, so every problem is listed by
row and column before the officer imports, and nothing is stored.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from survey.responses.csv_import import ImportResult, import_records
from survey.responses.imports.translate import Translated
from survey.storage.after_commit import rolled_back
from survey.storage.models import Consultation


def trial_import(session: Session, consultation: Consultation, table: Translated) -> ImportResult:
    """What importing ``table`` would do (``stored``: the rows it would store if nothing failed) and
    every problem it would find, by row and column; the database is left as it was."""
    with rolled_back(session):
        return import_records(session, consultation, table.records, mapping=table.mapping,
                              first_row=table.first_row, known_errors=table.errors)
