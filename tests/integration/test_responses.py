"""The shared write path: whole responses, stored once, with risk and sentiment computed on the way in."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.responses.store import ResponseError, store_response
from survey.storage.models import Answer, Response
from survey.vocabulary import Channel, ConsultationStatus
from tests.factories import make_partnership


@pytest.fixture
def consultation(db_session):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(
        db_session, make_partnership(db_session), source, slug="annual", status=ConsultationStatus.OPEN
    )


def _answers(**extra):
    answers = {
        "priorities": (
            AnswerPart(option="violence", rank=1),
            AnswerPart(option="anti_social_behaviour", rank=2),
        ),
        "safety_dark": (AnswerPart(option="a_bit_unsafe", number=-1.0),),
    }
    answers.update(extra)
    return answers


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


class TestStoreResponse:
    def test_stores_one_row_per_answer_part(self, db_session, consultation):
        stored = store_response(
            db_session, consultation, definition_of(consultation), _answers(), channel=Channel.WEB
        )
        assert stored.created
        rows = db_session.scalars(
            select(Answer)
            .where(Answer.response_id == stored.response.id)
            .order_by(Answer.question_id, Answer.rank)
        ).all()
        assert [(r.question_id, r.option, r.rank, r.number) for r in rows] == [
            ("priorities", "violence", 1, None),
            ("priorities", "anti_social_behaviour", 2, None),
            ("safety_dark", "a_bit_unsafe", None, -1.0),
        ]
        assert len(stored.response.reference) == 12 and stored.response.channel is Channel.WEB

    def test_the_same_submission_key_stores_one_response(self, db_session, consultation):
        definition = definition_of(consultation)
        first = store_response(
            db_session, consultation, definition, _answers(), channel=Channel.WEB, submission_key="form-123"
        )
        again = store_response(
            db_session, consultation, definition, _answers(), channel=Channel.WEB, submission_key="form-123"
        )
        assert first.created and not again.created
        assert again.response.id == first.response.id
        assert _count(db_session, Response) == 1

    def test_free_text_is_flagged_urgent_but_not_scored_without_sentiment(self, db_session, consultation):
        answers = _answers(
            feel_safer=(AnswerPart(text="a boy in my year has a knife and said he will stab me"),)
        )
        stored = store_response(
            db_session, consultation, definition_of(consultation), answers, channel=Channel.WEB
        )
        assert stored.response.urgent
        assert "weapons" in stored.response.risk_categories
        text_row = db_session.scalar(select(Answer).where(Answer.question_id == "feel_safer"))
        # "What would make you feel safer?" asks for suggestions, not feelings (sentiment: false).
        assert text_row.sentiment_compound is None and text_row.sentiment_polarity is None

    def test_ordinary_text_is_not_urgent(self, db_session, consultation):
        answers = _answers(feel_safer=(AnswerPart(text="Better street lighting near the station please"),))
        stored = store_response(
            db_session, consultation, definition_of(consultation), answers, channel=Channel.PAPER
        )
        assert not stored.response.urgent and stored.response.risk_categories is None

    def test_hidden_questions_are_not_stored(self, db_session, consultation):
        # "reported" is only asked of people who said they were a victim of crime.
        answers = _answers(victim=(AnswerPart(option="no"),), reported=(AnswerPart(option="yes"),))
        stored = store_response(
            db_session, consultation, definition_of(consultation), answers, channel=Channel.WEB
        )
        questions = {a.question_id for a in stored.response.answers}
        assert "victim" in questions and "reported" not in questions

    def test_a_missing_required_answer_stores_nothing(self, db_session):
        source = """
id: tiny
kind: consultation
title: Tiny
intro: Hello
privacy_notice: Anonymous
pages:
  - questions:
      - id: must
        type: free_text
        text: Tell us
        required: true
"""
        tiny = create_consultation(db_session, make_partnership(db_session), source)
        before = _count(db_session, Response)
        with pytest.raises(ResponseError) as raised:
            store_response(db_session, tiny, definition_of(tiny), {}, channel=Channel.WEB)
        assert raised.value.errors == {"must": "Enter your answer"}
        assert _count(db_session, Response) == before


def test_a_reserved_slug_is_refused(db_session):
    from survey.consultations import ConsultationError

    source = template_path("worry").read_text(encoding="utf-8")
    with pytest.raises(ConsultationError, match="reserved"):
        create_consultation(db_session, make_partnership(db_session), source, slug="new")



def test_a_new_response_gets_a_check_code_stored_only_as_a_hash(db_session, consultation):
    from survey.triage.codes import code_matches

    definition = definition_of(consultation)
    stored = store_response(db_session, consultation, definition, _answers(), channel=Channel.WEB,
                            submission_key="k-check")
    assert stored.created and stored.check_code
    assert stored.check_code.replace("-", "") not in (stored.response.check_code_hash or "").upper()
    assert code_matches(stored.response.reference, stored.check_code, stored.response.check_code_hash)
    again = store_response(db_session, consultation, definition, _answers(), channel=Channel.WEB,
                           submission_key="k-check")
    assert not again.created and again.check_code is None


def test_the_urgent_flag_is_on_the_answer_that_raised_it(db_session, consultation):
    definition = definition_of(consultation)
    answers = _answers(
        feel_safer=(AnswerPart(text="He said he will stab me after school"),),
        town_centre_issues=(AnswerPart(option="other", text="More lighting in the park please"),),
    )
    stored = store_response(db_session, consultation, definition, answers, channel=Channel.WEB)
    assert stored.response.urgent
    flags = {row.question_id: row.urgent for row in stored.response.answers if row.text}
    assert flags == {"feel_safer": True, "town_centre_issues": False}
    assert [row.risk_categories for row in stored.response.answers if row.urgent] == [
        stored.response.risk_categories]
