"""The words officers read about tensions, events and the rise flag."""

from __future__ import annotations

NOT_JUDGED = "Not judged: there are fewer than {weeks} earlier weeks of reports to compare with."
FLAGGED_ONE_WEEK = (
    "Unusual rise: {count} reports this week against a usual {baseline:.1f} a week. "
    "A count this high would happen by chance {chance}."
)
FLAGGED_TWO_WEEKS = (
    "Unusual rise: {count} reports this week and last together against a usual {baseline:.1f} a week. "
    "Two weeks this high would happen by chance {chance}."
)
NOT_FLAGGED = "No unusual rise: {count} reports this week against a usual {baseline:.1f} a week."
NO_WARD = "Choose a ward from the list"


def describe_chance(p: float) -> str:
    """A probability as officers read it: "less than 1 time in 1,000", "about 1 time in 40"."""
    if p < 0.001:
        return "less than 1 time in 1,000"
    return f"about 1 time in {round(1 / p):,}"
