"""Generated demo responses: realistic enough to make the results pages worth reading, and idempotent."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select

from demo.responses import generate_demo_responses
from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.storage.models import Answer, Response
from survey.vocabulary import Channel, ConsultationStatus
from tests.factories import make_partnership

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def annual(db_session):
    source = template_path("community-safety").read_text(encoding="utf-8")
    consultation = create_consultation(db_session, make_partnership(db_session), source, slug="annual",
                                       status=ConsultationStatus.OPEN)
    assert generate_demo_responses(db_session, consultation, count=300, now=NOW) == 300
    return consultation


def _options(session, consultation, question_id, **where):
    query = select(Answer.option).where(Answer.consultation_id == consultation.id,
                                        Answer.question_id == question_id)
    for column, value in where.items():
        query = query.where(getattr(Answer, column) == value)
    return Counter(session.scalars(query))


class TestDemoResponses:
    def test_tops_up_to_the_count_and_then_adds_nothing(self, db_session, annual):
        assert generate_demo_responses(db_session, annual, count=300) == 0
        assert generate_demo_responses(db_session, annual, count=310) == 10
        total = db_session.scalar(
            select(func.count()).select_from(Response).where(Response.consultation_id == annual.id)
        )
        assert total == 310

    def test_asb_and_drugs_are_ranked_first_most_often(self, db_session, annual):
        firsts = _options(db_session, annual, "priorities", rank=1)
        top_two = {option for option, _ in firsts.most_common(2)}
        assert top_two == {"anti_social_behaviour", "drug_dealing_and_drug_use"}

    def test_people_feel_less_safe_after_dark_than_by_day(self, db_session, annual):
        day, dark = _options(db_session, annual, "safety_day"), _options(db_session, annual, "safety_dark")
        unsafe = ("a_bit_unsafe", "very_unsafe")
        assert sum(dark[o] for o in unsafe) > 2 * sum(day[o] for o in unsafe)

    def test_some_skip_questions_and_some_are_under_18(self, db_session, annual):
        answered = sum(_options(db_session, annual, "feel_safer", option=None).values())
        assert 100 < answered < 250
        ages = _options(db_session, annual, "about_age_band")
        assert ages["11_15"] + ages["16_17"] >= 10
        assert sum(ages.values()) < 300

    def test_a_few_are_urgent_some_are_paper_and_all_are_in_the_last_eight_weeks(self, db_session, annual):
        responses = db_session.scalars(select(Response).where(Response.consultation_id == annual.id)).all()
        assert sum(r.urgent for r in responses) >= 2
        channels = Counter(r.channel for r in responses)
        assert channels[Channel.WEB] > channels[Channel.PAPER] > 0
        assert all(NOW - dt.timedelta(weeks=8) <= r.submitted_at <= NOW for r in responses)

    def test_only_respondents_who_were_victims_say_whether_they_reported_it(self, db_session, annual):
        victims = set(db_session.scalars(select(Answer.response_id).where(
            Answer.consultation_id == annual.id, Answer.question_id == "victim", Answer.option == "yes")))
        reporters = set(db_session.scalars(select(Answer.response_id).where(
            Answer.consultation_id == annual.id, Answer.question_id == "reported")))
        assert reporters and reporters <= victims
