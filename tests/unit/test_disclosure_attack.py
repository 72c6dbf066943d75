"""The proof that the public figures can be published: an independent attacker on random consultations.

For each generated consultation (tests/disclosure_model.py: groups, questions of every kind counted
in the public figures, breakdowns by group, weeks, and up to two earlier publications of a subset of
the responses), every publication is made as the real code makes it, each knowing the ones before.
The attacker (tests/disclosure_attacker.py) then takes everything published, all publications
together, and for every hidden figure works out by integer programming which true values are
consistent with all of it. It asserts, for each hidden figure with true value ``v``:

* ``v`` from 1 to 9: some consistent table has 0 there, or 10 or more. So the reader can never
  conclude that the count is from 1 to 9, and in particular never pin it to one value under 10;
* ``v`` = 0: some consistent table has 1 or more there (a hidden 0 is never pinned);

and, for every line where everyone is in one part (a single-choice or scale question's answers, a
ranking's row or column, a breakdown's row or group column), that some consistent table has someone
in another part, so no whole group is revealed. Hidden figures of 10 or more need no check: their
true value is itself consistent and is 10 or more. It also checks that every published figure is
its true count rounded to 5, never one from 1 to 9.

The number of examples is ``SAFER_VOICES_DISCLOSURE_EXAMPLES`` (20 in the normal test run, about a
second each); ``make disclosure-attack`` runs 1,000 (results in bench/RESULTS.md). The seed is
fixed, so a run is repeatable, and a failure prints the smallest consultation that leaks.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, seed, settings

from analysis.disclosure import Publication, round_to_5
from tests.disclosure_attacker import Attacker
from tests.disclosure_model import Model, Question, Respondent, models, publish_all

EXAMPLES = int(os.environ.get("SAFER_VOICES_DISCLOSURE_EXAMPLES", "20"))
SEED = 20261213


def _attack(model: Model) -> Attacker:
    publications = publish_all(model)
    attacker = Attacker(model, publications)
    for number, publication in enumerate(publications):
        for key, value in publication.figures.items():
            if value is not None:
                clique, predicate = attacker.meaning(key)
                true = attacker.true_count(number, predicate, clique)
                assert not 0 < true < 10 and value == round_to_5(true), (number, key, true, value)
    return attacker


class TestEverythingPublishedTogether:
    @seed(SEED)
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              print_blob=True)
    @given(models())
    def test_no_hidden_count_can_be_worked_out(self, model: Model) -> None:
        assert _attack(model).leaks() == []

    def test_places_no_one_could_have_filled_are_not_left_pinned(self) -> None:
        # Found by the attack: everyone ranked two of three options, so nobody gave a third rank; the
        # whole-group rule hid the rows, and with them zeros that ranking itself pins (a third place
        # needs a third option, and the third option's zeros are shown).
        ranking = Question("q0", "ranking", ("r0", "r1", "r2"), positions=3)
        people = [Respondent((("r1", "r2"),), epoch, 0) for epoch, n in ((0, 40), (1, 12)) for _ in range(n)]
        assert _attack(Model((ranking,), (), 1, 2, tuple(people))).leaks() == []

    def test_earlier_publications_are_checked_with_rankings(self) -> None:
        # Found by the attack: how many gave each ranking is not in the tallies, so the check guesses
        # it; with an earlier publication the guess must fit both.
        group = Question("about_g0", "single_choice", ("g00", "g01"), group=True)
        ranking = Question("q0", "ranking", ("r0", "r1", "r2"), positions=2)
        people = ([Respondent((None, ("r2", "r1")), 0, 0)] + [Respondent((None, ("r0", "r1")), 0, 0)] * 5
                  + [Respondent(("g00", ("r1",)), 1, 0)] * 4 + [Respondent((None, ("r0", "r2")), 0, 0)] * 7)
        assert _attack(Model((group, ranking), (), 1, 2, tuple(people))).leaks() == []

    def test_a_week_that_had_ended_is_not_set_against_a_later_total(self) -> None:
        # Found by the attack: 11 people in week 1, published during week 2, then 2 more in week 2.
        # The week-1 count cannot change, so "responses 15, week 1 [c], week 2 [c]" would still
        # leave week 2 at 13-17 less 10-12: from 1 to 7.
        question = Question("q0", "single_choice", ("o0", "o1"))
        people = [Respondent((None,), 0, 0)] * 11 + [Respondent((None,), 2, 1)] * 2
        model = Model((question,), (), 2, 3, tuple(people), cuts=(0, 1))
        assert _attack(model).leaks() == []

    def test_a_question_asked_only_after_one_answer_is_tied_to_that_answer(self) -> None:
        # Found by the attack: q1 is asked only of those who answered o2 to q0. Nobody in group g11
        # answered q0 (a published 0), so nobody in g11 answered q1 either, whatever q1's breakdown
        # hides: its g11 cells were pinned at 0 until the check knew the questionnaire too.
        groups = (Question("about_g0", "single_choice", ("g00", "g01"), group=True),
                  Question("about_g1", "single_choice", ("g10", "g11", "g12"), group=True))
        q0 = Question("q0", "single_choice", ("o0", "o1", "o2"))
        q1 = Question("q1", "single_choice", ("yes", "no", "prefer_not"), parent="q0", parent_values=("o2",))
        people = ([Respondent((None, None, None, None), 0, 0)] * 4
                  + [Respondent((None, None, "o0", None), 0, 0)]
                  + [Respondent((None, None, "o2", None), 0, 0)] * 10
                  + [Respondent((None, "g10", "o2", "yes"), 0, 0)] * 10
                  + [Respondent((None, "g11", None, None), 0, 0)] * 10)
        breakdowns = tuple((q, g.id) for q in ("q0", "q1") for g in groups)
        assert _attack(Model((*groups, q0, q1), breakdowns, 1, 1, tuple(people))).leaks() == []

    def test_every_victim_reported_is_not_revealed_by_a_breakdown(self) -> None:
        group = Question("about_g0", "single_choice", ("woman", "man"), group=True)
        victim = Question("victim", "single_choice", ("yes", "no"))
        reported = Question("reported", "single_choice", ("yes", "no", "prefer_not"), parent="victim",
                            parent_values=("yes",))
        people = ([Respondent(("woman", "yes", "yes"), 0, 0)] * 12
                  + [Respondent(("man", "yes", "yes"), 0, 0)] * 8
                  + [Respondent(("woman", "no", None), 0, 0)] * 30)
        model = Model((group, victim, reported), (("reported", "about_g0"), ("victim", "about_g0")), 1, 1,
                      tuple(people))
        attacker = _attack(model)
        assert attacker.leaks() == []
        assert publish_all(model)[0].get(("option", "reported", "yes")) is None


def _single(counts: dict[str, int]) -> Model:
    question = Question("q0", "single_choice", tuple(counts))
    people = [Respondent((value,), 0, 0) for value, n in counts.items() for _ in range(n)]
    return Model((question,), (), 1, 1, tuple(people))


class TestTheAttackerFindsLeaks:
    """The attack can fail: shown figures that give a count away are caught."""

    def test_a_count_left_hidden_beside_its_total(self) -> None:
        model = _single({"a": 45, "b": 5})
        published = Publication(figures={("responses",): 50, ("base", "q0"): 50, ("option", "q0", "a"): 45,
                                         ("option", "q0", "b"): None, ("week", "2026-01-05"): 50})
        leaks = Attacker(model, [published]).leaks()
        assert [(leak.what, leak.true_value, leak.low, leak.high) for leak in leaks] == [
            ("('option', 'q0', 'b')", 5, 1, 9)]

    def test_zeros_that_show_everyone_gave_one_answer(self) -> None:
        model = _single({"yes": 20, "no": 0, "prefer_not": 0})
        published = Publication(figures={("responses",): 20, ("base", "q0"): 20, ("option", "q0", "yes"): 20,
                                         ("option", "q0", "no"): 0, ("option", "q0", "prefer_not"): 0,
                                         ("week", "2026-01-05"): 20})
        assert [leak.what for leak in Attacker(model, [published]).leaks()] == ["whole group: q0"]

    def test_a_breakdown_cell_worked_out_from_the_question_s_own_count(self) -> None:
        group = Question("about_g0", "single_choice", ("g0", "g1"), group=True)
        question = Question("q0", "single_choice", ("yes", "no"))
        people = ([Respondent(("g0", "yes"), 0, 0)] * 5 + [Respondent(("g1", "yes"), 0, 0)] * 15
                  + [Respondent(("g0", "no"), 0, 0)] * 20 + [Respondent(("g1", "no"), 0, 0)] * 20)
        model = Model((group, question), (("q0", "about_g0"),), 1, 1, tuple(people))
        cells = {("yes", "g0"): None, ("yes", "g1"): 15, ("yes", ""): 0,
                 ("no", "g0"): None, ("no", "g1"): 20, ("no", ""): 0}
        figures = {("cell", "q0", "about_g0", v, g): n for (v, g), n in cells.items()}
        figures |= {("base", "q0"): 60, ("option", "q0", "yes"): 20, ("option", "q0", "no"): 40,
                    ("week", "2026-01-05"): 60}
        # The table alone hides the 5 behind the 20 beside it; the question's own count of 20 "yes"
        # (18-22) less the 15 (13-17) shown beside it leaves 1 to 9.
        leaks = Attacker(model, [Publication(figures=figures)]).leaks()
        cell = "('cell', 'q0', 'about_g0', 'yes', 'g0')"
        assert [(leak.what, leak.true_value) for leak in leaks] == [(cell, 5)]
