"""The runner: conditional logic, navigation, and checking answers and whole responses."""

from __future__ import annotations

import pytest

from survey.answers import AnswerPart
from survey.definitions.definition import Definition, parse_definition
from survey.runner.navigation import (
    AnswerError,
    next_question,
    position,
    previous_question,
    prune,
    validate_answer,
    validate_response,
    visible_questions,
)

DEFINITION = """\
id: runner-test
kind: consultation
title: Runner test
intro: Hello.
privacy_notice: Anonymous.
pages:
  - questions:
      - id: victim
        type: single_choice
        text: Have you been a victim of crime?
        options: [Yes, No, Prefer not to say]
      - id: reported
        type: single_choice
        text: Did you report it?
        options: [Yes, No]
        show_if: {question: victim, in: [yes]}
      - id: why_not
        type: free_text
        text: Why not?
        show_if: {question: reported, in: [no]}
  - questions:
      - id: issues
        type: multiple_choice
        text: Which issues?
        options: [Drugs, Robbery, Lighting, None of these]
        exclusive: [none_of_these]
        max_choices: 3
        other: true
      - id: drugs_detail
        type: free_text
        text: Tell us about drugs
        required: true
        show_if: {question: issues, in: [drugs, robbery]}
      - id: colour
        type: single_choice
        text: Favourite colour
        required: true
        error_message: Select your favourite colour
        options: [Red, Green]
        other: true
      - id: age
        type: number
        text: How old are you?
        integer: true
        min: 0
        max: 120
"""


@pytest.fixture(scope="module")
def definition() -> Definition:
    return parse_definition(DEFINITION, "runner.yaml")


def ids(questions) -> list[str]:
    return [question.id for question in questions]


YES = (AnswerPart(option="yes"),)
NO = (AnswerPart(option="no"),)


class TestConditionalQuestions:
    def test_conditional_questions_are_hidden_until_their_condition_is_met(self, definition) -> None:
        assert ids(visible_questions(definition, {})) == ["victim", "issues", "colour", "age"]

    def test_a_matching_answer_shows_the_question(self, definition) -> None:
        assert "reported" in ids(visible_questions(definition, {"victim": YES}))
        assert "reported" not in ids(visible_questions(definition, {"victim": NO}))

    def test_conditions_chain_through_hidden_questions(self, definition) -> None:
        answers = {"victim": YES, "reported": NO}
        assert ids(visible_questions(definition, answers))[:3] == ["victim", "reported", "why_not"]
        # Changing the first answer hides "reported", and so "why_not" too, though "reported" still says no.
        answers["victim"] = NO
        assert "why_not" not in ids(visible_questions(definition, answers))

    def test_multiple_choice_condition_matches_any_listed_value(self, definition) -> None:
        robbery = (AnswerPart(option="robbery"), AnswerPart(option="lighting"))
        assert "drugs_detail" in ids(visible_questions(definition, {"issues": robbery}))
        lighting = (AnswerPart(option="lighting"),)
        assert "drugs_detail" not in ids(visible_questions(definition, {"issues": lighting}))

    def test_prune_drops_answers_to_questions_that_became_hidden(self, definition) -> None:
        answers = {
            "victim": NO,
            "reported": NO,
            "why_not": (AnswerPart(text="No point"),),
            "age": (AnswerPart(number=30.0),),
        }
        assert prune(definition, answers) == {"victim": NO, "age": (AnswerPart(number=30.0),)}

    def test_prune_drops_empty_and_unknown_answers_and_keeps_question_order(self, definition) -> None:
        answers = {"age": (AnswerPart(number=1.0),), "colour": (), "nonsense": YES, "victim": YES}
        assert list(prune(definition, answers)) == ["victim", "age"]


class TestNavigation:
    def test_first_question(self, definition) -> None:
        assert next_question(definition, {}, None).id == "victim"

    def test_next_skips_hidden_questions(self, definition) -> None:
        assert next_question(definition, {"victim": NO}, "victim").id == "issues"
        assert next_question(definition, {"victim": YES}, "victim").id == "reported"

    def test_next_from_a_question_that_has_just_been_hidden(self, definition) -> None:
        assert next_question(definition, {"victim": NO}, "reported").id == "issues"

    def test_none_after_the_last_question(self, definition) -> None:
        assert next_question(definition, {}, "age") is None

    def test_previous_skips_hidden_questions(self, definition) -> None:
        assert previous_question(definition, {"victim": NO}, "issues").id == "victim"
        assert previous_question(definition, {"victim": YES, "reported": NO}, "issues").id == "why_not"
        assert previous_question(definition, {}, "victim") is None

    def test_unknown_question_is_a_key_error(self, definition) -> None:
        with pytest.raises(KeyError):
            next_question(definition, {}, "nope")

    def test_position_counts_only_visible_questions(self, definition) -> None:
        assert position(definition, {}, "issues")[0] == 2
        assert position(definition, {"victim": YES}, "issues")[0] == 3

    def test_no_total_is_promised_when_the_count_depends_on_the_answers(self, definition) -> None:
        # "of 4" before "victim" is answered would become "of 5" or "of 6" after it
        assert position(definition, {}, "victim")[1] is None
        assert position(definition, {"victim": YES}, "issues")[1] is None

    def test_position_of_a_hidden_question_is_an_error(self, definition) -> None:
        with pytest.raises(ValueError, match="not shown"):
            position(definition, {}, "reported")


class TestRequiredAndOptional:
    def test_optional_question_left_empty_is_not_answered(self, definition) -> None:
        assert validate_answer(definition.question("victim"), "") == ()
        assert validate_answer(definition.question("age"), "  ") == ()
        assert validate_answer(definition.question("issues"), []) == ()

    def test_required_question_left_empty_uses_its_error_message(self, definition) -> None:
        with pytest.raises(AnswerError, match="^Select your favourite colour$"):
            validate_answer(definition.question("colour"), None)

    def test_required_question_without_error_message_gets_a_standard_one(self, definition) -> None:
        with pytest.raises(AnswerError, match="^Enter your answer$"):
            validate_answer(definition.question("drugs_detail"), "   ")


class TestValidateResponse:
    def test_missing_visible_required_answers_are_errors(self, definition) -> None:
        issues = (AnswerPart(option="drugs"),)
        clean, errors = validate_response(definition, {"issues": issues})
        assert clean == {"issues": issues}
        assert errors == {"drugs_detail": "Enter your answer", "colour": "Select your favourite colour"}

    def test_hidden_required_questions_are_not_errors_and_hidden_answers_are_dropped(
        self, definition
    ) -> None:
        red = (AnswerPart(option="red"),)
        answers = {"colour": red, "drugs_detail": (AnswerPart(text="Dealing"),), "reported": YES}
        clean, errors = validate_response(definition, answers)
        assert clean == {"colour": red}
        assert errors == {}


class TestSingleChoice:
    def test_value(self, definition) -> None:
        assert validate_answer(definition.question("victim"), "yes") == YES
        assert validate_answer(definition.question("victim"), ["no"]) == NO

    def test_unknown_value_is_rejected(self, definition) -> None:
        with pytest.raises(AnswerError, match="'maybe' is not one of them"):
            validate_answer(definition.question("victim"), "maybe")

    def test_only_one_value(self, definition) -> None:
        with pytest.raises(AnswerError, match="^Select one option only$"):
            validate_answer(definition.question("victim"), ["yes", "no"])

    def test_other_carries_its_words(self, definition) -> None:
        answer = validate_answer(definition.question("colour"), "other", other_text="  Teal ")
        assert answer == (AnswerPart(option="other", text="Teal"),)

    def test_other_needs_words(self, definition) -> None:
        with pytest.raises(AnswerError, match="^Enter the other option$"):
            validate_answer(definition.question("colour"), "other", other_text=" ")

    def test_other_words_are_limited_to_200_characters(self, definition) -> None:
        assert validate_answer(definition.question("colour"), "other", other_text="x" * 200)
        with pytest.raises(AnswerError, match="^Other option must be 200 characters or fewer$"):
            validate_answer(definition.question("colour"), "other", other_text="x" * 201)

    def test_other_words_are_ignored_when_other_is_not_chosen(self, definition) -> None:
        assert validate_answer(definition.question("colour"), "red", other_text="Teal") == (
            AnswerPart(option="red"),
        )


class TestMultipleChoice:
    def test_parts_follow_option_order_with_other_last(self, definition) -> None:
        answer = validate_answer(
            definition.question("issues"), ["other", "lighting", "drugs"], other_text="Bins"
        )
        assert answer == (
            AnswerPart(option="drugs"),
            AnswerPart(option="lighting"),
            AnswerPart(option="other", text="Bins"),
        )

    def test_a_single_string_is_one_choice(self, definition) -> None:
        assert validate_answer(definition.question("issues"), "robbery") == (AnswerPart(option="robbery"),)

    def test_max_choices(self, definition) -> None:
        with pytest.raises(AnswerError, match="^Select no more than 3 options$"):
            validate_answer(
                definition.question("issues"), ["drugs", "robbery", "lighting", "other"], other_text="x"
            )

    def test_exclusive_option_cannot_be_combined(self, definition) -> None:
        assert validate_answer(definition.question("issues"), ["none_of_these"]) == (
            AnswerPart(option="none_of_these"),
        )
        with pytest.raises(AnswerError, match="^Select either 'None of these' or other options, not both$"):
            validate_answer(definition.question("issues"), ["none_of_these", "drugs"])

    def test_unknown_value_is_rejected(self, definition) -> None:
        with pytest.raises(AnswerError, match="'fire' is not one of them"):
            validate_answer(definition.question("issues"), ["drugs", "fire"])


class TestNumber:
    @pytest.mark.parametrize(("raw", "number"), [("42", 42.0), (" 1,00 ", 100.0), (7, 7.0), (0.0, 0.0)])
    def test_accepts_text_and_numbers(self, definition, raw, number) -> None:
        assert validate_answer(definition.question("age"), raw) == (AnswerPart(number=number),)

    @pytest.mark.parametrize(
        ("raw", "message"),
        [
            ("121", "Enter a number between 0 and 120"),
            ("-1", "Enter a number between 0 and 120"),
            ("12.5", "Enter a whole number"),
            ("twelve", "Enter a whole number"),
            ("nan", "Enter a whole number"),
            (True, "Enter a whole number"),
        ],
    )
    def test_errors(self, definition, raw, message) -> None:
        with pytest.raises(AnswerError, match=f"^{message}$"):
            validate_answer(definition.question("age"), raw)

    def test_one_sided_bounds_and_decimals(self) -> None:
        text = DEFINITION + "      - {id: spend, type: number, text: Spend, min: 0.5}\n"
        question = parse_definition(text, "t.yaml").question("spend")
        assert validate_answer(question, "2.75") == (AnswerPart(number=2.75),)
        with pytest.raises(AnswerError, match="^Enter a number that is 0.5 or more$"):
            validate_answer(question, "0.1")
        with pytest.raises(AnswerError, match="^Enter a number$"):
            validate_answer(question, "1.2.3")
