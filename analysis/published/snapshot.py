"""Publishing: freeze the public report of a closed consultation as a dated snapshot."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from analysis.filters import LOCAL_TIME
from analysis.report.consultation import consultation_report, public_figures
from analysis.report.models import Report
from analysis.report.snapshots import counted_now, snapshot_text, stored_report
from analysis.tallies import tally_consultation
from survey.consultations import definition_of
from survey.publications import PublicationError, record_publication, refusal_to_publish
from survey.storage.models import Consultation, ResultsPublication
from survey.storage.types import utcnow


def publish(
    session: Session, consultation: Consultation, *,
    officer_id: int | None = None, via: str = "web", now: dt.datetime | None = None,
) -> ResultsPublication:
    """Publish the consultation's public figures as of ``now``: a new dated snapshot (audited).

    The figures are protected together with every earlier snapshot of the consultation, withdrawn
    ones included, and the snapshot keeps what protected them for the next publication
    (:mod:`analysis.report.snapshots`). Raises :class:`survey.publications.PublicationError` (with
    words an officer can act on) when the consultation is not closed.
    """
    refusal = refusal_to_publish(consultation)
    if refusal is not None:  # checked before the report is built: nothing is tallied for a refusal
        raise PublicationError(refusal)
    now = now or utcnow()
    counted = counted_now(session, consultation)
    tallies = tally_consultation(session, consultation, definition_of(consultation))
    figures = public_figures(session, consultation, tallies=tallies, as_of=now.astimezone(LOCAL_TIME).date())
    report = consultation_report(session, consultation, public=True, generated_at=now, publication=figures,
                                 tallies=tallies)
    if not report.public:  # the snapshot is public by construction; never store anything else
        raise PublicationError("Only the public report can be published")
    return record_publication(session, consultation, snapshot_text(report, figures, counted),
                              officer_id=officer_id, via=via, now=now)


def snapshot_report(publication: ResultsPublication) -> Report:
    """The public report frozen in the publication."""
    return stored_report(publication.snapshot_json)
