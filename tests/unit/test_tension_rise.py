"""The rise flag's statistics: seeded synthetic series, with the rates printed (run with -s to see)."""

from __future__ import annotations

import numpy as np
import pytest

from survey.tensions import rise
from survey.tensions.rise import check_week, check_weeks

STEP_WEEK = 30
TRIALS = 1000


class TestStepChange:
    def test_a_step_from_3_to_9_a_week_is_flagged_within_two_weeks_in_95_percent_of_trials(self):
        generator = np.random.default_rng(20261203)
        detected = 0
        for _trial in range(TRIALS):
            counts = np.concatenate([generator.poisson(3, STEP_WEEK), generator.poisson(9, 2)]).tolist()
            if check_week(counts, STEP_WEEK).flagged or check_week(counts, STEP_WEEK + 1).flagged:
                detected += 1
        rate = detected / TRIALS
        print(f"\nstep 3 -> 9 a week: flagged within two weeks in {detected} of {TRIALS} trials ({rate:.1%})")
        assert rate >= 0.95

    def test_a_step_is_usually_flagged_in_its_first_week_when_it_is_large(self):
        generator = np.random.default_rng(7)
        first_week = sum(
            check_week(np.concatenate([generator.poisson(3, STEP_WEEK), [15]]).tolist(), STEP_WEEK).flagged
            for _trial in range(200)
        )
        assert first_week == 200


class TestFlatSeries:
    @pytest.mark.parametrize("per_week", [0.5, 1, 3, 8, 20])
    def test_a_flat_series_is_flagged_in_at_most_5_percent_of_weeks(self, per_week):
        generator = np.random.default_rng(int(per_week * 100))
        flagged = judged = 0
        for _series in range(150):
            checks = check_weeks(generator.poisson(per_week, 60).tolist())
            flagged += sum(check.flagged for check in checks)
            judged += sum(check.judged for check in checks)
        rate = flagged / judged
        print(f"\nflat {per_week} a week: flagged in {flagged} of {judged} judged weeks ({rate:.1%})")
        assert rate <= 0.05


class TestTheMethod:
    def test_fewer_than_the_minimum_count_is_never_flagged(self):
        counts = [0] * 26 + [rise.MIN_COUNT - 1]
        check = check_week(counts, 26)
        assert check.judged and not check.flagged
        assert check_week([0] * 26 + [rise.MIN_COUNT], 26).flagged

    def test_too_little_history_is_not_judged_and_says_so(self):
        counts = [0, 0, 0, 20]
        check = check_week(counts, 3)
        assert not check.judged and not check.flagged
        assert "fewer than 8 earlier weeks" in check.explanation

    def test_weeks_before_reports_began_do_not_count_as_zeros(self):
        counts = [0] * 20 + [3] * 5 + [6]
        assert not check_week(counts, 25, first_week=20).judged
        assert check_week(counts, 25).judged

    def test_the_baseline_is_the_mean_of_the_26_weeks_before(self):
        counts = [9] * 10 + [2] * 26 + [3]
        assert check_week(counts, 36).baseline == pytest.approx(2.0)

    def test_the_explanation_gives_the_count_the_baseline_and_the_chance(self):
        check = check_week([3] * 26 + [12], 26)
        assert check.flagged
        assert check.explanation.startswith("Unusual rise: 12 reports this week against a usual 3.0 a week.")
        assert "by chance less than 1 time in 1,000" in check.explanation

    def test_two_raised_weeks_together_are_flagged_when_neither_is_alone(self):
        counts = [3] * 26 + [7, 7]
        assert not check_week(counts, 26).flagged
        second = check_week(counts, 27)
        assert second.flagged and "this week and last together" in second.explanation

    def test_a_steady_week_says_there_is_no_unusual_rise(self):
        check = check_week([4] * 30, 29)
        assert not check.flagged
        assert check.explanation == "No unusual rise: 4 reports this week against a usual 4.0 a week."
