"""The ONS 10-5 rule: suppression, rounding and secondary suppression that survives an attacker."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from analysis.disclosure import (
    CONFIDENTIAL,
    ProtectedTable,
    display,
    protect_counts,
    protect_table,
    public_percent,
    round_to_5,
    round_to_base,
)

THRESHOLD = 10
BASE = 5


# --- attackers -------------------------------------------------------------------------------------
# A table with margins is a grid of (rows + 1) x (columns + 1) figures; every row and every column
# is a "line" whose last figure is the sum of the others. The attackers know that structure.


def _grid(true: list[list[int]]) -> list[list[int]]:
    """The true table with its row totals, column totals and grand total."""
    with_row_totals = [[*row, sum(row)] for row in true]
    column_totals = [sum(column) for column in zip(*with_row_totals, strict=True)] if true else [0]
    return [*with_row_totals, column_totals]


def _published_grid(table: ProtectedTable) -> list[list[int | None]]:
    rows = [[*cells, total] for cells, total in zip(table.cells, table.row_totals, strict=True)]
    return [*rows, [*table.column_totals, table.grand_total]]


def _lines(n_rows: int, n_cols: int) -> list[list[tuple[int, int]]]:
    rows = [[(i, j) for j in range(n_cols + 1)] for i in range(n_rows + 1)]
    columns = [[(i, j) for i in range(n_rows + 1)] for j in range(n_cols + 1)]
    return rows + columns


def _exactly_solvable(published: list[list[int | None]]) -> set[tuple[int, int]]:
    """Hidden positions an attacker could solve exactly if every published figure were exact.

    This is the strongest linear attack (it ignores the protection rounding gives): each line is the
    equation ``sum(entries) - total = 0``; a hidden figure is solvable exactly when its unit vector
    lies in the row space of the equations restricted to the hidden figures (Gaussian elimination
    over the rationals).
    """
    n_rows, n_cols = len(published) - 1, len(published[0]) - 1
    hidden = [(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1) if published[i][j] is None]
    column_of = {pos: k for k, pos in enumerate(hidden)}
    matrix = []
    for line in _lines(n_rows, n_cols):
        row = [Fraction(0)] * len(hidden)
        for pos in line:
            if pos in column_of:
                row[column_of[pos]] += -1 if pos == line[-1] else 1
        matrix.append(row)
    pivots = _row_reduce(matrix)
    solvable = set()
    for row_index, column in enumerate(pivots):
        others = [value for k, value in enumerate(matrix[row_index]) if k != column]
        if not any(others):
            solvable.add(hidden[column])
    return solvable


def _row_reduce(matrix: list[list[Fraction]]) -> list[int]:
    """Reduce ``matrix`` in place to reduced row echelon form; return the pivot column of each row."""
    pivots: list[int] = []
    n_columns = len(matrix[0]) if matrix else 0
    for column in range(n_columns):
        row = len(pivots)
        pivot = next((r for r in range(row, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[row], matrix[pivot] = matrix[pivot], matrix[row]
        lead = matrix[row][column]
        matrix[row] = [value / lead for value in matrix[row]]
        for other in range(len(matrix)):
            if other != row and matrix[other][column] != 0:
                factor = matrix[other][column]
                matrix[other] = [a - factor * b for a, b in zip(matrix[other], matrix[row], strict=True)]
        pivots.append(column)
    return pivots


def _published_bounds(value: int | None) -> tuple[int, int]:
    """What a published figure tells an attacker who knows the 10-5 rule."""
    if value is None:
        return (0, 100_000)
    if value == 0:
        return (0, 0)
    return (max(value - BASE // 2, THRESHOLD), value + BASE // 2)


def _interval_attack(published: list[list[int | None]]) -> dict[tuple[int, int], tuple[int, int]]:
    """Bounds on every figure from the published ones, tightened line by line until nothing changes.

    This is the attack a careful reader does by hand: "the row total is at most 67, the other cells
    are at least 48, so this hidden cell is at most 19", repeated over rows and columns.
    """
    n_rows, n_cols = len(published) - 1, len(published[0]) - 1
    bounds = {
        (i, j): _published_bounds(published[i][j]) for i in range(n_rows + 1) for j in range(n_cols + 1)
    }
    lines = _lines(n_rows, n_cols)
    changed = True
    while changed:
        changed = False
        for line in lines:
            *entries, total = line
            low_sum = sum(bounds[pos][0] for pos in entries)
            high_sum = sum(bounds[pos][1] for pos in entries)
            t_low, t_high = bounds[total]
            updates = {total: (max(t_low, low_sum), min(t_high, high_sum))}
            for pos in entries:
                low, high = bounds[pos]
                others_low, others_high = low_sum - low, high_sum - high
                updates[pos] = (max(low, t_low - others_high), min(high, t_high - others_low))
            for pos, new in updates.items():
                if new != bounds[pos]:
                    bounds[pos] = new
                    changed = True
    return bounds


def _assert_safe(true: list[list[int]], table: ProtectedTable) -> None:
    """Every rule the publication must obey, checked from the outside."""
    grid = _grid(true)
    published = _published_grid(table)
    hidden = set()
    for i, row in enumerate(published):
        for j, value in enumerate(row):
            true_value = grid[i][j]
            if value is None:
                hidden.add((i, j))
            else:
                assert not 0 < true_value < THRESHOLD, f"small count {true_value} published at {(i, j)}"
                assert value == round_to_5(true_value)
    for line in _lines(len(true), len(published[0]) - 1):
        assert sum(pos in hidden for pos in line) != 1, f"line {line} gives away its one hidden figure"
    assert _exactly_solvable(published) == set()
    bounds = _interval_attack(published)
    for pos in hidden:
        low, high = bounds[pos]
        true_value = grid[pos[0]][pos[1]]
        assert low <= true_value <= high, "the attacker model is wrong"  # guards the test itself
        assert low < high, f"hidden figure {true_value} at {pos} pinned by published figures"


def _random_table(rng: random.Random, max_rows: int = 5, max_cols: int = 6) -> list[list[int]]:
    """A cross-tab with a random mix of zeros, small, medium and large counts."""
    n_rows, n_cols = rng.randint(1, max_rows), rng.randint(1, max_cols)
    kinds = [lambda: 0, lambda: rng.randint(1, 9), lambda: rng.randint(10, 30), lambda: rng.randint(31, 120)]
    weights = rng.choice([(1, 2, 3, 3), (3, 3, 1, 1), (1, 5, 1, 0), (0, 1, 2, 4), (2, 2, 1, 1)])
    return [[rng.choices(kinds, weights)[0]() for _ in range(n_cols)] for _ in range(n_rows)]


# --- tests -----------------------------------------------------------------------------------------


class TestRounding:
    @pytest.mark.parametrize(
        ("count", "rounded"),
        [(0, 0), (1, 0), (2, 0), (3, 5), (10, 10), (12, 10), (13, 15), (17, 15), (18, 20), (79, 80)],
    )
    def test_round_to_5_rounds_halves_up(self, count: int, rounded: int) -> None:
        assert round_to_5(count) == rounded

    def test_round_to_base_ten_rounds_fifteen_up(self) -> None:
        assert round_to_base(15, 10) == 20
        assert round_to_base(14, 10) == 10

    def test_negative_count_is_rejected(self) -> None:
        with pytest.raises(ValueError, match="negative"):
            round_to_5(-1)


class TestDisplay:
    def test_suppressed_is_shown_as_ons_confidential_marker(self) -> None:
        assert CONFIDENTIAL == "[c]"
        assert display(None) == "[c]"

    def test_published_figure_has_thousands_separator(self) -> None:
        assert display(1235) == "1,235"
        assert display(0) == "0"

    def test_public_percent_uses_rounded_figures(self) -> None:
        assert public_percent(45, 80) == 56.3  # 56.25 rounds half away from zero

    def test_public_percent_is_none_when_either_figure_is_hidden(self) -> None:
        assert public_percent(None, 80) is None
        assert public_percent(45, None) is None


class TestProtectCounts:
    def test_brief_fixture(self) -> None:
        protected = protect_counts({"a": 46, "b": 23, "c": 7, "d": 3}, 79)
        assert dict(protected.counts) == {"a": 45, "b": 25, "c": None, "d": None}
        assert protected.total == 80
        assert protected.display() == {"a": "45", "b": "25", "c": "[c]", "d": "[c]"}
        assert protected.percent("a") == 56.3
        assert protected.percent("c") is None

    def test_single_small_count_hides_the_smallest_other_so_the_total_cannot_reveal_it(self) -> None:
        # 46 + 23 + 7 = 76: with only "c" hidden, 75 - 45 - 25 would point straight at it.
        protected = protect_counts({"a": 46, "b": 23, "c": 7})
        assert dict(protected.counts) == {"a": 45, "b": None, "c": None}
        assert protected.total == 75

    def test_zero_is_shown_and_not_chosen_to_hide_a_small_count(self) -> None:
        protected = protect_counts({"a": 46, "b": 0, "c": 23, "d": 7})
        assert dict(protected.counts) == {"a": 45, "b": 0, "c": None, "d": None}

    def test_suppress_zeros_hides_zeros_too(self) -> None:
        protected = protect_counts({"a": 46, "b": 0, "c": 23}, suppress_zeros=True)
        assert dict(protected.counts) == {"a": 45, "b": None, "c": None}

    def test_base_under_threshold_hides_everything_including_zeros(self) -> None:
        protected = protect_counts({"a": 6, "b": 0}, 6)
        assert dict(protected.counts) == {"a": None, "b": None}
        assert protected.total is None

    def test_no_small_counts_means_nothing_hidden(self) -> None:
        counts = {"very safe": 52, "fairly safe": 61, "a bit unsafe": 24, "very unsafe": 13}
        protected = protect_counts(counts)
        assert list(protected.counts.values()) == [50, 60, 25, 15]
        assert protected.total == 150

    def test_multiple_choice_counts_need_no_secondary_suppression(self) -> None:
        # 40 + 35 + 4 = 79 > 50 respondents: no sum links the counts to the base.
        protected = protect_counts({"street drinking": 40, "begging": 35, "robbery": 4}, 50)
        assert dict(protected.counts) == {"street drinking": 40, "begging": 35, "robbery": None}

    def test_small_unlisted_shortfall_is_protected(self) -> None:
        # 75 answered but only 69 are in the listed counts: 6 could be recovered as 75 - 46 - 23.
        protected = protect_counts({"a": 46, "b": 23}, 75)
        assert dict(protected.counts) == {"a": 45, "b": None}

    def test_large_unlisted_shortfall_needs_no_protection(self) -> None:
        protected = protect_counts({"a": 46, "b": 23}, 90)
        assert dict(protected.counts) == {"a": 45, "b": 25}

    def test_count_larger_than_total_is_rejected(self) -> None:
        with pytest.raises(ValueError, match="larger than the total"):
            protect_counts({"a": 12}, 10)

    def test_random_single_questions_never_leave_one_hidden_count_beside_a_published_total(self) -> None:
        rng = random.Random(20240605)
        for _ in range(500):
            size = rng.randint(1, 7)
            values = [rng.choice([0, rng.randint(1, 9), rng.randint(10, 80)]) for _ in range(size)]
            protected = protect_counts({str(i): value for i, value in enumerate(values)})
            # A single question is a one-row table: the same attackers apply.
            table = ProtectedTable(
                rows=("q",),
                columns=tuple(protected.counts),
                cells=(tuple(protected.counts.values()),),
                row_totals=(protected.total,),
                column_totals=tuple(protected.counts.values()),
                grand_total=protected.total,
            )
            _assert_safe([values], table)


class TestProtectTable:
    # rows: top issue; columns: age band. True figures with totals:
    #              11-15  16-17  18+ | total
    #   asb            3     12   40 |    55
    #   drugs         14     20   33 |    67
    #   violence      25     11   50 |    86
    #   total         42     43  123 |   208
    # "3" is primary. Row asb then hides its smallest other cell, 12; column 11-15 hides its smallest
    # other, 14 (drugs); column 16-17 hides drugs' 20 rather than violence's 11 because row drugs
    # already has one hidden cell, closing a 2x2 rectangle instead of starting a new line.
    TABLE = {
        "asb": {"11-15": 3, "16-17": 12, "18+": 40},
        "drugs": {"11-15": 14, "16-17": 20, "18+": 33},
        "violence": {"11-15": 25, "16-17": 11, "18+": 50},
    }

    def test_hand_computed_fixture(self) -> None:
        table = protect_table(self.TABLE)
        assert table.display_rows() == [
            ["", "11-15", "16-17", "18+", "Total"],
            ["asb", "[c]", "[c]", "40", "55"],
            ["drugs", "[c]", "[c]", "35", "65"],
            ["violence", "25", "10", "50", "85"],
            ["Total", "40", "45", "125", "210"],
        ]
        assert table.cell("violence", "18+") == 50
        assert table.percent_of_column("violence", "18+") == 40.0  # 50 of the published 125
        assert table.percent_of_row("asb", "16-17") is None

    def test_hand_computed_fixture_survives_attackers(self) -> None:
        matrix = [list(row.values()) for row in self.TABLE.values()]
        _assert_safe(matrix, protect_table(self.TABLE))

    def test_row_under_threshold_is_hidden_whole_and_protected_in_the_columns(self) -> None:
        table = protect_table([[5, 0, 3], [20, 30, 40], [25, 35, 45]])
        assert table.cells[0] == (None, None, None)
        assert table.row_totals[0] is None
        _assert_safe([[5, 0, 3], [20, 30, 40], [25, 35, 45]], table)

    def test_line_totalling_zero_stays_visible_inside_hidden_lines(self) -> None:
        # Column 0 totals 2, so it is hidden whole, except row 1's 0: row 1 totals 0 and says so.
        table = protect_table([[2, 7], [0, 0], [0, 9]])
        assert table.cells[1] == (0, 0)
        assert table.row_totals[1] == 0
        _assert_safe([[2, 7], [0, 0], [0, 9]], table)

    def test_cell_solvable_from_several_lines_is_put_on_a_cycle(self) -> None:
        # After the line-by-line pass every row and column had at least two hidden figures, but the
        # hidden cells formed two blocks (rows 0-1 x columns 0, 2 and rows 2-3 x columns 1, 3) joined
        # only by row 3's 6 in column 2. Rows 0 and 1 minus column 0's other cells gave the block's
        # column-2 cells (10), and column 2 then gave the 6 exactly: 61 - 45 - 10. Hiding row 3's 23
        # as well joins the blocks a second way, so the 6 lies on a cycle and cannot be solved.
        true = [[8, 0, 3, 0], [5, 0, 7, 0], [0, 9, 45, 1], [23, 3, 6, 58]]
        table = protect_table(true)
        assert table.display_rows()[1:] == [
            ["0", "[c]", "0", "[c]", "0", "10"],
            ["1", "[c]", "0", "[c]", "0", "10"],
            ["2", "0", "[c]", "45", "[c]", "55"],
            ["3", "[c]", "[c]", "[c]", "[c]", "90"],
            ["Total", "35", "10", "60", "60", "170"],
        ]
        _assert_safe(true, table)

    def test_grand_total_under_threshold_hides_everything(self) -> None:
        table = protect_table([[2, 0], [3, 1]])
        assert table.cells == ((None, None), (None, None))
        assert table.row_totals == (None, None)
        assert table.column_totals == (None, None)
        assert table.grand_total is None

    def test_table_without_small_counts_is_only_rounded(self) -> None:
        table = protect_table([[12, 23], [34, 46]])
        assert table.cells == ((10, 25), (35, 45))
        assert table.row_totals == (35, 80)
        assert table.column_totals == (45, 70)
        assert table.grand_total == 115  # rounded from the true 115, not summed from rounded cells

    def test_columns_fix_order_and_keep_empty_columns(self) -> None:
        table = protect_table({"asb": {"18+": 40}, "drugs": {"18+": 30}}, columns=["11-15", "18+"])
        assert table.columns == ("11-15", "18+")
        assert table.cell("asb", "11-15") == 0
        assert table.column_total("11-15") == 0

    def test_sequence_input_is_labelled_by_position_unless_labels_given(self) -> None:
        table = protect_table([[12, 23], [34, 46]], row_labels=["a", "b"], columns=["x", "y"])
        assert table.cell("b", "y") == 45
        assert protect_table([[12, 23]]).columns == (0, 1)

    def test_ragged_rows_are_rejected(self) -> None:
        with pytest.raises(ValueError, match="same number of cells"):
            protect_table([[1, 2], [3]])

    def test_negative_counts_are_rejected(self) -> None:
        with pytest.raises(ValueError, match="negative"):
            protect_table([[1, -2]])

    def test_random_tables_survive_both_attackers(self) -> None:
        rng = random.Random(1022)
        for _ in range(400):
            true = _random_table(rng)
            _assert_safe(true, protect_table(true))

    def test_random_large_tables_survive_both_attackers(self) -> None:
        # Bigger tables with many small counts are where hidden blocks join through a single cell.
        rng = random.Random(5)
        for _ in range(800):
            true = _random_table(rng, max_rows=7, max_cols=7)
            _assert_safe(true, protect_table(true))

    def test_random_tables_with_suppressed_zeros_survive_both_attackers(self) -> None:
        rng = random.Random(7)
        for _ in range(150):
            true = _random_table(rng)
            table = protect_table(true, suppress_zeros=True)
            assert all(value != 0 for row in _published_grid(table) for value in row)
            _assert_safe(true, table)
