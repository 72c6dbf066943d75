"""Tallies, filters, trend, cross-tabs and comparison against figures worked out by hand.

The data is the table in ``tests/analysis_data.py``; every expected number below is counted from it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.crosstabs import CrosstabError, crosstab
from analysis.filters import ResponseFilter
from analysis.report import report_data
from analysis.report.comparison import compare, newcombe_difference
from analysis.tallies import tally_consultation
from analysis.trend import weekly_trend
from survey.consultations import definition_of
from survey.vocabulary import Channel
from tests.analysis_data import _pick, _scale, make_fixture_consultation
from tests.factories import make_partnership


@pytest.fixture
def consultation(db_session):
    return make_fixture_consultation(db_session, make_partnership(db_session))


def _tallies(db_session, consultation, **filters):
    definition = definition_of(consultation)
    return tally_consultation(db_session, consultation, definition, ResponseFilter(**filters))


def _options(question):
    return {o.value: (o.count, o.percent) for o in question.options}


class TestBases:
    def test_base_excludes_respondents_who_skipped_the_question(self, db_session, consultation):
        tallies = _tallies(db_session, consultation)
        assert tallies.responses == 7
        colour = tallies.question("colour")
        # Only R1, R4 (red) and R7 (blue) answered: percentages are of 3, not of 7.
        assert colour.base == 3
        assert _options(colour) == {"red": (2, 66.7), "blue": (1, 33.3), "green": (0, 0.0)}

    def test_every_question_has_its_own_base(self, db_session, consultation):
        tallies = _tallies(db_session, consultation)
        bases = {q.id: q.base for q in tallies.questions}
        assert bases == {"priorities": 5, "issues": 5, "safety": 5, "colour": 3, "comments": 1,
                         "about_age_band": 6, "about_gender": 5}


class TestMultipleChoice:
    def test_counts_options_not_combinations(self, db_session, consultation):
        issues = _tallies(db_session, consultation).question("issues")
        # Combinations: {xray, yankee} twice, {xray}, {yankee, zulu}, {xray, yankee, zulu} once each.
        # Options: xray 4 of 5, yankee 4 of 5, zulu 2 of 5 - adding up to 200%.
        assert issues.base == 5
        assert _options(issues) == {"xray": (4, 80.0), "yankee": (4, 80.0), "zulu": (2, 40.0)}


class TestRanking:
    def test_rank_counts_mean_rank_and_points(self, db_session, consultation):
        priorities = _tallies(db_session, consultation).question("priorities")
        assert priorities.base == 5
        by_value = {o.value: o for o in priorities.options}
        alpha, bravo, charlie, delta = (by_value[v] for v in ("alpha", "bravo", "charlie", "delta"))
        assert (alpha.rank_counts, alpha.rank_percent) == ((3, 2, 0), (60.0, 40.0, 0.0))
        assert (alpha.count, alpha.percent, alpha.mean_rank, alpha.points) == (5, 100.0, 1.4, 13)
        assert (bravo.rank_counts, bravo.rank_percent) == ((1, 1, 2), (20.0, 20.0, 40.0))
        assert (bravo.count, bravo.percent, bravo.mean_rank, bravo.points) == (4, 80.0, 2.25, 7)
        assert (charlie.rank_counts, charlie.mean_rank, charlie.points) == ((1, 1, 1), 2.0, 6)
        assert (delta.count, delta.mean_rank, delta.points) == (0, None, 0)


class TestScale:
    def test_distribution_net_score_and_mean(self, db_session, consultation):
        safety = _tallies(db_session, consultation).question("safety")
        assert safety.base == 5
        assert _options(safety) == {
            "very_safe": (2, 40.0), "fairly_safe": (1, 20.0), "a_bit_unsafe": (0, 0.0),
            "very_unsafe": (1, 20.0), "dont_know": (1, 20.0),
        }
        # (3 safe - 1 unsafe) / 5 answered; mean of 2, 2, 1, -2 leaves "Don't know" out.
        assert safety.net_score == 40.0
        assert safety.mean_score == 0.75


class TestFilters:
    def test_channel(self, db_session, consultation):
        tallies = _tallies(db_session, consultation, channels=(Channel.PAPER,))
        assert tallies.responses == 2
        assert tallies.question("safety").base == 2
        assert _options(tallies.question("safety"))["fairly_safe"] == (1, 50.0)

    def test_about_you_answer(self, db_session, consultation):
        tallies = _tallies(db_session, consultation, about_you={"about_age_band": ("11_15",)})
        assert tallies.responses == 3  # R1, R2, R6
        assert _options(tallies.question("issues")) == {"xray": (3, 100.0), "yankee": (2, 66.7),
                                                        "zulu": (1, 33.3)}

    def test_date_range_uses_uk_local_days(self, db_session, consultation):
        # R7 was sent at 23:30 UTC on 29 March: 00:30 on 30 March in the UK.
        until = _tallies(db_session, consultation, until=dt.date(2026, 3, 29))
        assert until.responses == 6 and _options(until.question("colour"))["red"] == (2, 100.0)
        since = _tallies(db_session, consultation, since=dt.date(2026, 3, 30))
        assert since.responses == 1 and since.question("colour").base == 1

    def test_filters_combine(self, db_session, consultation):
        tallies = _tallies(db_session, consultation, channels=(Channel.WEB,),
                           about_you={"about_gender": ("woman",)})
        assert tallies.responses == 2  # R1 and R4
        assert _options(tallies.question("safety"))["very_unsafe"] == (1, 50.0)


class TestTrend:
    def test_weekly_counts_include_empty_weeks_and_local_time(self, db_session, consultation):
        weeks = weekly_trend(db_session, consultation)
        assert [(w.week_start, w.responses) for w in weeks] == [
            (dt.date(2026, 3, 9), 4), (dt.date(2026, 3, 16), 0), (dt.date(2026, 3, 23), 2),
            (dt.date(2026, 3, 30), 1),
        ]
        assert weeks[0].by_channel == {"paper": 1, "web": 3}


class TestCrosstab:
    def test_percent_of_group_with_wilson_intervals(self, db_session, consultation):
        table = crosstab(db_session, consultation, definition_of(consultation), "safety", "about_gender")
        assert table.column_bases == {"woman": 3, "man": 2, "non_binary": 0, "another_way": 0,
                                      "prefer_not_to_say": 0}
        woman, man = table.cell("very_safe", "woman"), table.cell("very_safe", "man")
        # Wilson 95%: 1 of 3 is 6.1% to 79.2%, 1 of 2 is 9.5% to 90.5%, 0 of 3 is 0.0% to 56.1%.
        assert (woman.count, woman.percent, woman.low, woman.high) == (1, 33.3, 6.1, 79.2)
        assert (man.count, man.percent, man.low, man.high) == (1, 50.0, 9.5, 90.5)
        unsafe = table.cell("a_bit_unsafe", "woman")
        assert (unsafe.count, unsafe.percent, unsafe.low, unsafe.high) == (0, 0.0, 0.0, 56.1)
        assert table.cell("dont_know", "man").count == 1 and table.additive

    def test_ranking_is_cross_tabbed_by_first_choice(self, db_session, consultation):
        definition = definition_of(consultation)
        table = crosstab(db_session, consultation, definition, "priorities", "about_age_band")
        # 11 to 15: R1, R2, R6 put alpha, bravo, alpha first; 18 to 24: R3 alpha, R4 charlie.
        assert table.column_bases["11_15"] == 3 and table.column_bases["18_24"] == 2
        assert table.cell("alpha", "11_15").count == 2 and table.cell("charlie", "18_24").count == 1
        assert table.first_only and not table.additive

    def test_only_about_you_questions_make_groups(self, db_session, consultation):
        with pytest.raises(CrosstabError, match="not an 'about you' question"):
            crosstab(db_session, consultation, definition_of(consultation), "safety", "colour")


class TestComparison:
    def test_newcombe_interval_matches_the_published_example(self):
        # Newcombe (1998), example (a): 56/70 - 48/80, method 10 gives 0.0524 to 0.3339.
        assert newcombe_difference(56, 70, 48, 80) == (5.2, 33.4)

    def test_change_since_an_earlier_consultation(self, db_session, consultation):
        earlier = make_fixture_consultation(
            db_session, consultation.partnership, slug="fixture-2025",
            responses=[(dict(safety=_scale(v), colour=_pick("blue")), Channel.WEB,
                        dt.datetime(2025, 3, 1, tzinfo=dt.UTC))
                       for v in ("very_safe", "very_unsafe", "very_unsafe", "a_bit_unsafe")],
        )
        changes = compare(_tallies(db_session, consultation), _tallies(db_session, earlier))
        changes = {change.id: change for change in changes}
        very_safe = next(o for o in changes["safety"].options if o.value == "very_safe")
        assert (very_safe.percent, very_safe.earlier_percent, very_safe.change) == (40.0, 25.0, 15.0)
        assert not very_safe.significant  # 5 and 4 people: far too few to tell
        assert (changes["safety"].base, changes["safety"].earlier_base) == (5, 4)


class TestJsonContract:
    def test_shape_and_figures(self, db_session, consultation):
        when = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)
        data = report_data(_tallies(db_session, consultation), generated_at=when)
        assert (data["consultation"], data["responses"], data["public"]) == ("fixture", 7, False)
        priorities = data["questions"][0]
        assert {k: priorities[k] for k in ("id", "type", "text", "base")} == {
            "id": "priorities", "type": "ranking", "text": "Rank these issues", "base": 5}
        assert priorities["options"][1] == {
            "value": "bravo", "label": "Bravo", "count": 4, "percent": 80.0, "rank_counts": [1, 1, 2],
            "rank_percent": [20.0, 20.0, 40.0], "mean_rank": 2.25, "points": 7}
        issues = data["questions"][1]["options"]
        assert issues[0] == {"value": "xray", "label": "Xray", "count": 4, "percent": 80.0}
        comments = data["questions"][4]
        assert comments["base"] == 1 and comments["sentiment"]["scored"] == 1
