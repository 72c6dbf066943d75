"""What a publication holds: every published count by key, the sums a reader knows link them, and the
other published statements (mean ranks, a ranking's order) that bound the counts.

Keys are tuples, so a figure is named the same way in every publication of a consultation:

=====================================  =================================================================
``("responses",)``                     responses (the grand total)
``("base", q)``                        respondents who answered question ``q``
``("option", q, value)``               respondents who chose the option (ranking: who ranked it at all)
``("rank", q, value, position)``       respondents who put the option at that position (1 = first)
``("pins", q)``, ``("described", q)``  location answers with a pin, described in words
``("week", "YYYY-MM-DD")``             responses in the week that begins that Monday
``("cell", q, g, value, group)``       a breakdown of ``q`` by the "about you" question ``g``: who chose
                                       ``value`` (a ranking: put it first) and answered ``group`` to
                                       ``g`` (:data:`NOT_STATED`: did not answer ``g``)
``("group_total", q, g, group)``       who answered ``q`` and answered ``group`` to ``g``
=====================================  =================================================================

A :class:`Line` says a total is the sum of its parts. Some parts are never published (*helpers*:
who skipped a question, who ranked an option nowhere); a reader can still reason with them as unknown
counts of 0 or more, and so does the check in :mod:`analysis.disclosure.audit`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from analysis.disclosure.rules import Published

Key = tuple[str | int, ...]
"""A figure's name (see the module docstring)."""

RESPONSES: Key = ("responses",)
NOT_STATED = ""
"""The group value of a breakdown's column of people who answered the question but not the group's."""


def base_key(question_id: str) -> Key:
    return ("base", question_id)


def option_key(question_id: str, value: str) -> Key:
    return ("option", question_id, value)


def rank_key(question_id: str, value: str, position: int) -> Key:
    return ("rank", question_id, value, position)


def week_key(week_start: dt.date) -> Key:
    return ("week", week_start.isoformat())


def cell_key(question_id: str, group_id: str, value: str, group: str) -> Key:
    return ("cell", question_id, group_id, value, group)


def group_total_key(question_id: str, group_id: str, group: str) -> Key:
    return ("group_total", question_id, group_id, group)


def helper_key(*parts: str | int) -> Key:
    """A count a reader can reason about but that is never published (e.g. who skipped a question)."""
    return ("helper", *parts)


@dataclass(frozen=True)
class Line:
    """``total`` is the sum of ``parts``."""

    total: Key
    parts: tuple[Key, ...]
    zero_rule: bool = False
    """Whether "no zero that reveals a whole group" applies: a single-choice or scale question's
    answers, a ranking's row or column, a breakdown's row or column."""

    def keys(self) -> Iterator[Key]:
        yield from self.parts
        yield self.total


@dataclass(frozen=True)
class Fact:
    """A published statement that bounds the counts: ``lower <= sum(coefficient * count) <= upper``."""

    terms: tuple[tuple[Key, float], ...]
    lower: float | None = None
    upper: float | None = None


@dataclass(frozen=True)
class Publication:
    """The public figures of one consultation (:func:`analysis.disclosure.publishable` makes them).

    ``figures`` has every published count (``None`` where hidden, shown as ``[c]``); ``lines`` the sums
    that link them; ``mean_ranks`` each ranking option's mean rank to one decimal (``None`` where
    hidden); ``priority`` each ranking question's options, top priority first (most points).
    """

    figures: Mapping[Key, Published]
    lines: tuple[Line, ...] = ()
    mean_ranks: Mapping[Key, float | None] = field(default_factory=dict)
    """Keyed like ``("option", q, value)``."""
    priority: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    positions: Mapping[str, int] = field(default_factory=dict)
    """Each ranking question's number of rank positions."""
    as_of: dt.date | None = None
    """The day the responses were counted up to: weeks that ended by then are complete, and a reader
    may take it that a later publication adds nobody to them."""

    def get(self, key: Key) -> Published:
        """The published value of a figure; ``None`` when hidden or not part of this publication."""
        return self.figures.get(key)

    @property
    def responses(self) -> Published:
        return self.get(RESPONSES)

    def weeks(self) -> list[tuple[dt.date, Published]]:
        """(Week beginning, responses), oldest first."""
        weeks = sorted(str(key[1]) for key in self.figures if key[0] == "week")
        return [(dt.date.fromisoformat(week), self.figures[("week", week)]) for week in weeks]

    def facts(self) -> list[Fact]:
        """What the mean ranks and the priority order say about the rank counts, as linear bounds.

        A mean rank ``m`` (one decimal, halves up) of counts ``c_1..c_R`` says ``m - 0.05 <= sum(j c_j) /
        sum(c_j) < m + 0.05``; the order says each option has at least the points of the next.
        """
        facts = []
        for key, mean in self.mean_ranks.items():
            if mean is None:
                continue
            question_id, value = str(key[1]), str(key[2])
            cells = [rank_key(question_id, value, j) for j in range(1, self.positions[question_id] + 1)]
            facts.append(Fact(tuple((cell, j - mean + 0.05) for j, cell in enumerate(cells, 1)), lower=0.0))
            # The sum is a multiple of 0.05, so "< 0" is "<= -0.05"; -0.025 leaves room for float error.
            below = tuple((cell, j - mean - 0.05) for j, cell in enumerate(cells, 1))
            facts.append(Fact(below, upper=-0.025))
        for question_id, order in self.priority.items():
            positions = self.positions[question_id]
            for first, second in zip(order, order[1:], strict=False):
                ranks = range(1, positions + 1)
                terms = [(rank_key(question_id, first, j), positions + 1 - j) for j in ranks]
                terms += [(rank_key(question_id, second, j), j - positions - 1) for j in ranks]
                facts.append(Fact(tuple((cell, float(weight)) for cell, weight in terms), lower=0.0))
        return facts

    def as_json(self) -> dict[str, Any]:
        """JSON-ready data from which :meth:`from_json` rebuilds the publication (for a snapshot)."""
        return {
            "figures": [[list(key), value] for key, value in self.figures.items()],
            "lines": [[list(line.total), [list(part) for part in line.parts], line.zero_rule]
                      for line in self.lines],
            "mean_ranks": [[list(key), value] for key, value in self.mean_ranks.items()],
            "priority": {question: list(order) for question, order in self.priority.items()},
            "positions": dict(self.positions),
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Publication:
        """The publication :meth:`as_json` describes."""
        return cls(
            figures={tuple(key): value for key, value in data["figures"]},
            lines=tuple(Line(tuple(total), tuple(tuple(part) for part in parts), bool(zero_rule))
                        for total, parts, zero_rule in data["lines"]),
            mean_ranks={tuple(key): value for key, value in data["mean_ranks"]},
            priority={question: tuple(order) for question, order in data["priority"].items()},
            positions={question: int(n) for question, n in data["positions"].items()},
            as_of=None if data.get("as_of") is None else dt.date.fromisoformat(data["as_of"]),
        )

    def complete_weeks(self) -> set[Key]:
        """The weeks that had ended when the responses were counted (without ``as_of``: every week
        but the last, which responses were still coming into)."""
        weeks = [start for start, _n in self.weeks()]
        if self.as_of is None:
            return {week_key(start) for start in weeks[:-1]}
        return {week_key(start) for start in weeks if start + dt.timedelta(days=7) <= self.as_of}
