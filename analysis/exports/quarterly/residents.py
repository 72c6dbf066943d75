"""What residents said about a priority: the rank of its issue in the consultation's ranking question.

Read from the consultation's report: the officer report (exact counts) for an officer paper, the
public report (counts under 10 suppressed, others rounded to 5) for a public one, so a public board
update states only published figures. Issues are ranked by the share who put them first, then by
points, as the board paper's "Top priorities" are.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from analysis.exports.html import figure
from analysis.intervals import format_percent
from analysis.report.consultation import consultation_report
from analysis.report.models import RankedOptionReport, RankingQuestionReport, Report
from survey.storage.models import Consultation, PlanPriority

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def _order(option: RankedOptionReport) -> tuple[float, float]:
    first, points = option.rank_percent[0], option.points
    return (-1.0 if first is None else first, -1.0 if points is None else float(points))


def report_reader(session: Session, *, public: bool) -> Callable[[Consultation], Report]:
    """A function giving each consultation's report, worked out once however many priorities ask."""
    reports: dict[int, Report] = {}

    def read(consultation: Consultation) -> Report:
        if consultation.id not in reports:
            reports[consultation.id] = consultation_report(session, consultation, public=public)
        return reports[consultation.id]

    return read


def residents_said(priority: PlanPriority, read: Callable[[Consultation], Report]) -> list[str]:
    """Sentences on the priority's ranked issue; empty when the priority is tied to none."""
    consultation = priority.consultation
    if consultation is None or not priority.option_value:
        return []
    report = read(consultation)
    question = next((q for q in report.questions if isinstance(q, RankingQuestionReport)
                     and (priority.question_id in (None, q.id))
                     and any(o.value == priority.option_value for o in q.options)), None)
    if question is None:
        return [f"The issue this priority answers is no longer in {consultation.title}."]
    ranked = sorted(question.options, key=_order, reverse=True)
    place = next(i for i, o in enumerate(ranked) if o.value == priority.option_value)
    option = ranked[place]
    position = ORDINALS[place] if place < len(ORDINALS) else f"number {place + 1}"
    first, base = format_percent(option.rank_percent[0]), figure(question.base)
    return [
        f"In {consultation.title}, residents ranked \u2018{option.label}\u2019 {position} of {len(ranked)} "
        "issues (by the share who put it first).",
        f"{first} of the {base} respondents who answered the question put it first; "
        f"{figure(option.count)} ({format_percent(option.percent)}) ranked it at all.",
    ]
