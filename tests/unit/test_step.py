"""The answer step: every channel's answers go through it, so every rule holds in every channel."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from survey.answers import AnswerPart
from survey.boundary import parse_boundary
from survey.definitions.definition import parse_definition
from survey.runner.step import (
    AnswerContext,
    RawAnswer,
    Step,
    StepKind,
    answer,
    answer_context,
    check_response,
    first_step,
)

DEFINITION = parse_definition(
    """\
id: step-test
kind: place_report
title: Step test
intro: Hello.
privacy_notice: Anonymous.
pages:
  - questions:
      - id: victim
        type: single_choice
        text: Have you been a victim of crime?
        options: [Yes, No]
      - id: reported
        type: single_choice
        text: Did you report it?
        required: true
        options: [Yes, No]
        show_if: {question: victim, in: [yes]}
      - id: place
        type: location
        text: Where was it?
      - id: count
        type: number
        text: How many times?
        max: 10
      - id: when
        type: date
        text: When?
        not_in_future: true
""",
    "step.yaml",
)
SQUARE = parse_boundary(
    json.dumps({"type": "Polygon", "coordinates": [[[0, 50], [1, 50], [1, 51], [0, 51], [0, 50]]]})
)
AREA = AnswerContext(boundary=SQUARE, area_name="North Community Safety Partnership")
YES, NO = (AnswerPart(option="yes"),), (AnswerPart(option="no"),)


class TestNextStep:
    def test_an_answer_is_stored_and_the_next_visible_question_follows(self):
        step = answer(DEFINITION, {}, "victim", RawAnswer("no"))
        assert step == Step(StepKind.QUESTION, {"victim": NO}, DEFINITION.question("place"))

    def test_an_answer_that_reveals_a_question_leads_to_it(self):
        step = answer(DEFINITION, {}, "victim", RawAnswer("yes"))
        assert (step.kind, step.question.id) == (StepKind.QUESTION, "reported")

    def test_after_the_last_question_comes_check_answers(self):
        step = answer(DEFINITION, {"victim": NO}, "when", RawAnswer("2025-03-01"))
        assert step.kind == StepKind.CHECK_ANSWERS and step.question is None
        assert step.answers == {"victim": NO, "when": (AnswerPart(date=dt.date(2025, 3, 1)),)}

    def test_a_blank_optional_answer_removes_an_earlier_one(self):
        step = answer(DEFINITION, {"victim": NO, "count": (AnswerPart(number=2),)}, "count", RawAnswer(""))
        assert step.kind == StepKind.QUESTION and step.answers == {"victim": NO}

    def test_an_answer_that_hides_a_question_drops_its_answer(self):
        step = answer(DEFINITION, {"victim": YES, "reported": NO}, "victim", RawAnswer("no"))
        assert step.answers == {"victim": NO}

    def test_an_unknown_question_is_a_key_error(self):
        with pytest.raises(KeyError):
            answer(DEFINITION, {}, "nope", RawAnswer("x"))


class TestProblems:
    def test_an_answer_the_type_refuses_is_a_problem_and_nothing_is_stored(self):
        step = answer(DEFINITION, {"victim": NO}, "count", RawAnswer("11"))
        assert step == Step(StepKind.PROBLEM, {"victim": NO}, DEFINITION.question("count"),
                            "Enter a number that is 10 or less")

    def test_a_required_question_left_empty_is_a_problem(self):
        step = answer(DEFINITION, {"victim": YES}, "reported", RawAnswer(None))
        assert (step.kind, step.problem) == (StepKind.PROBLEM, "Select an answer")

    def test_a_pin_outside_the_area_is_a_problem_naming_the_area(self):
        far_away = RawAnswer({"latitude": "55.95", "longitude": "-3.19"})
        step = answer(DEFINITION, {}, "place", far_away, context=AREA)
        assert step.kind == StepKind.PROBLEM and step.answers == {}
        assert step.problem == (
            "The place you chose is outside North Community Safety Partnership. "
            "Choose a place inside North Community Safety Partnership"
        )

    def test_a_pin_inside_the_area_is_stored(self):
        step = answer(DEFINITION, {}, "place", RawAnswer({"latitude": 50.5, "longitude": 0.5}), context=AREA)
        assert step.kind == StepKind.QUESTION
        assert step.answers == {"place": (AnswerPart(latitude=50.5, longitude=0.5),)}

    def test_without_a_boundary_any_pin_is_accepted(self):
        step = answer(DEFINITION, {}, "place", RawAnswer({"latitude": 55.95, "longitude": -3.19}))
        assert step.kind == StepKind.QUESTION

    def test_a_place_named_in_words_is_not_checked_against_the_boundary(self):
        step = answer(DEFINITION, {}, "place", RawAnswer({"description": "Behind the library"}), context=AREA)
        assert step.kind == StepKind.QUESTION

    def test_answering_a_hidden_question_is_a_problem(self):
        step = answer(DEFINITION, {"victim": NO}, "reported", RawAnswer("yes"))
        assert step.kind == StepKind.PROBLEM and step.answers == {"victim": NO}
        assert step.problem == (
            "This question is not asked with the answers given so far: it is only asked when victim is yes"
        )

    def test_today_comes_from_the_context(self):
        context = AnswerContext(today=dt.date(2025, 1, 1))
        step = answer(DEFINITION, {}, "when", RawAnswer("2025-03-01"), context=context)
        assert (step.kind, step.problem) == (StepKind.PROBLEM, "Date must be today or in the past")


class TestChanging:
    def test_a_change_goes_back_to_check_answers(self):
        answers = {"victim": NO, "count": (AnswerPart(number=2),)}
        step = answer(DEFINITION, answers, "count", RawAnswer("3"), changing=True)
        assert step.kind == StepKind.CHECK_ANSWERS and step.answers["count"] == (AnswerPart(number=3),)

    def test_a_change_that_reveals_an_unanswered_question_asks_it(self):
        step = answer(DEFINITION, {"victim": NO}, "victim", RawAnswer("yes"), changing=True)
        assert (step.kind, step.question.id) == (StepKind.QUESTION, "reported")

    def test_a_change_that_reveals_an_answered_question_goes_back_to_check_answers(self):
        # Only unanswered, revealed questions are asked; unconditional unanswered ones stay skipped.
        step = answer(DEFINITION, {"victim": YES, "reported": NO}, "victim", RawAnswer("yes"), changing=True)
        assert step.kind == StepKind.CHECK_ANSWERS


class TestFirstStep:
    def test_a_new_respondent_starts_at_the_first_question(self):
        assert first_step(DEFINITION, {}) == Step(StepKind.QUESTION, {}, DEFINITION.question("victim"))

    def test_a_returning_respondent_resumes_at_the_first_unanswered_question(self):
        assert first_step(DEFINITION, {"victim": YES}).question.id == "reported"

    def test_with_everything_answered_it_is_check_answers(self):
        answers = {
            "victim": NO,
            "place": (AnswerPart(text="Park"),),
            "count": (AnswerPart(number=1),),
            "when": (AnswerPart(date=dt.date(2025, 1, 1)),),
        }
        assert first_step(DEFINITION, answers).kind == StepKind.CHECK_ANSWERS


class TestCheckResponse:
    def test_every_rule_over_a_whole_set_of_answers(self):
        answers = {
            "victim": NO,
            "reported": YES,
            "place": (AnswerPart(latitude=55.95, longitude=-3.19),),
        }
        clean, problems = check_response(DEFINITION, answers, AREA)
        assert clean == {"victim": NO, "place": answers["place"]}
        assert list(problems) == ["reported", "place"]
        assert problems["reported"].startswith("Answered, but the question was not asked")
        assert problems["place"].startswith("The place you chose is outside North Community Safety")

    def test_a_required_visible_question_left_empty(self):
        _clean, problems = check_response(DEFINITION, {"victim": YES})
        assert problems == {"reported": "Select an answer"}


class TestAnswerContext:
    def test_no_partnership_means_no_boundary(self):
        assert answer_context(None) == AnswerContext()
