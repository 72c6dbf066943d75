"""This consultation against an earlier one: the report's :class:`~analysis.report.models.Comparison`.

Questions are matched by id (and type) and options by value. A change is flagged as significant
when the 95% interval for the difference of the two percentages excludes 0, using Newcombe's hybrid
score interval built from the two Wilson intervals (Newcombe 1998, *Statistics in Medicine*
17:873-890, method 10): it behaves at small bases, where the textbook interval does not.
"""

from __future__ import annotations

import math

from analysis.intervals import round_half_up, wilson_interval
from analysis.report.models import Comparison, OptionChange, QuestionChange
from analysis.tallies import ConsultationTallies


def compare(current: ConsultationTallies, earlier: ConsultationTallies) -> list[QuestionChange]:
    """Each question the two consultations share (same id and type), option by option."""
    earlier_questions = {question.id: question for question in earlier.questions}
    changes = []
    for question in current.questions:
        before = earlier_questions.get(question.id)
        if before is None or before.type != question.type or not question.options:
            continue
        before_options = {option.value: option for option in before.options}
        options = []
        for option in question.options:
            old = before_options.get(option.value)
            if old is None:
                continue
            low, high = newcombe_difference(option.count, question.base, old.count, before.base)
            options.append(OptionChange(
                value=option.value, label=option.label, percent=option.percent, earlier_percent=old.percent,
                change=round_half_up(option.percent - old.percent), low=low, high=high,
                significant=low is not None and high is not None and (low > 0 or high < 0),
            ))
        if options:
            changes.append(QuestionChange(id=question.id, text=question.text, base=question.base,
                                          earlier_base=before.base, options=tuple(options)))
    return changes


def comparison(current: ConsultationTallies, earlier: ConsultationTallies) -> Comparison:
    """The report's comparison with an earlier consultation: :func:`compare`, leaving out the "about
    you" questions (who took part is not a finding), with the earlier consultation named."""
    changes = [change for change in compare(current, earlier) if not change.id.startswith("about_")]
    return Comparison(earlier=earlier.slug, earlier_title=earlier.title, questions=tuple(changes))


def newcombe_difference(x1: int, n1: int, x2: int, n2: int) -> tuple[float | None, float | None]:
    """The 95% interval for ``x1/n1 - x2/n2`` in percentage points (one decimal), or ``(None, None)``."""
    if n1 == 0 or n2 == 0:
        return None, None
    p1, p2 = x1 / n1, x2 / n2
    l1, u1 = wilson_interval(x1, n1)
    l2, u2 = wilson_interval(x2, n2)
    difference = p1 - p2
    low = difference - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = difference + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return round_half_up(low * 100), round_half_up(high * 100)
