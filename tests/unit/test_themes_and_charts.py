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


def _rows_top_down(figure) -> list[str]:  # type: ignore[no-untyped-def]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure).draw()
    return [label.get_text() for label in reversed(figure.axes[0].get_yticklabels())]


def _texts(figure) -> list[str]:  # type: ignore[no-untyped-def]
    return [text.get_text() for text in figure.axes[0].texts]


class TestPublicCharts:
    """Public charts keep every category in its true order and mark a hidden figure [c], never drop it."""

    def test_public_choices_keep_the_question_s_order_with_hidden_ones_in_place(self):
        options = (OptionReport(value="a", label="A", count=10, percent=10.0),
                   OptionReport(value="b", label="B", count=None, percent=None),
                   OptionReport(value="c", label="C", count=50, percent=50.0))
        question = ChoiceQuestionReport(id="q", type="single_choice", text="Which?", base=100,
                                        about_you=False, options=options)
        assert _rows_top_down(bar_chart(question, public=True)) == ["A", "B", "C"]
        assert _rows_top_down(bar_chart(question, public=False)) == ["C", "A", "B"]  # officers: by size

    def test_public_ranking_draws_the_top_priority_first_and_names_hidden_places(self):
        top = RankedOptionReport(value="asb", label="ASB", count=60, percent=60.0, rank_counts=(40, None),
                                 rank_percent=(40.0, None), mean_rank=1.3, points=None)
        second = RankedOptionReport(value="drugs", label="Drugs", count=55, percent=55.0,
                                    rank_counts=(25, 30), rank_percent=(25.0, 30.0), mean_rank=1.5,
                                    points=110)
        ranking = RankingQuestionReport(id="r", type="ranking", text="Rank", base=100, about_you=False,
                                        options=(top, second))
        figure = bar_chart(ranking, public=True)
        assert _rows_top_down(figure) == ["ASB", "Drugs"]
        assert _texts(figure) == ["[c]: 2nd"]

    def test_hidden_weeks_are_marked_not_dropped(self):
        figure = trend_chart([("2 Mar 2026", 15), ("9 Mar 2026", None), ("16 Mar 2026", 20)])
        assert _texts(figure) == ["[c]"]
