"""The issues residents ranked that a priority can answer: the options of the ranking questions of
the partnership's consultations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from survey.consultations import definition_of, partnership_consultations
from survey.question_types import Tally
from survey.storage.models import PlanPriority


@dataclass(frozen=True)
class RankedIssue:
    consultation_id: int
    question_id: str
    option_value: str
    label: str
    """``Community safety consultation: Violence``."""

    @property
    def key(self) -> str:
        """One text naming the issue, for a form's select."""
        return f"{self.consultation_id}:{self.question_id}:{self.option_value}"


def ranked_issues(session: Session, partnership_id: int) -> list[RankedIssue]:
    """Every option of every ranking question of the partnership's consultations, newest first."""
    issues: list[RankedIssue] = []
    for consultation in partnership_consultations(session, partnership_id):
        for question in definition_of(consultation).questions:
            if question.tally != Tally.RANKS:
                continue
            issues += [RankedIssue(consultation.id, question.id, option.value, f"{consultation.title}: "
                                   f"{option.label}") for option in question.all_options]
    return issues


def issue_of(priority: PlanPriority, issues: list[RankedIssue]) -> RankedIssue | None:
    """The priority's ranked issue among ``issues`` (``None`` if it has none, or it is no longer offered)."""
    return next((issue for issue in issues if (issue.consultation_id, issue.question_id, issue.option_value)
                 == (priority.consultation_id, priority.question_id, priority.option_value)), None)
