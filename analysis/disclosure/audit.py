"""The check before anything is published: can any hidden count be worked out from everything else?

A reader who knows the rule knows each published count to within its rounding (a published 35 is 33
to 37; 10 is 10 to 12; 0 is exactly 0), that every line adds up, that counts are whole numbers of 0 or
more, what the mean ranks and a ranking's order say (:meth:`Publication.facts`), and that an earlier
publication of the same consultation counted some of the same people (each of its counts is at most
today's, and a week that had ended when it was made has the same count today). A hidden count is
**safe** when the reader cannot conclude that it is from 1 to 9, and cannot pin it to a single value
under 10: for a hidden count of 1 to 9 some table consistent with everything published has 0 there,
or 10 or more; for a hidden 0, some table has 1 or more.

Each proof is a *witness*: whole-number counts that match everything published and have the wanted
value in that place, found by integer linear programming (:func:`scipy.optimize.milp`). To be quick
the search first lets only the figures near the hidden one move, keeping every other count at its
true value; such a witness is a witness for the whole publication, so it proves safety. Only when
that fails is the whole publication searched, and a failure there means a reader really could work
the count out: then one more figure nearby is hidden (the first, nearest first, that restores a
witness; parts before totals, small before large, a mean rank last) and the checking goes on. Hiding
a figure only widens what a reader must allow for, so a count proved safe stays safe.

A line where the whole-group rule applies and everyone is in one part is checked the same way: some
table consistent with the publication must have someone in another part.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from analysis.disclosure.figures import Fact, Key, Line, Publication
from analysis.disclosure.rules import THRESHOLD, reader_bounds, round_to_5
from analysis.disclosure.suppression import Suppression

_RADII = (1, 2, 4)
_CANDIDATES = 16
_TIME_LIMIT = 20.0


@dataclass(frozen=True)
class _Target:
    """The sum of ``keys`` is from ``lower`` to ``upper``."""

    keys: tuple[Key, ...]
    lower: int
    upper: int | None


def _earlier(number: int, key: Key) -> Key:
    return ("earlier", number, *key)


class Audit:
    """Check and repair the hidden figures of a :class:`Suppression`, with earlier publications.

    ``facts`` are what today's publication says besides its counts that cannot be hidden (a
    ranking's order); ``mean_ranks`` the facts each published mean rank gives, by the option's key,
    which the repair may hide (``hidden_mean_ranks`` lists those it did). ``guessed`` are unpublished
    counts whose values are not the true ones but merely fit (how many gave each ranking): they are
    found again together with the earlier publications' counts.
    """

    def __init__(self, suppression: Suppression, facts: Sequence[Fact] = (),
                 mean_ranks: Mapping[Key, Sequence[Fact]] | None = None,
                 earlier: Sequence[Publication] = (), guessed: Iterable[Key] = (),
                 left_out: int | None = 0, added: int | None = None) -> None:
        self.suppression = suppression
        self.lines: list[Line] = list(suppression.lines)
        self.facts: list[Fact] = list(facts)
        self.point: dict[Key, int] = dict(suppression.values)
        self.earlier_published: dict[Key, int | None] = {}
        self.mean_rank_facts: dict[Key, list[int]] = {}
        for key, given in (mean_ranks or {}).items():
            first = len(self.facts)
            self.mean_rank_facts[("mean_rank", *key)] = list(range(first, first + len(given)))
            self.facts.extend(given)
        self.hidden_mean_ranks: set[Key] = set()
        self.active = set(range(len(self.facts)))
        self.unchanged: set[Key] = set()
        self.relaxed = False
        unknown = self._add_earlier(earlier, left_out, added)
        self._index()
        if unknown:  # with the counts only guessed today (how many gave each ranking) found afresh
            unknown = sorted(set(unknown) | set(guessed), key=repr)
            found = self._solve(unknown, None)
            if found is None and self.unchanged:
                # Responses were added to weeks that had ended (a late import): a reader cannot rely
                # on those weeks being unchanged either, so neither does the check.
                self.unchanged = set()
                found = self._solve(unknown, None)
            if found is None:
                raise ValueError("The earlier publications do not fit today's counts")
            self.point.update(found)

    def _index(self) -> None:
        self.lines_of: dict[Key, list[int]] = defaultdict(list)
        for index, line in enumerate(self.lines):
            for key in line.keys():
                self.lines_of[key].append(index)
        self.facts_of: dict[Key, list[int]] = defaultdict(list)
        for index, fact in enumerate(self.facts):
            for key, _weight in fact.terms:
                self.facts_of[key].append(index)
        self.mean_rank_of_fact = {i: key for key, indices in self.mean_rank_facts.items() for i in indices}

    def bounds(self, key: Key) -> tuple[int, int | None]:
        """The range a reader knows a figure is in from its own published value."""
        if key in self.earlier_published:
            return reader_bounds(self.earlier_published[key])
        if key in self.unchanged:
            return (0, 0)
        if self.relaxed:
            return (0, None)
        if key in self.suppression.published and not self.suppression.is_hidden(key):
            return reader_bounds(round_to_5(self.point[key]))
        return (0, None)

    # --- the check and the repair --------------------------------------------------------------

    def run(self) -> None:
        """Check every hidden figure and whole-group line; hide more until all are safe."""
        earlier = sorted((key for key, value in self.earlier_published.items() if value is None), key=repr)
        queue = deque(sorted(self.suppression.hidden, key=repr) + earlier)
        groups = deque(line for line in self.suppression.lines if self._whole_group(line))
        checked: set[Key] = set()
        while queue or groups:
            before = set(self.suppression.hidden)
            if queue:
                key = queue.popleft()
                if key in checked:
                    continue
                checked.add(key)
                self._make_safe(key, lambda k=key: self.figure_is_safe(k))
            else:
                line = groups.popleft()
                self._make_safe(line.total, lambda line=line: self.group_is_safe(line))
            queue.extend(sorted(self.suppression.hidden - before, key=repr))

    def figure_is_safe(self, key: Key) -> bool:
        """Whether a reader can neither conclude the hidden figure is 1-9 nor pin it under 10."""
        value = self.point[key]
        if value >= THRESHOLD:
            return True
        if value == 0:
            return self.witness(key, _Target((key,), 1, None)) or self._known_before(key)
        return self.witness(key, _Target((key,), 0, 0)) or self.witness(key, _Target((key,), THRESHOLD, None))

    def _known_before(self, key: Key) -> bool:
        """Whether earlier publications alone say the count is 0, whatever today's figures are (a
        count of some of the people of an earlier 0): hiding more today could not change that."""
        if not self.earlier_published:
            return False
        self.relaxed = True
        try:
            return self._solve(sorted(self.point, key=repr), _Target((key,), 1, None)) is None
        finally:
            self.relaxed = False

    def group_is_safe(self, line: Line) -> bool:
        """Whether a reader cannot conclude that everyone on a whole-group line is in one part."""
        others = tuple(part for part in line.parts if self.point[part] == 0)
        return self.witness(line.total, _Target(others, 1, None))

    def _whole_group(self, line: Line) -> bool:
        if not line.zero_rule or self.point[line.total] == 0 or len(line.parts) < 2:
            return False
        return sum(self.point[part] != 0 for part in line.parts) == 1

    def _make_safe(self, key: Key, is_safe: Callable[[], bool]) -> None:
        while not is_safe():
            candidates = self._candidates(key)
            if not candidates:
                return  # only earlier publications' own figures are left: nothing today can change them
            chosen = candidates[0]
            for candidate in candidates:
                undo = self._hide(candidate)
                works = is_safe()
                undo()
                if works:
                    chosen = candidate
                    break
            self._hide(chosen)
            self.suppression.suppress_more()

    def _hide(self, key: Key) -> Callable[[], None]:
        if key in self.mean_rank_facts:
            indices = set(self.mean_rank_facts[key])
            self.active -= indices
            self.hidden_mean_ranks.add(key)

            def show_mean_rank() -> None:
                self.active |= indices
                self.hidden_mean_ranks.discard(key)

            return show_mean_rank
        self.suppression.hidden.add(key)
        return lambda: self.suppression.hidden.discard(key)

    def _candidates(self, key: Key) -> list[Key]:
        """Shown figures of today's publication near ``key``, nearest first, then by preference."""
        found: dict[Key, tuple[object, ...]] = {}
        seen = {key}
        frontier = [key]
        distance = 0
        while frontier and len(found) < _CANDIDATES:
            distance += 1
            following = []
            for current in frontier:
                for fact in self.facts_of[current]:
                    mean_rank = self.mean_rank_of_fact.get(fact)
                    if mean_rank is not None and fact in self.active and mean_rank not in found:
                        found[mean_rank] = (distance, 2, 0, 0, repr(mean_rank))
                for index in self.lines_of[current]:
                    for other in self.lines[index].keys():
                        if other in seen:
                            continue
                        seen.add(other)
                        following.append(other)
                        if self._hideable(other):
                            value = self.point[other]
                            total = int(self._is_total(other))
                            found[other] = (distance, total, value == 0, value, repr(other))
            frontier = following
        return sorted(found, key=found.__getitem__)[:_CANDIDATES]

    def _hideable(self, key: Key) -> bool:
        suppression = self.suppression
        shown = key in suppression.published and not suppression.is_hidden(key)
        return shown and not suppression.fixed_zero(key)

    def _is_total(self, key: Key) -> bool:
        return any(self.lines[index].total == key for index in self.lines_of[key])

    # --- witnesses -----------------------------------------------------------------------------

    def witness(self, key: Key, target: _Target) -> bool:
        """Whether whole-number counts matching everything published meet ``target``."""
        for radius in _RADII:
            if self._solve(self._near(key, target, radius), target) is not None:
                return True
        return self._solve(sorted(self.point, key=repr), target) is not None

    def _near(self, key: Key, target: _Target, radius: int) -> list[Key]:
        """The figures within ``radius`` lines of ``key``, walking on through hidden ones only."""
        chosen = {key, *target.keys}
        frontier = list(chosen)
        for _step in range(radius):
            following = []
            for current in frontier:
                if current != key and current not in target.keys and self.bounds(current)[1] is not None:
                    continue  # a shown figure moves only within its rounding: no need to walk past it
                for index in self.lines_of[current]:
                    for other in self.lines[index].keys():
                        if other not in chosen:
                            chosen.add(other)
                            following.append(other)
            frontier = following
        return sorted(chosen, key=repr)

    def _solve(self, variables: list[Key], target: _Target | None) -> dict[Key, int] | None:
        """Counts for ``variables`` (all others at ``point``) matching everything and ``target``."""
        index = {key: i for i, key in enumerate(variables)}
        rows: list[dict[int, float]] = []
        lower: list[float] = []
        upper: list[float] = []

        def add(terms: Iterable[tuple[Key, float]], low: float | None, high: float | None) -> None:
            row: dict[int, float] = defaultdict(float)
            constant = 0.0
            for key, weight in terms:
                if key in index:
                    row[index[key]] += weight
                else:
                    constant += weight * self.point[key]
            rows.append(row)
            lower.append(-np.inf if low is None else low - constant)
            upper.append(np.inf if high is None else high - constant)

        for line_index in sorted({i for key in variables for i in self.lines_of[key]}):
            line = self.lines[line_index]
            add([(part, 1.0) for part in line.parts] + [(line.total, -1.0)], 0.0, 0.0)
        for fact_index in sorted({i for key in variables for i in self.facts_of[key]} & self.active):
            fact = self.facts[fact_index]
            add(fact.terms, fact.lower, fact.upper)
        if target is not None:
            add([(key, 1.0) for key in target.keys], target.lower, target.upper)
        bounds = [self.bounds(key) for key in variables]
        low = np.array([b[0] for b in bounds], dtype=float)
        high = np.array([np.inf if b[1] is None else b[1] for b in bounds], dtype=float)
        entries = [(weight, r, c) for r, row in enumerate(rows) for c, weight in row.items()]
        weights, row_ids, column_ids = zip(*entries, strict=True) if entries else ((), (), ())
        matrix = csr_array((weights, (row_ids, column_ids)), shape=(len(rows), len(variables)))
        result = milp(np.zeros(len(variables)), integrality=np.ones(len(variables)), bounds=Bounds(low, high),
                      constraints=LinearConstraint(matrix, lower, upper), options={"time_limit": _TIME_LIMIT})
        if result.status != 0:
            return None
        return {key: int(round(value)) for key, value in zip(variables, result.x, strict=True)}

    # --- earlier publications ------------------------------------------------------------------

    def _add_earlier(
        self, earlier: Sequence[Publication], left_out: int | None, added: int | None
    ) -> list[Key]:
        """Add earlier publications, oldest first, each counting some of the people the next one does.

        Today's figures count everyone the latest earlier publication did when ``left_out`` is 0; else
        they may leave out some of them (``left_out`` of them, or an unknown number: ``None``), as a
        figure of only some of the responses does, and count ``added`` more (``None``: unknown).

        Returns the figures whose values must be found: their true values are not kept anywhere, so
        the check starts from any counts that fit what they published (a witness from there is as
        good as from the true ones).
        """
        keys_of = [{key for line in p.lines for key in line.keys()} | set(p.figures) for p in earlier]
        unknown: list[Key] = []
        for number, publication in enumerate(earlier):
            for line in publication.lines:
                self.lines.append(Line(_earlier(number, line.total),
                                       tuple(_earlier(number, part) for part in line.parts)))
            for fact in publication.facts():
                terms = tuple((_earlier(number, k), w) for k, w in fact.terms)
                self._fact(Fact(terms, fact.lower, fact.upper))
            for key, value in publication.figures.items():
                self.earlier_published[_earlier(number, key)] = value
            last = number == len(earlier) - 1
            complete = publication.complete_weeks()
            shared = keys_of[number] & (set(self.point) if last else keys_of[number + 1])
            if last and left_out != 0:
                unknown += self._overlap(number, sorted(shared, key=repr), complete, left_out, added)
            else:
                for key in sorted(shared, key=repr):
                    later = key if last else _earlier(number + 1, key)
                    self.lines.append(Line(later, (_earlier(number, key), ("new", number, *key))))
                    unknown.append(("new", number, *key))
                    if key in complete:  # a week that had ended gets nobody new
                        self.unchanged.add(("new", number, *key))
            unknown += [_earlier(number, key) for key in keys_of[number]]
        return sorted(set(unknown), key=repr)

    def _overlap(self, number: int, shared: list[Key], complete: set[Key], left_out: int | None,
                 added: int | None) -> list[Key]:
        """Link today's figures to an earlier publication that counted people today's leave out.

        Each shared figure is, in both, a count of the people they have in common plus their own:
        earlier = common + gone, today = common + new. The people in common are people too, so their
        counts add up as today's figures do; a reader may know how many are gone and how many new.
        """
        unknown: list[Key] = []
        for key in shared:
            common, gone, new = (("common", number, *key), ("gone", number, *key), ("new", number, *key))
            self.lines.append(Line(_earlier(number, key), (common, gone)))
            unknown += [common, gone]
            if left_out is not None:
                self._fact(Fact(((gone, 1.0),), upper=float(left_out)))
            if added == 0:
                self.lines.append(Line(key, (common,)))
                continue
            self.lines.append(Line(key, (common, new)))
            unknown.append(new)
            if added is not None:
                self._fact(Fact(((new, 1.0),), upper=float(added)))
            if key in complete:  # a week that had ended gets nobody new
                self.unchanged.add(new)
        in_common = set(shared)
        for line in self.suppression.lines:
            if all(key in in_common for key in line.keys()):
                self.lines.append(Line(("common", number, *line.total),
                                       tuple(("common", number, *part) for part in line.parts)))
        return unknown

    def _fact(self, fact: Fact) -> None:
        self.active.add(len(self.facts))
        self.facts.append(fact)
