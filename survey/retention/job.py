"""The retention run as the background worker's daily job (``survey.worker.jobs``)."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session

from survey.retention.files import scrub_files
from survey.retention.policy import local_date
from survey.retention.run import RunOutcome, run_retention
from survey.settings import Settings
from survey.storage.types import utcnow


def run_retention_daily(session: Session, settings: Settings | None = None) -> RunOutcome:
    """Today's run, in the worker's unit of work; the files are rewritten once it has committed."""
    settings = settings or Settings()
    outcome = run_retention(
        session, as_of=local_date(utcnow()), public_cell_m=settings.public_hotspots_cell_m, via="worker"
    )
    if outcome.changed:
        engine = session.get_bind()

        def scrub(_session: Session) -> None:
            scrub_files(engine.engine)

        event.listen(session, "after_commit", scrub, once=True)
    return outcome
