"""A text the core fills in once (an answer's error with its values) stays translatable everywhere."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from survey.answers import RawAnswer
from survey.languages import Filled, translate
from survey.question_types import AnswerError, DateQuestion, NumberQuestion, texts


class TestFilled:
    def test_reads_as_the_english_sentence_with_its_values(self):
        filled = Filled(texts.NUMBER_BETWEEN, low="1", high="10")
        assert filled == "Enter a number between 1 and 10"
        assert (filled.source, filled.values) == (texts.NUMBER_BETWEEN, {"low": "1", "high": "10"})

    def test_a_date_value_is_written_the_gov_uk_way_in_english(self):
        filled = Filled(texts.DATE_ON_OR_AFTER, date=dt.date(2025, 3, 1))
        assert filled == "Date must be on or after 1 March 2025"

    def test_survives_a_session_or_a_bots_saved_state(self):
        filled = Filled(texts.RANK_AT_MOST, rank=3)
        again = pickle.loads(pickle.dumps(filled))
        assert isinstance(again, Filled) and again == filled and again.values == {"rank": 3}

    def test_translate_in_english_gives_it_back_unchanged(self):
        filled = Filled(texts.ANSWER_TOO_LONG, limit=20)
        assert translate(filled, "en") == "Answer must be 20 characters or fewer"


class TestAnswerErrorsKeepTheirSource:
    def test_a_date_before_the_earliest_keeps_the_date_as_a_value(self):
        question = DateQuestion(id="when", type="date", text="When?", min=dt.date(2025, 3, 1))
        with pytest.raises(AnswerError) as refused:
            question.parse(RawAnswer(("1", "1", "2025")))
        assert str(refused.value) == "Date must be on or after 1 March 2025"
        assert refused.value.message.source == texts.DATE_ON_OR_AFTER

    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            (("", "3", "2025"), "Date must include a day"),
            (("1", "", ""), "Date must include a month and year"),
        ],
    )
    def test_a_missing_part_is_named_in_a_whole_sentence(self, given, expected):
        question = DateQuestion(id="when", type="date", text="When?")
        with pytest.raises(AnswerError) as refused:
            question.parse(RawAnswer(given))
        assert refused.value.message == expected and expected in texts.DATE_MUST_INCLUDE.values()

    def test_a_number_out_of_range_keeps_its_limits(self):
        question = NumberQuestion(id="how_many", type="number", text="How many?", min=1, max=10)
        with pytest.raises(AnswerError) as refused:
            question.parse(RawAnswer("11"))
        assert refused.value.message.values == {"low": "1", "high": "10"}
