"""A consultation's public figures as one publication: what it holds, its snapshot, and its inputs."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analysis.disclosure import NOT_STATED, BreakdownCounts, Publication, publishable
from analysis.tallies import ConsultationTallies, OptionTally, QuestionTally


def _question(qid: str, counts: dict[str, int], about_you: bool = False,
              kind: str = "scale") -> QuestionTally:
    options = tuple(OptionTally(value=v, label=v, count=n, percent=0.0) for v, n in counts.items())
    return QuestionTally(id=qid, type=kind, text=qid, base=sum(counts.values()), options=options,
                         about_you=about_you)


DARK = _question("dark", {"safe": 52, "unsafe": 31, "dont_know": 4})
GENDER = _question("about_gender", {"woman": 47, "man": 38}, about_you=True, kind="single_choice")
TALLIES = ConsultationTallies(slug="s", title="T", responses=90, questions=(DARK, GENDER))
BY_GENDER = BreakdownCounts("dark", "about_gender", {
    ("safe", "woman"): 25, ("safe", "man"): 25, ("safe", NOT_STATED): 2,
    ("unsafe", "woman"): 19, ("unsafe", "man"): 11, ("unsafe", NOT_STATED): 1,
    ("dont_know", "woman"): 2, ("dont_know", "man"): 2,
})
WEEKS = [(dt.date(2026, 3, 2), 41), (dt.date(2026, 3, 9), 49)]


def _publication() -> Publication:
    return publishable(TALLIES, breakdowns=[BY_GENDER], weeks=WEEKS)


class TestPublication:
    def test_holds_results_weeks_and_breakdowns_rounded_or_hidden(self):
        publication = _publication()
        assert publication.responses == 90
        assert publication.get(("option", "dark", "safe")) == 50
        assert publication.get(("option", "dark", "dont_know")) is None
        assert publication.weeks() == [(dt.date(2026, 3, 2), 40), (dt.date(2026, 3, 9), 50)]
        assert publication.get(("cell", "dark", "about_gender", "safe", "woman")) == 25
        assert publication.get(("cell", "dark", "about_gender", "dont_know", "man")) is None
        assert all(value is None or value % 5 == 0 for value in publication.figures.values())

    def test_a_breakdown_row_total_is_the_question_s_own_count(self):
        # Each row of a breakdown adds up to the question's count, which is published once: hidden in
        # the question's table means hidden as the row's total, so neither can be set against the other.
        lines = [line for line in _publication().lines if line.total == ("option", "dark", "safe")]
        assert [line.parts for line in lines] == [tuple(("cell", "dark", "about_gender", "safe", group)
                                                       for group in ("woman", "man", NOT_STATED))]

    def test_round_trips_through_json_for_a_snapshot(self):
        publication = _publication()
        text = json.dumps(publication.as_json())
        assert Publication.from_json(json.loads(text)) == publication

    def test_a_later_publication_knows_an_earlier_one_from_its_snapshot(self):
        earlier = publishable(ConsultationTallies(slug="s", title="T", responses=60, questions=(
            _question("dark", {"safe": 40, "unsafe": 17, "dont_know": 3}),)))
        snapshot = Publication.from_json(json.loads(json.dumps(earlier.as_json())))
        later = ConsultationTallies(slug="s", title="T", responses=90, questions=(DARK,))
        assert publishable(later, earlier=[snapshot]) == publishable(later, earlier=[earlier])

    def test_tallies_that_do_not_add_up_are_refused(self):
        broken = BreakdownCounts("dark", "about_gender", {("safe", "woman"): 60})
        with pytest.raises(ValueError, match="do not add up|must not be negative"):
            publishable(TALLIES, breakdowns=[broken])
        with pytest.raises(ValueError, match="must not be negative"):
            publishable(ConsultationTallies(slug="s", title="T", responses=10, questions=(DARK,)))

    def test_only_single_choice_scale_and_ranking_questions_are_broken_down_by_a_single_choice_group(self):
        with pytest.raises(ValueError, match="cannot be broken down"):
            publishable(TALLIES, breakdowns=[BreakdownCounts("about_gender", "dark", {})])
