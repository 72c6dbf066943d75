"""Dates typed into an action plan's spreadsheet."""

from __future__ import annotations

import datetime as dt

import pytest

from survey.plans.dates import read_date


class TestReadDate:
    @pytest.mark.parametrize("text", ["2026-12-02", "2 December 2026", "02 december 2026", "2 Dec 2026",
                                      "02/12/2026", "2/12/2026", "  2   December   2026 "])
    def test_each_accepted_form_reads_as_the_same_day(self, text):
        assert read_date(text) == dt.date(2026, 12, 2)

    def test_numbers_with_slashes_are_read_day_first(self):
        assert read_date("03/04/2026") == dt.date(2026, 4, 3)

    @pytest.mark.parametrize("text", ["31/02/2026", "30 February 2026", "2026-02-30"])
    def test_a_day_that_does_not_exist_is_refused_as_not_real(self, text):
        with pytest.raises(ValueError, match="not a real date"):
            read_date(text)

    @pytest.mark.parametrize("text", ["next Tuesday", "12/2026", "2 Decembre 2026", "2026/12/02", "Q3"])
    def test_other_text_is_refused_with_the_forms_to_use(self, text):
        with pytest.raises(ValueError, match="2 December 2026"):
            read_date(text)
