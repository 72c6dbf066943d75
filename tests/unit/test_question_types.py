"""The question-type registry: every type round-trips through every channel's form of an answer."""

from __future__ import annotations

import json

import pytest

from survey.answers import AnswerPart, RawAnswer
from survey.definitions.definition import CONDITION_TYPES, QUESTION_TYPES, parse_definition
from survey.question_types import REGISTRY, QuestionType, Tally
from survey.runner.step import StepKind, answer
from tests.question_samples import DEFINITION, SAMPLES

KINDS = list(REGISTRY)


def _fields(values: dict) -> dict[str, list[str]]:
    """Form values (as a page is refilled) as the fields the page then posts."""
    return {key: value if isinstance(value, list) else [value] for key, value in values.items()}


class TestRegistry:
    def test_every_type_has_samples(self):
        assert set(SAMPLES) == set(REGISTRY)

    def test_the_registry_names_the_types_a_definition_accepts(self):
        assert QUESTION_TYPES == tuple(REGISTRY) and set(CONDITION_TYPES) <= set(QUESTION_TYPES)
        assert {question.type for question in DEFINITION.questions} == set(REGISTRY)

    @pytest.mark.parametrize("kind", KINDS)
    def test_each_class_is_registered_under_its_type(self, kind):
        cls = REGISTRY[kind]
        assert issubclass(cls, QuestionType) and cls.kind == kind
        assert isinstance(cls.tally, Tally) and cls.required_text
        assert type(DEFINITION.question(kind)) is cls

    def test_an_unknown_type_is_refused_naming_the_known_ones(self):
        source = """\
id: bad
kind: consultation
title: Bad
intro: Hello.
privacy_notice: Anonymous.
pages:
  - questions:
      - {id: q1, type: slider, text: Slide}
"""
        with pytest.raises(ValueError, match="single_choice"):
            parse_definition(source, "bad.yaml")


@pytest.mark.parametrize("kind", KINDS)
class TestRoundTrips:
    def test_web_form_fields(self, kind):
        question, sample = DEFINITION.question(kind), SAMPLES[kind]
        step = answer(DEFINITION, {}, kind, question.from_form(sample.form))
        assert step.kind != StepKind.PROBLEM, step.problem
        assert step.answers[kind] == sample.answer
        # A stored answer refills its page, and posting the page again gives the same answer.
        refilled = question.from_form(_fields(question.form_values(sample.answer)))
        assert question.parse(refilled) == sample.answer

    def test_bot_raw_answer(self, kind):
        question, sample = DEFINITION.question(kind), SAMPLES[kind]
        for raw in (sample.bot, question.raw_of(sample.answer)):
            step = answer(DEFINITION, {}, kind, raw)
            assert step.kind != StepKind.PROBLEM, step.problem
            assert step.answers[kind] == sample.answer

    def test_csv_cell(self, kind):
        question, sample = DEFINITION.question(kind), SAMPLES[kind]
        assert question.to_cell(sample.answer) == sample.cell
        assert question.from_cell(sample.cell) == sample.answer

    def test_json_value(self, kind):
        question, sample = DEFINITION.question(kind), SAMPLES[kind]
        assert question.to_json(sample.answer) == sample.json
        assert question.from_json(json.loads(json.dumps(sample.json))) == sample.answer

    def test_shown_back(self, kind):
        question, sample = DEFINITION.question(kind), SAMPLES[kind]
        assert question.show(sample.answer) == sample.shown

    def test_not_answered_everywhere(self, kind):
        question = DEFINITION.question(kind)
        assert question.parse(RawAnswer()) == () and question.from_cell("") == ()
        assert question.to_cell(()) == "" and question.to_json(()) is None
        assert question.show(()) == "Not answered" and question.form_values(()) == {}
        assert question.parse(question.from_form({})) == ()


class TestPlainOther:
    """``other`` is special only where the question has ``other: true``."""

    QUESTION = parse_definition(
        """\
id: plain-other
kind: consultation
title: Plain other
intro: Hello.
privacy_notice: Anonymous.
pages:
  - questions:
      - id: where
        type: multiple_choice
        text: Where?
        options: [{value: home, label: Home}, {value: other, label: Other}]
""",
        "plain.yaml",
    ).question("where")

    def test_a_plain_other_option_is_an_ordinary_option(self):
        answer_ = (AnswerPart(option="home"), AnswerPart(option="other"))
        assert self.QUESTION.parse(RawAnswer(["other", "home"])) == answer_
        assert self.QUESTION.from_cell("home;other") == answer_
        assert self.QUESTION.to_cell(answer_) == "home;other"
        assert self.QUESTION.show(answer_) == "Home\nOther"
        assert self.QUESTION.to_json(answer_) == ["home", "other"]

    def test_words_after_a_plain_other_are_not_other_words(self):
        with pytest.raises(ValueError, match="not one of them"):
            self.QUESTION.from_cell("other:my words")
