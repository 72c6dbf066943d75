"""Figures of some of the responses (a filtered public export) made after a publication of them all.

The attacker reads a filtered publication as the earlier of two (it counts a subset of the people
the snapshot counts), which is exactly what a reader who has both knows.
"""

from __future__ import annotations

import dataclasses
import os

import pytest
from hypothesis import HealthCheck, assume, given, seed, settings

from analysis.disclosure import Publication, publishable
from tests.disclosure_attacker import Attacker
from tests.disclosure_model import Model, Question, Respondent, models, publication_inputs

EXAMPLES = max(1, int(os.environ.get("SAFER_VOICES_DISCLOSURE_EXAMPLES", "20")) // 2)

GROUP = Question("about_g0", "single_choice", ("g00", "g01", "g02"), group=True)
RANKING = Question("q0", "ranking", ("r0", "r1", "r2"), positions=3)
KINDS = [  # (group, ranking), in the filter (epoch 0) or only in the snapshot (1), week, how many
    (("g01", None), 1, 2, 23), ((None, ("r0", "r1", "r2")), 1, 1, 21),
    (("g02", ("r1", "r0", "r2")), 1, 2, 18),
    (("g01", ("r0", "r2")), 0, 0, 11), (("g02", ("r1", "r2")), 1, 0, 9), (("g01", None), 1, 1, 8),
    (("g02", ("r1",)), 1, 0, 7), (("g00", ("r1", "r0", "r2")), 0, 0, 5),
]
MODEL = Model(questions=(GROUP, RANKING), breakdowns=(("q0", "about_g0"),), weeks=3, publications=2,
              respondents=tuple(Respondent(answers, epoch, week) for answers, epoch, week, n in KINDS
                                for _ in range(n)))
FILTERED = len(MODEL.included(0))
EVERYONE = len(MODEL.respondents)


class TestFilteredFiguresAfterASnapshot:
    def test_made_alone_they_can_be_set_against_the_snapshot(self):
        snapshot = publishable(**publication_inputs(MODEL, 1))
        filtered = publishable(**publication_inputs(MODEL, 0))
        assert [leak.what for leak in Attacker(MODEL, [filtered, snapshot]).leaks()] == [
            "('rank', 'q0', 'r1', 1)", "('rank', 'q0', 'r2', 3)"]

    def test_made_knowing_who_the_snapshot_counted_they_give_nothing_away(self):
        snapshot = publishable(**publication_inputs(MODEL, 1))
        filtered = publishable(**publication_inputs(MODEL, 0), earlier=[snapshot],
                               left_out=EVERYONE - FILTERED, added=0)
        assert Attacker(MODEL, [filtered, snapshot]).leaks() == []

    def test_not_knowing_how_many_are_left_out_or_added_is_allowed_for(self):
        snapshot = publishable(**publication_inputs(MODEL, 1))
        for left_out, added in ((None, None), (None, 0), (EVERYONE - FILTERED, None)):
            filtered = publishable(**publication_inputs(MODEL, 0), earlier=[snapshot], left_out=left_out,
                                   added=added)
            assert Attacker(MODEL, [filtered, snapshot]).leaks() == []


def _blank(publication: Publication) -> Publication:
    """The publication with nothing in it: what a reader knows from the other publications alone."""
    return dataclasses.replace(publication, figures=dict.fromkeys(publication.figures),
                               mean_ranks=dict.fromkeys(publication.mean_ranks), priority={})


class TestFilteredFiguresOfRandomConsultations:
    @pytest.mark.timeout(60 + 30 * EXAMPLES)  # about five seconds an example; the slowest take longer
    @seed(20261203)
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              print_blob=True)
    @given(models())
    def test_nothing_hidden_in_them_can_be_worked_out_with_the_snapshot(self, model: Model) -> None:
        # The responses of the first "publication" are the filtered ones: some of everyone's, made
        # after the snapshot of them all.
        model = dataclasses.replace(model, publications=2, cuts=(), respondents=tuple(
            dataclasses.replace(r, epoch=min(r.epoch, 1)) for r in model.respondents))
        assume(model.included(0) and len(model.included(0)) < len(model.respondents))
        snapshot = publishable(**publication_inputs(model, 1))
        filtered = publishable(**publication_inputs(model, 0), earlier=[snapshot],
                               left_out=len(model.respondents) - len(model.included(0)), added=0)
        leaks = Attacker(model, [filtered, snapshot]).leaks()
        # A hidden 0 the snapshot alone already shows to be 0 (it counts none of anyone) says nothing new.
        known = {leak.what for leak in Attacker(model, [_blank(filtered), snapshot]).leaks()
                 if leak.publication == 0 and leak.true_value == 0}
        assert [leak for leak in leaks if not (leak.publication == 0 and leak.what in known)] == []
