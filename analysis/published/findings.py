"""The key findings of a published report in words, made from its published figures only.

Every sentence is built from figures the report publishes (a suppressed figure is never guessed
at, and a finding that would need one is left out), so the words disclose no more than the tables.
"""

from __future__ import annotations

from analysis.report.models import (
    QuestionReportBase,
    RankedOptionReport,
    RankingQuestionReport,
    Report,
    ScaleQuestionReport,
)


def top_priorities(report: Report, limit: int = 3) -> list[str]:
    """The options ranked highest (most points) in the report's ranking questions, best first."""
    ranked = [option for question in report.questions if isinstance(question, RankingQuestionReport)
              for option in _by_points(question)]
    return [option.label for option in ranked[:limit]]


def _by_points(question: RankingQuestionReport) -> list[RankedOptionReport]:
    scored = [option for option in question.options if option.points is not None]
    return sorted(scored, key=lambda option: (-(option.points or 0), option.value))


def key_findings(report: Report) -> list[str]:
    """One plain sentence per question that has something safe to say, in the report's order."""
    sentences = []
    for question in report.questions:
        if question.about_you or not question.base or not question.options:
            continue
        sentence = _finding(question)
        if sentence:
            sentences.append(sentence)
    return sentences


def _finding(question: QuestionReportBase) -> str | None:
    if isinstance(question, RankingQuestionReport):
        return _ranking_finding(question)
    if isinstance(question, ScaleQuestionReport):
        return _scale_finding(question)
    shown = [option for option in question.options if option.percent is not None]
    if not shown:
        return None
    top = max(shown, key=lambda option: option.percent or 0.0)
    return (f"{question.text} The answer given most often was “{top.label}”, by {_percent(top.percent)} "
            f"of the {question.base:,} people who answered.")


def _ranking_finding(question: RankingQuestionReport) -> str | None:
    ranked = _by_points(question)
    if not ranked:
        return None
    names = ", ".join(f"“{option.label}”" for option in ranked[:3])
    sentence = f"{question.text} Ranked highest overall: {names}."
    first = ranked[0].rank_percent[0] if ranked[0].rank_percent else None
    if first is not None:
        sentence += (f" {_percent(first)} of the {question.base:,} people who answered put "
                     f"“{ranked[0].label}” first.")
    return sentence


def _scale_finding(question: ScaleQuestionReport) -> str | None:
    positive = [option for option in question.options if option.score is not None and option.score > 0]
    if not positive or any(option.percent is None for option in positive):
        return None
    share = sum(option.percent or 0.0 for option in positive)
    labels = " or ".join(option.label.lower() for option in positive)
    return (f"{question.text} {_percent(share)} of the {question.base:,} people who answered said "
            f"{labels}.")


def _percent(value: float | None) -> str:
    return "[c]" if value is None else f"{value:.1f}%".replace(".0%", "%")
