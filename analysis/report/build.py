"""Build the typed report from a consultation's tallies: the officer variant, or the public one.

**Public** (``public=True``): every count comes from one :class:`~analysis.disclosure.Publication`
(:func:`analysis.disclosure.publishable`, which protects the report together with the weekly counts
and the breakdowns by group published beside it): under 10 is ``None``, shown as ``[c]``; others are
rounded to the nearest 5; more is hidden where figures add up, and where a zero would show that a
whole group gave one answer. Percentages and scores are worked out from the *published* figures,
and are ``None`` when a figure they need is hidden, so nothing published says more than the counts
do. A ranking lists its options top priority first; its mean ranks come from the publication (see
there for why they are shown and when they are hidden), and its points score from the published
counts. Free-text questions, sentiment, the lowest and highest of numbers and dates, and the
comparison are left out: free text is never published, an extreme value can identify one person, and
a comparison's percentages come from unprotected counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from analysis.disclosure import FOOTNOTE, ROUNDING_NOTE, THRESHOLD, Publication, public_percent, publishable
from analysis.disclosure.figures import RESPONSES, base_key, option_key, rank_key
from analysis.intervals import percent, round_half_up
from analysis.report.models import (
    ChoiceQuestionReport,
    Comparison,
    DateQuestionReport,
    FreeTextQuestionReport,
    LocationQuestionReport,
    NumberQuestionReport,
    OptionReport,
    QuestionReportBase,
    RankedOptionReport,
    RankingQuestionReport,
    Report,
    ScaleOptionReport,
    ScaleQuestionReport,
)
from analysis.tallies import ConsultationTallies, OptionTally, QuestionTally
from survey.question_types import Tally

PUBLIC_THRESHOLD = THRESHOLD


def build_report(
    tallies: ConsultationTallies,
    *,
    public: bool = False,
    partnership: str | None = None,
    generated_at: dt.datetime | None = None,
    comparison: Comparison | None = None,
    publication: Publication | None = None,
    languages: dict[str, int] | None = None,
) -> Report:
    """The report of these tallies (see :mod:`analysis.report` for the contract).

    ``comparison`` (from :func:`analysis.trend.comparison`) is kept in the officer report only.
    ``publication`` is the consultation's public figures (:func:`analysis.disclosure.publishable`),
    made from these tallies when not given; the public report shows only what it holds.
    """
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    if public and publication is None:
        publication = publishable(tallies)
    questions = [
        (_public_question(question, publication) if publication is not None and public
         else _officer_question(question))
        for question in tallies.questions
        if not (public and question.tally == Tally.TEXT)
    ]
    responses: int | None = tallies.responses
    fields: dict[str, Any] = {}
    if public and publication is not None:
        responses = publication.get(RESPONSES)
        fields["notes"] = (FOOTNOTE, ROUNDING_NOTE)
    if comparison is not None and not public:
        fields["comparison"] = comparison
    if languages is not None and not public:  # exact counts: never in the public report
        fields["languages"] = languages
    return Report(
        consultation=tallies.slug,
        title=tallies.title,
        partnership=partnership,
        public=public,
        generated_at=generated_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        filters=tallies.response_filter.describe(),
        responses=responses,
        questions=tuple(questions),
        **fields,
    )


def report_data(
    tallies: ConsultationTallies,
    *,
    public: bool = False,
    partnership: str | None = None,
    generated_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The report as JSON-ready data: :func:`build_report`'s :meth:`~Report.as_json`."""
    return build_report(tallies, public=public, partnership=partnership, generated_at=generated_at).as_json()


def _common(question: QuestionTally, base: int | None) -> dict[str, Any]:
    return {"id": question.id, "type": question.type, "text": question.text, "base": base,
            "about_you": question.about_you}


def _officer_option(option: OptionTally) -> OptionReport:
    return OptionReport(value=option.value, label=option.label, count=option.count, percent=option.percent)


def _officer_question(question: QuestionTally) -> QuestionReportBase:
    common = _common(question, question.base)
    match question.tally:
        case Tally.RANKS:
            return RankingQuestionReport(**common, options=tuple(
                RankedOptionReport(value=o.value, label=o.label, count=o.count, percent=o.percent,
                                   rank_counts=o.rank_counts, rank_percent=o.rank_percent,
                                   mean_rank=o.mean_rank, points=o.points)
                for o in question.options))
        case Tally.SCALE:
            return ScaleQuestionReport(**common, options=tuple(
                ScaleOptionReport(value=o.value, label=o.label, count=o.count, percent=o.percent,
                                  score=o.score)
                for o in question.options), net_score=question.net_score, mean_score=question.mean_score)
        case Tally.NUMBERS:
            return NumberQuestionReport(**common, options=(), mean=question.number_mean,
                                        min=question.number_min, max=question.number_max)
        case Tally.DATES:
            return DateQuestionReport(**common, options=(), earliest=question.date_min,
                                      latest=question.date_max)
        case Tally.PLACES:
            return LocationQuestionReport(**common, options=tuple(map(_officer_option, question.options)),
                                          pins=question.pins, described=question.described)
        case Tally.TEXT:
            return FreeTextQuestionReport(**common, options=(), sentiment=question.sentiment)
    return ChoiceQuestionReport(**common, options=tuple(map(_officer_option, question.options)))


def _public_question(question: QuestionTally, publication: Publication) -> QuestionReportBase:
    if question.tally == Tally.RANKS:
        return _public_ranking(question, publication)
    base = publication.get(base_key(question.id))
    common = _common(question, base)
    options = []
    for o in question.options:
        count = publication.get(option_key(question.id, o.value))
        options.append({"value": o.value, "label": o.label, "count": count,
                        "percent": public_percent(count, base)})
    match question.tally:
        case Tally.SCALE:
            scale_options = tuple(ScaleOptionReport(**option, score=o.score)
                                  for option, o in zip(options, question.options, strict=True))
            return ScaleQuestionReport(**common, options=scale_options, **_public_scale(scale_options, base))
        case Tally.PLACES:
            return LocationQuestionReport(**common, options=tuple(OptionReport(**o) for o in options),
                                          pins=publication.get(("pins", question.id)),
                                          described=publication.get(("described", question.id)))
        case Tally.NUMBERS:
            return NumberQuestionReport(**common, options=())
        case Tally.DATES:
            return DateQuestionReport(**common, options=())
    return ChoiceQuestionReport(**common, options=tuple(OptionReport(**o) for o in options))


def _public_scale(options: tuple[ScaleOptionReport, ...], base: int | None) -> dict[str, float | None]:
    scored = [option for option in options if option.score is not None]
    if base is None or any(option.count is None for option in scored):
        return {"net_score": None, "mean_score": None}
    counted = [(option.count or 0, option.score or 0.0) for option in scored]
    positive = sum(n for n, score in counted if score > 0)
    negative = sum(n for n, score in counted if score < 0)
    total = sum(n for n, _score in counted)
    mean = round_half_up(sum(n * score for n, score in counted) / total, 2) if total else None
    return {"net_score": percent(positive - negative, base) if base else None, "mean_score": mean}


def _public_ranking(question: QuestionTally, publication: Publication) -> RankingQuestionReport:
    base = publication.get(base_key(question.id))
    by_value = {option.value: option for option in question.options}
    order = publication.priority.get(question.id, tuple(by_value))
    positions = publication.positions.get(question.id, 0)
    options = []
    for value in order:
        option = by_value[value]
        cells = tuple(publication.get(rank_key(question.id, value, j)) for j in range(1, positions + 1))
        count = publication.get(option_key(question.id, value))
        complete = all(cell is not None for cell in cells)
        options.append(RankedOptionReport(
            value=value, label=option.label, count=count, percent=public_percent(count, base),
            rank_counts=cells, rank_percent=tuple(public_percent(cell, base) for cell in cells),
            mean_rank=publication.mean_ranks.get(option_key(question.id, value)),
            points=sum((positions + 1 - r) * (n or 0) for r, n in enumerate(cells, 1)) if complete else None,
        ))
    return RankingQuestionReport(**_common(question, base), options=tuple(options))
