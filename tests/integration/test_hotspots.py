"""Hotspots in SQL on both backends: cells, breakdowns, filters, officer placing, public cells."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from survey.boundary import boundary_of
from survey.places.hotspots import Grid, aggregate_cells, cell_response_ids, grid_for, public_cells
from survey.places.reports import PlaceError, PlaceFilters, place_on_map, place_reports
from survey.vocabulary import Channel
from tests.factories import make_partnership
from tests.places import INSIDE, OUTSIDE, make_place_consultation, store_place_report

PIN = {"latitude": INSIDE[0], "longitude": INSIDE[1]}


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def consultation(db_session, partnership):
    return make_place_consultation(db_session, partnership)


@pytest.fixture
def grid(partnership):
    return grid_for(boundary_of(partnership), 250)


class TestAggregateCells:
    def test_sql_cells_match_the_python_grid_for_points_either_side_of_greenwich(
        self, db_session, partnership, grid
    ):
        consultation = make_place_consultation(db_session, partnership, boundary=False)
        rng = random.Random(7)
        points = [(rng.uniform(51.49, 51.53), rng.uniform(-0.02, 0.02)) for _ in range(60)]
        for latitude, longitude in points:
            store_place_report(db_session, consultation, place={"latitude": latitude, "longitude": longitude})
        expected: dict[tuple[int, int], int] = {}
        for point in points:
            expected[grid.cell_of(*point)] = expected.get(grid.cell_of(*point), 0) + 1
        cells = aggregate_cells(db_session, partnership.id, grid, breakdown=False)
        assert {(cell.ix, cell.iy): cell.reports for cell in cells} == expected

    def test_breakdown_counts_reasons_times_and_age_bands(self, db_session, consultation, partnership, grid):
        store_place_report(db_session, consultation, place=PIN, reasons=["poor_lighting", "isolated"],
                           times=["night"], age_band="11_15")
        store_place_report(db_session, consultation, place=PIN, reasons=["poor_lighting"],
                           times=["evening", "night"], age_band="16_17")
        store_place_report(db_session, consultation, place=PIN, feeling="safe")
        [cell] = aggregate_cells(db_session, partnership.id, grid)
        assert cell.reports == 3
        assert cell.breakdown["feeling"] == {"unsafe": 2, "safe": 1}
        assert cell.breakdown["reasons"] == {"poor_lighting": 2, "isolated": 1}
        assert cell.breakdown["time_of_day"] == {"night": 2, "evening": 2}
        assert cell.breakdown["about_age_band"] == {"11_15": 1, "16_17": 1}
        assert cell.breakdown["safe_reasons"] == {"busy": 1}

    def test_filters_narrow_the_reports(self, db_session, consultation, partnership, grid):
        old = dt.datetime(2025, 1, 10, 12, tzinfo=dt.UTC)
        store_place_report(db_session, consultation, place=PIN, reasons=["drug_dealing"], age_band="11_15",
                           submitted_at=old)
        store_place_report(db_session, consultation, place=PIN, reasons=["poor_lighting"],
                           channel=Channel.PAPER)
        store_place_report(db_session, consultation, place=PIN, feeling="safe", age_band="11_15")

        def count(**filters):
            return sum(cell.reports for cell in aggregate_cells(db_session, partnership.id, grid,
                                                                PlaceFilters(**filters)))

        assert count() == 3
        assert count(feeling="unsafe") == 2
        assert count(reason="drug_dealing") == 1
        assert count(age_band="11_15") == 2
        assert count(channel=Channel.PAPER) == 1
        assert count(date_to=dt.date(2025, 1, 10)) == 1
        assert count(date_from=dt.date(2025, 1, 11)) == 2
        assert count(feeling="safe", age_band="11_15") == 1

    def test_reports_named_without_the_map_count_once_an_officer_places_them(
        self, db_session, consultation, partnership, grid
    ):
        report = store_place_report(db_session, consultation, place={"landmark": "bus_station"})
        assert aggregate_cells(db_session, partnership.id, grid) == []
        place_on_map(db_session, partnership.id, report.id, *INSIDE, boundary=boundary_of(partnership))
        [cell] = aggregate_cells(db_session, partnership.id, grid)
        assert cell.reports == 1
        [view] = place_reports(db_session, partnership.id, [report.id])
        assert view.placed_by_officer and view.place.option == "bus_station"

    def test_another_partnerships_reports_are_never_counted(self, db_session, consultation, partnership,
                                                            grid):
        elsewhere = make_partnership(db_session, "south")
        theirs = make_place_consultation(db_session, elsewhere)
        store_place_report(db_session, theirs, place=PIN)
        assert aggregate_cells(db_session, partnership.id, grid) == []
        assert cell_response_ids(db_session, partnership.id, grid, *grid.cell_of(*INSIDE)) == []

    def test_the_reports_behind_a_cell_are_the_ones_counted_in_it(self, db_session, consultation, partnership,
                                                                 grid):
        here = store_place_report(db_session, consultation, place=PIN)
        store_place_report(db_session, consultation, place={"latitude": 51.52, "longitude": -0.14})
        assert cell_response_ids(db_session, partnership.id, grid, *grid.cell_of(*INSIDE)) == [here.id]


class TestPlaceOnMap:
    def test_a_point_outside_the_boundary_is_refused(self, db_session, consultation, partnership):
        report = store_place_report(db_session, consultation, place={"description": "The bridge"})
        with pytest.raises(PlaceError, match="outside"):
            place_on_map(db_session, partnership.id, report.id, *OUTSIDE, boundary=boundary_of(partnership))

    def test_another_partnerships_report_cannot_be_placed(self, db_session, consultation, partnership):
        report = store_place_report(db_session, consultation, place={"description": "The bridge"})
        elsewhere = make_partnership(db_session, "south")
        with pytest.raises(PlaceError, match="no such"):
            place_on_map(db_session, elsewhere.id, report.id, *INSIDE, boundary=None)


class TestPublicCells:
    def test_only_cells_with_enough_reports_and_rounded_counts(self, db_session, consultation, partnership):
        grid = Grid(500, 51.5)
        for _ in range(12):
            store_place_report(db_session, consultation, place=PIN)
        for _ in range(9):
            store_place_report(db_session, consultation, place={"latitude": 51.52, "longitude": -0.14})
        cells = public_cells(db_session, partnership.id, grid, min_reports=10)
        assert [(cell.key, cell.reports) for cell in cells] == [(f"{grid.cell_of(*INSIDE)[0]}_"
                                                                 f"{grid.cell_of(*INSIDE)[1]}", 10)]
        assert cells[0].breakdown == {}
