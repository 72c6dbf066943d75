"""The rise flag: a fixed, documented test for an unusual rise in a ward's weekly reports.

The method, the same for every ward and every week:

1. **Baseline.** The ward's mean count per week over the ``BASELINE_WEEKS`` (26) weeks before the
   week being judged, or over as many as there are since reports began (at least
   ``MIN_BASELINE_WEEKS``, 8; with fewer the week is not judged). A mean under ``FLOOR`` (0.5) is
   taken as 0.5, so a ward that usually has none is not flagged for one or two reports.
2. **This week.** Flag when the week has at least ``MIN_COUNT`` (5) reports and, if reports arrived
   at the baseline rate (a Poisson count), a count this high or higher would happen by chance with
   probability under ``ONE_WEEK_P`` (1 in 100).
3. **This week and last.** Also flag when the two weeks together have at least ``MIN_COUNT``
   reports and their total would happen by chance with probability under ``TWO_WEEK_P``
   (1 in 25) against the baseline of the weeks before last week. Two weeks together catch a rise
   that is real but not extreme in any one week.

Why these numbers: a step from 3 to 9 reports a week is flagged by the end of its second week in
about 95 to 96 in 100 simulated series, and a steady series is flagged in about 4 in 100 weeks
(``tests/unit/test_tension_rise.py`` prints both). Two weeks of counts cannot do much better on
both at once; a 12-week baseline, being noisier, gave more false flags for the same detection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scipy.stats import poisson

from survey.tensions import texts

BASELINE_WEEKS = 26
MIN_BASELINE_WEEKS = 8
FLOOR = 0.5
MIN_COUNT = 5
ONE_WEEK_P = 0.01
TWO_WEEK_P = 0.04


@dataclass(frozen=True)
class RiseCheck:
    """The rise test for one week: whether it is flagged, against what, and why in words."""

    judged: bool
    flagged: bool
    baseline: float | None  # reports a week usually (the mean of the baseline weeks)
    p_value: float | None  # the smaller of the two tests' chances
    explanation: str


def chance_of_at_least(count: int, expected: float) -> float:
    """P(X >= count) for a Poisson count X with mean ``expected``."""
    return float(poisson.sf(count - 1, expected))


def check_week(counts: Sequence[int], index: int, *, first_week: int = 0) -> RiseCheck:
    """The rise test for week ``index`` of ``counts`` (reports per week, oldest first).

    ``first_week`` is the index of the first week with any record of reports (for example the week
    the partnership's first report arrived): weeks before it are not counted as weeks of zero.
    """
    history = index - max(first_week, index - BASELINE_WEEKS)
    if history < MIN_BASELINE_WEEKS:
        return RiseCheck(False, False, None, None, texts.NOT_JUDGED.format(weeks=MIN_BASELINE_WEEKS))
    this_week = counts[index]
    baseline = sum(counts[index - history : index]) / history
    expected = max(baseline, FLOOR)
    one_week_p = chance_of_at_least(this_week, expected)
    pair_p = None
    pair_history = min(history, index - 1 - first_week)
    if index >= 1 and pair_history >= MIN_BASELINE_WEEKS:
        pair_baseline = sum(counts[index - 1 - pair_history : index - 1]) / pair_history
        pair_p = chance_of_at_least(this_week + counts[index - 1], 2 * max(pair_baseline, FLOOR))
    p_value = min(one_week_p, pair_p) if pair_p is not None else one_week_p
    if this_week >= MIN_COUNT and one_week_p < ONE_WEEK_P:
        words = texts.FLAGGED_ONE_WEEK.format(
            count=this_week, baseline=baseline, chance=texts.describe_chance(one_week_p)
        )
        return RiseCheck(True, True, baseline, p_value, words)
    pair = this_week + counts[index - 1] if index >= 1 else 0
    if pair_p is not None and pair >= MIN_COUNT and pair_p < TWO_WEEK_P:
        words = texts.FLAGGED_TWO_WEEKS.format(
            count=pair, baseline=baseline, chance=texts.describe_chance(pair_p)
        )
        return RiseCheck(True, True, baseline, p_value, words)
    return RiseCheck(
        True, False, baseline, p_value, texts.NOT_FLAGGED.format(count=this_week, baseline=baseline)
    )


def check_weeks(counts: Sequence[int], *, first_week: int = 0) -> list[RiseCheck]:
    """The rise test for every week of ``counts`` (oldest first)."""
    return [check_week(counts, index, first_week=first_week) for index in range(len(counts))]
