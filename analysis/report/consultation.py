"""The report of a consultation read from the database, with its comparison when one is asked for."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from analysis.filters import NO_FILTER, ResponseFilter
from analysis.report.build import build_report
from analysis.report.comparison import comparison
from analysis.report.models import Comparison, Report
from analysis.tallies import tally_consultation
from survey.consultations import definition_of
from survey.storage.models import Consultation


def consultation_report(
    session: Session,
    consultation: Consultation,
    *,
    public: bool = False,
    response_filter: ResponseFilter = NO_FILTER,
    earlier: Consultation | None = None,
    generated_at: dt.datetime | None = None,
) -> Report:
    """The consultation's report; with ``earlier``, the officer report carries the comparison (a
    comparison's percentages come from unprotected counts, so the public report never does)."""
    tallies = tally_consultation(session, consultation, definition_of(consultation), response_filter)
    change: Comparison | None = None
    if earlier is not None and not public:
        change = comparison(tallies, tally_consultation(session, earlier, definition_of(earlier)))
    return build_report(tallies, public=public, partnership=consultation.partnership.name,
                        generated_at=generated_at, comparison=change)
