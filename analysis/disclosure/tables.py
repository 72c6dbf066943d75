"""The 10-5 rule for one free-standing question or cross-tab (:func:`protect_counts`, :func:`protect_table`).

These protect one table on its own. A consultation's public figures are many tables that share
totals (a question's counts are the margins of its breakdowns by group): they are protected
together by :func:`analysis.disclosure.publishable`, whose rules are stricter (a zero that reveals a
whole group is hidden, and every hidden figure is checked against all the others by linear
programming). Suppressed figures are ``None`` here and are shown as ``[c]``.

Decisions, and why:

* **Zeros are shown as 0.** A true zero says nobody in the group gave that answer; it identifies no
  one, and hiding every zero would blank most of a small cross-tab. The residual risk is *group
  disclosure* (a row where everyone gave one answer); pass ``suppress_zeros=True`` for tables where
  that matters. A line whose own total is under the threshold is hidden entirely, zeros included,
  except the zeros of a line that itself totals 0: its published 0 already says they are 0.
* **Totals are rounded from the true totals**, not summed from rounded cells, so published cells need
  not add up to their published total. That is normal ONS practice and part of the protection.
* **Primary and secondary suppression look the same.** Telling readers which ``[c]`` is "under 10"
  would tell an attacker which hidden cell is the small one.
* **Secondary suppression (tables).** Each row and column, including the row of column totals and the
  column of row totals, is a line whose entries add up to its total. A line with exactly one hidden
  figure gives it away by subtraction, so another entry of that line is hidden. The one chosen is, in
  order of preference: one that mends another line with a single hidden figure rather than creating
  one, non-zero (a hidden 0 hides little), then the smallest; never a zero of a line totalling 0. This
  repeats until no line has exactly one hidden figure. That alone is not enough: hidden cells can be
  solved from several lines at once (a hidden cell that is a *bridge* in the graph of hidden cells,
  rows and columns as nodes). Each such cell is put on a cycle by hiding one more cell, because a
  hidden cell is fixed by the published totals exactly when it lies on no cycle. The tests attack
  the output two ways: exact linear algebra over all lines, and bound-tightening with the rounding.
* **One question's counts** (:func:`protect_counts`) are protected against their base. When the counts
  add up to more than the base (a multiple-choice question: one person ticks several options) no sum
  links them, so no secondary suppression is needed. When they add up to less, the shortfall (people
  who answered but fall in no listed count) is never shown, so it already hides a figure by itself;
  if it is itself 1-9 a count is hidden to protect it.

``threshold`` and ``base`` default to 10 and 5; half-way values round up (ONS convention).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from analysis.disclosure.rules import Published, display, public_percent, round_to_base

_Pos = tuple[int, int]


def _is_primary(value: int, threshold: int, suppress_zeros: bool) -> bool:
    return 0 < value < threshold or (suppress_zeros and value == 0)


def _check_options(threshold: int, base: int) -> None:
    if threshold < 1:
        raise ValueError(f"The threshold must be at least 1, got {threshold}")
    if base < 1:
        raise ValueError(f"The rounding base must be at least 1, got {base}")


# --- one question --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProtectedCounts:
    """One question's option counts and base, safe to publish."""

    counts: Mapping[str, Published]
    """Rounded count per option, in the order given; ``None`` where suppressed."""
    total: Published
    """The rounded base (respondents who answered), or ``None`` when it is under the threshold."""

    def percent(self, option: str) -> float | None:
        """The public percentage of the base for ``option``; ``None`` when either figure is hidden."""
        return public_percent(self.counts[option], self.total)

    def display(self) -> dict[str, str]:
        """Each option's figure as shown to the public (``"[c]"`` when suppressed)."""
        return {option: display(value) for option, value in self.counts.items()}


def protect_counts(
    counts: Mapping[str, int],
    total: int | None = None,
    *,
    threshold: int = 10,
    base: int = 5,
    suppress_zeros: bool = False,
) -> ProtectedCounts:
    """Apply the 10-5 rule to one question's ``counts`` against its ``total`` (default: their sum).

    ``{"a": 46, "b": 23, "c": 7, "d": 3}`` with total 79 publishes a 45, b 25, c and d ``[c]``, total
    80. See the module docstring for how multiple-choice counts and a shortfall are handled.
    """
    _check_options(threshold, base)
    labels = list(counts)
    values = [counts[label] for label in labels]
    if any(value < 0 for value in values):
        raise ValueError("Counts must not be negative")
    true_total = sum(values) if total is None else total
    if values and max(values) > true_total:
        raise ValueError(f"A count ({max(values)}) is larger than the total ({true_total})")
    hidden = {i for i, value in enumerate(values) if _is_primary(value, threshold, suppress_zeros)}
    total_hidden = _is_primary(true_total, threshold, suppress_zeros)
    if total_hidden:
        hidden = set(range(len(values)))
    elif sum(values) <= true_total:
        hidden |= _complete_single_line(values, hidden, true_total - sum(values), threshold)
    published = {
        label: None if i in hidden else round_to_base(values[i], base) for i, label in enumerate(labels)
    }
    return ProtectedCounts(published, None if total_hidden else round_to_base(true_total, base))


def _complete_single_line(values: list[int], hidden: set[int], shortfall: int, threshold: int) -> set[int]:
    """The extra option to hide so that no hidden figure in one additive line can be subtracted out."""
    # The shortfall is never published, so it counts as hidden; it needs protecting only when small.
    unknowns = len(hidden) + (1 if shortfall > 0 else 0)
    if unknowns != 1 or (not hidden and shortfall >= threshold):
        return set()
    candidates = [i for i in range(len(values)) if i not in hidden]
    if not candidates:
        return set()
    return {min(candidates, key=lambda i: (values[i] == 0, values[i], i))}


# --- cross-tabulations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ProtectedTable:
    """A cross-tab with row, column and grand totals, safe to publish."""

    rows: tuple[Hashable, ...]
    columns: tuple[Hashable, ...]
    cells: tuple[tuple[Published, ...], ...]
    """Published values, ``cells[row_index][column_index]``."""
    row_totals: tuple[Published, ...]
    column_totals: tuple[Published, ...]
    grand_total: Published

    def cell(self, row: Hashable, column: Hashable) -> Published:
        """The published value of one cell, by labels."""
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    def row_total(self, row: Hashable) -> Published:
        """The published total of one row, by label."""
        return self.row_totals[self.rows.index(row)]

    def column_total(self, column: Hashable) -> Published:
        """The published total of one column, by label."""
        return self.column_totals[self.columns.index(column)]

    def percent_of_column(self, row: Hashable, column: Hashable) -> float | None:
        """The public percentage of the column's total in one cell (e.g. of an age band)."""
        return public_percent(self.cell(row, column), self.column_total(column))

    def percent_of_row(self, row: Hashable, column: Hashable) -> float | None:
        """The public percentage of the row's total in one cell."""
        return public_percent(self.cell(row, column), self.row_total(row))

    def display_rows(self, total_label: str = "Total") -> list[list[str]]:
        """The table as text for an export or template: a header, one line per row, then totals."""
        lines = [["", *(str(column) for column in self.columns), total_label]]
        for label, values, row_total in zip(self.rows, self.cells, self.row_totals, strict=True):
            lines.append([str(label), *(display(value) for value in values), display(row_total)])
        totals = [display(value) for value in self.column_totals]
        lines.append([total_label, *totals, display(self.grand_total)])
        return lines


def protect_table(
    cells: Mapping[Hashable, Mapping[Hashable, int]] | Sequence[Sequence[int]],
    *,
    columns: Sequence[Hashable] | None = None,
    threshold: int = 10,
    base: int = 5,
    suppress_zeros: bool = False,
    row_labels: Sequence[Hashable] | None = None,
) -> ProtectedTable:
    """Apply the 10-5 rule, with secondary suppression, to an additive cross-tab.

    ``cells`` is ``{row: {column: count}}`` (a missing cell is 0; ``columns`` fixes the column order
    and includes empty columns) or a list of equal-length rows, labelled 0, 1, ... unless
    ``row_labels``/``columns`` are given. Each respondent must be counted in exactly one cell: the
    totals are the sums. Cross-tab a multiple-choice question one option at a time instead.
    """
    _check_options(threshold, base)
    rows, cols, matrix = _as_matrix(cells, columns, row_labels)
    grid = _TotalledGrid(matrix)
    hidden = grid.suppress(threshold, suppress_zeros)
    published = [
        [None if pos in hidden else round_to_base(grid.value(pos), base) for pos in line]
        for line in grid.lines[: grid.n_rows + 1]
    ]
    return ProtectedTable(
        rows=rows,
        columns=cols,
        cells=tuple(tuple(line[:-1]) for line in published[:-1]),
        row_totals=tuple(line[-1] for line in published[:-1]),
        column_totals=tuple(published[-1][:-1]),
        grand_total=published[-1][-1],
    )


def _as_matrix(
    cells: Mapping[Hashable, Mapping[Hashable, int]] | Sequence[Sequence[int]],
    columns: Sequence[Hashable] | None,
    row_labels: Sequence[Hashable] | None,
) -> tuple[tuple[Hashable, ...], tuple[Hashable, ...], list[list[int]]]:
    if isinstance(cells, Mapping):
        rows = tuple(cells)
        if columns is None:
            columns = list(dict.fromkeys(column for row in cells.values() for column in row))
        unknown = {column for row in cells.values() for column in row} - set(columns)
        if unknown:
            raise ValueError(f"Cells name columns that are not in `columns`: {sorted(map(str, unknown))}")
        matrix = [[cells[row].get(column, 0) for column in columns] for row in rows]
    else:
        matrix = [list(row) for row in cells]
        width = len(matrix[0]) if matrix else len(columns or ())
        if any(len(row) != width for row in matrix):
            raise ValueError("Every row of the table must have the same number of cells")
        rows = tuple(row_labels) if row_labels is not None else tuple(range(len(matrix)))
        columns = columns if columns is not None else range(width)
    if len(rows) != len(matrix) or any(len(row) != len(columns) for row in matrix):
        raise ValueError("Row and column labels must match the table's shape")
    if any(value < 0 for row in matrix for value in row):
        raise ValueError("Counts must not be negative")
    return rows, tuple(columns), matrix


class _TotalledGrid:
    """The table with its margins: ``(n_rows + 1) x (n_cols + 1)``, the last row and column are totals.

    Lines are the rows ``0..n_rows`` and the columns ``0..n_cols``; in each the last position is the
    total of the others. Line ids: row ``i`` is ``i``, column ``j`` is ``n_rows + 1 + j``.
    """

    def __init__(self, matrix: list[list[int]]) -> None:
        self.n_rows = len(matrix)
        self.n_cols = len(matrix[0]) if matrix else 0
        column_totals = [sum(row[j] for row in matrix) for j in range(self.n_cols)]
        self._values = [[*row, sum(row)] for row in matrix] + [[*column_totals, sum(column_totals)]]
        self.lines: list[list[_Pos]] = [
            [(i, j) for j in range(self.n_cols + 1)] for i in range(self.n_rows + 1)
        ] + [[(i, j) for i in range(self.n_rows + 1)] for j in range(self.n_cols + 1)]

    def positions(self) -> list[_Pos]:
        return [pos for line in self.lines[: self.n_rows + 1] for pos in line]

    def value(self, pos: _Pos) -> int:
        return self._values[pos[0]][pos[1]]

    def lines_of(self, pos: _Pos) -> tuple[int, int]:
        return pos[0], self.n_rows + 1 + pos[1]

    def is_margin(self, pos: _Pos) -> bool:
        return pos[0] == self.n_rows or pos[1] == self.n_cols

    def suppress(self, threshold: int, suppress_zeros: bool) -> set[_Pos]:
        """Every position to hide: primary, whole lines under the threshold, then secondary."""
        # A line that totals 0 is all zeros and its published total says so: hiding any of it would
        # protect nothing, so (unless zeros are suppressed) those zeros are never hidden or chosen.
        self._fixed = (
            set()
            if suppress_zeros
            else {pos for line in self.lines if self.value(line[-1]) == 0 for pos in line}
        )
        hidden = {pos for pos in self.positions() if _is_primary(self.value(pos), threshold, suppress_zeros)}
        changed = True
        while changed:  # a total under the threshold hides its whole line (and nested lines with it)
            changed = False
            for line in self.lines:
                total = line[-1]
                if total in hidden and self.value(total) < threshold:
                    new = set(line) - hidden - self._fixed
                    hidden |= new
                    changed = changed or bool(new)
        while True:
            self._complete_lines(hidden)
            bridge = self._find_bridge(hidden)
            if bridge is None:
                return hidden
            hidden.add(self._cycle_partner(bridge, hidden))

    def _complete_lines(self, hidden: set[_Pos]) -> None:
        """Hide more entries until no line has exactly one hidden figure."""
        changed = True
        while changed:
            changed = False
            for index, line in enumerate(self.lines):
                if sum(pos in hidden for pos in line) != 1:
                    continue
                candidates = [pos for pos in line[:-1] if pos not in hidden and pos not in self._fixed]
                candidates = candidates or [line[-1]]
                hidden.add(min(candidates, key=lambda pos: self._line_choice_key(pos, index, hidden)))
                changed = True

    def _line_choice_key(self, pos: _Pos, line_index: int, hidden: set[_Pos]) -> tuple[object, ...]:
        penalty = 0
        for other in self.lines_of(pos):
            if other != line_index:
                already = sum(p in hidden for p in self.lines[other])
                penalty += 1 if already == 0 else -1 if already == 1 else 0
        value = self.value(pos)
        return (penalty, value == 0, value, pos)

    def _find_bridge(self, hidden: set[_Pos]) -> _Pos | None:
        """A hidden position on no cycle of hidden positions (so solvable from totals), or ``None``."""
        for pos in sorted(hidden):
            start, end = self.lines_of(pos)
            if end not in self._component(start, hidden - {pos}):
                return pos
        return None

    def _component(self, start: int, edges: set[_Pos]) -> set[int]:
        adjacency: dict[int, list[int]] = {}
        for pos in edges:
            a, b = self.lines_of(pos)
            adjacency.setdefault(a, []).append(b)
            adjacency.setdefault(b, []).append(a)
        seen, frontier = {start}, [start]
        while frontier:
            for neighbour in adjacency.get(frontier.pop(), []):
                if neighbour not in seen:
                    seen.add(neighbour)
                    frontier.append(neighbour)
        return seen

    def _cycle_partner(self, bridge: _Pos, hidden: set[_Pos]) -> _Pos:
        """The cheapest unhidden position joining the two sides of ``bridge``, putting it on a cycle."""
        row_node, column_node = self.lines_of(bridge)
        side_a = self._component(row_node, hidden - {bridge})
        side_b = self._component(column_node, hidden - {bridge})
        unavailable = hidden | self._fixed
        candidates = []
        for pos in self.positions():
            ends = set(self.lines_of(pos))
            if pos not in unavailable and ends & side_a and ends & side_b:
                candidates.append(pos)
        return min(candidates, key=self._partner_key)

    def _partner_key(self, pos: _Pos) -> tuple[object, ...]:
        # Prefer an inner cell to a total, then a non-zero one, then the smallest.
        value = self.value(pos)
        return (self.is_margin(pos), value == 0, value, pos)
