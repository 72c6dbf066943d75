"""Retention's pieces that need no database: month arithmetic, the periods' checks, and how an
"other" answer whose words were deleted is written."""

from __future__ import annotations

import datetime as dt

from survey.answers import AnswerPart
from survey.definitions.definition import load_template
from survey.question_types import to_cell
from survey.retention.policy import DataKind, check_months, end_of_day, months_after, months_before


class TestMonths:
    def test_a_month_back_from_the_31st_is_the_last_day_of_a_shorter_month(self):
        assert months_before(dt.date(2028, 3, 31), 1) == dt.date(2028, 2, 29)
        assert months_before(dt.date(2028, 3, 1), 24) == dt.date(2026, 3, 1)
        assert months_after(dt.date(2026, 1, 31), 13) == dt.date(2027, 2, 28)

    def test_the_end_of_a_day_is_london_midnight(self):
        assert end_of_day(dt.date(2026, 7, 1)) == dt.datetime(2026, 7, 1, 23, tzinfo=dt.UTC)
        assert end_of_day(dt.date(2026, 12, 1)) == dt.datetime(2026, 12, 2, tzinfo=dt.UTC)


class TestChecks:
    def test_every_kind_needs_between_1_and_120_months(self):
        good = dict.fromkeys(DataKind, 24)
        assert check_months(good) == {}
        problems = check_months({**good, DataKind.WORRIES: 0, DataKind.AUDIT_LOG: 121})
        assert problems == {
            DataKind.WORRIES: "Worries must be kept for between 1 and 120 months",
            DataKind.AUDIT_LOG: "Audit log must be kept for between 1 and 120 months",
        }


class TestAnOtherAnswerWithoutItsWords:
    def test_it_is_written_as_the_plain_option_not_other_none(self):
        question = load_template("community-safety").question("town_centre_issues")
        assert (
            to_cell(question, (AnswerPart(option="robbery"), AnswerPart(option="other", text=None)))
            == "robbery;other"
        )
        assert to_cell(question, (AnswerPart(option="other", text="vans"),)) == "other:vans"
