"""How exports word dates, markings and sheet names: dates in words (GOV.UK style, UK time), the
classification of each variant, Excel sheet names from question wording, and table columns wide
enough that no word or figure is broken."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.exports.dates import (
    date_in_words,
    filters_in_words,
    moment_in_words,
    period_in_words,
    week_in_words,
)
from analysis.exports.excel_sheets import SHEET_NAME_LIMIT, sheet_names
from analysis.exports.marking import Classification, classification_for, handling_note
from analysis.exports.paper.columns import fit_columns
from analysis.exports.paper.model import Table


class TestDatesInWords:
    def test_day_month_year_with_no_ordinal_or_leading_zero(self):
        assert date_in_words(dt.date(2026, 12, 2)) == "2 December 2026"
        assert date_in_words(dt.date(2026, 3, 29)) == "29 March 2026"

    def test_moments_are_in_uk_time_across_the_clock_change(self):
        before_the_change = dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC)
        assert moment_in_words(before_the_change) == "29 March 2026 at 00:30 (UK time)"
        assert moment_in_words("2026-03-29T23:30:00+00:00") == "30 March 2026 at 00:30 (UK time)"  # BST
        assert moment_in_words(dt.datetime(2026, 12, 2, 9, 30)) == "2 December 2026 at 09:30 (UK time)"

    @pytest.mark.parametrize(("first", "last", "weeks", "words"), [
        (dt.date(2026, 3, 1), dt.date(2026, 4, 30), (), "1 March 2026 to 30 April 2026"),
        (dt.date(2026, 3, 1), None, (), "from 1 March 2026"),
        (None, dt.date(2026, 4, 30), (), "up to 30 April 2026"),
        (None, None, ("2 Mar 2026", "27 Apr 2026"),
         "no set dates (responses came in the weeks beginning 2 March 2026 to 27 April 2026)"),
        (None, None, (), "no set dates"),
    ])
    def test_period(self, first, last, weeks, words):
        assert period_in_words(first, last, weeks) == words

    def test_week_labels_and_filters(self):
        assert week_in_words("7 Sep 2026") == "7 September 2026"
        assert week_in_words("7 September 2026") == "7 September 2026"
        filters = {"from": "2026-03-01", "to": "2026-03-31", "channels": ["paper", "web"]}
        assert filters_in_words(filters) == "from 1 March 2026; to 31 March 2026; channels: paper, web"


class TestClassification:
    def test_officers_default_to_official_sensitive_and_public_is_official(self):
        assert classification_for(public=False) is Classification.OFFICIAL_SENSITIVE
        assert classification_for(public=True) is Classification.OFFICIAL
        assert classification_for(False, "OFFICIAL") is Classification.OFFICIAL

    def test_a_public_output_cannot_be_official_sensitive(self):
        with pytest.raises(ValueError, match="A public report is OFFICIAL"):
            classification_for(True, Classification.OFFICIAL_SENSITIVE)

    def test_handling_notes_say_who_may_read_and_what_not_to_do(self):
        sensitive = handling_note(False, Classification.OFFICIAL_SENSITIVE, "North CSP")
        assert sensitive.startswith("For officers of North CSP") and "do not publish" in sensitive
        assert "public version" in handling_note(False, Classification.OFFICIAL, "North CSP")
        assert "[c]" in handling_note(True, Classification.OFFICIAL, "North CSP")


class TestSheetNames:
    def test_short_wording_is_kept_without_forbidden_characters(self):
        names = sheet_names(["Which colour?", "Rank these: [top] 3 / 5*"])
        assert names == ["Which colour", "Rank these top 3 5"]

    def test_long_wording_is_cut_at_a_word_within_31_characters(self):
        [name] = sheet_names(["How would you rank these issues by their impact on community safety?"])
        assert name == "How would you rank these issues" and len(name) <= SHEET_NAME_LIMIT

    def test_questions_that_start_alike_keep_the_end_of_their_wording(self):
        names = sheet_names(["How safe do you feel walking alone in your local area during the day?",
                             "How safe do you feel walking alone in your local area after dark?"])
        assert names == ["How safe do you…during the day", "How safe do you…area after dark"]
        assert all(len(name) <= SHEET_NAME_LIMIT for name in names)

    def test_names_are_unique_ignoring_case_and_never_a_reserved_sheet(self):
        names = sheet_names(["Notes", "notes", "Colour", "COLOUR", "'Quoted'", "History"])
        assert len({name.lower() for name in names}) == 6
        assert not {name.lower() for name in names} & {"contents", "notes", "raw data", "history"}
        assert all(not name.startswith("'") and not name.endswith("'") for name in names)


class TestColumnWidths:
    TABLE = Table("Caption", ("Answer", "Number", "% of base"),
                  (("Homelessness or rough sleeping", "1,234", "33.8%"), ("Robbery", "5", "(3.6% to 62.4%)")))

    @staticmethod
    def _measure(text: str, bold: bool) -> float:
        return len(text) * (1.1 if bold else 1.0)

    def test_every_column_holds_its_longest_word_and_the_table_fills_the_width(self):
        widths = fit_columns(self.TABLE, self._measure, total=100.0, padding=2.0)
        assert widths is not None and sum(widths) == pytest.approx(100.0)
        assert widths[0] >= len("Homelessness") * 1.1 + 2 and widths[2] >= len("(3.6%") + 2
        assert widths[0] > widths[1]  # room goes where the text is

    def test_no_widths_when_the_longest_words_cannot_fit(self):
        assert fit_columns(self.TABLE, self._measure, total=20.0, padding=2.0) is None
