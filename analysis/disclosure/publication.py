"""A consultation's public figures, all protected together: :func:`publishable`.

Everything the public may see about a consultation comes from one :class:`Publication`: the results
(responses, each question's base and counts, a ranking's counts at each position, mean ranks and
order), the responses per week, and the breakdowns of questions by "about you" groups. Protecting
them together is what makes it safe to publish them side by side: a count hidden in one table is
hidden in every table it appears in, and the check in :mod:`analysis.disclosure.audit` sees all of
them at once, with any earlier publication of the same consultation.

What is linked, as a reader can work it out (:class:`~analysis.disclosure.figures.Line`):

* every question's base and the people who skipped it add up to the responses; the weeks do too;
* a single-choice or scale question's counts add up to its base (whole-group rule applies);
* a multiple-choice option is chosen by at most the base, and the options add up to at least it;
* a ranking's counts at each position add up to the option's count (row) and to who gave that many
  ranks (column; the first column to the base); each row and column follows the whole-group rule;
* a breakdown of a question by a group has a column per group answer and one for people who did not
  answer the group question (:data:`~analysis.disclosure.figures.NOT_STATED`): each row adds up to
  the question's count (a ranking: its first-place count), each column to the group's total of
  people who answered both; the column totals add up to the base, and are at most the group's own
  counts. Rows and the group columns follow the whole-group rule.

A **mean rank** is published to one decimal place, from the true counts, when at least 10 people
ranked the option; it is hidden only when the check finds that it would let someone work out a
hidden count (a figure the public is given has to be honest, and a mean rank worked out from
rounded counts would not be). A ranking's options are listed by points, top priority first, from
the true counts; the order says little, and the check allows for what it says.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.disclosure.audit import Audit
from analysis.disclosure.figures import (
    NOT_STATED,
    RESPONSES,
    Fact,
    Key,
    Line,
    Publication,
    base_key,
    cell_key,
    group_total_key,
    helper_key,
    option_key,
    rank_key,
    week_key,
)
from analysis.disclosure.rules import THRESHOLD, round_to_5
from analysis.disclosure.suppression import Suppression
from analysis.intervals import round_half_up
from analysis.tallies import ConsultationTallies, QuestionTally
from survey.question_types import Tally

MAX_RANKINGS = 5000
"""Rankings are checked as the rankings people can give up to this many (7 options ranked 5)."""
BREAKDOWN_TALLIES = (Tally.ONE_OPTION, Tally.SCALE, Tally.RANKS)
"""What can be broken down by group: the respondents fall in exactly one row (a ranking: by first place)."""


@dataclass(frozen=True)
class BreakdownCounts:
    """The true counts of one question's answers by the answers to one "about you" question.

    ``counts[(value, group)]``: respondents who chose ``value`` (a ranking: put it first) and answered
    ``group``, or :data:`~analysis.disclosure.figures.NOT_STATED` for those who did not answer it.
    """

    question_id: str
    group_id: str
    counts: Mapping[tuple[str, str], int]


class _Figures:
    """The true figures and lines of one consultation, gathered before protection."""

    def __init__(self) -> None:
        self.values: dict[Key, int] = {}
        self.published: list[Key] = []
        self.lines: list[Line] = []
        self.mean_ranks: dict[Key, float] = {}
        self.priority: dict[str, tuple[str, ...]] = {}
        self.positions: dict[str, int] = {}

    def publish(self, key: Key, value: int) -> Key:
        self.values[key] = value
        self.published.append(key)
        return key

    def helper(self, value: int, *name: str | int) -> Key:
        key = helper_key(*name)
        self.values[key] = value
        return key

    def line(self, total: Key, parts: Sequence[Key], zero_rule: bool = False) -> None:
        self.lines.append(Line(total, tuple(parts), zero_rule))

    def question(self, question: QuestionTally, responses: int) -> None:
        base = self.publish(base_key(question.id), question.base)
        self.line(RESPONSES, [base, self.helper(responses - question.base, "unanswered", question.id)])
        match question.tally:
            case Tally.ONE_OPTION | Tally.SCALE | Tally.PLACES:
                self._single(question)
            case Tally.OPTIONS:
                self._multiple(question)
            case Tally.RANKS:
                self._ranking(question)

    def _single(self, question: QuestionTally) -> None:
        parts = [self.publish(option_key(question.id, o.value), o.count) for o in question.options]
        shortfall = question.base - sum(o.count for o in question.options)
        if shortfall:  # answers in no listed option (a place given only as a pin)
            parts.append(self.helper(shortfall, "shortfall", question.id))
        base = base_key(question.id)
        self.line(base, parts, zero_rule=question.tally != Tally.PLACES)
        for name, count in (("pins", question.pins), ("described", question.described)):
            if count is not None and question.tally == Tally.PLACES:
                shown = self.publish((name, question.id), count)
                self.line(base, [shown, self.helper(question.base - count, f"not_{name}", question.id)])

    def _multiple(self, question: QuestionTally) -> None:
        base = base_key(question.id)
        chosen = []
        for option in question.options:
            key = self.publish(option_key(question.id, option.value), option.count)
            self.line(base, [key, self.helper(question.base - option.count, "not_chosen", question.id,
                                              option.value)])
            chosen.append(key)
        ticks = sum(option.count for option in question.options)
        total = self.helper(ticks, "ticks", question.id)
        self.line(total, chosen)
        if ticks >= question.base:  # everyone who answered chose at least one option
            self.line(total, [base, self.helper(ticks - question.base, "extra_ticks", question.id)])

    def _ranking(self, question: QuestionTally) -> None:
        q = question.id
        positions = len(question.options[0].rank_counts) if question.options else 0
        self.positions[q] = positions
        base = base_key(q)
        for option in question.options:
            cells = [self.publish(rank_key(q, option.value, j), n)
                     for j, n in enumerate(option.rank_counts, 1)]
            count = self.publish(option_key(q, option.value), option.count)
            self.line(count, cells, zero_rule=True)
            self.line(base, [count, self.helper(question.base - option.count, "unranked", q, option.value)])
            if option.count >= THRESHOLD:
                weighted = sum(j * n for j, n in enumerate(option.rank_counts, 1))
                self.mean_ranks[option_key(q, option.value)] = round_half_up(weighted / option.count, 1)
        column_total = base
        for j in range(1, positions + 1):
            filled = sum(option.rank_counts[j - 1] for option in question.options)
            total = base if j == 1 else self.helper(filled, "ranked", q, j)
            if j > 1:
                stopped = self.helper(self.values[column_total] - filled, "stopped", q, j)
                self.line(column_total, [total, stopped])
            self.line(total, [rank_key(q, option.value, j) for option in question.options], zero_rule=True)
            column_total = total
        self._ranking_patterns(question, positions)
        points = {option.value: sum((positions + 1 - j) * n for j, n in enumerate(option.rank_counts, 1))
                  for option in question.options}
        order = sorted(range(len(question.options)), key=lambda i: (-points[question.options[i].value], i))
        self.priority[q] = tuple(question.options[i].value for i in order)

    def _ranking_patterns(self, question: QuestionTally, positions: int) -> None:
        """Each rank count as the sum of the rankings people can give (each option at most once).

        Sums of rows and columns allow tables no set of rankings makes (three places filled when
        only two options were ranked at all); a reader who knows how ranking works would rule those
        out, so the check must too. The true rankings are not in the tallies, but any set of
        rankings that gives the true counts is as good a starting point for the check.
        """
        values = [option.value for option in question.options]
        patterns = [p for k in range(1, positions + 1) for p in itertools.permutations(values, k)]
        if not patterns or len(patterns) > MAX_RANKINGS:
            return  # too many to list: the sums of rows and columns alone bound what a reader knows
        counts = ranking_counts(question, patterns)
        if counts is None:
            return
        keys = {p: self.helper(counts[p], "ranking", question.id, *p) for p in patterns}
        for option in question.options:
            for j in range(1, positions + 1):
                self.line(rank_key(question.id, option.value, j),
                          [keys[p] for p in patterns if len(p) >= j and p[j - 1] == option.value])

    def weeks(self, weeks: Sequence[tuple[dt.date, int]]) -> None:
        if weeks:
            self.line(RESPONSES, [self.publish(week_key(start), n) for start, n in weeks])

    def breakdown(self, tallies: ConsultationTallies, breakdown: BreakdownCounts) -> None:
        question, group = tallies.question(breakdown.question_id), tallies.question(breakdown.group_id)
        if question.tally not in BREAKDOWN_TALLIES or group.tally != Tally.ONE_OPTION:
            raise ValueError(f"'{question.id}' cannot be broken down by '{group.id}': the question must be "
                             "single choice, scale or ranking, and the group question single choice")
        q, g = question.id, group.id
        columns = [o.value for o in group.options] + [NOT_STATED]
        for option in question.options:
            row = [self.publish(cell_key(q, g, option.value, gv), breakdown.counts.get((option.value, gv), 0))
                   for gv in columns]
            ranking = question.tally == Tally.RANKS
            total = rank_key(q, option.value, 1) if ranking else option_key(q, option.value)
            self.line(total, row, zero_rule=True)
        totals = []
        for gv in columns:
            n = sum(breakdown.counts.get((o.value, gv), 0) for o in question.options)
            total = self.publish(group_total_key(q, g, gv), n)
            totals.append(total)
            column = [cell_key(q, g, o.value, gv) for o in question.options]
            self.line(total, column, zero_rule=gv != NOT_STATED)
            if gv != NOT_STATED:
                self.line(option_key(g, gv), [total, self.helper(self.values[option_key(g, gv)] - n,
                                                                  "skipped", q, g, gv)])
        self.line(base_key(q), totals)
        neither = self.values[helper_key("unanswered", g)] - self.values[group_total_key(q, g, NOT_STATED)]
        both_skipped = self.helper(neither, "neither", q, g)
        self.line(helper_key("unanswered", g), [group_total_key(q, g, NOT_STATED), both_skipped])
        skipped = [helper_key("skipped", q, g, gv) for gv in columns[:-1]]
        self.line(helper_key("unanswered", q), [*skipped, both_skipped])

    def condition(self, tallies: ConsultationTallies, question_id: str, parent_id: str, values: Sequence[str],
                  groups: Sequence[str]) -> None:
        """Who answered a question asked only after some answers to another: at most who gave them.

        A reader knows the questionnaire, so the check must too: "nobody in this group answered the
        first question" says nobody in it answered the second. Skipped when the answers do not obey
        the condition (a reader could not rely on it either).
        """
        parent = tallies.question(parent_id)
        eligible = [option_key(parent_id, v) for v in values if option_key(parent_id, v) in self.values]
        self._at_most(base_key(question_id), eligible, "eligible", question_id)
        if parent.tally not in (Tally.ONE_OPTION, Tally.SCALE):
            return  # several answers each: by group, only the question's own base bounds it
        for group_id in groups:
            for gv in [o.value for o in tallies.question(group_id).options] + [NOT_STATED]:
                cells = [cell_key(parent_id, group_id, v, gv) for v in values]
                self._at_most(group_total_key(question_id, group_id, gv),
                              [c for c in cells if c in self.values], "eligible", question_id, group_id, gv)

    def _at_most(self, count: Key, bound: Sequence[Key], *name: str) -> None:
        total = sum(self.values[key] for key in bound)
        if count not in self.values or total < self.values[count]:
            return
        if len(bound) > 1:
            summed = self.helper(total, *name)
            self.line(summed, list(bound))
        elif bound:
            summed = bound[0]
        else:
            return
        self.line(summed, [count, self.helper(total - self.values[count], *name, "not_answered")])

    def mean_rank_facts(self) -> dict[Key, list[Fact]]:
        """What each mean rank says about its option's rank counts (the check may hide a mean rank)."""
        return {key: Publication(figures={}, mean_ranks={key: mean}, positions=self.positions).facts()
                for key, mean in self.mean_ranks.items()}


def ranking_counts(
    question: QuestionTally, patterns: list[tuple[str, ...]]
) -> dict[tuple[str, ...], int] | None:
    """How many people gave each ranking, in some way that gives the question's rank counts."""
    import numpy as np  # a third of a second to import: only when a ranking is checked, not with the module
    from scipy.optimize import Bounds, LinearConstraint, milp

    cells = [(option.value, j, n) for option in question.options for j, n in enumerate(option.rank_counts, 1)]
    matrix = np.array([[1.0 if len(p) >= j and p[j - 1] == value else 0.0 for p in patterns]
                       for value, j, _n in cells])
    wanted = np.array([float(n) for _v, _j, n in cells])
    result = milp(np.zeros(len(patterns)), integrality=np.ones(len(patterns)), bounds=Bounds(0, np.inf),
                  constraints=LinearConstraint(matrix, wanted, wanted))
    if result.status != 0:
        return None
    return {pattern: int(round(n)) for pattern, n in zip(patterns, result.x, strict=True)}


def publishable(
    tallies: ConsultationTallies,
    *,
    breakdowns: Sequence[BreakdownCounts] = (),
    weeks: Sequence[tuple[dt.date, int]] = (),
    earlier: Sequence[Publication] = (),
    as_of: dt.date | None = None,
    conditions: Mapping[str, tuple[str, Sequence[str]]] | None = None,
    left_out: int | None = 0,
    added: int | None = None,
) -> Publication:
    """The figures of a consultation that may be published, protected together.

    ``tallies`` are the consultation's true tallies (free-text questions are left out: free text is
    never published), ``breakdowns`` the questions to show by group, ``weeks`` the responses per week
    (week beginning, count), ``earlier`` what was published before about the same consultation,
    oldest first (:meth:`Publication.as_json` / :meth:`Publication.from_json` keep it), and ``as_of``
    the day the responses were counted up to (kept, so a later publication knows which weeks had
    ended); ``conditions`` says which questions are asked only after which answers (``{question:
    (earlier question, values)}``, the definition's ``show_if``). Today's figures count everyone the
    latest earlier publication counted unless ``left_out`` says how many of them they leave out (a
    figure of some of the responses only; ``None``: an unknown number), and ``added`` how many they
    count that it did not (``None``: unknown). The rules are in
    :mod:`analysis.disclosure.suppression` and the check in :mod:`analysis.disclosure.audit`.
    """
    figures = _Figures()
    figures.publish(RESPONSES, tallies.responses)
    for question in tallies.questions:
        if question.tally != Tally.TEXT:
            figures.question(question, tallies.responses)
    figures.weeks(weeks)
    for breakdown in breakdowns:
        figures.breakdown(tallies, breakdown)
    broken_down = {(b.question_id, b.group_id) for b in breakdowns}
    for question_id, (parent_id, values) in (conditions or {}).items():
        groups = [g for q, g in broken_down if q == question_id and (parent_id, g) in broken_down]
        figures.condition(tallies, question_id, parent_id, values, sorted(groups))
    suppression = Suppression(figures.values, figures.published, figures.lines)
    suppression.suppress()
    order_only = Publication(figures={}, priority=figures.priority, positions=figures.positions)
    guessed = [key for key in figures.values if key[:2] == ("helper", "ranking")]
    audit = Audit(suppression, order_only.facts(), figures.mean_rank_facts(), earlier, guessed,
                  left_out=left_out, added=added)
    audit.run()
    return Publication(
        figures={key: None if key in suppression.hidden else round_to_5(figures.values[key])
                 for key in figures.published},
        lines=tuple(figures.lines),
        mean_ranks={key: None if ("mean_rank", *key) in audit.hidden_mean_ranks else mean
                    for key, mean in figures.mean_ranks.items()},
        priority=figures.priority,
        positions=figures.positions,
        as_of=as_of,
    )
