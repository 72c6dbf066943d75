"""The report of a consultation read from the database, with its comparison when one is asked for,
and the consultation's public figures (:func:`public_figures`): the one source of every public
report, download, weekly count and breakdown, so they are protected together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from analysis.crosstabs import breakdown_counts, public_breakdowns
from analysis.disclosure import Publication, publishable
from analysis.filters import LOCAL_TIME, NO_FILTER, ResponseFilter
from analysis.languages import responses_by_language
from analysis.report.build import build_report
from analysis.report.comparison import comparison
from analysis.report.models import Comparison, Report
from analysis.report.snapshots import EarlierFigures, published_before
from analysis.tallies import ConsultationTallies, tally_consultation
from analysis.trend import weekly_trend
from survey.consultations import definition_of
from survey.storage.models import Consultation


def public_figures(
    session: Session,
    consultation: Consultation,
    response_filter: ResponseFilter = NO_FILTER,
    *,
    tallies: ConsultationTallies | None = None,
    earlier: Sequence[Publication] | None = None,
    as_of: dt.date | None = None,
) -> Publication:
    """Everything the public may see about the consultation, protected together: the results, the
    responses per week and the breakdowns of :func:`analysis.crosstabs.public_breakdowns`.

    ``earlier`` are publications of the same consultation made before (oldest first), so that
    nothing published now can be set against them to work out a hidden count: by default every
    snapshot of the consultation's published results, withdrawn ones included, whatever the filter
    (:func:`analysis.report.snapshots.published_before`); ``as_of`` is the day the responses are
    counted up to (default: the filter's last day, or today in the UK).
    """
    before = EarlierFigures(tuple(earlier)) if earlier is not None else published_before(
        session, consultation, response_filter)
    if as_of is None:
        as_of = response_filter.until or dt.datetime.now(LOCAL_TIME).date()
    definition = definition_of(consultation)
    if tallies is None:
        tallies = tally_consultation(session, consultation, definition, response_filter)
    weeks = [(week.week_start, week.responses)
             for week in weekly_trend(session, consultation, response_filter)]
    breakdowns = [breakdown_counts(session, consultation, definition, question, group, response_filter)
                  for question, group in public_breakdowns(definition)]
    conditions = {question.id: (question.show_if.question, question.show_if.values)
                  for question in definition.questions if getattr(question, "show_if", None) is not None}
    inputs = {"breakdowns": breakdowns, "weeks": weeks, "earlier": before.earlier, "as_of": as_of,
              "conditions": conditions, "added": before.added}
    try:
        return publishable(tallies, left_out=before.left_out, **inputs)  # type: ignore[arg-type]
    except ValueError:
        if not before.earlier or before.left_out is None:
            raise
        # Responses an earlier snapshot counted have been deleted since (the retention job), and
        # the snapshot did not keep how many it counted: allow for any number of them gone.
        return publishable(tallies, left_out=None, **inputs)  # type: ignore[arg-type]


def consultation_report(
    session: Session,
    consultation: Consultation,
    *,
    public: bool = False,
    response_filter: ResponseFilter = NO_FILTER,
    earlier: Consultation | None = None,
    generated_at: dt.datetime | None = None,
    publication: Publication | None = None,
    tallies: ConsultationTallies | None = None,
) -> Report:
    """The consultation's report; with ``earlier``, the officer report carries the comparison (a
    comparison's percentages come from unprotected counts, so the public report never does).

    The public report's figures are ``publication`` (:func:`public_figures`), worked out here when
    not given; ``tallies`` saves counting again when the caller has them.
    """
    if tallies is None:
        tallies = tally_consultation(session, consultation, definition_of(consultation), response_filter)
    change: Comparison | None = None
    if earlier is not None and not public:
        change = comparison(tallies, tally_consultation(session, earlier, definition_of(earlier)))
    if public and publication is None:
        publication = public_figures(session, consultation, response_filter, tallies=tallies)
    languages = None if public else responses_by_language(session, consultation, response_filter)
    return build_report(tallies, public=public, partnership=consultation.partnership.name,
                        generated_at=generated_at, comparison=change, publication=publication,
                        languages=languages)
