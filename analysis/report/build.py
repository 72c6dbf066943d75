"""Build the typed report from a consultation's tallies: the officer variant, or the public one.

**Public** (``public=True``): every count goes through :mod:`analysis.disclosure` (under 10 becomes
``None``, shown as ``[c]``; others rounded to the nearest 5; secondary suppression where figures add
up); percentages and derived scores are computed from the *published* figures, and are ``None``
when any figure they need is hidden, so nothing published says more than the counts do. A ranking
question is protected as one table (options by rank position: the row totals are each option's
count and the first column's total is the base). Free-text questions, sentiment, the lowest and
highest of numbers and dates, and the comparison are left out: free text is never published, an
extreme value can identify one person, and a comparison's percentages come from unprotected counts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from analysis.disclosure import protect_counts, protect_table, public_percent, round_to_5
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

PUBLIC_THRESHOLD = 10


def build_report(
    tallies: ConsultationTallies,
    *,
    public: bool = False,
    partnership: str | None = None,
    generated_at: dt.datetime | None = None,
    comparison: Comparison | None = None,
) -> Report:
    """The report of these tallies (see :mod:`analysis.report` for the contract).

    ``comparison`` (from :func:`analysis.trend.comparison`) is kept in the officer report only.
    """
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    questions = [
        (_public_question(question) if public else _officer_question(question))
        for question in tallies.questions
        if not (public and question.tally == Tally.TEXT)
    ]
    responses: int | None = tallies.responses
    if public:
        responses = None if 0 < tallies.responses < PUBLIC_THRESHOLD else round_to_5(tallies.responses)
    fields: dict[str, Any] = {}
    if comparison is not None and not public:
        fields["comparison"] = comparison
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


def _public_question(question: QuestionTally) -> QuestionReportBase:
    if question.tally == Tally.RANKS:
        return _public_ranking(question)
    counts = {option.value: option.count for option in question.options}
    protected = protect_counts(counts, question.base, threshold=PUBLIC_THRESHOLD)
    common = _common(question, protected.total)
    options = [
        {"value": o.value, "label": o.label, "count": protected.counts[o.value],
         "percent": public_percent(protected.counts[o.value], protected.total)}
        for o in question.options
    ]
    match question.tally:
        case Tally.SCALE:
            scale_options = tuple(ScaleOptionReport(**option, score=o.score)
                                  for option, o in zip(options, question.options, strict=True))
            return ScaleQuestionReport(**common, options=scale_options,
                                       **_public_scale(scale_options, protected.total))
        case Tally.PLACES:
            return LocationQuestionReport(**common, options=tuple(OptionReport(**o) for o in options),
                                          pins=_public_count(question.pins),
                                          described=_public_count(question.described))
        case Tally.NUMBERS:
            return NumberQuestionReport(**common, options=())
        case Tally.DATES:
            return DateQuestionReport(**common, options=())
    return ChoiceQuestionReport(**common, options=tuple(OptionReport(**o) for o in options))


def _public_count(value: int | None) -> int | None:
    if value is None or 0 < value < PUBLIC_THRESHOLD:
        return None
    return round_to_5(value)


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


def _public_ranking(question: QuestionTally) -> RankingQuestionReport:
    matrix = [list(option.rank_counts) for option in question.options]
    table = protect_table(matrix, threshold=PUBLIC_THRESHOLD)
    # Everyone who answered put something first, so the first column's total is the base.
    base = table.column_totals[0] if table.column_totals else None
    positions = len(matrix[0]) if matrix else 0
    options = []
    for index, option in enumerate(question.options):
        cells = list(table.cells[index])
        complete = all(cell is not None for cell in cells)
        ranked = sum(cells) if complete else 0
        options.append(RankedOptionReport(
            value=option.value, label=option.label, count=table.row_totals[index],
            percent=public_percent(table.row_totals[index], base),
            rank_counts=tuple(cells), rank_percent=tuple(public_percent(cell, base) for cell in cells),
            mean_rank=(round_half_up(sum(r * n for r, n in enumerate(cells, 1)) / ranked, 2)
                       if complete and ranked else None),
            points=sum((positions + 1 - r) * n for r, n in enumerate(cells, 1)) if complete else None,
        ))
    return RankingQuestionReport(**_common(question, base), options=tuple(options))
