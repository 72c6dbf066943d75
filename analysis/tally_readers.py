"""Where a consultation's tallies are read from (:func:`analysis.tallies.tally_consultation`).

An unfiltered report, or one filtered by dates only, reads the kept tallies (:class:`KeptReader`,
``survey.tallies``, kept in all and per day): a few thousand rows whatever the number of responses.
Any other filter (channels, "about you" answers) counts the answers of the responses that pass it
(:class:`AnswerReader`). Both give the same figures in the same shapes, so a report cannot
tell which it was given.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from analysis.filters import ResponseFilter, restrict_answers, restrict_responses
from analysis.intervals import round_half_up
from survey.responses.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD
from survey.storage.models import Answer, Response
from survey.tallies.read import kept_tallies, value_ranges

PartCounts = dict[str, dict[tuple[str | None, int | None], int]]


@dataclass(frozen=True)
class SentimentSummary:
    """The stored sentiment of a free-text question's answers (VADER labels, TextBlob means)."""

    scored: int
    positive: int
    neutral: int
    negative: int
    mean_compound: float | None
    mean_polarity: float | None
    mean_subjectivity: float | None


class AnswerReader:
    """The aggregate queries over the answers, each restricted to the consultation and the filter."""

    def __init__(self, session: Session, consultation_id: int, response_filter: ResponseFilter) -> None:
        self.session = session
        self.consultation_id = consultation_id
        self.response_filter = response_filter

    def _run(self, query: Select[Any]) -> list[Any]:
        query = query.where(Answer.consultation_id == self.consultation_id)
        return list(self.session.execute(restrict_answers(query, self.consultation_id, self.response_filter)))

    def responses(self) -> int:
        query = (
            select(func.count()).select_from(Response).where(Response.consultation_id == self.consultation_id)
        )
        return int(
            self.session.scalar(restrict_responses(query, self.consultation_id, self.response_filter)) or 0
        )

    def part_counts(self) -> PartCounts:
        rows = self._run(
            select(Answer.question_id, Answer.option, Answer.rank, func.count()).group_by(
                Answer.question_id, Answer.option, Answer.rank
            )
        )
        counts: PartCounts = defaultdict(dict)
        for question_id, option, rank, n in rows:
            counts[question_id][(option, rank)] = int(n)
        return counts

    def respondents(self, question_ids: list[str]) -> dict[str, int]:
        if not question_ids:
            return {}
        # Distinct (question, respondent) pairs first, then counted. ix_answer_respondents
        # (consultation, question, response) delivers the pairs already in order from the index
        # alone; PostgreSQL 15's count(DISTINCT ...) would sort every group again instead (30 s
        # rather than a few at a million responses, bench/RESULTS.md).
        pairs = (
            select(Answer.question_id, Answer.response_id)
            .where(Answer.consultation_id == self.consultation_id, Answer.question_id.in_(question_ids))
            .distinct()
        )
        pairs = restrict_answers(pairs, self.consultation_id, self.response_filter).subquery()
        rows = self.session.execute(select(pairs.c.question_id, func.count()).group_by(pairs.c.question_id))
        return {question_id: int(n) for question_id, n in rows}

    def numbers(self, question_ids: list[str]) -> dict[str, tuple[Any, ...]]:
        if not question_ids:
            return {}
        number = Answer.number
        rows = self._run(
            select(
                Answer.question_id,
                func.count(),
                func.avg(number),
                func.min(number),
                func.max(number),
                func.min(Answer.date),
                func.max(Answer.date),
            )
            .where(Answer.question_id.in_(question_ids))
            .group_by(Answer.question_id)
        )
        return {
            question_id: _numbers(int(n), mean, low, high, first, last)
            for question_id, n, mean, low, high, first, last in rows
        }

    def sentiments(self, question_ids: list[str]) -> dict[str, SentimentSummary]:
        if not question_ids:
            return {}
        compound = Answer.sentiment_compound
        rows = self._run(
            select(
                Answer.question_id,
                func.count(compound),
                func.sum(case((compound >= POSITIVE_THRESHOLD, 1), else_=0)),
                func.sum(case((compound <= NEGATIVE_THRESHOLD, 1), else_=0)),
                func.avg(compound),
                func.avg(Answer.sentiment_polarity),
                func.avg(Answer.sentiment_subjectivity),
            )
            .where(Answer.question_id.in_(question_ids))
            .group_by(Answer.question_id)
        )
        return {
            question_id: _sentiment(
                int(scored), int(positive or 0), int(negative or 0), mean_c, mean_p, mean_s
            )
            for question_id, scored, positive, negative, mean_c, mean_p, mean_s in rows
        }

    def places(self, question_ids: list[str]) -> dict[str, tuple[int, int]]:
        if not question_ids:
            return {}
        rows = self._run(
            select(Answer.question_id, func.count(Answer.latitude), func.count(Answer.text))
            .where(Answer.question_id.in_(question_ids))
            .group_by(Answer.question_id)
        )
        return {question_id: (int(pins), int(described)) for question_id, pins, described in rows}


def reads_kept_tallies(response_filter: ResponseFilter) -> bool:
    """Whether the kept tallies hold what the filter asks for: every response, or some days'."""
    return not (response_filter.channels or any(response_filter.about_you.values()))


class KeptReader:
    """The same figures as :class:`AnswerReader`, from the kept tallies (see :func:`reads_kept_tallies`)."""

    def __init__(self, session: Session, consultation_id: int, response_filter: ResponseFilter) -> None:
        self.session = session
        self.consultation_id = consultation_id
        self.response_filter = response_filter
        self.kept = kept_tallies(session, consultation_id, response_filter.since, response_filter.until)

    def responses(self) -> int:
        return self.kept.responses

    def part_counts(self) -> PartCounts:
        return self.kept.parts

    def _answered(self, question_ids: list[str]) -> dict[str, dict[str, Any]]:
        return {qid: self.kept.questions[qid] for qid in question_ids if qid in self.kept.questions}

    def respondents(self, question_ids: list[str]) -> dict[str, int]:
        return {qid: int(m["respondents"]) for qid, m in self._answered(question_ids).items()}

    def numbers(self, question_ids: list[str]) -> dict[str, tuple[Any, ...]]:
        answered = self._answered(question_ids)
        if not self.response_filter.is_empty:  # some days' lowest and highest: from their answers
            counted = AnswerReader(self.session, self.consultation_id, self.response_filter)
            return counted.numbers(list(answered))
        ranges = value_ranges(self.session, self.consultation_id, list(answered))
        return {
            qid: _numbers(
                int(m["parts"]), m["number_sum"] / m["number_n"] if m["number_n"] else None, *ranges[qid]
            )
            for qid, m in answered.items()
        }

    def sentiments(self, question_ids: list[str]) -> dict[str, SentimentSummary]:
        return {
            qid: _sentiment(
                int(m["scored"]),
                int(m["positive"]),
                int(m["negative"]),
                _divided(m["compound_sum"], m["scored"]),
                _divided(m["polarity_sum"], m["polarity_n"]),
                _divided(m["subjectivity_sum"], m["subjectivity_n"]),
            )
            for qid, m in self._answered(question_ids).items()
        }

    def places(self, question_ids: list[str]) -> dict[str, tuple[int, int]]:
        return {qid: (int(m["pins"]), int(m["described"])) for qid, m in self._answered(question_ids).items()}


def _divided(total: float, n: int) -> float | None:
    return total / n if n else None


def _numbers(n: int, mean: Any, low: Any, high: Any, first: Any, last: Any) -> tuple[Any, ...]:
    """(base, mean, lowest, highest) of a number question; (base, None, earliest, latest) of a date one."""
    if first is not None:
        return (n, None, _as_date(first), _as_date(last))
    return (n, mean, low, high)


def _sentiment(
    scored: int, positive: int, negative: int, mean_c: Any, mean_p: Any, mean_s: Any
) -> SentimentSummary:
    return SentimentSummary(
        scored=scored,
        positive=positive,
        negative=negative,
        neutral=scored - positive - negative,
        mean_compound=_mean(mean_c),
        mean_polarity=_mean(mean_p),
        mean_subjectivity=_mean(mean_s),
    )


def _mean(value: Any) -> float | None:
    return None if value is None else round_half_up(float(value), 4)


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
