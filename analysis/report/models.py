"""The report's types: what ``safer-voices report CONSULTATION --format json`` prints, as objects.

Every export (JSON, Excel, the HTML and PDF summaries) and the officers' results page read these
objects; the JSON is their serialisation (:meth:`Report.as_json`) and the JSON Schema in
``analysis/report/report.schema.json`` is generated from them (:mod:`analysis.report.schema`).

A figure hidden by disclosure control is ``None`` (``null``). A figure left out of a variant (the
lowest and highest of numbers and dates in the public report, the comparison when none was asked
for) is *not set* on the object and so absent from the JSON, not ``null``: models are built with
every field they publish given explicitly, and serialised with ``exclude_unset``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from analysis.tallies import SentimentSummary
from survey.question_types import Tally, kinds_that_tally

# The question types each report shape takes, from the question-type registry: a new type tallied
# like an existing one is reported like it with no change here.
ChoiceKind = Literal[kinds_that_tally(Tally.ONE_OPTION, Tally.OPTIONS)]  # type: ignore[valid-type]
RankingKind = Literal[kinds_that_tally(Tally.RANKS)]  # type: ignore[valid-type]
ScaleKind = Literal[kinds_that_tally(Tally.SCALE)]  # type: ignore[valid-type]
NumberKind = Literal[kinds_that_tally(Tally.NUMBERS)]  # type: ignore[valid-type]
DateKind = Literal[kinds_that_tally(Tally.DATES)]  # type: ignore[valid-type]
LocationKind = Literal[kinds_that_tally(Tally.PLACES)]  # type: ignore[valid-type]
FreeTextKind = Literal[kinds_that_tally(Tally.TEXT)]  # type: ignore[valid-type]


class ReportPart(BaseModel):
    """Frozen, and strict about its keys, so the schema says exactly what the JSON holds."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class OptionReport(ReportPart):
    """One option of a question: respondents who chose it and their percent of the question's base."""

    value: str
    label: str
    count: int | None = Field(description="Respondents; null when suppressed (public).")
    percent: float | None = Field(description="Percent of the question's base, one decimal, halves up.")


class RankedOptionReport(OptionReport):
    """An option of a ranking question, with its count at each rank position."""

    rank_counts: tuple[int | None, ...] = Field(description="Respondents who put it first, second, ...")
    rank_percent: tuple[float | None, ...] = Field(description="rank_counts as percentages of the base.")
    mean_rank: float | None = Field(description="Average position among those who ranked it (1 = first); "
                                                "two decimals, one in the public report.")
    points: int | None = Field(description="With R positions: first = R points ... last = 1, summed "
                                           "(public: from the published counts).")


class ScaleOptionReport(OptionReport):
    """A point of a scale, with its score (``None`` for "Don't know")."""

    score: float | None


class QuestionReportBase(ReportPart):
    """What every question has: its base is the number of respondents who answered it."""

    id: str
    type: str
    text: str
    base: int | None = Field(description="Respondents who answered it; null when suppressed (public).")
    about_you: bool
    options: tuple[OptionReport, ...]


class ChoiceQuestionReport(QuestionReportBase):
    """A single- or multiple-choice question (multiple choice counts options, not combinations)."""

    type: ChoiceKind


class RankingQuestionReport(QuestionReportBase):
    """A ranking question: options ranked at all, and at each position."""

    type: RankingKind
    options: tuple[RankedOptionReport, ...]


class ScaleQuestionReport(QuestionReportBase):
    """A scale (e.g. feelings of safety): the distribution, net score and mean score."""

    type: ScaleKind
    options: tuple[ScaleOptionReport, ...]
    net_score: float | None = Field(description="% at a positive point minus % at a negative point.")
    mean_score: float | None = Field(description="Mean score, leaving out \"Don't know\".")


class NumberQuestionReport(QuestionReportBase):
    """A number question; ``mean``, ``min`` and ``max`` are officers only (absent when public)."""

    type: NumberKind
    mean: float | None = None
    min: float | None = None
    max: float | None = None


class DateQuestionReport(QuestionReportBase):
    """A date question; ``earliest`` and ``latest`` are officers only (absent when public)."""

    type: DateKind
    earliest: dt.date | None = None
    latest: dt.date | None = None


class LocationQuestionReport(QuestionReportBase):
    """A location question: options are the areas and landmarks chosen."""

    type: LocationKind
    pins: int | None = Field(description="Answers with a pin dropped on the map.")
    described: int | None = Field(description="Answers describing the place in words.")


class FreeTextQuestionReport(QuestionReportBase):
    """A free-text question (officers only: free text is never published)."""

    type: FreeTextKind
    sentiment: SentimentSummary | None


QuestionReport = Annotated[
    ChoiceQuestionReport | RankingQuestionReport | ScaleQuestionReport | NumberQuestionReport
    | DateQuestionReport | LocationQuestionReport | FreeTextQuestionReport,
    Field(discriminator="type"),
]


class OptionChange(ReportPart):
    """One option's percent now and in the earlier consultation, with the 95% interval of the change."""

    value: str
    label: str
    percent: float
    earlier_percent: float
    change: float = Field(description="Percentage points, now minus before (one decimal).")
    low: float | None = Field(description="95% interval of the change (Newcombe); null if a base is 0.")
    high: float | None
    significant: bool = Field(description="True when the interval excludes 0.")


class QuestionChange(ReportPart):
    """A question both consultations ask (same id and type), option by option."""

    id: str
    text: str
    base: int
    earlier_base: int
    options: tuple[OptionChange, ...]


class Comparison(ReportPart):
    """The change since an earlier consultation (``--compare``; officers only)."""

    earlier: str = Field(description="The earlier consultation's slug.")
    earlier_title: str
    questions: tuple[QuestionChange, ...]


class Report(ReportPart):
    """A consultation's figures, for officers or (``public``) with disclosure control applied."""

    consultation: str = Field(description="The consultation's slug.")
    title: str
    partnership: str | None
    public: bool
    generated_at: str = Field(description="When it was made: ISO 8601, UTC, to the second.",
                              json_schema_extra={"format": "date-time"})
    filters: dict[str, str | list[str]] = Field(
        description="The response filter: from, to (YYYY-MM-DD), channels, about-you answers.")
    responses: int | None = Field(description="Responses that match the filters; null when suppressed.")
    questions: tuple[QuestionReport, ...]
    comparison: Comparison | None = Field(
        default=None, description="Only with --compare, and never in the public report.")
    languages: dict[str, int] | None = Field(
        default=None, description="Officer report only: responses by the language they were given in "
                                  "(en, cy, pl, ur), languages with none left out.")
    notes: tuple[str, ...] = Field(
        default=(), description="Public report only: the footnote to every [c] (null) figure, and how "
                                "counts are rounded.")

    def question(self, question_id: str) -> QuestionReportBase:
        """The question with this id."""
        return next(question for question in self.questions if question.id == question_id)

    def as_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (figures left out of this variant are absent)."""
        return self.model_dump(mode="json", exclude_unset=True)

    def json_text(self) -> str:
        """The report as the JSON text the command line prints (two-space indent, UTF-8 as is)."""
        return json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n"
