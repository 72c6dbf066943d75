"""The per-question ``sentiment`` flag: off unless a free-text question asks for feelings or views,
strictly true or false, and off on the shipped templates, whose free-text questions ask for neither."""

from __future__ import annotations

import pytest

from survey.definitions.definition import DefinitionError, load_template, parse_definition
from survey.question_types import scores_sentiment

SOURCE = """id: views
kind: consultation
title: Views
intro: Hello
privacy_notice: Anonymous
pages:
  - questions:
      - id: feelings
        type: free_text
        text: How do you feel about the town centre at night?
{flag}
      - id: colour
        type: single_choice
        text: Which colour?
        options: [Red, Blue]
"""


def _definition(flag: str = ""):
    return parse_definition(SOURCE.format(flag=flag), "views.yaml")


class TestSentimentFlag:
    def test_is_off_unless_the_definition_turns_it_on(self):
        feelings, colour = _definition().questions
        assert feelings.sentiment is False and not scores_sentiment(feelings) and not scores_sentiment(colour)
        [on, _] = _definition("        sentiment: true").questions
        assert scores_sentiment(on)

    @pytest.mark.parametrize(("value", "shown"), [("yes", "'yes'"), ("'true'", "'true'"), ("1", "1"),
                                                  ("sometimes", "'sometimes'")])
    def test_anything_but_true_or_false_is_an_error_naming_the_line(self, value, shown):
        with pytest.raises(DefinitionError) as raised:
            _definition(f"        sentiment: {value}")
        assert raised.value.problems == [
            f"views.yaml, line 11: question 'feelings': sentiment must be true or false, not {shown}"
        ]

    def test_only_a_free_text_question_has_the_flag(self):
        source = SOURCE.format(flag="").replace("[Red, Blue]", "[Red, Blue]\n        sentiment: true")
        with pytest.raises(DefinitionError, match="question 'colour': unknown field 'sentiment'"):
            parse_definition(source, "views.yaml")

    @pytest.mark.parametrize("name", ["community-safety", "place-report", "worry"])
    def test_shipped_templates_ask_for_suggestions_or_details_so_score_nothing(self, name):
        definition = load_template(name)
        free_text = [q for q in definition.questions if q.type == "free_text"]
        assert free_text and not any(scores_sentiment(q) for q in free_text)
