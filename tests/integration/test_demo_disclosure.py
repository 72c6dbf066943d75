"""The demo consultation's public figures, attacked: nothing published gives a hidden count away.

The demo (``safer-voices demo``: 300 generated responses to the community safety template) is
published as the public report, the responses per week and the breakdowns of both feelings-of-safety
questions by age, gender, ethnicity, disability and area, all from one publication. The attacker
(tests/disclosure_attacker.py, which shares no code with analysis/disclosure) reads the respondents'
answers back from the database and checks every hidden figure with integer programming. Five groups
at once are too many for its exact tables, so here it reasons from the published tables as such (each
breakdown tied to its question and its group by their margins, the way the issue describes the
attack), solving the tables tied only through the number of responses apart: a slight relaxation
(see the attacker). tests/unit/test_disclosure_attack.py runs the exact attack on random
consultations.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from analysis.crosstabs import public_breakdowns
from analysis.disclosure import publishable, round_to_5
from analysis.exports.build import export_report
from analysis.filters import LOCAL_TIME
from analysis.report.consultation import public_figures
from demo.loader import DEMO_CONSULTATIONS, load_demo
from survey.consultations import consultation_by_slug, definition_of
from survey.question_types import Tally
from survey.storage.models import Answer, Response
from tests.disclosure_attacker import Attacker
from tests.disclosure_model import Model, Question, Respondent, publication_inputs

_KINDS = {Tally.ONE_OPTION: "single_choice", Tally.SCALE: "scale", Tally.OPTIONS: "multiple_choice",
          Tally.RANKS: "ranking"}


@pytest.fixture
def demo(db_session):
    load_demo(db_session)
    return consultation_by_slug(db_session, DEMO_CONSULTATIONS["community-safety"])


def _model(session, consultation) -> Model:  # type: ignore[no-untyped-def]
    """The demo's respondents as the attacker's microdata (the questions figures are published for)."""
    definition = definition_of(consultation)
    questions = []
    for question in definition.questions:
        kind = _KINDS.get(question.tally)
        if kind is None:
            continue  # free text, numbers, dates and places: not in the attacked tables
        show_if = getattr(question, "show_if", None)
        questions.append(Question(
            question.id, kind, tuple(o.value for o in question.all_options),
            positions=getattr(question, "rank", 0),
            group=question.id in {g for _q, g in public_breakdowns(definition)},
            parent=show_if.question if show_if else None,
            parent_values=tuple(show_if.values) if show_if else (),
        ))
    index = {q.id: i for i, q in enumerate(questions)}
    rows = session.execute(
        select(Response.id, Response.submitted_at).where(Response.consultation_id == consultation.id)
    ).all()
    mondays = {rid: _monday(at) for rid, at in rows}
    first = min(mondays.values())
    answers: dict[int, list[object]] = {rid: [None] * len(questions) for rid in mondays}
    parts = session.execute(
        select(Answer.response_id, Answer.question_id, Answer.option, Answer.rank)
        .where(Answer.consultation_id == consultation.id, Answer.question_id.in_(index),
               Answer.option.is_not(None))
        .order_by(Answer.response_id, Answer.rank, Answer.id)
    ).all()
    for rid, qid, option, _rank in parts:
        question, i = questions[index[qid]], index[qid]
        if question.kind in ("multiple_choice", "ranking"):
            answers[rid][i] = (*(answers[rid][i] or ()), option)
        else:
            answers[rid][i] = option
    for given in answers.values():
        for i, question in enumerate(questions):
            if question.kind == "multiple_choice" and given[i] is not None:
                given[i] = tuple(o for o in question.options if o in given[i])
    respondents = tuple(Respondent(tuple(answers[rid]), 0, (mondays[rid] - first).days // 7)
                        for rid in answers)
    weeks = max(r.week for r in respondents) + 1
    return Model(tuple(questions), tuple(public_breakdowns(definition)), weeks, 1, respondents,
                 first_week=first)


def _monday(at: dt.datetime) -> dt.date:
    day = at.replace(tzinfo=at.tzinfo or dt.UTC).astimezone(LOCAL_TIME).date()
    return day - dt.timedelta(days=day.weekday())


class TestDemoPublication:
    def test_the_attacker_reads_the_same_answers_the_tallies_count(self, db_session, demo):
        # The published figures made from the attacker's own microdata are the real ones: so the
        # attacker's picture of the respondents is the one the publication was made from.
        model = _model(db_session, demo)
        from_database = public_figures(db_session, demo)
        from_model = publishable(**publication_inputs(model, 0))  # type: ignore[arg-type]
        shared = set(from_model.figures) & set(from_database.figures)
        assert len(shared) > 500
        assert {k: from_model.figures[k] for k in shared} == {k: from_database.figures[k] for k in shared}

    def test_nothing_published_about_the_demo_gives_a_hidden_count_away(self, db_session, demo):
        publication = public_figures(db_session, demo)
        attacker = Attacker(_model(db_session, demo), [publication], exact=False)
        assert len(attacker.hidden) > 50  # 300 responses leave plenty of small counts to protect
        assert attacker.leaks() == []
        for key, value in publication.figures.items():
            if value is not None:
                clique, predicate = attacker.meaning(key)
                true = attacker.true_count(0, predicate, clique)
                assert not 0 < true < 10 and value == round_to_5(true), key

    def test_every_public_download_shows_the_publication(self, db_session, demo):
        publication = public_figures(db_session, demo)
        report = export_report(db_session, demo, "json", public=True).as_bytes()
        import json

        data = json.loads(report)
        assert data["responses"] == publication.responses
        for question in data["questions"]:
            assert question["base"] == publication.get(("base", question["id"]))
            for option in question["options"]:
                assert option["count"] == publication.get(("option", question["id"], option["value"]))
        html = export_report(db_session, demo, "html", public=True).as_bytes().decode()
        assert "[c] = not published" in html
