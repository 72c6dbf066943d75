"""Showing answers ("check your answers") and the CSV cell format, which must round-trip exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from survey.answers import AnswerPart
from survey.definitions.definition import parse_definition
from survey.runner.navigation import AnswerError, display, from_cell, to_cell

QUESTIONS = """\
id: format-test
kind: consultation
title: Format test
intro: Hello.
privacy_notice: Anonymous.
pages:
  - questions:
      - {id: colour, type: single_choice, text: Colour, options: [Red, Green], other: true}
      - {id: issues, type: multiple_choice, text: Issues, options: [Drugs, Robbery, Lighting], other: true}
      - {id: priorities, type: ranking, text: Rank, options: [Violence, Drugs, Burglary], rank: 3}
      - {id: safe, type: scale, preset: safety, text: How safe}
      - {id: story, type: free_text, text: Tell us}
      - {id: count, type: number, text: How many}
      - {id: when, type: date, text: When}
      - id: place
        type: location
        text: Where
        areas: [Abbey]
        landmarks: [{value: station, label: The station}]
"""
DEFINITION = parse_definition(QUESTIONS, "format.yaml")

# (question id, answer, cell, display)
EXAMPLES = [
    ("colour", (AnswerPart(option="green"),), "green", "Green"),
    (
        "colour",
        (AnswerPart(option="other", text="Teal; or: blue"),),
        "other:Teal; or: blue",
        "Other: Teal; or: blue",
    ),
    (
        "issues",
        (AnswerPart(option="drugs"), AnswerPart(option="lighting")),
        "drugs;lighting",
        "Drugs\nLighting",
    ),
    (
        "issues",
        (AnswerPart(option="robbery"), AnswerPart(option="other", text="Bins; fires; other:x")),
        "robbery;other:Bins; fires; other:x",
        "Robbery\nOther: Bins; fires; other:x",
    ),
    ("issues", (AnswerPart(option="other", text="Only this"),), "other:Only this", "Other: Only this"),
    (
        "priorities",
        (AnswerPart(option="burglary", rank=1), AnswerPart(option="violence", rank=2)),
        "burglary;violence",
        "1. Burglary\n2. Violence",
    ),
    ("safe", (AnswerPart(option="very_unsafe", number=-2.0),), "very_unsafe", "Very unsafe"),
    ("safe", (AnswerPart(option="dont_know", number=None),), "dont_know", "Don't know"),
    (
        "story",
        (AnswerPart(text="More lights;\nfewer cars, please"),),
        "More lights;\nfewer cars, please",
        "More lights;\nfewer cars, please",
    ),
    ("count", (AnswerPart(number=12.0),), "12", "12"),
    ("count", (AnswerPart(number=-3.25),), "-3.25", "-3.25"),
    ("count", (AnswerPart(number=1e20),), "1e+20", "1e+20"),
    ("count", (AnswerPart(number=0.1),), "0.1", "0.1"),
    ("when", (AnswerPart(date=dt.date(2025, 3, 7)),), "2025-03-07", "7 March 2025"),
    (
        "place",
        (AnswerPart(latitude=51.50722, longitude=-0.1275),),
        "51.50722,-0.1275",
        "Pin on the map (51.50722, -0.12750)",
    ),
    ("place", (AnswerPart(latitude=0.1, longitude=1e-05),), "0.1,1e-05", "Pin on the map (0.10000, 0.00001)"),
    ("place", (AnswerPart(option="abbey"),), "area:abbey", "Abbey"),
    (
        "place",
        (AnswerPart(option="station", text="By the bins"),),
        "landmark:station;text:By the bins",
        "The station\nBy the bins",
    ),
    (
        "place",
        (AnswerPart(text="Behind; the area:library, 2"),),
        "text:Behind; the area:library, 2",
        "Behind; the area:library, 2",
    ),
]


@pytest.mark.parametrize(("question_id", "answer", "cell", "shown"), EXAMPLES)
class TestCellFormat:
    def test_to_cell(self, question_id, answer, cell, shown) -> None:
        assert to_cell(DEFINITION.question(question_id), answer) == cell

    def test_from_cell_round_trips_exactly(self, question_id, answer, cell, shown) -> None:
        question = DEFINITION.question(question_id)
        assert from_cell(question, to_cell(question, answer)) == answer

    def test_display(self, question_id, answer, cell, shown) -> None:
        assert display(DEFINITION.question(question_id), answer) == shown


class TestEmptyAnswers:
    @pytest.mark.parametrize("question", DEFINITION.questions, ids=lambda question: question.id)
    def test_empty_cell_means_not_answered(self, question) -> None:
        assert to_cell(question, ()) == ""
        assert from_cell(question, "") == ()
        assert display(question, ()) == "Not answered"


class TestCellParts:
    def test_multiple_choice_cell_is_written_in_option_order_whatever_the_part_order(self) -> None:
        answer = (
            AnswerPart(option="other", text="x"),
            AnswerPart(option="lighting"),
            AnswerPart(option="drugs"),
        )
        assert to_cell(DEFINITION.question("issues"), answer) == "drugs;lighting;other:x"

    def test_ranking_cell_is_written_in_rank_order(self) -> None:
        answer = (AnswerPart(option="drugs", rank=2), AnswerPart(option="violence", rank=1))
        assert to_cell(DEFINITION.question("priorities"), answer) == "violence;drugs"

    def test_scale_score_comes_from_the_definition(self) -> None:
        assert from_cell(DEFINITION.question("safe"), "fairly_safe") == (
            AnswerPart(option="fairly_safe", number=1.0),
        )

    def test_required_question_may_be_empty_in_a_cell(self) -> None:
        required = parse_definition(
            QUESTIONS.replace("text: Tell us", "text: Tell us, required: true"), "t.yaml"
        )
        assert from_cell(required.question("story"), "") == ()

    @pytest.mark.parametrize(
        ("question_id", "cell", "message"),
        [
            ("colour", "purple", "Select from the options shown ('purple' is not one of them)"),
            ("colour", "red;green", "Select one option only"),
            ("issues", "drugs;other:", "Enter the other option"),
            ("priorities", "drugs;drugs", "Each option can only be ranked once"),
            ("count", "lots", "Enter a number"),
            ("when", "07/03/2025", "Enter a real date, for example 2025-03-27"),
            (
                "place",
                "ward:abbey",
                "Write a place as 'latitude,longitude', 'area:<value>', 'landmark:<value>' "
                "or 'text:<words>' ('ward:abbey' is not understood)",
            ),
            ("place", "area:station", "Select from the options shown ('station' is not one of them)"),
            (
                "place",
                "51.5",
                "Write a place as 'latitude,longitude', 'area:<value>', 'landmark:<value>' "
                "or 'text:<words>' ('51.5' is not understood)",
            ),
            ("place", "91,0", "Latitude must be between -90 and 90"),
        ],
    )
    def test_bad_cells_say_what_is_wrong(self, question_id, cell, message) -> None:
        with pytest.raises(AnswerError) as raised:
            from_cell(DEFINITION.question(question_id), cell)
        assert str(raised.value) == message
