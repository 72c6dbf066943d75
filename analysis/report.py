"""The report: a consultation's tallies as plain data, for officers or (with disclosure control) the public.

:func:`report_data` is the JSON contract printed by ``safer-voices report CONSULTATION --format json``
and documented in the README; every export (Excel, HTML, PDF) renders the same data, so the figures
in every format agree. Shape::

    {"consultation": "<slug>", "title": ..., "partnership": ..., "public": false,
     "generated_at": "<ISO 8601 UTC>", "filters": {...}, "responses": N,
     "questions": [{"id", "type", "text", "base", "about_you",
                    "options": [{"value", "label", "count", "percent",
                                 "rank_counts": [...], "rank_percent": [...],   # ranking only
                                 "mean_rank", "points",                          # ranking only
                                 "score"}],                                      # scale only
                    "net_score", "mean_score",        # scale only
                    "mean", "min", "max",             # number only (officers)
                    "earliest", "latest",             # date only (officers)
                    "pins", "described",              # location only
                    "sentiment": {...}}]}             # free text only (officers)

``percent`` is of the question's ``base`` (respondents who answered it), one decimal, halves up.

**Public** (``public=True``): every count goes through :mod:`analysis.disclosure` (under 10 becomes
``null``, shown as ``[c]``; others rounded to the nearest 5; secondary suppression where figures add
up); percentages and derived scores are computed from the *published* figures, and are ``null``
when any figure they need is hidden, so nothing published says more than the counts do. A ranking
question is protected as one table (options by rank position: the row totals are each option's
count and the first column's total is the base). Free-text questions, sentiment, and the lowest and
highest of numbers and dates are left out: free text is never published and an extreme value can
identify one person.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from analysis.disclosure import protect_counts, protect_table, public_percent, round_to_5
from analysis.intervals import percent, round_half_up
from analysis.tallies import ConsultationTallies, OptionTally, QuestionTally

PUBLIC_THRESHOLD = 10


def report_data(
    tallies: ConsultationTallies,
    *,
    public: bool = False,
    partnership: str | None = None,
    generated_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The report as JSON-ready data (see the module docstring)."""
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    questions = [
        (_public_question(question) if public else _officer_question(question))
        for question in tallies.questions
        if not (public and question.type == "free_text")
    ]
    responses: int | None = tallies.responses
    if public:
        responses = None if 0 < tallies.responses < PUBLIC_THRESHOLD else round_to_5(tallies.responses)
    return {
        "consultation": tallies.slug,
        "title": tallies.title,
        "partnership": partnership,
        "public": public,
        "generated_at": generated_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "filters": tallies.response_filter.describe(),
        "responses": responses,
        "questions": questions,
    }


def _common(question: QuestionTally, base: int | None) -> dict[str, Any]:
    return {"id": question.id, "type": question.type, "text": question.text, "base": base,
            "about_you": question.about_you}


def _officer_option(question: QuestionTally, option: OptionTally) -> dict[str, Any]:
    data: dict[str, Any] = {"value": option.value, "label": option.label, "count": option.count,
                            "percent": option.percent}
    if question.type == "ranking":
        data.update(rank_counts=list(option.rank_counts), rank_percent=list(option.rank_percent),
                    mean_rank=option.mean_rank, points=option.points)
    if question.type == "scale":
        data["score"] = option.score
    return data


def _officer_question(question: QuestionTally) -> dict[str, Any]:
    data = _common(question, question.base)
    data["options"] = [_officer_option(question, option) for option in question.options]
    match question.type:
        case "scale":
            data.update(net_score=question.net_score, mean_score=question.mean_score)
        case "number":
            data.update(mean=question.number_mean, min=question.number_min, max=question.number_max)
        case "date":
            data.update(earliest=_iso(question.date_min), latest=_iso(question.date_max))
        case "location":
            data.update(pins=question.pins, described=question.described)
        case "free_text":
            sentiment = question.sentiment
            data["sentiment"] = None if sentiment is None else dict(sentiment.__dict__)
    return data


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _public_question(question: QuestionTally) -> dict[str, Any]:
    if question.type == "ranking":
        return _public_ranking(question)
    counts = {option.value: option.count for option in question.options}
    protected = protect_counts(counts, question.base, threshold=PUBLIC_THRESHOLD)
    data = _common(question, protected.total)
    data["options"] = []
    for option in question.options:
        published = protected.counts[option.value]
        entry: dict[str, Any] = {"value": option.value, "label": option.label, "count": published,
                                 "percent": public_percent(published, protected.total)}
        if question.type == "scale":
            entry["score"] = option.score
        data["options"].append(entry)
    if question.type == "scale":
        data.update(_public_scale(data["options"], protected.total))
    if question.type == "location":
        data.update(pins=_public_count(question.pins), described=_public_count(question.described))
    return data


def _public_count(value: int | None) -> int | None:
    if value is None or 0 < value < PUBLIC_THRESHOLD:
        return None
    return round_to_5(value)


def _public_scale(options: list[dict[str, Any]], base: int | None) -> dict[str, Any]:
    scored = [option for option in options if option["score"] is not None]
    if base is None or any(option["count"] is None for option in scored):
        return {"net_score": None, "mean_score": None}
    positive = sum(option["count"] for option in scored if option["score"] > 0)
    negative = sum(option["count"] for option in scored if option["score"] < 0)
    total = sum(option["count"] for option in scored)
    mean = round_half_up(sum(o["count"] * o["score"] for o in scored) / total, 2) if total else None
    return {"net_score": percent(positive - negative, base) if base else None, "mean_score": mean}


def _public_ranking(question: QuestionTally) -> dict[str, Any]:
    matrix = [list(option.rank_counts) for option in question.options]
    table = protect_table(matrix, threshold=PUBLIC_THRESHOLD)
    # Everyone who answered put something first, so the first column's total is the base.
    base = table.column_totals[0] if table.column_totals else None
    data = _common(question, base)
    positions = len(matrix[0]) if matrix else 0
    data["options"] = []
    for index, option in enumerate(question.options):
        cells = list(table.cells[index])
        complete = all(cell is not None for cell in cells)
        ranked = sum(cells) if complete else 0
        data["options"].append({
            "value": option.value, "label": option.label, "count": table.row_totals[index],
            "percent": public_percent(table.row_totals[index], base),
            "rank_counts": cells, "rank_percent": [public_percent(cell, base) for cell in cells],
            "mean_rank": (round_half_up(sum(r * n for r, n in enumerate(cells, 1)) / ranked, 2)
                          if complete and ranked else None),
            "points": sum((positions + 1 - r) * n for r, n in enumerate(cells, 1)) if complete else None,
        })
    return data
