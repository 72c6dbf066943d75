"""How the chat asks: a question count that never changes mid-flow, short keyboards that store the web
form's own values, and opening hours said the way people say them."""

from __future__ import annotations

import pytest

from survey.answers import AnswerPart
from survey.conversations import texts
from survey.conversations.asking import (
    SHORTER_KEYBOARDS,
    group_named,
    option_groups,
    question_heading,
)
from survey.conversations.havens import clock_in_words, hours_in_words
from survey.definitions.definition import parse_definition, template_path
from survey.question_types.about_you import ABOUT_YOU_NAMES, expand_about_you
from survey.runner.navigation import question_count

FOLLOW_UP_FORM = """
id: follow-up
kind: worry
title: Worry
intro: Tell us.
privacy_notice: Nothing about you.
pages:
  - questions:
      - id: hurt
        type: single_choice
        text: Was anyone hurt?
        options: [{value: "yes", label: "Yes"}, {value: "no", label: "No"}]
      - id: how
        type: free_text
        text: What happened to them?
        show_if: {question: hurt, in: ["yes"]}
      - id: details
        type: free_text
        text: Anything else?
"""

TICKED_FORM = """
id: ticked
kind: place_report
title: Place
intro: Tell us.
privacy_notice: Nothing about you.
pages:
  - questions:
      - id: what
        type: multiple_choice
        text: What happens there?
        required: true
        options: [{value: fights, label: Fights}, {value: dealing, label: Dealing}]
      - id: fights_when
        type: free_text
        text: When are the fights?
        show_if: {question: what, in: [fights]}
      - id: dealing_where
        type: free_text
        text: Where is the dealing?
        show_if: {question: what, in: [dealing]}
"""


def shipped(name: str):
    return parse_definition(template_path(name).read_text(encoding="utf-8"), f"{name}.yaml")


def one(option: str) -> tuple[AnswerPart, ...]:
    return (AnswerPart(option=option),)


class TestTheQuestionCount:
    def test_a_place_report_asks_seven_questions_whether_the_place_feels_safe_or_not(self):
        definition = shipped("place-report")
        assert question_count(definition) == 7
        assert question_heading(definition, {}, "feeling") == "Question 1 of 7"
        for feeling, follow_up in (("unsafe", "reasons"), ("safe", "safe_reasons")):
            answers = {"feeling": one(feeling)}
            assert question_heading(definition, answers, follow_up) == "Question 3 of 7"
            assert question_heading(definition, answers, "details") == "Question 7 of 7"

    def test_the_worry_asks_four(self):
        assert question_count(shipped("worry")) == 4

    def test_a_form_whose_length_depends_on_the_answers_shows_no_total(self):
        definition = parse_definition(FOLLOW_UP_FORM)
        assert question_count(definition) is None
        assert question_heading(definition, {}, "hurt") == "Question 1"
        assert question_heading(definition, {"hurt": one("no")}, "details") == "Question 2"
        assert question_heading(definition, {"hurt": one("yes")}, "details") == "Question 3"

    def test_tick_all_follow_ups_can_add_up_so_no_total_is_promised(self):
        assert question_count(parse_definition(TICKED_FORM)) is None

    def test_a_form_without_conditions_counts_its_questions(self):
        definition = parse_definition(FOLLOW_UP_FORM.replace('show_if: {question: hurt, in: ["yes"]}', ""))
        assert question_count(definition) == 3


class TestShorterKeyboards:
    def test_the_age_keyboard_is_a_few_unions_of_the_web_forms_bands_covering_each_once(self):
        [age] = expand_about_you({"about_you": ["age_band"]})
        web_values = [option["value"] for option in age["options"]]
        groups = SHORTER_KEYBOARDS["about_age_band"]
        covered = [value for group in groups for value in group.values]
        assert sorted(covered) == sorted(web_values) and len(covered) == len(set(covered))
        assert len(groups) == 5 < len(web_values)

    def test_the_shipped_forms_get_the_short_age_keyboard(self):
        for name in ("place-report", "worry"):
            question = shipped(name).question("about_age_band")
            assert [g.label for g in option_groups(question)] == [
                "11 to 15", "16 or 17", "18 to 24", "25 or over", texts.AGE_RATHER_NOT_SAY]

    def test_a_form_with_other_age_bands_keeps_its_own_options(self):
        source = template_path("worry").read_text(encoding="utf-8").replace(
            "      - about_you: [age_band]\n",
            "      - id: about_age_band\n        type: single_choice\n        text: How old are you?\n"
            "        options: [{value: under_18, label: Under 18}, {value: adult, label: 18 or over}]\n")
        assert option_groups(parse_definition(source).question("about_age_band")) is None

    def test_a_typed_label_finds_its_button(self):
        question = shipped("worry").question("about_age_band")
        assert group_named(question, "  25 OR over ") == 3
        assert group_named(question, "twenty") is None

    def test_only_about_you_questions_have_one(self):
        assert {qid.removeprefix("about_") for qid in SHORTER_KEYBOARDS} <= set(ABOUT_YOU_NAMES)


class TestHoursInWords:
    @pytest.mark.parametrize(("clock", "said"), [
        ("09:00", "9am"), ("17:30", "5:30pm"), ("12:00", "midday"), ("12:30", "12:30pm"),
        ("00:00", "midnight"), ("24:00", "midnight"), ("00:30", "12:30am"), ("23:45", "11:45pm"),
    ])
    def test_a_time_is_said_as_people_say_it(self, clock, said):
        assert clock_in_words(clock) == said

    def test_open_all_day_is_not_a_timetable(self):
        assert hours_in_words([["00:00", "24:00"]]) == texts.HAVEN_OPEN_ALL_DAY

    def test_a_day_with_a_break(self):
        assert hours_in_words([["09:00", "12:00"], ["13:00", "17:30"]]) == (
            "Open today: 9am to midday and 1pm to 5:30pm")


def test_the_shipped_times_of_day_are_said_as_people_say_them_and_keep_their_values():
    question = shipped("place-report").question("time_of_day")
    assert [(o.value, o.label) for o in question.all_options] == [
        ("morning", "In the morning"), ("daytime", "During the day"), ("after_school", "After school"),
        ("evening", "In the evening"), ("night", "Late at night")]
