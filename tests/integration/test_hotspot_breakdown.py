"""The hotspot breakdown read from the options kept on each pin agrees with the reference join of every
answer, on both backends, on random reports under random filters: after officers place reports, for
pins stored by a path that kept no options, and after retention moves the pins."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import select, update

from survey.boundary import boundary_of
from survey.consultations import definition_of
from survey.places.hotspots import Grid, aggregate_cells, breakdown_by_join, grid_for
from survey.places.reports import NO_WARD, PlaceFilters, place_on_map
from survey.retention.anonymise import anonymise_responses
from survey.storage.models import Answer, Consultation, Response
from survey.vocabulary import Channel
from survey.wards.pin_options import SEPARATOR, split_line
from survey.wards.register import import_wards
from tests.factories import make_partnership
from tests.places import make_place_consultation, store_place_report
from tests.wards import two_demo_wards

START = dt.datetime(2026, 1, 5, 12, tzinfo=dt.UTC)
DAYS = 20


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


def option_values(consultation, question_id: str) -> list[str]:
    """The question's options but "other" (which needs words with it)."""
    options = definition_of(consultation).question(question_id).all_options
    return [option.value for option in options if option.value != "other"]


def store_random_reports(
    db_session, partnership, rng: random.Random, count: int
) -> tuple[Consultation, list[Response]]:
    """``count`` place reports of every kind (about one in eight named without the map), in two wards."""
    consultation = make_place_consultation(db_session, partnership)
    import_wards(db_session, partnership.id, two_demo_wards())
    reasons, times = option_values(consultation, "reasons"), option_values(consultation, "time_of_day")
    ages = option_values(consultation, "about_age_band")
    reports = []
    for _ in range(count):
        if rng.random() < 0.125:
            place = {"description": "Behind the library"}
        else:  # a few hundred metres either way of the middle: a dozen or so cells, in and out of wards
            place = {
                "latitude": round(rng.gauss(51.506, 0.004), 5),
                "longitude": round(rng.gauss(-0.12, 0.006), 5),
            }
        reports.append(
            store_place_report(
                db_session,
                consultation,
                place=place,
                feeling=rng.choice(["unsafe", "unsafe", "safe"]),
                reasons=rng.sample(reasons, rng.randint(1, 3)),
                times=rng.sample(times, rng.randint(1, 2)),
                age_band=rng.choice([None, *ages]),
                channel=rng.choice([Channel.WEB, Channel.PAPER]),
                submitted_at=START + dt.timedelta(days=rng.randrange(DAYS), hours=rng.randrange(24)),
            )
        )
    return consultation, reports


def officer_grid(partnership) -> Grid:
    return grid_for(boundary_of(partnership), 250)


def random_filters(rng: random.Random, consultation_reasons: list[str], ages: list[str]) -> PlaceFilters:
    day = (START + dt.timedelta(days=rng.randrange(DAYS))).date()
    return PlaceFilters(
        date_from=rng.choice([None, day]),
        date_to=rng.choice([None, day + dt.timedelta(days=rng.randrange(10))]),
        feeling=rng.choice([None, None, "unsafe", "safe"]),
        reason=rng.choice([None, None, *consultation_reasons]),
        age_band=rng.choice([None, None, *ages]),
        channel=rng.choice([None, None, Channel.WEB, Channel.PAPER]),
        ward=rng.choice([None, None, NO_WARD, "E05000001", "E05000002"]),
    )


def assert_agrees(db_session, partnership, grid, filters: PlaceFilters) -> None:
    cells = aggregate_cells(db_session, partnership.id, grid, filters)
    totals = aggregate_cells(db_session, partnership.id, grid, filters, breakdown=False)
    assert [(cell.ix, cell.iy, cell.reports) for cell in cells] == [
        (cell.ix, cell.iy, cell.reports) for cell in totals
    ]
    assert {(cell.ix, cell.iy): cell.breakdown for cell in cells if cell.breakdown} == breakdown_by_join(
        db_session, partnership.id, grid, filters
    ), filters


def forget_kept_options(db_session, fraction: float, rng: random.Random) -> None:
    """Empty ``response_options`` on some pins, as a path that bypasses ``assign_rows`` would leave them."""
    pins = db_session.scalars(select(Answer.id).where(Answer.response_options.is_not(None))).all()
    chosen = [pin for pin in pins if rng.random() < fraction]
    db_session.execute(update(Answer).where(Answer.id.in_(chosen)).values(response_options=None))
    db_session.expire_all()


class TestAgreesWithTheJoin:
    def test_random_reports_under_random_filters(self, db_session, partnership):
        rng = random.Random(17)
        consultation, reports = store_random_reports(db_session, partnership, rng, 80)
        grid = officer_grid(partnership)
        other = make_partnership(db_session, "south")  # another partnership's reports are never counted
        store_random_reports(db_session, other, random.Random(3), 10)
        unplaced = [r for r in reports if all(answer.latitude is None for answer in r.answers)]
        for report in unplaced[:5]:
            place_on_map(
                db_session, partnership.id, report.id, 51.507, -0.118, boundary=boundary_of(partnership)
            )
        assert len(unplaced) > 5  # some stay named without the map, and are not counted
        reasons, ages = option_values(consultation, "reasons"), option_values(consultation, "about_age_band")
        assert_agrees(db_session, partnership, grid, PlaceFilters())
        for _ in range(25):
            assert_agrees(db_session, partnership, grid, random_filters(rng, reasons, ages))

    def test_pins_without_kept_options_are_read_from_their_answers(self, db_session, partnership):
        rng = random.Random(5)
        consultation, _reports = store_random_reports(db_session, partnership, rng, 40)
        grid = officer_grid(partnership)
        before = aggregate_cells(db_session, partnership.id, grid)
        forget_kept_options(db_session, 0.5, rng)
        assert aggregate_cells(db_session, partnership.id, grid) == before
        reasons, ages = option_values(consultation, "reasons"), option_values(consultation, "about_age_band")
        for _ in range(10):
            assert_agrees(db_session, partnership, grid, random_filters(rng, reasons, ages))
        forget_kept_options(db_session, 1.0, rng)
        assert aggregate_cells(db_session, partnership.id, grid) == before

    def test_retention_moving_the_pins_keeps_the_counts_right(self, db_session, partnership):
        _consultation, reports = store_random_reports(db_session, partnership, random.Random(11), 30)
        grid = officer_grid(partnership)
        anonymise_responses(db_session, [report.id for report in reports[:20]], grid_for(None, 500))
        db_session.expire_all()
        assert_agrees(db_session, partnership, grid, PlaceFilters())
        assert_agrees(db_session, partnership, grid, PlaceFilters(feeling="unsafe", ward="E05000001"))


class TestKeptOptions:
    def test_a_pin_keeps_every_option_its_response_chose(self, db_session, partnership):
        consultation = make_place_consultation(db_session, partnership)
        report = store_place_report(
            db_session,
            consultation,
            place={"latitude": 51.505, "longitude": -0.12},
            reasons=["poor_lighting", "isolated"],
            times=["night"],
            age_band="16_17",
        )
        answers = db_session.scalars(select(Answer).where(Answer.response_id == report.id)).all()
        [pin] = [answer for answer in answers if answer.latitude is not None]
        chosen = sorted(
            (answer.question_id, answer.option) for answer in answers if answer.option is not None
        )
        assert sorted(split_line(line) for line in pin.response_options.split(SEPARATOR)) == chosen
        assert ("reasons", "isolated") in chosen
        assert all(answer.response_options is None for answer in answers if answer is not pin)

    def test_a_report_placed_by_an_officer_gains_its_options_with_its_pin(self, db_session, partnership):
        consultation = make_place_consultation(db_session, partnership)
        report = store_place_report(db_session, consultation, place={"area": "northgate"}, feeling="safe")
        pin = place_on_map(
            db_session, partnership.id, report.id, 51.505, -0.12, boundary=boundary_of(partnership)
        )
        lines = sorted(pin.response_options.split(SEPARATOR))
        assert "place=northgate" in lines  # the area it was named by
        assert "feeling=safe" in lines
        [cell] = aggregate_cells(db_session, partnership.id, officer_grid(partnership))
        assert cell.breakdown["feeling"] == {"safe": 1}
        assert "place" not in cell.breakdown  # only the breakdown questions are counted
