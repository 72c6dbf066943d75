"""Free-text themes (TF-IDF + NMF) and server-side charts that satisfy a strict CSP."""

from __future__ import annotations

import datetime as dt
import re

from analysis.charts import bar_chart, svg_markup, trend_chart
from analysis.free_text import FreeTextItem
from analysis.report.models import (
    ChoiceQuestionReport,
    OptionReport,
    RankedOptionReport,
    RankingQuestionReport,
)
from analysis.themes import find_themes, quote

LIGHTING = [
    "better street lighting in the park", "the street lighting is broken near the station",
    "fix the street lighting on the high street", "more street lighting along the canal path",
    "street lighting by the bus stop is too dim", "brighter street lighting in the alleys",
]
PATROLS = [
    "more police patrols at night", "police patrols in the town centre on weekends",
    "visible police patrols near the school", "regular police patrols around the estate",
    "police patrols after the pubs close", "we never see police patrols any more",
]


def _item(text: str, urgent: bool = False, n: int = 0) -> FreeTextItem:
    return FreeTextItem(question_id="feel_safer", text=text, reference=f"REF-{n:04d}", channel="web",
                        submitted_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), urgent=urgent,
                        risk_categories=("weapons",) if urgent else (), compound=0.0, polarity=0.0)


class TestThemes:
    def test_separates_two_clear_themes_with_key_phrases_and_quotes(self):
        items = [_item(t, n=i) for i, t in enumerate(LIGHTING + PATROLS)]
        result = find_themes(items, max_themes=2)
        assert result.analysed == 12 and len(result.themes) == 2
        by_phrase = {("lighting" in " ".join(t.key_phrases)): t for t in result.themes}
        lighting, patrols = by_phrase[True], by_phrase[False]
        assert "police patrols" in patrols.key_phrases and lighting.count == 6 and patrols.count == 6
        assert all(example.text in LIGHTING for example in lighting.examples)
        assert "street lighting" in result.key_phrases and "police patrols" in result.key_phrases

    def test_the_same_answers_give_the_same_themes(self):
        items = [_item(t, n=i) for i, t in enumerate(LIGHTING + PATROLS)]
        assert find_themes(items) == find_themes(items)

    def test_urgent_answers_are_listed_first_and_never_quoted(self):
        urgent = _item("someone has a knife and police patrols never come", urgent=True, n=99)
        result = find_themes([urgent, *(_item(t, n=i) for i, t in enumerate(LIGHTING + PATROLS))])
        assert result.urgent == (urgent,)
        assert all(example is not urgent for theme in result.themes for example in theme.examples)

    def test_too_few_answers_are_not_themed(self):
        result = find_themes([_item("more lighting")])
        assert result.themes == () and result.analysed == 1

    def test_long_quotes_are_shortened_at_a_word(self):
        assert quote("word " * 100, limit=22) == "word word word word…"


QUESTION = ChoiceQuestionReport(
    id="q", type="multiple_choice", text="Which?", base=40, about_you=False, options=(
        OptionReport(value="a", label="Street drinking", count=30, percent=75.0),
        OptionReport(value="b", label="Groups gathering", count=None, percent=None),
    ),
)


def _ranked(value: str, rank_percent: tuple[float, float], points: int) -> RankedOptionReport:
    return RankedOptionReport(value=value, label=value.upper(), count=None, percent=None,
                              rank_counts=(None, None),
                              rank_percent=rank_percent, mean_rank=None, points=points)


class TestCharts:
    def test_svg_has_no_style_attributes_or_elements_and_an_accessible_name(self):
        svg = svg_markup(bar_chart(QUESTION), "Chart: Which?", chart_id="chart-q")
        assert svg.startswith("<svg") and 'role="img"' in svg
        assert '<title id="chart-q-title">Chart: Which?</title>' in svg
        assert not re.search(r"\sstyle=", svg) and "<style" not in svg
        assert 'fill="#1d70b8"' in svg  # the bar colour survives as a presentation attribute
        assert "75.0%" in svg and "[c]" in svg  # labels; a suppressed figure is marked, not drawn

    def test_ranking_and_trend_charts(self):
        options = (_ranked("a", (50.0, 10.0), 11), _ranked("b", (50.0, 40.0), 14))
        ranking = RankingQuestionReport(id="r", type="ranking", text="Rank", base=10, about_you=False,
                                        options=options)
        assert "2nd" in svg_markup(bar_chart(ranking), "Rank")
        assert "Week beginning" in svg_markup(trend_chart([("2 Mar 2026", 4), ("9 Mar 2026", None)]), "Weeks")
        assert bar_chart(QUESTION.model_copy(update={"base": 0})) is None and trend_chart([]) is None
