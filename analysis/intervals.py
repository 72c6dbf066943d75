"""Confidence intervals and percentages for published survey figures.

Consultation results are reported as "% of respondents who answered the question", always with the
base. :func:`wilson_interval` gives the 95% Wilson score interval for such a proportion: unlike the
textbook normal ("Wald") interval it stays inside 0..1 and behaves at small bases and at 0% or 100%,
which is exactly where a community survey of ~150 people lives (Newcombe, 1998, *Statistics in
Medicine* 17:857-872, method 3).

Percentages are rounded half away from zero (12.25% -> 12.3%) with :mod:`decimal`, not with
:func:`round`, whose banker's rounding and binary floats turn 12.25 into 12.2 and surprise readers who
check the arithmetic by hand.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

Z_95 = 1.959963984540054
"""The standard normal quantile for a two-sided 95% interval."""

_ONE_DP = Decimal("0.1")


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Return the Wilson score interval ``(low, high)`` for ``successes`` out of ``n``, as proportions.

    ``n == 0`` returns ``(nan, nan)``: with no answers there is no evidence and no interval. That was
    chosen over ``(0.0, 0.0)``, which would claim certainty about a 0% that nobody reported, and over
    raising, because a report tallies many questions and one nobody answered must not break an
    export; matplotlib simply draws no error bar for NaN. Test with :func:`math.isnan`.

    Raises :class:`ValueError` when ``n`` is negative or ``successes`` is outside ``0..n``.
    """
    if n < 0:
        raise ValueError(f"The base must not be negative, got {n}")
    if not 0 <= successes <= n:
        raise ValueError(f"Successes must be between 0 and the base {n}, got {successes}")
    if n == 0:
        return (math.nan, math.nan)
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half_width = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    # At 0% and 100% the exact bounds are 0 and 1; floating point gives dust such as 0.9999999999999999.
    low = 0.0 if successes == 0 else max(0.0, centre - half_width)
    high = 1.0 if successes == n else min(1.0, centre + half_width)
    return (low, high)


def round_half_up(value: float | int | Decimal, places: int = 1) -> float:
    """Round ``value`` to ``places`` decimal places, halves away from zero (2.25 -> 2.3, -2.25 -> -2.3).

    A float is converted through its shortest ``repr`` so that 2.675 is treated as the 2.675 a reader
    sees rather than the binary 2.67499999... it is stored as.
    """
    if isinstance(value, float):
        value = Decimal(repr(value))
    exact = Decimal(value)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent(count: int, base: int) -> float:
    """Return ``count`` as a percentage of ``base`` to one decimal place, halves away from zero.

    A base of 0 gives 0.0 (nobody answered, so nobody chose it); show the base beside it so readers
    are not misled. The division is done in :class:`~decimal.Decimal` so a true 12.25 rounds to 12.3.
    """
    if base == 0:
        return 0.0
    exact = Decimal(count) * 100 / Decimal(base)
    return float(exact.quantize(_ONE_DP, rounding=ROUND_HALF_UP))


def format_percent(value: float | None) -> str:
    """Format a percentage to one decimal place, halves away from zero: ``6.25`` -> ``"6.3%"``.

    ``None`` is how :mod:`analysis.disclosure` marks a suppressed figure and is shown as ``"[c]"``
    ("confidential", the ONS symbol); NaN (no base) is shown as ``"n/a"``.
    """
    if value is None:
        return "[c]"
    if math.isnan(value):
        return "n/a"
    return f"{round_half_up(value):.1f}%"


def format_interval(interval: tuple[float, float]) -> str:
    """Format a proportion interval as percentages: ``(0.3657, 0.5572)`` -> ``"36.6% to 55.7%"``.

    A NaN interval (a base of 0) is shown as ``"n/a"``.
    """
    low, high = interval
    if math.isnan(low) or math.isnan(high):
        return "n/a"
    return f"{round_half_up(low * 100):.1f}% to {round_half_up(high * 100):.1f}%"
