"""The safe-change rules on their own: what stored answers forbid, from a summary of them (no database)."""

from __future__ import annotations

import datetime as dt

from survey.authoring.changes import StoredAnswers, refusals
from survey.definitions.definition import parse_definition

HEAD = "id: s\nkind: consultation\ntitle: S\nintro: I\nprivacy_notice: P\npages:\n  - questions:\n"
SEEN = """      - id: seen
        type: single_choice
        text: Have you seen it?
        options: [Yes, No]
"""


def _definition(questions: str):
    return parse_definition(HEAD + questions)


def _answered(**options: set[str]) -> StoredAnswers:
    return StoredAnswers(responses=5, options=dict(options))


class TestWithoutResponses:
    def test_anything_goes(self):
        old = _definition(SEEN)
        new = _definition(
            "      - id: other\n        type: free_text\n        text: Else?\n        required: true\n"
        )
        assert refusals(old, new, StoredAnswers()) == []


class TestWithResponses:
    def test_a_condition_may_change_and_an_unanswered_option_may_go(self):
        old = _definition(
            SEEN + "      - id: where\n        type: free_text\n        text: Where?\n"
            "        show_if: {question: seen, in: [yes]}\n"
        )
        new = _definition(
            SEEN.replace("[Yes, No]", "[Yes, Not sure]") + "      - id: where\n"
            "        type: free_text\n        text: Where?\n"
            "        show_if: {question: seen, in: [not_sure]}\n"
        )
        assert refusals(old, new, _answered(seen={"yes"}, where=set())) == []

    def test_a_date_limit_past_a_stored_date_is_refused(self):
        question = "      - id: when\n        type: date\n        text: When?\n"
        stored = _answered(when=set())
        stored.dates["when"] = (dt.date(2026, 1, 3), dt.date(2026, 5, 1))
        problems = refusals(
            _definition(question), _definition(question + "        min: 2026-02-01\n"), stored
        )
        assert problems == [
            "The question 'when' has an answer of 2026-01-03, so min cannot be 2026-02-01; "
            "close the consultation and copy it instead."
        ]

    def test_descriptions_stored_keep_allow_description_on(self):
        question = (
            "      - id: place\n        type: location\n        text: Where?\n"
            "        areas: [North, South]\n        allow_description: true\n"
        )
        stored = _answered(place={"north"})
        stored.longest_text["place"] = 40
        new = _definition(question.replace("allow_description: true", "allow_description: false"))
        assert "allow_description cannot be turned off" in refusals(_definition(question), new, stored)[0]

    def test_an_unanswered_question_may_change_type(self):
        old = _definition(SEEN)
        new = _definition(SEEN.replace("single_choice", "multiple_choice"))
        assert refusals(old, new, _answered()) == []
        assert "its type cannot change" in refusals(old, new, _answered(seen={"no"}))[0]

    def test_an_answer_holding_an_option_already_gone_blocks_nothing(self):
        old = _definition(SEEN)
        new = _definition(SEEN.replace("Have you seen it?", "Have you ever seen it?"))
        assert refusals(old, new, _answered(seen={"yes", "maybe"})) == []
