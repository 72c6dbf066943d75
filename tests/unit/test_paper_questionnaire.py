"""What the printed questionnaire says: question numbers, instructions for each type, and
conditions in words (the model the PDF lays out; the PDF itself is read back in
tests/integration/test_paper_questionnaire.py)."""

from __future__ import annotations

import pytest

from analysis.exports.questionnaire.questions import Boxes, Lines, ScaleRow, WriteIn, build_questionnaire
from survey.definitions.definition import load_template, parse_definition
from survey.definitions.numbering import question_numbers

EVERY_TYPE = """\
id: every-type
kind: consultation
title: Every type
intro: Hello.
privacy_notice: Anonymous.
pages:
  - title: First
    questions:
      - {id: issues, type: ranking, text: "Rank these", options: [A, B, C, D], rank: 3}
      - {id: all_ranked, type: ranking, text: "Rank them all", options: [A, B, C], rank: 3}
      - {id: top, type: ranking, text: "The top one", options: [A, B], rank: 1}
      - id: seen
        type: multiple_choice
        text: What have you seen?
        hint: Select all that apply.
        options: [Drinking, Dealing, None of these]
        exclusive: [none_of_these]
        other: true
      - {id: two, type: multiple_choice, text: "Pick two", options: [A, B, C], max_choices: 2}
      - {id: victim, type: single_choice, text: "Were you a victim?", options: [Yes, No, Not sure]}
      - id: reported
        type: single_choice
        text: Did you report it?
        options: [Yes, No]
        show_if: {question: victim, in: ["yes"]}
      - id: how
        type: free_text
        text: How did you report it?
        max_length: 500
        show_if: {question: reported, in: ["yes"]}
  - title: Second
    questions:
      - {id: safe, type: scale, preset: safety, dont_know: true, text: "How safe?", required: true}
      - {id: age, type: number, text: "How many times?", min: 1, max: 20, integer: true}
      - {id: when, type: date, text: "When did it happen?"}
      - id: where
        type: location
        text: Where?
        areas: [Abbey, Castle]
        show_if: {question: seen, in: [drinking, dealing]}
      - id: words
        type: free_text
        text: Anything else?
        max_length: 200
      - about_you: [age_band, gender]
"""


@pytest.fixture(scope="module")
def definition():
    return parse_definition(EVERY_TYPE, "every-type.yaml")


@pytest.fixture(scope="module")
def paper(definition):
    questionnaire = build_questionnaire(definition, partnership="North", online_url="https://example.org/c/")
    return {question.text: question for question in questionnaire.questions()}


class TestQuestionNumbers:
    def test_every_question_is_numbered_in_order_from_one(self, definition):
        numbers = question_numbers(definition)
        assert list(numbers) == [question.id for question in definition.questions]
        assert list(numbers.values()) == list(range(1, len(definition.questions) + 1))

    def test_conditional_and_about_you_questions_have_numbers_too(self, definition):
        numbers = question_numbers(definition)
        assert numbers["reported"] == 7 and numbers["where"] == 12
        assert numbers["about_age_band"] == 14 and numbers["about_gender"] == 15

    def test_the_paper_uses_the_same_numbers(self, definition, paper):
        numbers = question_numbers(definition)
        assert [question.number for question in paper.values()] == [
            numbers[question.id] for question in definition.questions
        ]


class TestInstructions:
    def test_ranking_says_how_many_to_number(self, paper):
        assert paper["Rank these"].instructions == (
            "Number your top 3 from 1 (most important) to 3. Leave the rest blank.",
        )
        assert paper["Rank them all"].instructions == ("Number them from 1 (most important) to 3.",)
        assert paper["The top one"].instructions == ("Write 1 in the box beside the one that matters most.",)
        assert paper["Rank these"].areas == (Boxes(("A", "B", "C", "D"), mark="number"),)

    def test_multiple_choice_says_tick_all_or_tick_up_to(self, paper):
        assert paper["What have you seen?"].instructions == (
            "Tick all that apply.",
            "If you tick \u2018None of these\u2019, tick nothing else.",
        )
        assert paper["Pick two"].instructions == ("Tick up to 2.",)

    def test_other_gets_a_line_to_write_on_and_web_only_hints_are_dropped(self, paper):
        (boxes,) = paper["What have you seen?"].areas
        assert boxes.options[-1] == "Other - please specify"
        assert boxes.write_in == {"Other - please specify"}
        assert paper["What have you seen?"].hint is None

    def test_single_choice_and_scale_say_tick_one(self, paper):
        assert paper["Were you a victim?"].instructions == ("Tick one.",)
        assert paper["How safe?"].instructions == ("Tick one.", "You must answer this question.")
        assert paper["How safe?"].areas == (
            ScaleRow(("Very safe", "Fairly safe", "A bit unsafe", "Very unsafe", "Don't know")),
        )

    def test_free_text_lines_follow_its_length(self, paper):
        assert paper["How did you report it?"].areas == (Lines(4),)
        assert paper["Anything else?"].areas == (Lines(3),)
        assert paper["How did you report it?"].instructions == ("Write your answer in the space below.",)

    def test_numbers_and_dates_get_boxes_with_their_limits(self, paper):
        assert paper["How many times?"].instructions == (
            "Write a whole number in the box. It must be from 1 to 20.",
        )
        assert paper["When did it happen?"].areas == (WriteIn((("Day", 2), ("Month", 2), ("Year", 4))),)

    def test_a_place_is_ticked_from_the_list_or_described(self, paper):
        assert paper["Where?"].areas == (
            Boxes(("Abbey", "Castle"), label="Areas"),
            Lines(3, label="Describe the place"),
        )


class TestConditions:
    def test_a_conditional_question_says_when_to_answer_it(self, paper):
        assert paper["Did you report it?"].only_if == (
            "Answer question 7 only if you answered \u2018Yes\u2019 to question 6."
        )
        assert paper["Where?"].only_if == (
            "Answer question 12 only if you ticked \u2018Drinking\u2019 or \u2018Dealing\u2019 at question 4."
        )

    def test_the_question_before_a_skip_says_where_to_go(self, paper):
        # Questions 7 and 8 hang on question 6 (8 through 7): "No" or "Not sure" skips both.
        assert paper["Were you a victim?"].go_to == (
            "If you answered \u2018No\u2019 or \u2018Not sure\u2019, go to question 9."
        )
        assert paper["Did you report it?"].go_to == "If you answered \u2018No\u2019, go to question 9."

    def test_the_shipped_template_skips_the_reporting_question(self):
        template = load_template("community-safety")
        questionnaire = build_questionnaire(template, partnership="N", online_url="u")
        by_number = {question.number: question for question in questionnaire.questions()}
        assert by_number[6].go_to == (
            "If you answered \u2018No\u2019 or \u2018Prefer not to say\u2019, go to question 8."
        )
        assert by_number[7].only_if == "Answer question 7 only if you answered \u2018Yes\u2019 to question 6."


def test_a_skip_at_the_end_says_the_questions_are_finished():
    source = """\
id: short
kind: consultation
title: Short
intro: Hello.
privacy_notice: Anonymous.
pages:
  - questions:
      - {id: seen, type: multiple_choice, text: "Seen?", options: [Drinking, Dealing, Nothing]}
      - id: where
        type: free_text
        text: Where?
        show_if: {question: seen, in: [drinking, dealing]}
"""
    questionnaire = build_questionnaire(parse_definition(source), partnership="N", online_url="u")
    (seen, _where) = questionnaire.questions()
    assert seen.go_to == (
        "If you did not tick \u2018Drinking\u2019 or \u2018Dealing\u2019, you have finished the questions."
    )
