"""Wilson score intervals and the percentages shown beside every base."""

from __future__ import annotations

import math

import pytest

from analysis.intervals import (
    Z_95,
    format_interval,
    format_percent,
    percent,
    round_half_up,
    wilson_interval,
)


class TestWilsonInterval:
    def test_46_of_100_by_hand(self) -> None:
        # p = 0.46, z^2 = 3.841459, z^2/n = 0.03841459
        # centre = (0.46 + 0.01920729) / 1.03841459 = 0.4614716
        # half   = 1.959964 * sqrt(0.46 * 0.54 / 100 + 3.841459 / 40000) / 1.03841459
        #        = 1.959964 * sqrt(0.002484 + 0.00009604) / 1.03841459 = 0.0958635
        # interval 0.3656 to 0.5574
        low, high = wilson_interval(46, 100)
        assert low == pytest.approx(0.365608, abs=1e-6)
        assert high == pytest.approx(0.557351, abs=1e-6)

    @pytest.mark.parametrize(
        ("successes", "n", "low", "high"),
        [
            # Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (Wilson score).
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0000, 0.1611),
            (1, 29, 0.0061, 0.1718),
        ],
    )
    def test_matches_published_wilson_intervals(
        self, successes: int, n: int, low: float, high: float
    ) -> None:
        result = wilson_interval(successes, n)
        assert result == pytest.approx((low, high), abs=5e-5)

    def test_all_successes_reaches_exactly_one(self) -> None:
        low, high = wilson_interval(10, 10)
        assert high == 1.0
        assert low == pytest.approx(0.722467, abs=1e-6)

    def test_no_successes_starts_at_exactly_zero(self) -> None:
        assert wilson_interval(0, 7)[0] == 0.0

    def test_interval_contains_the_observed_proportion(self) -> None:
        for n in range(1, 60):
            for successes in range(n + 1):
                low, high = wilson_interval(successes, n)
                assert 0.0 <= low <= successes / n <= high <= 1.0

    def test_wider_z_gives_wider_interval(self) -> None:
        narrow = wilson_interval(30, 80)
        wide = wilson_interval(30, 80, z=2.575829)
        assert wide[0] < narrow[0] and wide[1] > narrow[1]

    def test_default_z_is_the_95_percent_quantile(self) -> None:
        assert Z_95 == pytest.approx(1.96, abs=1e-3)

    def test_empty_base_gives_nan_interval(self) -> None:
        low, high = wilson_interval(0, 0)
        assert math.isnan(low) and math.isnan(high)

    @pytest.mark.parametrize(("successes", "n"), [(-1, 10), (11, 10), (0, -1)])
    def test_impossible_counts_are_rejected(self, successes: int, n: int) -> None:
        with pytest.raises(ValueError):
            wilson_interval(successes, n)


class TestPercent:
    @pytest.mark.parametrize(
        ("count", "base", "expected"),
        [
            (46, 100, 46.0),
            (1, 3, 33.3),
            (2, 3, 66.7),
            (1, 8, 12.5),
            (1, 16, 6.3),  # 6.25: half rounds away from zero, not to the even 6.2
            (49, 400, 12.3),  # 12.25
            (0, 12, 0.0),
            (150, 150, 100.0),
        ],
    )
    def test_rounds_to_one_decimal_half_away_from_zero(self, count: int, base: int, expected: float) -> None:
        assert percent(count, base) == expected

    def test_builtin_round_would_have_got_it_wrong(self) -> None:
        assert round(49 / 400 * 100, 1) == 12.2  # the reason percent() uses Decimal
        assert percent(49, 400) == 12.3

    def test_zero_base_is_zero_percent(self) -> None:
        assert percent(0, 0) == 0.0


class TestRoundHalfUp:
    def test_uses_the_decimal_a_reader_sees(self) -> None:
        assert round_half_up(2.675, 2) == 2.68  # binary 2.67499999... would round down
        assert round_half_up(0.125, 2) == 0.13

    def test_negative_halves_round_away_from_zero(self) -> None:
        assert round_half_up(-2.25) == -2.3


class TestFormatting:
    def test_format_percent_keeps_one_decimal(self) -> None:
        assert format_percent(46.0) == "46.0%"
        assert format_percent(100) == "100.0%"

    def test_format_percent_rounds_half_away_from_zero(self) -> None:
        assert f"{6.25:.1f}" == "6.2"  # what plain formatting would show
        assert format_percent(6.25) == "6.3%"

    def test_suppressed_percent_is_shown_as_confidential(self) -> None:
        assert format_percent(None) == "[c]"

    def test_percent_without_a_base_is_not_applicable(self) -> None:
        assert format_percent(math.nan) == "n/a"

    def test_format_interval(self) -> None:
        assert format_interval(wilson_interval(46, 100)) == "36.6% to 55.7%"

    def test_format_empty_interval(self) -> None:
        assert format_interval(wilson_interval(0, 0)) == "n/a"
