"""The ONS 10-5 rule's parts: the threshold, rounding, how a hidden figure is shown and footnoted.

A count from 1 to 9 is never published; every other count is rounded to the nearest 5 (halves up,
the ONS convention). A hidden figure is ``None`` in code and ``[c]`` ("confidential", the ONS
symbol) wherever people read it, with :data:`FOOTNOTE` beside it. Primary and secondary suppression
look the same: telling readers which ``[c]`` is "under 10" would tell an attacker which hidden
figure is the small one.
"""

from __future__ import annotations

from analysis.intervals import percent

THRESHOLD = 10
"""The smallest count that may be published (counts from 1 to THRESHOLD - 1 are hidden)."""
ROUNDING_BASE = 5
"""Every published count is a multiple of this."""

CONFIDENTIAL = "[c]"
"""How a suppressed figure is shown (the ONS symbol for "confidential")."""

FOOTNOTE = (
    "[c] = not published, to protect the people who took part: the count is from 1 to 9, or it would "
    "let someone work out such a count from other figures."
)
"""The footnote that goes with every ``[c]``; the same for every hidden figure, whatever the reason."""

ROUNDING_NOTE = (
    "Counts are rounded to the nearest 5, so they may not add up to the totals shown, and totals are "
    "rounded from the true totals. Percentages are worked out from the published figures."
)

Published = int | None
"""A published figure: a rounded count, or ``None`` when suppressed."""


def round_to_base(n: int, base: int = ROUNDING_BASE) -> int:
    """Round a count to the nearest multiple of ``base``, halves up (``base=10``: 15 -> 20)."""
    if n < 0:
        raise ValueError(f"Counts must not be negative, got {n}")
    if base < 1:
        raise ValueError(f"The rounding base must be at least 1, got {base}")
    return (2 * n + base) // (2 * base) * base


def round_to_5(n: int) -> int:
    """Round a count to the nearest 5 (12 -> 10, 13 -> 15, 0 -> 0)."""
    return round_to_base(n, 5)


def is_small(n: int, threshold: int = THRESHOLD) -> bool:
    """Whether a count is one the rule never publishes (from 1 to ``threshold - 1``)."""
    return 0 < n < threshold


def display(value: Published) -> str:
    """Show a published figure: ``None`` -> ``"[c]"``, ``1234`` -> ``"1,234"``."""
    return CONFIDENTIAL if value is None else f"{value:,}"


def public_percent(rounded_count: Published, rounded_base: Published) -> float | None:
    """Percentage for public display from *published* (rounded) figures; ``None`` if either is hidden.

    Computing from the rounded figures means a reader can reproduce every published percentage from
    the published counts, and the percentage reveals nothing the counts do not.
    """
    if rounded_count is None or rounded_base is None:
        return None
    return percent(rounded_count, rounded_base)


def reader_bounds(value: Published) -> tuple[int, int | None]:
    """What a published figure tells a reader who knows the rule: the range the true count is in.

    ``0`` is exactly 0 (1 and 2 would have been hidden, not rounded down); ``10`` is 10 to 12 (8 and
    9 are hidden); any other ``r`` is ``r - 2`` to ``r + 2``; a hidden figure is any count
    (``(0, None)``: no upper bound of its own).
    """
    if value is None:
        return (0, None)
    if value == 0:
        return (0, 0)
    half = ROUNDING_BASE // 2
    return (max(value - half, THRESHOLD), value + half)
