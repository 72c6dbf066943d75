"""The public report: the 10-5 rule with secondary suppression, checked by hand and by attack."""

from __future__ import annotations

import numpy as np

from analysis.crosstabs import Crosstab, CrosstabCell, public_table
from analysis.disclosure import round_to_5
from analysis.report import report_data
from analysis.tallies import ConsultationTallies, OptionTally, QuestionTally


def _tallies(*questions: QuestionTally, responses: int = 100) -> ConsultationTallies:
    return ConsultationTallies(slug="s", title="T", responses=responses, questions=questions)


def _choice(counts: dict[str, int], base: int, kind: str = "single_choice", scores=None) -> QuestionTally:
    options = tuple(OptionTally(value=v, label=v.title(), count=n, percent=0.0,
                                score=(scores or {}).get(v)) for v, n in counts.items())
    return QuestionTally(id="q", type=kind, text="Q?", base=base, options=options)


def _ranking(matrix: dict[str, list[int]], base: int) -> QuestionTally:
    options = tuple(OptionTally(value=v, label=v, count=sum(at), percent=0.0, rank_counts=tuple(at))
                    for v, at in matrix.items())
    return QuestionTally(id="rank", type="ranking", text="Rank", base=base, options=options)


def _hidden_cells_recoverable(cells: list[list[int | None]], row_totals, column_totals, grand) -> list[tuple]:
    """Attack a published table with exact linear algebra: which hidden figures do the totals fix?

    Unknowns are the hidden entries (cells and totals); every row and column (totals included)
    gives one equation. A hidden entry is determined exactly when its unit vector lies in the row
    space of the equations over the unknowns. Rounding is ignored, which only helps the attacker.
    """
    grid = [[*row, total] for row, total in zip(cells, row_totals, strict=True)] + [[*column_totals, grand]]
    unknowns = [(i, j) for i, line in enumerate(grid) for j, value in enumerate(line) if value is None]
    if not unknowns:
        return []
    index = {pos: k for k, pos in enumerate(unknowns)}
    rows, columns = len(grid), len(grid[0])
    lines = [[(i, j) for j in range(columns)] for i in range(rows)] + [[(i, j) for i in range(rows)]
                                                                     for j in range(columns)]
    equations = []
    for line in lines:
        vector = np.zeros(len(unknowns))
        for position in line:
            if position in index:
                vector[index[position]] = -1.0 if position == line[-1] else 1.0
        equations.append(vector)
    matrix = np.array(equations)
    rank = np.linalg.matrix_rank(matrix)
    solved = []
    for position, k in index.items():
        unit = np.zeros(len(unknowns))
        unit[k] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            solved.append(position)
    return solved


class TestPublicChoices:
    def test_small_counts_suppressed_others_rounded_percent_from_published(self):
        data = report_data(_tallies(_choice({"a": 46, "b": 23, "c": 7, "d": 3}, base=79)), public=True)
        question = data["questions"][0]
        assert question["base"] == 80
        assert [(o["count"], o["percent"]) for o in question["options"]] == [
            (45, 56.3), (25, 31.3), (None, None), (None, None)]

    def test_a_single_small_count_gets_a_partner_hidden(self):
        # 40 + 31 + 4 = 75: hiding only the 4 would leave it as 75 - 40 - 31.
        data = report_data(_tallies(_choice({"a": 40, "b": 31, "c": 4}, base=75)), public=True)
        counts = [o["count"] for o in data["questions"][0]["options"]]
        assert counts == [40, None, None]

    def test_scale_net_score_is_hidden_when_a_scored_point_is(self):
        scores = {"safe": 1.0, "unsafe": -1.0, "dont_know": None}
        visible = _choice({"safe": 40, "unsafe": 20, "dont_know": 15}, 75, "scale", scores)
        shown = report_data(_tallies(visible), public=True)["questions"][0]
        assert shown["net_score"] == 26.7  # (40 - 20) / 75 published
        small = _choice({"safe": 60, "unsafe": 6, "dont_know": 14}, 80, "scale", scores)
        hidden = report_data(_tallies(small), public=True)["questions"][0]
        assert hidden["net_score"] is None and hidden["mean_score"] is None

    def test_free_text_and_extremes_are_left_out(self):
        free_text = QuestionTally(id="words", type="free_text", text="Say", base=5)
        number = QuestionTally(id="age", type="number", text="Age", base=5, number_mean=30.0,
                               number_min=11.0, number_max=94.0)
        data = report_data(_tallies(free_text, number, responses=7), public=True)
        assert [q["id"] for q in data["questions"]] == ["age"]
        assert "max" not in data["questions"][0] and data["responses"] is None


def _published_cells_are_rounded(published: list[list[int | None]], true: list[list[int]]) -> bool:
    return all(shown is None or shown == round_to_5(real)
               for shown_row, true_row in zip(published, true, strict=True)
               for shown, real in zip(shown_row, true_row, strict=True))


class TestPublicRanking:
    def test_ranking_table_is_protected_and_unrecoverable(self):
        matrix = {"alpha": [30, 12, 8], "bravo": [15, 25, 10], "charlie": [5, 13, 27]}
        question = report_data(_tallies(_ranking(matrix, base=50)), public=True)["questions"][0]
        cells = [o["rank_counts"] for o in question["options"]]
        assert cells[0][2] is None and cells[2][0] is None  # the 8 and the 5 (primary)
        assert _published_cells_are_rounded(cells, list(matrix.values()))
        assert question["base"] == 50  # everyone who answered put something first: 30 + 15 + 5
        row_totals = [o["count"] for o in question["options"]]
        assert row_totals == [50, 50, 45]  # 50, 50 and 45 ranked each at all
        # Only the first column's total (the base) is published; the attacker gets the rest as unknowns
        # (the totals of fully published columns follow from them, which discloses nothing).
        solved = _hidden_cells_recoverable(cells, row_totals, [question["base"], None, None], None)
        assert [(i, j) for i, j in solved if i < len(cells) and j < len(cells[0])] == []
        for option in question["options"]:
            if None in option["rank_counts"]:
                assert option["points"] is None  # points are worked out from the published counts only
        # The mean rank is the true one to one decimal, shown unless it would give a hidden count away.
        assert question["options"][0]["mean_rank"] == 1.6  # (30 + 2 * 12 + 3 * 8) / 50 = 1.56

    def test_options_are_listed_top_priority_first(self):
        matrix = {"alpha": [5, 12, 30], "bravo": [15, 25, 10], "charlie": [30, 13, 7]}
        question = report_data(_tallies(_ranking(matrix, base=50)), public=True)["questions"][0]
        # Points: charlie 3 * 30 + 2 * 13 + 7 = 123, bravo 105, alpha 69.
        assert [o["value"] for o in question["options"]] == ["charlie", "bravo", "alpha"]


class TestWholeGroups:
    def test_zeros_that_show_everyone_gave_one_answer_are_hidden_with_it(self):
        # "Yes 20, no 0, prefer not to say 0" would tell the world that every victim reported it.
        data = report_data(_tallies(_choice({"yes": 20, "no": 0, "prefer_not": 0}, base=20)), public=True)
        question = data["questions"][0]
        assert question["base"] == 20
        assert [o["count"] for o in question["options"]] == [None, None, None]
        assert data["notes"][0].startswith("[c] = not published")

    def test_zeros_beside_two_answers_are_shown(self):
        data = report_data(_tallies(_choice({"yes": 20, "no": 15, "prefer_not": 0}, base=35)), public=True)
        assert [o["count"] for o in data["questions"][0]["options"]] == [20, 15, 0]


class TestPublicCrosstab:
    def test_no_hidden_cell_can_be_recovered(self):
        counts = {  # feeling safe after dark by gender
            "very_safe": {"woman": 20, "man": 30, "non_binary": 2},
            "fairly_safe": {"woman": 25, "man": 22, "non_binary": 1},
            "a_bit_unsafe": {"woman": 12, "man": 8, "non_binary": 3},
            "very_unsafe": {"woman": 6, "man": 4, "non_binary": 1},
        }
        columns = (("woman", "Woman"), ("man", "Man"), ("non_binary", "Non-binary"))
        bases = {c: sum(counts[r][c] for r in counts) for c, _l in columns}
        cells = {(r, c): CrosstabCell(counts[r][c], bases[c], 0.0, None, None)
                 for r in counts for c, _l in columns}
        table = Crosstab(
            question_id="dark", question_text="After dark?", by_id="about_gender", by_text="Gender",
            rows=tuple((r, r) for r in counts), columns=columns, column_bases=bases, additive=True,
            first_only=False, cells=cells,
        )
        published = public_table(table)
        true = [[counts[r][c] for c, _l in columns] for r in counts]
        shown = [list(row) for row in published.cells]
        # Primary: every count from 1 to 9, and the non-binary column (7 people) whole.
        for row, column in [("a_bit_unsafe", "Man"), ("very_unsafe", "Woman"), ("very_unsafe", "Man")]:
            assert published.cell(row, column) is None
        assert all(published.cell(row, "Non-binary") is None for row in counts)
        assert published.column_total("Non-binary") is None
        assert _published_cells_are_rounded(shown, true)
        assert published.row_totals == (50, 50, 25, 10)  # 52, 48, 23, 11 rounded to 5
        assert _hidden_cells_recoverable(shown, list(published.row_totals), list(published.column_totals),
                                         published.grand_total) == []
