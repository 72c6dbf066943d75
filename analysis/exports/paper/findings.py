"""The one-page summary of key findings: top priorities with their base, what people said about
feeling safe and the issues they chose, the biggest changes since an earlier consultation (when a
comparison was asked for) and groups whose answers stand out.

Every figure comes from the report of the variant being made, so a public summary states only
published figures (with percentages worked out from them). A group "stands out", for officers, when
the 95% Wilson interval of its share does not include the share of everyone who answered both
questions; in the public variant, which publishes no intervals, when its published share differs
from everyone's by at least :data:`PUBLIC_GAP` points. Groups under :data:`MIN_GROUP_BASE` and
"Prefer not to say" are never singled out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.crosstabs import Crosstab
from analysis.disclosure import Publication
from analysis.disclosure.figures import cell_key, group_total_key
from analysis.exports.html import figure
from analysis.exports.paper.model import SUMMARY_TITLE, Block, Bullets, Heading, Text
from analysis.intervals import format_percent, percent, wilson_interval
from analysis.report.models import (
    Comparison,
    QuestionReportBase,
    RankedOptionReport,
    RankingQuestionReport,
    Report,
    ScaleQuestionReport,
)
from survey.question_types import Tally, tally_of

TOP_PRIORITIES = 3
MAX_CHANGES = 3
MAX_GROUPS = 4
MIN_GROUP_BASE = 10
PUBLIC_GAP = 10.0


def key_findings(
    report: Report, tables: Sequence[Crosstab], publication: Publication | None = None
) -> list[Block]:
    """The summary page's blocks: ``tables`` are cross-tabs of the scale questions by equality groups;
    the public variant takes every figure of them from ``publication``, the figures published with the
    report (its breakdowns), and the tables give only their labels."""
    # A question nobody answered has nothing to report (a suppressed base, None, is still reported).
    questions = [q for q in report.questions if not q.about_you and q.base != 0]
    blocks: list[Block] = [
        Heading(SUMMARY_TITLE, 1),
        Text(f"{figure(report.responses)} people responded. Every percentage is of the people who "
             "answered that question (its base), which is given with it.", "lead"),
    ]
    if not questions:
        return [*blocks, Text("Nobody has answered a question yet, so there are no findings.")]
    blocks += _priorities([q for q in questions if isinstance(q, RankingQuestionReport)])
    blocks += _views(questions)
    if report.comparison is not None:
        blocks += _changes(report.comparison)
    if tables:
        blocks += _groups(report, tables, publication)
    return blocks


def _first(option: RankedOptionReport) -> tuple[float, float]:
    # Ordered by the share who put it first (the headline figure, published whenever it can be),
    # then by points: a suppressed figure must not push the real top priority down the list.
    first, points = option.rank_percent[0], option.points
    return (-1.0 if first is None else first, -1.0 if points is None else float(points))


def _priorities(rankings: list[RankingQuestionReport]) -> list[Block]:
    blocks: list[Block] = []
    for question in rankings[:2]:
        top = sorted(question.options, key=_first, reverse=True)[:TOP_PRIORITIES]
        blocks += [
            Heading("Top priorities", 2),
            Text(f"{question.text} (base {figure(question.base)}; in order of the share who put it first)",
                 keep_with_next=True),
            Bullets(tuple(f"{o.label}: put first by {format_percent(o.rank_percent[0])}, "
                          f"ranked at all by {format_percent(o.percent)}" for o in top)),
        ]
    return blocks


def _negative(question: ScaleQuestionReport) -> list:  # type: ignore[type-arg]
    return [o for o in question.options if o.score is not None and o.score < 0]


def _said(labels: Sequence[str]) -> str:
    words = [label.lower() for label in labels]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _views(questions: list[QuestionReportBase]) -> list[Block]:
    items = []
    for question in questions:
        if isinstance(question, ScaleQuestionReport) and _negative(question):
            negative = _negative(question)
            shares = [o.percent for o in negative]
            if None in shares:  # a hidden figure: say what most answered instead
                top = max(question.options, key=lambda o: o.percent or 0)
                items.append(f"{question.text} Most answered {top.label.lower()} "
                             f"({format_percent(top.percent)}; base {figure(question.base)}).")
                continue
            items.append(f"{question.text} {format_percent(sum(shares))} said "  # type: ignore[arg-type]
                         f"{_said([o.label for o in negative])} (net score {figure(question.net_score)} "
                         f"points; base {figure(question.base)}).")
        elif tally_of(question.type) == Tally.OPTIONS and question.options:
            top = sorted(question.options, key=lambda o: -(o.percent or 0))[:2]
            chosen = " and ".join(f"{o.label} ({format_percent(o.percent)})" for o in top)
            items.append(f"{question.text} Most often chosen: {chosen} (base {figure(question.base)}).")
    if not items:
        return []
    return [Heading("What people told us", 2), Bullets(tuple(items[:6]))]


def _changes(comparison: Comparison) -> list[Block]:
    found = [(question, option) for question in comparison.questions for option in question.options]
    found.sort(key=lambda pair: (not pair[1].significant, -abs(pair[1].change)))
    heading = Heading(f"Biggest changes since {comparison.earlier_title}", 2)
    if not found:
        return [heading, Text("No question was asked in the same way both times, "
                              "so nothing could be compared.")]
    items = tuple(
        f"{option.label} ({question.text}): {format_percent(option.percent)} now, "
        f"{format_percent(option.earlier_percent)} before, {option.change:+.1f} points "
        f"({'significant' if option.significant else 'may be chance'})."
        for question, option in found[:MAX_CHANGES]
    )
    return [heading, Bullets(items)]


@dataclass(frozen=True)
class _Standout:
    gap: float
    text: str


def _groups(report: Report, tables: Sequence[Crosstab], publication: Publication | None) -> list[Block]:
    found: list[_Standout] = []
    for table in tables:
        question = next((q for q in report.questions if q.id == table.question_id), None)
        if not isinstance(question, ScaleQuestionReport) or not _negative(question):
            continue
        negative, said = {o.value for o in _negative(question)}, _said([o.label for o in _negative(question)])
        if not report.public:
            found += _officer_standouts(table, question, negative, said)
        elif publication is not None:
            found += _public_standouts(table, question, negative, said, publication)
    found.sort(key=lambda standout: -abs(standout.gap))
    heading = Heading("Groups whose answers stand out", 2)
    if not found:
        return [heading, Text("No group's answers about feeling safe stood out clearly from everyone's.")]
    return [heading, Bullets(tuple(standout.text for standout in found[:MAX_GROUPS]))]


def _counted(value: str) -> bool:
    return "prefer_not" not in value and value not in ("dont_know", "other")


def _officer_standouts(table: Crosstab, question: ScaleQuestionReport, negative: set[str],
                       said: str) -> list[_Standout]:
    everyone = sum(table.column_bases.values())
    if not everyone:
        return []
    overall = percent(sum(table.cell(r, c).count for r in negative for c, _l in table.columns), everyone)
    found = []
    for value, label in table.columns:
        base = table.column_bases[value]
        if base < MIN_GROUP_BASE or not _counted(value):
            continue
        count = sum(table.cell(row, value).count for row in negative)
        low, high = (100 * bound for bound in wilson_interval(count, base))
        if low <= overall <= high:
            continue
        share = percent(count, base)
        found.append(_Standout(share - overall, (
            f"{label} ({table.by_text}): {format_percent(share)} said {said} to '{question.text}', against "
            f"{format_percent(overall)} of everyone who answered both (base {base:,}; 95% range "
            f"{low:.1f}% to {high:.1f}%).")))
    return found


def _public_standouts(table: Crosstab, question: ScaleQuestionReport, negative: set[str], said: str,
                      publication: Publication) -> list[_Standout]:
    """Standouts among the published breakdown's figures (none when a figure needed is hidden)."""
    q, g = table.question_id, table.by_id
    columns = [value for value, _label in table.columns]
    totals = [publication.get(group_total_key(q, g, value)) for value in columns]
    counts = [[publication.get(cell_key(q, g, row, value)) for row in sorted(negative)] for value in columns]
    if None in totals or any(None in cells for cells in counts) or not sum(totals):  # type: ignore[arg-type]
        return []
    overall = percent(sum(sum(cells) for cells in counts), sum(totals))  # type: ignore[arg-type]
    found = []
    for (value, label), total, cells in zip(table.columns, totals, counts, strict=True):
        if not _counted(value) or total < MIN_GROUP_BASE:  # type: ignore[operator]
            continue
        share = percent(sum(cells), total)  # type: ignore[arg-type]
        if abs(share - overall) < PUBLIC_GAP:
            continue
        found.append(_Standout(share - overall, (
            f"{label} ({table.by_text}): {format_percent(share)} said {said} to '{question.text}', against "
            f"{format_percent(overall)} of everyone who answered both (published figures, about {total:,} "
            "people).")))
    return found
