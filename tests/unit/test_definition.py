"""Survey definitions: loading YAML, the models' checks, and errors that name the file and line."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from survey.definitions.definition import (
    Definition,
    DefinitionError,
    load_definition,
    parse_definition,
    slugify,
)
from survey.question_types.about_you import ABOUT_YOU_QUESTION_IDS

HEADER = """\
id: test-survey
kind: consultation
title: Test survey
intro: Hello.
privacy_notice: Anonymous.
pages:
  - questions:
"""
FIRST_QUESTION_LINE = 8


def with_questions(questions: str, header: str = HEADER) -> str:
    """A definition whose first page holds ``questions`` (YAML list items, written unindented)."""
    return header + textwrap.indent(textwrap.dedent(questions), "      ")


def problem(text: str, source: str = "test.yaml") -> str:
    with pytest.raises(DefinitionError) as raised:
        parse_definition(text, source)
    return str(raised.value)


SINGLE = """\
- id: colour
  type: single_choice
  text: Pick a colour
  options: [Red, Green]
"""


class TestLoadingAValidDefinition:
    def test_top_level_fields_and_flat_question_list_across_pages(self) -> None:
        text = with_questions(SINGLE) + textwrap.indent(
            "- title: Second\n  questions:\n    - {id: why, type: free_text, text: Why}\n", "  "
        )
        definition = parse_definition(text, "test.yaml")
        assert definition.id == "test-survey"
        assert definition.kind == "consultation"
        assert [question.id for question in definition.questions] == ["colour", "why"]
        assert definition.pages[1].title == "Second"
        assert definition.question("why").type == "free_text"

    def test_unknown_question_id_is_a_key_error(self) -> None:
        definition = parse_definition(with_questions(SINGLE), "test.yaml")
        with pytest.raises(KeyError, match="nope"):
            definition.question("nope")

    def test_plain_string_options_get_slugified_values(self) -> None:
        definition = parse_definition(with_questions(SINGLE), "test.yaml")
        assert [(o.value, o.label) for o in definition.question("colour").options] == [
            ("red", "Red"),
            ("green", "Green"),
        ]

    @pytest.mark.parametrize(
        ("label", "value"),
        [
            ("Anti-social behaviour", "anti_social_behaviour"),
            ("Don't know", "dont_know"),
            ("Alcohol misuse/street drinking", "alcohol_misuse_street_drinking"),
            ("75 and over", "75_and_over"),
        ],
    )
    def test_slugify(self, label: str, value: str) -> None:
        assert slugify(label) == value

    def test_yes_and_no_stay_text_rather_than_becoming_booleans(self) -> None:
        text = with_questions("""\
            - id: victim
              type: single_choice
              text: Were you a victim?
              options: [Yes, No, Off]
            - id: reported
              type: single_choice
              text: Did you report it?
              options: [Yes, No]
              show_if: {question: victim, in: [yes]}
            """)
        definition = parse_definition(text, "test.yaml")
        assert [o.value for o in definition.question("victim").options] == ["yes", "no", "off"]
        assert definition.question("reported").show_if.values == ("yes",)

    def test_questions_are_optional_unless_marked_required(self) -> None:
        definition = parse_definition(with_questions(SINGLE), "test.yaml")
        assert definition.question("colour").required is False

    def test_model_dump_round_trips(self) -> None:
        text = with_questions(
            SINGLE
            + textwrap.dedent("""\
            - id: why
              type: free_text
              text: Why?
              show_if: {question: colour, in: [red]}
            - id: safe
              type: scale
              preset: safety
              text: How safe?
            - about_you: [age_band, area]
              areas: [Abbey]
            """)
        )
        definition = parse_definition(text, "test.yaml")
        assert Definition.model_validate(definition.model_dump()) == definition
        assert Definition.model_validate(definition.model_dump(mode="json")) == definition
        assert definition.model_dump()["pages"][0]["questions"][1]["show_if"] == {
            "question": "colour",
            "in": ("red",),
        }

    def test_dates_are_read_as_dates(self) -> None:
        header = HEADER.replace("pages:", "opens: 2025-01-06\ncloses: 2025-03-02\npages:")
        definition = parse_definition(with_questions(SINGLE, header), "test.yaml")
        assert (definition.opens, definition.closes) == (dt.date(2025, 1, 6), dt.date(2025, 3, 2))

    def test_load_definition_reads_a_file_and_names_it_in_errors(self, tmp_path) -> None:
        path = tmp_path / "community.yaml"
        path.write_text(with_questions(SINGLE), encoding="utf-8")
        assert load_definition(path).id == "test-survey"
        assert load_definition(str(path)).id == "test-survey"
        path.write_text(with_questions(SINGLE).replace("text: Pick", "txt: Pick"), encoding="utf-8")
        with pytest.raises(DefinitionError, match=r"^community\.yaml, line 8: "):
            load_definition(path)

    def test_load_definition_accepts_yaml_text(self) -> None:
        assert load_definition(with_questions(SINGLE)).questions[0].id == "colour"
        with pytest.raises(DefinitionError, match=r"^upload\.yaml, line"):
            load_definition("id: [", source_name="upload.yaml")


class TestScalePreset:
    def test_safety_preset_uses_crime_survey_wording_scores_and_dont_know(self) -> None:
        text = with_questions("- {id: safe, type: scale, preset: safety, text: How safe}\n")
        question = parse_definition(text, "t.yaml").question("safe")
        assert [(o.value, o.label, o.score) for o in question.all_options] == [
            ("very_safe", "Very safe", 2),
            ("fairly_safe", "Fairly safe", 1),
            ("a_bit_unsafe", "A bit unsafe", -1),
            ("very_unsafe", "Very unsafe", -2),
            ("dont_know", "Don't know", None),
        ]

    def test_dont_know_can_be_turned_off(self) -> None:
        text = with_questions("- {id: safe, type: scale, preset: safety, dont_know: false, text: Safe}\n")
        question = parse_definition(text, "t.yaml").question("safe")
        assert "dont_know" not in [o.value for o in question.all_options]

    def test_custom_scale_points_keep_their_scores(self) -> None:
        text = with_questions("""\
            - id: agree
              type: scale
              text: Do you agree?
              options:
                - {value: agree, label: Agree, score: 1}
                - {value: disagree, label: Disagree, score: -1}
            """)
        question = parse_definition(text, "t.yaml").question("agree")
        assert [o.score for o in question.all_options] == [1, -1]


class TestAboutYouExpansion:
    def test_expands_in_the_order_given_with_fixed_ids(self) -> None:
        text = with_questions("- about_you: [gender, age_band]\n")
        definition = parse_definition(text, "t.yaml")
        assert [q.id for q in definition.questions] == ["about_gender", "about_age_band"]

    def test_all_seven_expand_optional_marked_and_offer_prefer_not_to_say(self) -> None:
        text = with_questions(
            "- about_you: [relationship, age_band, gender, ethnicity, disability, sexual_orientation, area]\n"
            "  areas: [Abbey, Castle]\n"
        )
        questions = parse_definition(text, "t.yaml").questions
        assert tuple(q.id for q in questions) == ABOUT_YOU_QUESTION_IDS
        for question in questions:
            assert question.about_you is True
            assert question.required is False
            assert question.option("prefer_not_to_say").label == "Prefer not to say"

    def test_relationship_is_multiple_choice_with_prefer_not_to_say_exclusive(self) -> None:
        question = parse_definition(with_questions("- about_you: [relationship]\n"), "t.yaml").questions[0]
        assert question.type == "multiple_choice"
        assert [o.value for o in question.options][:4] == ["live", "work", "study", "visit"]
        assert question.exclusive == ("prefer_not_to_say",)

    def test_age_bands_include_under_18s(self) -> None:
        question = parse_definition(with_questions("- about_you: [age_band]\n"), "t.yaml").questions[0]
        labels = [o.label for o in question.options]
        assert labels[:3] == ["11 to 15", "16 to 17", "18 to 24"]
        assert labels[-2:] == ["75 and over", "Prefer not to say"]

    def test_ons_2021_ethnic_groups_and_sexual_orientation(self) -> None:
        text = with_questions("- about_you: [ethnicity, sexual_orientation, disability]\n")
        ethnicity, orientation, disability = parse_definition(text, "t.yaml").questions
        assert [o.label for o in ethnicity.options] == [
            "Asian or Asian British",
            "Black, Black British, Caribbean or African",
            "Mixed or multiple ethnic groups",
            "White",
            "Other ethnic group",
            "Prefer not to say",
        ]
        assert [o.label for o in orientation.options][:4] == [
            "Straight or heterosexual",
            "Gay or lesbian",
            "Bisexual",
            "Other sexual orientation",
        ]
        assert "Equality Act 2010" in disability.hint

    def test_area_lists_the_given_areas_then_somewhere_else(self) -> None:
        text = with_questions("- about_you: [area]\n  areas: [Abbey, {value: ct, label: Castle}]\n")
        question = parse_definition(text, "t.yaml").questions[0]
        assert [o.value for o in question.options] == ["abbey", "ct", "somewhere_else", "prefer_not_to_say"]

    def test_expands_when_validating_plain_data_too(self) -> None:
        data = {
            "id": "x",
            "kind": "worry",
            "title": "T",
            "intro": "I",
            "privacy_notice": "P",
            "pages": [{"questions": [{"about_you": ["age_band"]}]}],
        }
        assert Definition.model_validate(data).questions[0].id == "about_age_band"


def bad(questions: str) -> str:
    return problem(with_questions(questions))


class TestDefinitionErrorsNameFileLineAndProblem:
    def test_rank_more_than_options(self) -> None:
        message = bad("""\
            - id: q3
              type: ranking
              text: Rank these
              options: [A, B, C, D, E]
              rank: 6
            """)
        assert message == "test.yaml, line 12: question 'q3': rank (6) is more than the number of options (5)"

    def test_max_choices_more_than_options(self) -> None:
        message = bad("- {id: q, type: multiple_choice, text: T, options: [A, B], max_choices: 3}\n")
        assert (
            message
            == "test.yaml, line 8: question 'q': max_choices (3) is more than the number of options (2)"
        )

    def test_duplicate_question_id_points_at_the_second(self) -> None:
        message = bad("- {id: q, type: free_text, text: A}\n- {id: q, type: free_text, text: B}\n")
        assert message == "test.yaml, line 9: question 'q': question id 'q' is used more than once"

    def test_duplicate_option_values(self) -> None:
        message = bad("- {id: q, type: single_choice, text: T, options: [Red, red]}\n")
        assert "line 8: question 'q': option value 'red' is used more than once" in message

    def test_explicit_other_option_clashes_with_other_true(self) -> None:
        message = bad("- {id: q, type: single_choice, text: T, options: [Red, Other], other: true}\n")
        assert "option value 'other' is used more than once" in message

    def test_show_if_must_refer_to_an_earlier_question(self) -> None:
        message = bad("""\
            - id: first
              type: free_text
              text: First
              show_if: {question: second, in: [yes]}
            - id: second
              type: single_choice
              text: Second
              options: [Yes, No]
            """)
        assert message == "test.yaml, line 11: question 'first': show_if: 'second' is not an earlier question"

    def test_show_if_values_must_be_options_of_that_question(self) -> None:
        message = bad(
            SINGLE
            + textwrap.dedent("""\
            - id: why
              type: free_text
              text: Why?
              show_if:
                question: colour
                in: [red, blue]
            """)
        )
        assert message.startswith("test.yaml, line 17: question 'why': show_if: 'blue' is not an option")

    def test_show_if_needs_a_choice_question(self) -> None:
        message = bad("""\
            - {id: a, type: free_text, text: A}
            - {id: b, type: free_text, text: B, show_if: {question: a, in: [x]}}
            """)
        assert message == (
            "test.yaml, line 9: question 'b': show_if: 'a' is free_text; "
            "show_if needs a choice, ranking or scale question"
        )

    def test_unknown_question_type_points_at_type(self) -> None:
        message = bad("- id: q\n  text: T\n  type: rnking\n")
        assert message.startswith("test.yaml, line 10: question 'q': unknown question type 'rnking'")

    def test_missing_field_points_at_the_question(self) -> None:
        message = bad("- id: q\n  type: free_text\n")
        assert message == "test.yaml, line 8: question 'q': 'text' is missing"

    def test_misspelt_field_is_reported_not_ignored(self) -> None:
        message = bad("- id: q\n  type: single_choice\n  text: T\n  optons: [A]\n  options: [A]\n")
        assert message == "test.yaml, line 11: question 'q': unknown field 'optons'"

    def test_wrong_type_of_value_names_the_field(self) -> None:
        message = bad("- id: q\n  type: number\n  text: T\n  min: lots\n")
        assert message.startswith("test.yaml, line 11: question 'q': min: Input should be a valid number")

    def test_bad_question_id(self) -> None:
        message = bad("- {id: Q-1, type: free_text, text: T}\n")
        assert "line 8: question 'Q-1': id: 'Q-1' is not a valid question id" in message

    def test_bad_option_inside_a_list_points_at_its_line(self) -> None:
        message = bad("""\
            - id: q
              type: single_choice
              text: T
              options:
                - Fine
                - {value: Not OK, label: Bad}
            """)
        assert message.startswith(
            "test.yaml, line 13: question 'q': options[2].value: 'Not OK' is not a valid"
        )

    def test_several_problems_are_all_reported(self) -> None:
        error_text = bad("- {id: a, type: free_text}\n- {id: b, type: number, text: B, max: x}\n")
        assert error_text.splitlines() == [
            "test.yaml, line 8: question 'a': 'text' is missing",
            "test.yaml, line 9: question 'b': max: Input should be a valid number, "
            "unable to parse string as a number",
        ]

    @pytest.mark.parametrize(
        ("question", "wanted"),
        [
            ("{id: q, type: multiple_choice, text: T, options: [A], exclusive: [none]}", "'none' is not one"),
            ("{id: q, type: scale, text: T}", "a scale needs options"),
            (
                "{id: q, type: scale, text: T, options: [Good, Bad]}",
                "scale option 'good' needs a numeric score",
            ),
            ("{id: q, type: scale, text: T, preset: safety, options: [A]}", "either a preset or options"),
            (
                "{id: q, type: scale, text: T, preset: safety, options: [{value: X Y}]}",
                "either a preset or options",
            ),
            ("{id: q, type: scale, text: T, preset: calm}", "Input should be 'safety'"),
            ("{id: q, type: location, text: T, allow_description: false}", "not just a map"),
            ("{id: q, type: number, text: T, min: 10, max: 1}", "max (1) is less than min (10)"),
            ("{id: q, type: date, text: T, min: 2025-02-01, max: 2025-01-01}", "is before min"),
            ("{id: q, type: free_text, text: T, max_length: 6000}", "less than or equal to 5000"),
            ("{id: q, type: ranking, text: T, options: [A, B], rank: 0}", "greater than or equal to 1"),
            (
                "{id: q, type: location, text: T, areas: [Park], landmarks: [Park]}",
                "option value 'park' is used more than once",
            ),
        ],
    )
    def test_question_checks(self, question: str, wanted: str) -> None:
        message = bad(f"- {question}\n")
        assert message.startswith("test.yaml, line 8: question 'q': ")
        assert wanted in message

    def test_closes_before_opens(self) -> None:
        header = HEADER.replace("pages:", "opens: 2025-03-01\ncloses: 2025-02-01\npages:")
        message = problem(with_questions(SINGLE, header))
        assert message == "test.yaml, line 7: closes (2025-02-01) is before opens (2025-03-01)"

    def test_unknown_kind(self) -> None:
        message = problem(with_questions(SINGLE, HEADER.replace("consultation", "poll")))
        assert message.startswith("test.yaml, line 2: kind: Input should be 'consultation'")

    def test_no_pages(self) -> None:
        message = problem(HEADER.replace("pages:\n  - questions:\n", "pages: []\n"))
        assert message.startswith("test.yaml, line 6: pages: ")

    def test_yaml_syntax_error_reports_its_line(self) -> None:
        message = problem(with_questions("- id: q\n  type: free_text\n  text: [unclosed\n"))
        assert message == (
            "test.yaml, line 11: while parsing a flow sequence on line 10; expected ',' or ']', "
            "but got '<stream end>'"
        )

    def test_yaml_indentation_error_reports_its_line(self) -> None:
        message = problem("id: x\nkind: worry\n  title: oops\n")
        assert message.startswith("test.yaml, line 3: ")
        assert "mapping values are not allowed here" in message

    def test_duplicate_yaml_key_is_an_error(self) -> None:
        message = problem(with_questions("- id: q\n  type: free_text\n  text: A\n  text: B\n"))
        assert message == "test.yaml, line 11: the key 'text' is given twice"

    def test_impossible_date(self) -> None:
        message = problem(with_questions(SINGLE, HEADER.replace("pages:", "opens: 2025-02-30\npages:")))
        assert message.startswith("test.yaml, line 6: '2025-02-30' is not a real date")

    def test_a_definition_must_be_a_mapping(self) -> None:
        assert problem("- just\n- a list\n") == (
            "test.yaml, line 1: a definition must be a mapping of id, kind, title, intro, "
            "privacy_notice and pages"
        )

    @pytest.mark.parametrize(
        ("block", "wanted"),
        [
            ("- about_you: [age]\n", "about_you: unknown name 'age'"),
            ("- about_you: [area]\n", "'area' needs an 'areas:' list"),
            ("- about_you: [gender, gender]\n", "'gender' is listed more than once"),
            ("- about_you: [gender]\n  areas: [A]\n", "'areas' is only used with 'area'"),
            ("- about_you: [gender]\n  colour: red\n", "unknown key 'colour'"),
        ],
    )
    def test_bad_about_you_block_points_at_the_block(self, block: str, wanted: str) -> None:
        message = bad(SINGLE + block)
        assert message.startswith("test.yaml, line 12: ")
        assert wanted in message

    def test_error_inside_an_expanded_about_you_question_points_at_the_block(self) -> None:
        message = bad(SINGLE + "- about_you: [area]\n  areas: [Abbey, abbey]\n")
        assert message.startswith("test.yaml, line 12: question 'about_area': ")
        assert "'abbey' is used more than once" in message
