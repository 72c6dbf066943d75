"""Publishing: freeze the public report of a closed consultation as a dated snapshot."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from analysis.report.consultation import consultation_report
from analysis.report.models import Report
from survey.publications import PublicationError, record_publication, refusal_to_publish
from survey.storage.models import Consultation, ResultsPublication
from survey.storage.types import utcnow


def publish(
    session: Session, consultation: Consultation, *,
    officer_id: int | None = None, via: str = "web", now: dt.datetime | None = None,
) -> ResultsPublication:
    """Publish the consultation's public figures as of ``now``: a new dated snapshot (audited).

    Raises :class:`survey.publications.PublicationError` (with words an officer can act on) when the
    consultation is not closed.
    """
    refusal = refusal_to_publish(consultation)
    if refusal is not None:  # checked before the report is built: nothing is tallied for a refusal
        raise PublicationError(refusal)
    now = now or utcnow()
    report = consultation_report(session, consultation, public=True, generated_at=now)
    if not report.public:  # the snapshot is public by construction; never store anything else
        raise PublicationError("Only the public report can be published")
    return record_publication(session, consultation, report.json_text(), officer_id=officer_id, via=via,
                              now=now)


def snapshot_report(publication: ResultsPublication) -> Report:
    """The public report frozen in the publication."""
    return Report.model_validate_json(publication.snapshot_json)
