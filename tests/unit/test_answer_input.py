"""Checking raw input for ranking, scale, free text, date and location questions.

(Single choice, multiple choice and number are exercised through the runner in test_runner.py.)
"""

from __future__ import annotations

import datetime as dt

import pytest

from survey.answers import AnswerPart
from survey.definitions.definition import parse_definition
from survey.runner.navigation import AnswerError, validate_answer

QUESTIONS = """\
id: answers-test
kind: place_report
title: Answers test
intro: Hello.
privacy_notice: Anonymous.
pages:
  - questions:
      - id: priorities
        type: ranking
        text: Rank these
        options: [Violence, Drugs, Burglary, Anti-social behaviour, Town centre]
        rank: 3
      - {id: safe, type: scale, preset: safety, text: How safe}
      - {id: story, type: free_text, text: Tell us, max_length: 20}
      - {id: when, type: date, text: When, not_in_future: true, min: 2020-01-01}
      - id: place
        type: location
        text: Where
        areas: [Abbey, Castle]
        landmarks: [{value: station, label: The station}]
      - {id: pin_only_or_list, type: location, text: Where, areas: [Abbey], allow_description: false}
"""
DEFINITION = parse_definition(QUESTIONS, "answers.yaml")
TODAY = dt.date(2025, 6, 15)


def check(question_id: str, raw, **options):
    return validate_answer(DEFINITION.question(question_id), raw, today=TODAY, **options)


def rejects(question_id: str, raw, message: str) -> None:
    with pytest.raises(AnswerError) as raised:
        check(question_id, raw)
    assert str(raised.value) == message


class TestRanking:
    def test_list_in_order_gives_ranks_from_one(self) -> None:
        assert check("priorities", ["drugs", "violence"]) == (
            AnswerPart(option="drugs", rank=1),
            AnswerPart(option="violence", rank=2),
        )

    def test_form_ranks_are_normalised_to_the_same_answer(self) -> None:
        form = {"violence": "2", "drugs": " 1 ", "burglary": "", "town_centre": None}
        assert check("priorities", form) == check("priorities", ["drugs", "violence"])

    def test_integer_ranks_are_accepted(self) -> None:
        assert check("priorities", {"burglary": 1}) == (AnswerPart(option="burglary", rank=1),)

    def test_empty_form_is_not_answered(self) -> None:
        assert check("priorities", {"violence": "", "drugs": " "}) == ()

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            (["drugs", "violence", "burglary", "town_centre"], "Rank at most 3 options"),
            (["drugs", "drugs"], "Each option can only be ranked once"),
            (["drugs", "arson"], "Select from the options shown ('arson' is not one of them)"),
            ({"drugs": "1", "violence": "1"}, "Give each rank to one option only"),
            ({"drugs": "1", "violence": "3"}, "Rank options in order from 1, without leaving gaps"),
            ({"drugs": "2"}, "Rank options in order from 1, without leaving gaps"),
            ({"drugs": "4"}, "Ranks must be whole numbers from 1 to 3"),
            ({"drugs": "0"}, "Ranks must be whole numbers from 1 to 3"),
            ({"drugs": "first"}, "Ranks must be whole numbers from 1 to 3"),
            ({"arson": "1"}, "Select from the options shown ('arson' is not one of them)"),
        ],
    )
    def test_errors(self, raw, message) -> None:
        rejects("priorities", raw, message)


class TestScale:
    def test_stores_the_point_and_its_score(self) -> None:
        assert check("safe", "a_bit_unsafe") == (AnswerPart(option="a_bit_unsafe", number=-1.0),)

    def test_dont_know_has_no_score(self) -> None:
        assert check("safe", "dont_know") == (AnswerPart(option="dont_know", number=None),)

    def test_unknown_point(self) -> None:
        rejects("safe", "quite_safe", "Select from the options shown ('quite_safe' is not one of them)")


class TestFreeText:
    def test_is_stripped_and_line_endings_normalised(self) -> None:
        assert check("story", "  one\r\ntwo  ") == (AnswerPart(text="one\ntwo"),)

    def test_length_limit(self) -> None:
        assert check("story", "x" * 20) == (AnswerPart(text="x" * 20),)
        rejects("story", "x" * 21, "Answer must be 20 characters or fewer")

    def test_default_limit_is_2000(self) -> None:
        question = parse_definition(QUESTIONS.replace(", max_length: 20", ""), "t.yaml").question("story")
        with pytest.raises(AnswerError, match="^Answer must be 2000 characters or fewer$"):
            validate_answer(question, "x" * 2001)


class TestDate:
    @pytest.mark.parametrize(
        "raw",
        [
            "2025-03-27",
            dt.date(2025, 3, 27),
            dt.datetime(2025, 3, 27, 10, 30),
            ("27", "3", "2025"),
            ["27", "03", "2025"],
        ],
    )
    def test_accepted_forms(self, raw) -> None:
        assert check("when", raw) == (AnswerPart(date=dt.date(2025, 3, 27)),)

    def test_empty_date_fields_are_not_answered(self) -> None:
        assert check("when", ("", " ", "")) == ()

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            (("", "3", "2025"), "Date must include a day"),
            (("", "", "2025"), "Date must include a day and month"),
            (("1", "", ""), "Date must include a month and year"),
            (("31", "2", "2025"), "Enter a real date"),
            (("1", "March", "2025"), "Enter a real date"),
            (("1", "3", "25"), "Year must include 4 numbers"),
            ("27/03/2025", "Enter a real date, for example 2025-03-27"),
            ("2025-02-30", "Enter a real date"),
            ("2025-06-16", "Date must be today or in the past"),
            ("2019-12-31", "Date must be on or after 1 January 2020"),
        ],
    )
    def test_errors(self, raw, message) -> None:
        rejects("when", raw, message)

    def test_today_is_not_in_the_future(self) -> None:
        assert check("when", "2025-06-15") == (AnswerPart(date=TODAY),)


class TestLocation:
    def test_pin(self) -> None:
        assert check("place", {"latitude": "51.5072", "longitude": -0.1276}) == (
            AnswerPart(latitude=51.5072, longitude=-0.1276),
        )

    def test_area_landmark_and_description(self) -> None:
        assert check("place", {"area": "castle"}) == (AnswerPart(option="castle"),)
        assert check("place", {"landmark": "station", "description": " By the bins "}) == (
            AnswerPart(option="station", text="By the bins"),
        )
        assert check("place", {"description": "The alley", "latitude": ""}) == (AnswerPart(text="The alley"),)

    def test_blank_fields_are_not_answered(self) -> None:
        assert check("place", {"latitude": "", "longitude": "", "area": "", "description": "  "}) == ()

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            ({"latitude": "91", "longitude": "0"}, "Latitude must be between -90 and 90"),
            ({"latitude": "0", "longitude": "-180.5"}, "Longitude must be between -180 and 180"),
            ({"latitude": "north", "longitude": "0"}, "Latitude must be a number"),
            ({"latitude": "51.5"}, "Enter both a latitude and a longitude"),
            (
                {"latitude": 51, "longitude": 0, "description": "x"},
                "Either drop a pin on the map or name the place, not both",
            ),
            ({"area": "abbey", "landmark": "station"}, "Choose an area or a landmark, not both"),
            ({"area": "station"}, "Select from the options shown ('station' is not one of them)"),
            ({"description": "x" * 501}, "Description must be 500 characters or fewer"),
            (
                {"postcode": "AB1"},
                "Drop a pin on the map, choose a place from the list or describe the place",
            ),
        ],
    )
    def test_errors(self, raw, message) -> None:
        rejects("place", raw, message)

    def test_description_only_when_allowed(self) -> None:
        rejects("pin_only_or_list", {"description": "Near the shop"}, "Choose a place from the list")
        assert check("pin_only_or_list", {"area": "abbey"}) == (AnswerPart(option="abbey"),)
