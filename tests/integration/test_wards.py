"""Wards on both backends: importing all or nothing, every pin assigned to its ward on every path,
reports counted and filtered by ward, squares named by ward and place, one partnership at a time."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from survey.boundary import boundary_of
from survey.places.by_ward import WardCount, cell_names, ward_counts
from survey.places.hotspots import aggregate_cells, grid_for
from survey.places.reports import NO_WARD, PlaceFilters, place_on_map
from survey.storage.models import Answer, Ward
from survey.wards.index import ward_index
from survey.wards.parsing import WardFileError
from survey.wards.register import import_wards, partnership_ward, partnership_wards
from tests.factories import make_partnership
from tests.places import make_haven, make_place_consultation, store_place_report
from tests.wards import square, two_demo_wards, ward_feature, ward_file

# Two wards splitting the demo boundary's middle at longitude -0.12.
WEST_PIN = {"latitude": 51.505, "longitude": -0.13}
EAST_PIN = {"latitude": 51.505, "longitude": -0.11}
NORTH_OUTSIDE_WARDS = {"latitude": 51.525, "longitude": -0.12}


def ward_of(db_session, response) -> str | None:
    row = db_session.scalar(
        select(Answer).where(Answer.response_id == response.id, Answer.question_id == "place")
    )
    db_session.refresh(row)
    if row.ward_id is None:
        return None
    return db_session.get(Ward, row.ward_id).code


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def consultation(db_session, partnership):
    return make_place_consultation(db_session, partnership)


class TestImport:
    def test_an_import_stores_every_ward_and_assigns_the_pins_already_there(
        self, db_session, partnership, consultation
    ):
        west = store_place_report(db_session, consultation, place=WEST_PIN)
        outside = store_place_report(db_session, consultation, place=NORTH_OUTSIDE_WARDS)
        unplaced = store_place_report(db_session, consultation, place={"description": "By the canal"})
        result = import_wards(db_session, partnership.id, two_demo_wards())
        assert (result.wards, result.assigned, result.pinned) == (2, 1, 2)
        assert [(ward.code, ward.name) for ward in partnership_wards(db_session, partnership.id)] == [
            ("E05000002", "Eastgate"),
            ("E05000001", "Westgate"),
        ]
        assert (ward_of(db_session, west), ward_of(db_session, outside), ward_of(db_session, unplaced)) == (
            "E05000001",
            None,
            None,
        )

    def test_a_bad_file_changes_nothing(self, db_session, partnership, consultation):
        import_wards(db_session, partnership.id, two_demo_wards())
        report = store_place_report(db_session, consultation, place=WEST_PIN)
        bad = ward_file(
            ward_feature("E05000003", "New", square(-0.14, 51.495, 0.02)),
            ward_feature("E05000004", None, square(-0.12, 51.495, 0.02)),
        )
        with pytest.raises(WardFileError, match="Feature 2"):
            import_wards(db_session, partnership.id, bad)
        assert [ward.code for ward in partnership_wards(db_session, partnership.id)] == [
            "E05000002",
            "E05000001",
        ]
        assert ward_of(db_session, report) == "E05000001"

    def test_a_new_file_replaces_the_wards_and_reassigns_every_pin(
        self, db_session, partnership, consultation
    ):
        import_wards(db_session, partnership.id, two_demo_wards())
        report = store_place_report(db_session, consultation, place=WEST_PIN)
        one_big_ward = ward_file(ward_feature("E05000009", "Everywhere", square(-0.2, 51.4, 0.2)))
        result = import_wards(db_session, partnership.id, one_big_ward)
        assert (result.wards, result.assigned) == (1, 1)
        assert [ward.code for ward in partnership_wards(db_session, partnership.id)] == ["E05000009"]
        assert ward_of(db_session, report) == "E05000009"

    def test_the_cached_index_follows_a_new_import(self, db_session, partnership, consultation):
        import_wards(db_session, partnership.id, two_demo_wards())
        first = ward_index(db_session, partnership.id)
        assert ward_index(db_session, partnership.id) is first  # cached while unchanged
        import_wards(db_session, partnership.id, two_demo_wards("Old Town", "New Town"))
        assert ward_index(db_session, partnership.id).names == ("Old Town", "New Town")
        assert (
            ward_of(db_session, store_place_report(db_session, consultation, place=EAST_PIN)) == "E05000002"
        )


class TestEveryPathAssignsTheWard:
    def test_a_report_stored_after_the_import_gets_its_ward(self, db_session, partnership, consultation):
        import_wards(db_session, partnership.id, two_demo_wards())
        assert (
            ward_of(db_session, store_place_report(db_session, consultation, place=EAST_PIN)) == "E05000002"
        )
        assert (
            ward_of(db_session, store_place_report(db_session, consultation, place=NORTH_OUTSIDE_WARDS))
            is None
        )

    def test_an_officer_placing_a_report_gives_it_a_ward(self, db_session, partnership, consultation):
        import_wards(db_session, partnership.id, two_demo_wards())
        report = store_place_report(db_session, consultation, place={"description": "By the canal"})
        place_on_map(db_session, partnership.id, report.id, 51.505, -0.13, boundary=boundary_of(partnership))
        assert ward_of(db_session, report) == "E05000001"

    def test_a_csv_import_of_many_responses_assigns_each(self, db_session, partnership, consultation):
        from survey.consultations import definition_of
        from survey.responses.store import NewResponse, store_responses
        from survey.runner.navigation import validate_answer
        from survey.vocabulary import Channel

        import_wards(db_session, partnership.id, two_demo_wards())
        definition = definition_of(consultation)
        batch = []
        for pin in (WEST_PIN, EAST_PIN, WEST_PIN):
            raw = {
                "feeling": "safe",
                "safe_reasons": ["busy"],
                "place": pin,
                "time_of_day": ["evening"],
                "day_type": "both",
            }
            batch.append(
                NewResponse(
                    {qid: validate_answer(definition.question(qid), value) for qid, value in raw.items()},
                    Channel.IMPORT,
                )
            )
        store_responses(db_session, consultation, definition, batch)
        counts = {count.code: count.reports for count in ward_counts(db_session, partnership.id)}
        assert counts == {"E05000001": 2, "E05000002": 1}


class TestByWard:
    def test_counts_per_ward_with_unsafe_and_outside(self, db_session, partnership, consultation):
        import_wards(db_session, partnership.id, two_demo_wards())
        for pin, feeling in (
            (WEST_PIN, "unsafe"),
            (WEST_PIN, "safe"),
            (EAST_PIN, "unsafe"),
            (NORTH_OUTSIDE_WARDS, "unsafe"),
        ):
            store_place_report(db_session, consultation, place=pin, feeling=feeling)
        counts = [
            (count.code, count.name, count.reports, count.unsafe)
            for count in ward_counts(db_session, partnership.id)
        ]
        assert counts == [
            ("E05000001", "Westgate", 2, 1),
            ("E05000002", "Eastgate", 1, 1),
            (None, "Outside every ward", 1, 1),
        ]

    def test_hotspots_filter_by_ward_and_by_outside_every_ward(self, db_session, partnership, consultation):
        import_wards(db_session, partnership.id, two_demo_wards())
        for pin in (WEST_PIN, WEST_PIN, EAST_PIN, NORTH_OUTSIDE_WARDS):
            store_place_report(db_session, consultation, place=pin)
        grid = grid_for(boundary_of(partnership), 250)

        def total(ward):
            return sum(
                cell.reports
                for cell in aggregate_cells(db_session, partnership.id, grid, PlaceFilters(ward=ward))
            )

        assert (total(None), total("E05000001"), total("E05000002"), total(NO_WARD)) == (4, 2, 1, 1)

    def test_squares_are_named_by_ward_and_nearest_haven_not_coordinates(
        self, db_session, partnership, consultation
    ):
        import_wards(db_session, partnership.id, two_demo_wards())
        make_haven(db_session, partnership, name="Station Pharmacy", latitude=51.5051, longitude=-0.1301)
        store_place_report(db_session, consultation, place=WEST_PIN)
        grid = grid_for(boundary_of(partnership), 250)
        cells = aggregate_cells(db_session, partnership.id, grid)
        [name] = cell_names(db_session, partnership.id, grid, cells).values()
        assert (name.ward_code, name.ward_name, name.near) == ("E05000001", "Westgate", "Station Pharmacy")
        assert str(name).startswith("Westgate ward, near Station Pharmacy (about ")


class TestOnePartnershipAtATime:
    def test_another_partnerships_wards_neither_assign_nor_show(self, db_session, partnership, consultation):
        other = make_partnership(db_session, "south")
        import_wards(db_session, other.id, two_demo_wards())
        report = store_place_report(db_session, consultation, place=WEST_PIN)
        assert ward_of(db_session, report) is None
        assert partnership_wards(db_session, partnership.id) == []
        assert partnership_ward(db_session, partnership.id, "E05000001") is None
        assert ward_counts(db_session, partnership.id) == [WardCount(None, "Outside every ward", 1, 1)]
        grid = grid_for(boundary_of(partnership), 250)
        assert aggregate_cells(db_session, partnership.id, grid, PlaceFilters(ward="E05000001")) == []

    def test_the_same_codes_in_two_partnerships_stay_apart(self, db_session, partnership, consultation):
        other = make_partnership(db_session, "south")
        import_wards(db_session, other.id, two_demo_wards("South West", "South East"))
        import_wards(db_session, partnership.id, two_demo_wards())
        import_wards(db_session, other.id, two_demo_wards("Again West", "Again East"))
        report = store_place_report(db_session, consultation, place=WEST_PIN)
        assert (
            db_session.get(
                Ward,
                db_session.scalar(
                    select(Answer.ward_id).where(
                        Answer.response_id == report.id, Answer.question_id == "place"
                    )
                ),
            ).name
            == "Westgate"
        )


class TestExports:
    def test_raw_place_reports_end_with_the_ward_and_import_again(
        self, db_session, partnership, consultation
    ):
        import csv
        import io

        from analysis.exports.raw import responses_csv
        from survey.consultations import create_consultation, definition_of
        from survey.responses.csv_import import import_responses
        from survey.vocabulary import ConsultationStatus
        from tests.places import PLACE_REPORT_WITH_LISTS

        import_wards(db_session, partnership.id, two_demo_wards())
        store_place_report(db_session, consultation, place=WEST_PIN)
        store_place_report(db_session, consultation, place=NORTH_OUTSIDE_WARDS)
        store_place_report(db_session, consultation, place={"description": "By the canal"})
        exported = responses_csv(db_session, consultation, definition_of(consultation))
        rows = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))
        assert rows[0][-2:] == ["ward_code", "ward_name"]
        assert sorted(tuple(row[-2:]) for row in rows[1:]) == [("", ""), ("", ""), ("E05000001", "Westgate")]
        again = create_consultation(
            db_session, partnership, PLACE_REPORT_WITH_LISTS, slug="again", status=ConsultationStatus.OPEN
        )
        result = import_responses(db_session, again, exported.lstrip("\ufeff"))
        assert result.errors == [] and result.stored == 3
        counts = {count.code: count.reports for count in ward_counts(db_session, partnership.id)}
        assert counts["E05000001"] == 2  # the imported copy found its ward from its pin

    def test_a_consultation_without_a_map_question_has_no_ward_columns(self, db_session, partnership):
        from analysis.exports.raw import header
        from survey.consultations import create_consultation, definition_of
        from survey.definitions.definition import template_path

        annual = create_consultation(
            db_session,
            partnership,
            template_path("community-safety").read_text(encoding="utf-8"),
            slug="annual",
        )
        assert "ward_code" not in header(definition_of(annual))


class TestSquareNamesWithoutWards:
    def test_with_havens_only_a_square_is_named_by_its_nearest_haven(
        self, db_session, partnership, consultation
    ):
        make_haven(db_session, partnership, name="Station Pharmacy", latitude=51.5051, longitude=-0.1301)
        store_place_report(db_session, consultation, place=WEST_PIN)
        grid = grid_for(boundary_of(partnership), 250)
        [name] = cell_names(
            db_session, partnership.id, grid, aggregate_cells(db_session, partnership.id, grid)
        ).values()
        assert str(name).startswith("Near Station Pharmacy (about ")

    def test_with_neither_wards_nor_havens_there_is_nothing_to_name_by(
        self, db_session, partnership, consultation
    ):
        store_place_report(db_session, consultation, place=WEST_PIN)
        grid = grid_for(boundary_of(partnership), 250)
        assert (
            cell_names(db_session, partnership.id, grid, aggregate_cells(db_session, partnership.id, grid))
            == {}
        )

    def test_a_square_outside_every_ward_says_so(self, db_session, partnership, consultation):
        import_wards(db_session, partnership.id, two_demo_wards())
        store_place_report(db_session, consultation, place=NORTH_OUTSIDE_WARDS)
        grid = grid_for(boundary_of(partnership), 250)
        [name] = cell_names(
            db_session, partnership.id, grid, aggregate_cells(db_session, partnership.id, grid)
        ).values()
        assert str(name) == "Outside every ward"


class TestWardsAgainstTheBoundary:
    def test_latitude_and_longitude_swapped_is_refused_naming_the_feature(
        self, db_session, partnership, consultation
    ):
        swapped = ward_file(
            ward_feature(
                "E05000001", "Westgate", [[[lat, lon] for lon, lat in square(-0.14, 51.495, 0.02)[0]]]
            )
        )
        with pytest.raises(
            WardFileError,
            match=r"^Feature 1 \(Westgate, E05000001\) lies wholly outside your "
            r"partnership's boundary",
        ):
            import_wards(db_session, partnership.id, swapped)
        assert partnership_wards(db_session, partnership.id) == []

    def test_a_ward_reaching_past_the_boundary_is_accepted(self, db_session, partnership, consultation):
        assert (
            import_wards(
                db_session,
                partnership.id,
                ward_file(ward_feature("E05000009", "Everywhere", square(-0.2, 51.4, 0.2))),
            ).wards
            == 1
        )
