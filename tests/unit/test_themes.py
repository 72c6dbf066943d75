"""Themes a reader trusts: named by a phrase their answers share, distinct quotes that show the
range, and counts and shares of the base that add up."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from analysis.free_text import FreeTextItem
from analysis.themes import find_themes

# Answers to "What would make you feel safer?" as residents write them: typos, repeats, shouting.
LIGHTING = [
    "Better street lighting in the park", "The street lighting on Station Road is broken and nobody fixes it",
    "More street lighting along the canal path, it is pitch black after 5pm",
    "Street lighting by the bus stop is too dim", "Brighter street lighting in the alleys behind the shops",
    "street lighting!!", "Better street lighting in the park.", "better street lighting in the park",
    "Fix the street lights near the school", "better lighting in the underpass",
]
PATROLS = [
    "More police patrols at night", "More police patrols at night!", "more police patrols at night please",
    "Police patrols in the town centre at weekends", "Visible police patrols near the school at home time",
    "We never see police patrols any more, bring back the beat bobby",
    "Police patrols after the pubs close on Friday and Saturday",
    "more police on foot patrols in the high street", "A PCSO we actually know by name",
]
DRUGS = [
    "Stop the drug dealing outside the flats", "Deal with drug dealing in the park",
    "Drug dealing by the shops every evening needs stopping",
    "People dealing drugs openly near the play area",
    "drug dealing in the stairwells of the tower blocks",
    "Something done about the drug dealing on Mill Lane",
]
YOUTH = [
    "Something for young people to do in the evenings, the youth club closed", "Open the youth club again",
    "Youth club and sports for teenagers so they are not hanging around",
    "More activities for young people in the holidays", "Activities for young people at the leisure centre",
    "A youth worker on the estate in the evenings",
]
OTHER = ["CCTV in the car park that actually works", "Nothing, I feel safe",
         "Faster response when you call 101"]
ANSWERS = LIGHTING + PATROLS + DRUGS + YOUTH + OTHER


def _item(text: str, n: int, urgent: bool = False) -> FreeTextItem:
    return FreeTextItem(question_id="feel_safer", text=text, reference=f"REF-{n:04d}", channel="web",
                        submitted_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC), urgent=urgent,
                        risk_categories=("weapons",) if urgent else (), compound=None, polarity=None)


def _items(texts: list[str]) -> list[FreeTextItem]:
    return [_item(text, n) for n, text in enumerate(texts)]


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


@pytest.fixture(scope="module")
def result():
    return find_themes(_items(ANSWERS))


class TestThemeNames:
    def test_themes_are_named_by_phrases_residents_used(self, result):
        names = {theme.name for theme in result.themes}
        assert {"Street lighting", "Police patrols", "Drug dealing"} <= names

    def test_a_name_is_a_short_phrase_not_a_keyword_list(self, result):
        everything = " ".join(_normal(text) for text in ANSWERS)
        for theme in result.themes:
            assert "," not in theme.name and len(theme.name.split()) <= 6
            assert theme.name[0].isupper()
            assert _normal(theme.name) in everything  # their words, not a label made up for them

    def test_no_two_themes_share_a_name(self, result):
        names = [theme.name for theme in result.themes]
        assert len(names) == len(set(names))


class TestQuotes:
    def test_no_answer_is_quoted_twice_in_any_wording(self, result):
        quoted = [_normal(example.text) for theme in result.themes for example in theme.examples]
        assert len(quoted) == len(set(quoted))
        assert sum(_normal(text) == "more police patrols at night" for text in quoted) <= 1
        assert sum(_normal(text) == "better street lighting in the park" for text in quoted) <= 1

    def test_near_duplicates_give_way_to_other_points_of_view(self):
        repeats = ["More police patrols at night", "More police patrols at night!",
                   "more police patrols at night", "MORE POLICE PATROLS AT NIGHT PLEASE",
                   "More police patrols at nite"]
        others = ["Police patrols after the pubs close on Friday",
                  "Police patrols near the school at home time"]
        result = find_themes(_items(repeats + others), examples=3)
        [theme] = result.themes
        quoted = {_normal(example.text) for example in theme.examples}
        assert len(theme.examples) == 3
        assert {_normal(text) for text in others} <= quoted

    def test_quotes_come_from_their_theme_and_show_its_range(self, result):
        lighting = next(theme for theme in result.themes if theme.name == "Street lighting")
        assert len(lighting.examples) == 3
        assert all(example.text in LIGHTING for example in lighting.examples)
        words = ("park", "canal", "station", "bus", "alleys", "school", "underpass")
        places = {word for example in lighting.examples for word in words if word in example.text.lower()}
        assert len(places) >= 2  # not three answers about one park

    def test_urgent_answers_are_counted_but_never_quoted(self):
        urgent = _item("a lad on the estate carries a knife, we need police patrols", 99, urgent=True)
        result = find_themes([urgent, *_items(ANSWERS)])
        assert result.urgent == (urgent,)
        quoted = {example.reference for theme in result.themes for example in theme.examples}
        assert urgent.reference not in quoted
        assert sum(theme.count for theme in result.themes) + result.unthemed == len(ANSWERS) + 1


class TestCountsAndShares:
    def test_counts_and_unthemed_add_up_to_the_answers(self, result):
        assert result.analysed == result.base == len(ANSWERS) and not result.sampled
        assert sum(theme.count for theme in result.themes) + result.unthemed == len(ANSWERS)

    def test_each_share_is_its_count_over_the_base(self, result):
        for theme in result.themes:
            assert theme.share == pytest.approx(round(100 * theme.count / len(ANSWERS), 1))
        total = sum(theme.share for theme in result.themes) + result.unthemed_share
        assert total == pytest.approx(100, abs=0.05 * (len(result.themes) + 1))

    def test_themes_are_in_order_of_size(self, result):
        counts = [theme.count for theme in result.themes]
        assert counts == sorted(counts, reverse=True) and counts[0] >= len(LIGHTING) - 2

    def test_a_sample_says_how_many_answered_in_all(self):
        result = find_themes(_items(ANSWERS), base=200)
        assert result.sampled and result.base == 200 and result.analysed == len(ANSWERS)

    def test_too_few_answers_have_a_base_but_no_themes(self):
        result = find_themes(_items(["More lighting", "Police patrols"]))
        assert result.themes == () and (result.analysed, result.base, result.unthemed) == (2, 2, 2)
