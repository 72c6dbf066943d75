"""The kept tallies always equal a full recount of the answers, whatever was stored, imported,
redacted, deleted, anonymised or rescored, and whenever the deltas were folded or the tallies
counted again: in all, and for
some days (either side of midnight at both clock changes).

Each example of the property test builds its own consultation inside the test's transaction, applies
a random sequence of changes through the real code paths, and compares the unfiltered report (read
from the kept tallies) with the same report counted from the answers (a filter that every response
passes takes the counting path).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from analysis.filters import ResponseFilter
from analysis.tallies import ConsultationTallies, tally_consultation
from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.places.hotspots import Grid
from survey.responses.redaction import delete_response, redact_answer
from survey.responses.store import NewResponse, store_response, store_responses
from survey.retention.anonymise import anonymise_responses
from survey.storage.models import Answer, Response, TallyDelta
from survey.tallies.fold import KEY, fold_tallies, summed
from survey.tallies.keep import change_in_tallies, tallied
from survey.tallies.read import kept_tallies
from survey.tallies.rebuild import rebuild_tallies, recount
from survey.vocabulary import Channel, ConsultationStatus, Role
from tests.factories import make_officer, make_partnership
from tests.question_samples import INSIDE_DEMO_BOUNDARY

DEFINITION = """\
id: kept
kind: consultation
title: Kept tallies
intro: One question of each type.
privacy_notice: Anonymous.
pages:
  - questions:
      - {id: single_choice, type: single_choice, text: Colour, options: [Red, Green]}
      - {id: multiple_choice, type: multiple_choice, text: Issues, options: [Drugs, Robbery, Lighting]}
      - {id: ranking, type: ranking, text: Rank these, options: [Violence, Drugs, Burglary], rank: 2}
      - {id: scale, type: scale, preset: safety, text: How safe}
      - {id: free_text, type: free_text, text: Tell us, sentiment: true}
      - {id: number, type: number, text: How many, integer: true}
      - {id: date, type: date, text: When}
      - id: location
        type: location
        text: Where
        areas: [Abbey, Castle]
"""
WORDS = ("Lovely park", "Awful dark alley", "Scared near the station", "Fine", "Great new lighting")
SCALE = {"very_safe": 2.0, "fairly_safe": 1.0, "a_bit_unsafe": -1.0, "very_unsafe": -2.0}

options = st.sampled_from


def _answers() -> st.SearchStrategy[dict[str, tuple[AnswerPart, ...]]]:
    parts = {
        "single_choice": options(["red", "green"]).map(lambda v: (AnswerPart(option=v),)),
        "multiple_choice": st.sets(options(["drugs", "robbery", "lighting"]), min_size=1).map(
            lambda vs: tuple(AnswerPart(option=v) for v in sorted(vs))
        ),
        "ranking": st.permutations(["violence", "drugs", "burglary"]).flatmap(
            lambda order: st.integers(1, 2).map(
                lambda n: tuple(AnswerPart(option=v, rank=r) for r, v in enumerate(order[:n], 1))
            )
        ),
        "scale": options(sorted(SCALE)).map(lambda v: (AnswerPart(option=v, number=SCALE[v]),)),
        "free_text": options(WORDS).map(lambda text: (AnswerPart(text=text),)),
        "number": st.integers(-5, 500).map(lambda n: (AnswerPart(number=float(n)),)),
        "date": st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)).map(lambda d: (AnswerPart(date=d),)),
        "location": st.one_of(
            options(["abbey", "castle"]).map(lambda v: (AnswerPart(option=v),)),
            st.booleans().map(
                lambda described: (
                    AnswerPart(
                        latitude=INSIDE_DEMO_BOUNDARY[0],
                        longitude=INSIDE_DEMO_BOUNDARY[1],
                        text="By the bins" if described else None,
                    ),
                )
            ),
        ),
    }
    return st.fixed_dictionaries({}, optional=parts)


# Either side of midnight UK time at both clock changes: a response counts on its UK local day.
MOMENTS = options(
    [
        dt.datetime(2026, 3, 28, 23, 30, tzinfo=dt.UTC),  # 28 March (GMT)
        dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC),  # 29 March (GMT; the clocks go forward at 01:00)
        dt.datetime(2026, 3, 29, 23, 30, tzinfo=dt.UTC),  # 30 March, 00:30 BST
        dt.datetime(2026, 10, 24, 23, 30, tzinfo=dt.UTC),  # 25 October, 00:30 BST
        dt.datetime(2026, 10, 25, 23, 30, tzinfo=dt.UTC),  # 25 October (GMT again)
    ]
)
WINDOWS = [
    (dt.date(2026, 3, 29), dt.date(2026, 3, 29)),
    (dt.date(2026, 3, 30), dt.date(2026, 10, 25)),
    (None, dt.date(2026, 3, 29)),
    (dt.date(2026, 10, 25), None),
]

CHANGES = st.one_of(
    st.tuples(st.just("submit"), _answers(), options(list(Channel)), MOMENTS),
    st.tuples(st.just("import"), st.lists(st.tuples(_answers(), MOMENTS), min_size=1, max_size=4)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("bare delete"), st.integers(0, 50)),
    st.tuples(st.just("redact"), st.integers(0, 50)),
    st.tuples(st.just("rescore"), st.integers(0, 50)),
    st.tuples(st.just("retention"), st.lists(st.integers(0, 50), min_size=1, max_size=3)),
    st.tuples(st.just("fold")),
    st.tuples(st.just("rebuild")),
)


def assert_kept_equals_recount(session, consultation) -> None:
    """Unfiltered and for some days: the report from the kept tallies equals the one counted from
    the answers (a filter every response passes takes the counting path)."""
    definition = definition_of(consultation)
    for since, until in [(None, None), *WINDOWS]:
        kept = tally_consultation(session, consultation, definition, ResponseFilter(since=since, until=until))
        counted = tally_consultation(
            session,
            consultation,
            definition,
            ResponseFilter(since=since, until=until, channels=tuple(Channel)),
        )
        assert kept.responses == counted.responses, (since, until)
        assert _exact(kept) == _exact(counted), (since, until)
        for mine, theirs in zip(kept.questions, counted.questions, strict=True):
            if mine.sentiment is not None:  # float sums added in another order: equal to the rounding
                for name in ("mean_compound", "mean_polarity", "mean_subjectivity"):
                    assert getattr(mine.sentiment, name) == pytest.approx(
                        getattr(theirs.sentiment, name), abs=1.1e-4
                    )
    _assert_raw_equal(session, consultation.id)


def _exact(tallies: ConsultationTallies) -> list:
    return [
        dataclasses.replace(
            q,
            sentiment=q.sentiment
            and dataclasses.replace(
                q.sentiment, mean_compound=None, mean_polarity=None, mean_subjectivity=None
            ),
        )
        for q in tallies.questions
    ]


def _assert_raw_equal(session, consultation_id: int) -> None:
    """Every measure of every key, counted again, equals the kept one (keys nobody answers aside)."""
    kept = kept_tallies(session, consultation_id)
    rows = summed(recount(session, consultation_id), KEY)  # the days' counts, added up
    parts = {
        (r["question_id"], r["option"] or None, r["rank"] or None): r["parts"] for r in rows if r["parts"]
    }
    assert {(q, o, r): n for q, counts in kept.parts.items() for (o, r), n in counts.items()} == parts
    recounted = {r["question_id"]: r for r in rows if r["question_id"] and not r["option"] and not r["rank"]}
    for question_id, measures in kept.questions.items():
        for name, value in measures.items():
            if name != "parts":
                assert value == pytest.approx(recounted[question_id][name], abs=1e-9), (question_id, name)


@pytest.fixture
def officer(db_session):
    return make_officer(db_session, make_partnership(db_session), Role.ADMIN, two_factor=False)


class TestKeptEqualsRecount:
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(changes=st.lists(CHANGES, min_size=1, max_size=10))
    def test_after_any_changes_the_kept_tallies_equal_a_full_recount(self, db_session, officer, changes):
        consultation = create_consultation(
            db_session,
            officer.partnership,
            DEFINITION,
            slug=f"kept-{secrets.token_hex(4)}",
            status=ConsultationStatus.OPEN,
        )
        for change in changes:
            _apply(db_session, consultation, officer, change)
        assert_kept_equals_recount(db_session, consultation)
        fold_tallies(db_session)
        assert db_session.scalar(select(func.count()).select_from(TallyDelta)) == 0
        assert_kept_equals_recount(db_session, consultation)


def _apply(session, consultation, officer, change) -> None:  # noqa: C901 (one branch per kind of change)
    definition = definition_of(consultation)
    stored = list(
        session.scalars(
            select(Response).where(Response.consultation_id == consultation.id).order_by(Response.id)
        )
    )
    kind, *arguments = change
    if kind == "submit":
        answers, channel, moment = arguments
        store_response(session, consultation, definition, answers, channel=channel, submitted_at=moment)
    elif kind == "import":
        store_responses(
            session,
            consultation,
            definition,
            [NewResponse(answers, Channel.IMPORT, moment) for answers, moment in arguments[0]],
        )
    elif kind == "fold":
        fold_tallies(session)
    elif kind == "rebuild":  # counted again from the answers, each response on its UK day
        rebuild_tallies(session, [consultation.id])
    elif not stored:
        return
    elif kind == "delete":
        delete_response(session, stored[arguments[0] % len(stored)], reason="A test", officer_id=officer.id)
    elif kind == "bare delete":  # any deletion through the session, as a withdrawal makes
        session.delete(stored[arguments[0] % len(stored)])
        session.flush()
    elif kind == "retention":
        anonymise_responses(session, sorted({stored[i % len(stored)].id for i in arguments[0]}), Grid(500))
    else:
        response = stored[arguments[0] % len(stored)]
        answer = session.scalar(
            select(Answer).where(
                Answer.response_id == response.id, Answer.text.is_not(None), Answer.question_id == "free_text"
            )
        )
        if answer is None:
            return
        if kind == "redact":
            redact_answer(
                session, response, answer, [answer.text.split()[0]], reason="A test", officer_id=officer.id
            )
        else:  # a rescore, as survey.responses.rescore reports one: the row as it was, then as it is
            before = tallied(answer)
            answer.sentiment_compound = -0.5 if answer.sentiment_compound != -0.5 else 0.5
            answer.sentiment_polarity, answer.sentiment_subjectivity = 0.25, None
            session.flush()
            change_in_tallies(session, consultation.id, [before], [tallied(answer)])
