"""An attacker of the public figures, written apart from analysis.disclosure and sharing none of its code.

It knows what a reader knows: every figure of every publication (``[c]`` figures are unknown), the
rule (a published 0 is exactly 0, 10 is 10-12, any other r is r-2..r+2), the mean ranks and the order
of a ranking, the questions (options, which question is asked only after which answer), and that an
earlier publication counted a subset of the people a later one does. Its unknowns are the
respondents themselves, as whole-number counts of people per combination of answers, so every
relation between the figures holds by construction rather than by a list of sums someone wrote down.

One joint table over every question would be far too big, so the unknowns are a few tables that
share margins, in the shape of a junction tree: a *hub* over (publication, every group), one table
per question (with the question it depends on) over (publication, the groups it is broken down by,
its answers), and one over (publication, week). Each table's margin over what it shares with the hub
equals the hub's. Because no figure mentions two of these tables' own questions at once, any set of
whole-number tables that agree on those margins is the tally of some set of respondents (pair up the
people in each margin cell), so this is exactly as strong as the joint table: the attack is exact,
not a relaxation. Integer programming (:func:`scipy.optimize.milp`) gives the exact whole-number
range; linear programming would only widen it.

For each hidden figure with true value ``v``, it asks: can a table consistent with everything
published have 0 there or 10 or more (``v`` from 1 to 9), or 1 or more (``v`` = 0)? If not, the
reader concludes the count is from 1 to 9, or pins it: a **leak**. For each line where everyone is in
one part (a question's answers, a ranking's row or column, a breakdown's row or group column), it asks
whether a consistent table has someone in another part; if not, the whole group is revealed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array, vstack

from analysis.disclosure import Publication
from tests.disclosure_model import Answer, Model, Question

Cell = dict[str, object]
Predicate = Callable[[Cell], bool]


@dataclass
class Clique:
    attributes: tuple[str, ...]
    cells: list[Cell]
    offset: int = 0
    links: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    """(Another table, the attributes on which their margins agree)."""


@dataclass(frozen=True)
class Leak:
    publication: int
    what: str
    true_value: int
    low: int | None
    high: int | None


def _domain(model: Model, attribute: str) -> list[object]:
    if attribute == "E":
        return list(range(model.publications))
    if attribute == "W":
        return list(range(model.weeks))
    return model.question(attribute).domain()


def _includes(answer: object, values: Sequence[str]) -> bool:
    return any(v in answer for v in values) if isinstance(answer, tuple) else answer in values


def _possible(model: Model, cell: Cell) -> bool:
    for name, answer in cell.items():
        if name in ("E", "W") or answer is None:
            continue
        question = model.question(name)
        if question.parent in cell and not _includes(cell[question.parent], question.parent_values):
            return False
    return True


def _clique(model: Model, attributes: Sequence[str]) -> Clique:
    combos = itertools.product(*(_domain(model, a) for a in attributes))
    cells = [cell for combo in combos if _possible(model, cell := dict(zip(attributes, combo, strict=True)))]
    return Clique(tuple(attributes), cells)


def _blocks(model: Model) -> list[list[Question]]:
    """Each question that depends on no other, with the questions that depend on it."""
    roots = [q for q in model.questions if not q.group and q.parent is None]
    return [[root, *(q for q in model.questions if q.parent == root.id)] for root in roots]


def cliques(model: Model, exact: bool = True) -> list[Clique]:
    """The hub first, then one table per block of questions (then, when not ``exact``, one per group
    and one per breakdown), then the weeks. Each table's ``links`` say what it shares with which.

    ``exact``: the hub is over every group and each block's table over the groups it is broken down
    by (a junction tree: exact). Otherwise the hub is over the publication only, each group and each
    breakdown has its own table, linked to the group's and the question's tables by their margins:
    what a reader knows from the published tables as such, without the joint answers of several
    groups (a relaxation, used where the exact tables are too big).
    """
    groups = [q.id for q in model.questions if q.group]
    blocks = _blocks(model)
    if exact:
        found = [_clique(model, ["E", *groups])]
        for block in blocks:
            ids = {q.id for q in block}
            used = [g for g in groups if any(q in ids and gg == g for q, gg in model.breakdowns)]
            found.append(_clique(model, ["E", *used, *(q.id for q in block)]))
        found.append(_clique(model, ["E", "W"]))
        for clique in found[1:]:
            clique.links = [(0, tuple(a for a in clique.attributes if a in found[0].attributes))]
    else:
        found = [_clique(model, ["E"])]
        found += [_clique(model, ["E", g]) for g in groups]
        found += [_clique(model, ["E", *(q.id for q in block)]) for block in blocks]
        for clique in found[1:]:
            clique.links = [(0, ("E",))]
        for q, g in model.breakdowns:
            clique = _clique(model, ["E", g, q])
            home = next(i for i, c in enumerate(found) if q in c.attributes)
            clique.links = [(found.index(next(c for c in found if c.attributes == ("E", g))), ("E", g)),
                            (home, ("E", q))]
            found.append(clique)
        weeks = _clique(model, ["E", "W"])
        weeks.links = [(0, ("E",))]
        found.append(weeks)
    offset = 0
    for clique in found:
        clique.offset = offset
        offset += len(clique.cells)
    return found


def _rounding_bounds(value: int) -> tuple[int, int]:
    if value == 0:
        return (0, 0)
    return (max(10, value - 2), value + 2)


def _ranks(answer: Answer) -> tuple[str, ...]:
    return answer if isinstance(answer, tuple) else ()


class Attacker:
    def __init__(self, model: Model, publications: Sequence[Publication], exact: bool = True,
                 whole_numbers: bool = True) -> None:
        self.model = model
        self.exact = exact
        self.whole_numbers = whole_numbers
        self.publications = publications
        self.cliques = cliques(model, exact)
        self.size = sum(len(c.cells) for c in self.cliques)
        self.rows: list[dict[int, float]] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.hidden: list[tuple[int, str, Predicate, Clique]] = []
        self._known: csr_array | None = None
        self._parts: list[int] | None = None
        self._row_parts: list[set[int]] = []
        self._hub_ranges: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for clique in self.cliques:  # tables agree on what they share
            for other_index, shared in clique.links:
                other = self.cliques[other_index]
                for combo in itertools.product(*(_domain(model, a) for a in shared)):
                    want = dict(zip(shared, combo, strict=True))
                    row = self._sum(clique, lambda c, w=want: all(c[a] == v for a, v in w.items()))
                    there = self._sum(other, lambda c, w=want: all(c[a] == v for a, v in w.items()))
                    for index, weight in there.items():
                        row[index] = row.get(index, 0.0) - weight
                    self._add(row, 0.0, 0.0)
        for number, publication in enumerate(publications):
            self._read(number, publication)
            self._read_weeks(number, publication)
        assert self.feasible({}, -np.inf, np.inf), "the attacker's model does not fit the true answers"

    # --- what each published figure means -------------------------------------------------------

    def _home(self, question_id: str, group_id: str | None = None) -> Clique:
        for clique in self.cliques[1:]:
            if question_id in clique.attributes and (group_id is None or group_id in clique.attributes):
                return clique
        return self.cliques[0]

    def meaning(self, key: tuple[object, ...]) -> tuple[Clique, Predicate]:
        """The table a published figure is read from, and who it counts."""
        kind, *rest = key
        if kind == "responses":
            return self.cliques[0], lambda c: True
        if kind == "week":
            week = (dt.date.fromisoformat(str(rest[0])) - self.model.first_week).days // 7
            return self.cliques[-1], lambda c: c["W"] == week
        question = self.model.question(str(rest[0]))
        q = question.id
        if kind == "base":
            return self._home(q), lambda c: c[q] is not None
        if kind == "option":
            value = rest[1]
            if question.kind in ("multiple_choice", "ranking"):
                return self._home(q), lambda c: value in _ranks(c[q])
            return self._home(q), lambda c: c[q] == value
        if kind == "rank":
            value, position = rest[1], int(rest[2])
            return self._home(q), lambda c: _ranks(c[q])[position - 1:position] == (value,)
        g = str(rest[1])

        def first(answer: Answer) -> object:
            return answer[0] if isinstance(answer, tuple) else answer

        def group_is(c: Cell, group: object) -> bool:
            return c[g] is None if group == "" else c[g] == group

        if kind == "cell":
            value, group = rest[2], rest[3]
            return self._home(q, g), lambda c: (c[q] is not None and first(c[q]) == value
                                                and group_is(c, group))
        if kind == "group_total":
            group = rest[2]
            return self._home(q, g), lambda c: c[q] is not None and group_is(c, group)
        raise AssertionError(f"The attacker does not know what {key} counts")

    def _sum(self, clique: Clique, predicate: Predicate, publication: int | None = None,
             weight: Callable[[Cell], float] | None = None) -> dict[int, float]:
        return {clique.offset + i: (1.0 if weight is None else weight(cell))
                for i, cell in enumerate(clique.cells)
                if (publication is None or int(cell["E"]) <= publication) and predicate(cell)}  # type: ignore[arg-type]

    def _add(self, row: dict[int, float], low: float, high: float) -> None:
        self.rows.append(row)
        self.lower.append(low)
        self.upper.append(high)

    def _read(self, number: int, publication: Publication) -> None:
        for key, value in publication.figures.items():
            clique, predicate = self.meaning(key)
            if value is None:
                self.hidden.append((number, repr(key), predicate, clique))
            else:
                low, high = _rounding_bounds(value)
                self._add(self._sum(clique, predicate, number), low, high)
        for key, mean in publication.mean_ranks.items():
            if mean is None:
                continue
            q, value = str(key[1]), key[2]
            clique = self._home(q)

            def position(c: Cell, q: str = q, value: object = value) -> float:
                return float(_ranks(c[q]).index(value) + 1)

            ranked = self._sum(clique, lambda c, q=q, v=value: v in _ranks(c[q]), number)
            low_row = self._sum(clique, lambda c, q=q, v=value: v in _ranks(c[q]), number,
                                lambda c, p=position, m=mean: p(c) - m + 0.05)
            high_row = self._sum(clique, lambda c, q=q, v=value: v in _ranks(c[q]), number,
                                 lambda c, p=position, m=mean: p(c) - m - 0.05)
            assert ranked
            self._add(low_row, 0.0, np.inf)
            self._add(high_row, -np.inf, -0.025)
        for q, order in publication.priority.items():
            question, clique = self.model.question(q), self._home(q)
            for better, worse in itertools.pairwise(order):
                row = self._sum(clique, lambda c: True, number, lambda c, q=q, b=better, w=worse,
                                r=question.positions: _points(c[q], b, r) - _points(c[q], w, r))
                self._add(row, 0.0, np.inf)

    def _read_weeks(self, number: int, publication: Publication) -> None:
        """Weeks not listed had no responses; with publications in time, weeks that had ended when a
        publication was made get nobody new later."""
        weeks = self.cliques[-1]
        listed = {(start - self.model.first_week).days // 7 for start, _n in publication.weeks()}
        for week in set(range(self.model.weeks)) - listed:
            self._add(self._sum(weeks, lambda c, w=week: c["W"] == w, number), 0.0, 0.0)
        if number < len(self.model.cuts):
            cut = self.model.cuts[number]
            self._add(self._sum(weeks, lambda c: int(c["W"]) < cut and int(c["E"]) > number), 0.0, 0.0)

    # --- the attack -----------------------------------------------------------------------------

    def _matrix(self, rows: list[dict[int, float]]) -> csr_array:
        entries = [(w, r, c) for r, each in enumerate(rows) for c, w in each.items()]
        weights, row_ids, columns = zip(*entries, strict=True) if entries else ((), (), ())
        return csr_array((weights, (row_ids, columns)), shape=(len(rows), self.size))

    def _solve(self, objective: np.ndarray, row: dict[int, float], low: float, high: float) -> object:
        if not self.exact:
            return self._solve_in_parts(objective, row, low, high)
        if self._known is None or self._known.shape[0] != len(self.rows):
            self._known = self._matrix(self.rows)
        matrix = vstack([self._known, self._matrix([row])], format="csr")
        return milp(objective, integrality=np.ones(self.size), bounds=Bounds(0, np.inf),
                    constraints=LinearConstraint(matrix, [*self.lower, low], [*self.upper, high]),
                    options={"time_limit": 120})

    # Without the exact tables, the problem splits: tables tied to each other only through the hub
    # (the responses) are solved apart, each other part standing in by the range of responses it
    # allows. That is exact for linear programming with one publication (the hub is one number);
    # with whole numbers, or with several publications, it can only let the attacker allow more.

    def _clique_of(self, column: int) -> int:
        return bisect.bisect_right([c.offset for c in self.cliques], column) - 1

    def _part_of(self) -> list[int]:
        part = list(range(len(self.cliques)))

        def find(i: int) -> int:
            while part[i] != i:
                i = part[i]
            return i

        for index, clique in enumerate(self.cliques):
            for other, _shared in clique.links:
                if other != 0 and index != 0:
                    part[find(index)] = find(other)
        return [find(i) for i in range(len(self.cliques))]

    def _solve_in_parts(self, objective: np.ndarray, row: dict[int, float], low: float,
                        high: float) -> object:
        if self._parts is None:
            self._parts = self._part_of()
            self._row_parts = [{self._parts[self._clique_of(c)] for c in each} - {self._parts[0]}
                               for each in self.rows]
            self._hub_ranges = {}
            for part in set(self._parts) - {self._parts[0]}:
                self._hub_ranges[part] = self._hub_range(part)
        touched = {self._parts[self._clique_of(c)] for c in row} | {
            self._parts[self._clique_of(c)] for c in np.flatnonzero(objective)}
        touched.discard(self._parts[0])
        part = touched.pop() if touched else next(iter(self._hub_ranges))
        assert not touched, "a figure spans two parts"
        hub = self.cliques[0]
        low_hub = np.zeros(len(hub.cells))
        high_hub = np.full(len(hub.cells), np.inf)
        for other, (lows, highs) in self._hub_ranges.items():
            if other != part:
                low_hub, high_hub = np.maximum(low_hub, lows), np.minimum(high_hub, highs)
        return self._lp(part, objective, row, low, high, (low_hub, high_hub))

    def _hub_range(self, part: int) -> tuple[np.ndarray, np.ndarray]:
        hub = self.cliques[0]
        lows, highs = [], []
        for i in range(len(hub.cells)):
            objective = np.zeros(self.size)
            objective[hub.offset + i] = 1.0
            bottom = self._lp(part, objective, {}, -np.inf, np.inf, None)
            top = self._lp(part, -objective, {}, -np.inf, np.inf, None)
            lows.append(bottom.fun if bottom.status == 0 else np.inf)  # type: ignore[attr-defined]
            highs.append(-top.fun if top.status == 0 else np.inf)  # type: ignore[attr-defined]
        return np.array(lows), np.array(highs)

    def _lp(self, part: int, objective: np.ndarray, row: dict[int, float], low: float, high: float,
            hub_bounds: tuple[np.ndarray, np.ndarray] | None) -> object:
        keep = [i for i, clique in enumerate(self.cliques) if self._parts[i] in (part, self._parts[0])]
        columns = np.concatenate([np.arange(self.cliques[i].offset, self.cliques[i].offset
                                            + len(self.cliques[i].cells)) for i in keep])
        position = {int(c): k for k, c in enumerate(columns)}
        rows = [r for r, parts in enumerate(self._row_parts) if parts <= {part}]
        chosen = [{position[c]: w for c, w in self.rows[r].items()} for r in rows]
        chosen.append({position[c]: w for c, w in row.items()})
        entries = [(w, r, c) for r, each in enumerate(chosen) for c, w in each.items()]
        weights, row_ids, cols = zip(*entries, strict=True)
        matrix = csr_array((weights, (row_ids, cols)), shape=(len(chosen), len(columns)))
        lower = np.zeros(len(columns))
        upper = np.full(len(columns), np.inf)
        if hub_bounds is not None:
            hub = self.cliques[0]
            lower[: len(hub.cells)], upper[: len(hub.cells)] = hub_bounds  # the hub's columns come first
        integrality = np.full(len(columns), 1.0 if self.whole_numbers else 0.0)
        return milp(objective[columns], integrality=integrality, bounds=Bounds(lower, upper),
                    constraints=LinearConstraint(matrix, [*(self.lower[r] for r in rows), low],
                                                 [*(self.upper[r] for r in rows), high]))

    def feasible(self, row: dict[int, float], low: float, high: float) -> bool:
        """Whether whole-number counts matching everything published put ``row`` in ``[low, high]``."""
        result = self._solve(np.zeros(self.size), row, low, high)
        assert result.status in (0, 2), result.message  # type: ignore[attr-defined]
        return bool(result.status == 0)  # type: ignore[attr-defined]

    def interval(self, row: dict[int, float]) -> tuple[int | None, int | None]:
        """The whole-number range of ``row`` consistent with everything published."""
        ends = []
        for sign in (1.0, -1.0):
            objective = np.zeros(self.size)
            for column, weight in row.items():
                objective[column] = sign * weight
            result = self._solve(objective, {}, -np.inf, np.inf)
            if result.status != 0:  # type: ignore[attr-defined]
                ends.append(None)
            else:  # the whole-number range (rounded inwards when counts may be fractions)
                end = sign * result.fun  # type: ignore[attr-defined]
                ends.append(int(np.ceil(end - 1e-6)) if sign > 0 else int(np.floor(end + 1e-6)))
        return ends[0], ends[1]

    def true_count(self, publication: int, predicate: Predicate, clique: Clique) -> int:
        names = clique.attributes
        total = 0
        for r in self.model.included(publication):
            cell: Cell = {"E": r.epoch, "W": r.week}
            cell.update({q.id: a for q, a in zip(self.model.questions, r.answers, strict=True)})
            total += predicate({name: cell[name] for name in names})
        return total

    def leaks(self) -> list[Leak]:
        """Every hidden figure a reader could narrow to 1-9 or pin under 10; every whole group shown."""
        found = []
        for number, what, predicate, clique in self.hidden:
            value = self.true_count(number, predicate, clique)
            if value >= 10:
                continue
            row = self._sum(clique, predicate, number)
            safe = (self.feasible(row, 1, np.inf) if value == 0
                    else self.feasible(row, 0, 0) or self.feasible(row, 10, np.inf))
            if not safe:
                found.append(Leak(number, what, value, *self.interval(row)))
        return found + self.group_leaks()

    def group_leaks(self) -> list[Leak]:
        found = []
        for number in range(self.model.publications):
            for what, clique, parts in self._group_lines():
                if len(parts) < 2:
                    continue  # one part: everyone is in it by construction, which says nothing
                counts = [self.true_count(number, part, clique) for part in parts]
                if sum(counts) == 0 or sum(n != 0 for n in counts) != 1:
                    continue
                row: dict[int, float] = {}
                for part, n in zip(parts, counts, strict=True):
                    if n == 0:
                        row.update(self._sum(clique, part, number))
                if not self.feasible(row, 1, np.inf):
                    found.append(Leak(number, f"whole group: {what}", sum(counts), None, None))
        return found

    def _group_lines(self) -> list[tuple[str, Clique, list[Predicate]]]:
        lines = []
        for question in self.model.questions:
            q = question.id
            if question.kind in ("single_choice", "scale"):
                parts = [self.meaning(("option", q, v))[1] for v in question.options]
                lines.append((q, self._home(q), parts))
            if question.kind == "ranking":
                for v in question.options:
                    parts = [self.meaning(("rank", q, v, j))[1] for j in range(1, question.positions + 1)]
                    lines.append((f"{q} row {v}", self._home(q), parts))
                for j in range(1, question.positions + 1):
                    parts = [self.meaning(("rank", q, v, j))[1] for v in question.options]
                    lines.append((f"{q} column {j}", self._home(q), parts))
        for q, g in self.model.breakdowns:
            options, groups = self.model.question(q).options, self.model.question(g).options
            clique = self._home(q, g)
            for v in options:
                parts = [self.meaning(("cell", q, g, v, gv))[1] for gv in (*groups, "")]
                lines.append((f"{q} by {g} row {v}", clique, parts))
            for gv in groups:
                parts = [self.meaning(("cell", q, g, v, gv))[1] for v in options]
                lines.append((f"{q} by {g} column {gv}", clique, parts))
        return lines


def _points(answer: Answer, option: str, positions: int) -> float:
    ranks = _ranks(answer)
    return float(positions + 1 - (ranks.index(option) + 1)) if option in ranks else 0.0
