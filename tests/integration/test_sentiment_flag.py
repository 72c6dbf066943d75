"""Sentiment only where a question asks for feelings or views (``sentiment: true``), shown as indicative,
and brought into line with the definition when its flag changes."""

from __future__ import annotations

import re

from sqlalchemy import select

from analysis.exports.build import export_report
from analysis.free_text import free_text_items
from analysis.tallies import tally_consultation
from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.responses.rescore import rescore_sentiment
from survey.responses.store import store_response
from survey.storage.models import Answer
from survey.vocabulary import Channel, ConsultationStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.web import sign_in

DEFINITION = """
id: views
kind: consultation
title: Views on the town centre
intro: Hello
privacy_notice: Anonymous
pages:
  - questions:
      - id: feelings
        type: free_text
        text: How do you feel about the town centre at night?
        sentiment: true
      - id: suggestions
        type: free_text
        text: What would make you feel safer?
"""
FEELING = "I hate going there at night, it is frightening and awful"
SUGGESTION = "More police patrols and better lighting, the park is dangerous"


def _consultation(db_session, source: str = DEFINITION):
    consultation = create_consultation(db_session, make_partnership(db_session), source, slug="views",
                                       status=ConsultationStatus.OPEN)
    answers = {"feelings": (AnswerPart(text=FEELING),), "suggestions": (AnswerPart(text=SUGGESTION),)}
    store_response(db_session, consultation, definition_of(consultation), answers, channel=Channel.WEB)
    return consultation


def _compound(db_session, question_id: str) -> float | None:
    return db_session.scalar(select(Answer.sentiment_compound).where(Answer.question_id == question_id))


class TestStore:
    def test_only_questions_with_sentiment_on_are_scored(self, db_session):
        _consultation(db_session)
        assert _compound(db_session, "feelings") < 0
        assert _compound(db_session, "suggestions") is None


class TestReports:
    def test_tallies_and_free_text_show_sentiment_only_where_it_is_on(self, db_session):
        consultation = _consultation(db_session)
        # A score stored before the flag existed is no guide: reports ignore it until it is cleared.
        stale = db_session.scalars(select(Answer).where(Answer.question_id == "suggestions")).one()
        stale.sentiment_compound = stale.sentiment_polarity = -0.5
        db_session.flush()
        definition = definition_of(consultation)
        tallies = {q.id: q for q in tally_consultation(db_session, consultation, definition).questions}
        assert tallies["feelings"].sentiment.negative == 1
        assert tallies["suggestions"].sentiment is None and tallies["suggestions"].base == 1
        items, _ = free_text_items(db_session, consultation, definition)
        assert {item.question_id: item.sentiment for item in items} == {
            "feelings": "negative", "suggestions": None}


class TestRescore:
    def test_turning_the_flag_off_clears_scores_and_on_scores_them(self, db_session):
        consultation = _consultation(db_session)
        consultation.definition.source = DEFINITION.replace("sentiment: true", "sentiment: false").replace(
            "What would make you feel safer?", "What would make you feel safer?\n        sentiment: true")
        db_session.flush()
        done = rescore_sentiment(db_session, consultation)
        assert (done.scored, done.cleared) == (1, 1)
        assert _compound(db_session, "feelings") is None and _compound(db_session, "suggestions") is not None
        again = rescore_sentiment(db_session, consultation)
        assert (again.scored, again.cleared) == (0, 0)


class TestOfficerPages:
    def test_results_and_free_text_pages_call_sentiment_indicative(self, app, db_session):
        consultation = _consultation(db_session)
        officer = make_officer(db_session, consultation.partnership, Role.ANALYST)
        client = app.test_client()
        assert sign_in(client, officer.email, PASSWORD).status_code == 302
        page = client.get("/officer/consultations/views/results").get_data(as_text=True)
        assert page.count("Indicative sentiment: ") == 1  # the feelings question only
        assert "0 positive, 0 neutral, 1 negative" in page
        assert page.count("Read the answers") == 2  # every free-text question, scored or not
        answers = client.get("/officer/consultations/views/results/free-text").get_data(as_text=True)
        assert "Indicative sentiment" in answers and "Sentiment is indicative only" in answers


class TestExports:
    def test_the_summary_calls_sentiment_indicative_and_shows_it_only_where_on(self, db_session):
        consultation = _consultation(db_session)
        html = export_report(db_session, consultation, "html").as_bytes().decode()
        assert html.count("Indicative sentiment (VADER") == 1 and "not a measure of what people think" in html

    def test_the_summary_names_each_theme_with_its_count_and_share(self, db_session):
        consultation = _consultation(db_session)
        definition = definition_of(consultation)
        for words in ["Better street lighting in the park", "Street lighting on the canal path is broken",
                      "Street lighting by the bus stop", "Police patrols at night",
                      "Police patrols near the school", "Police patrols after the pubs close",
                      "Street lighting in the alleys", "Police patrols on the high street",
                      "Police patrols at weekends"]:
            store_response(db_session, consultation, definition, {"suggestions": (AnswerPart(text=words),)},
                           channel=Channel.PAPER)
        html = export_report(db_session, consultation, "html").as_bytes().decode()
        assert "Themes found in 10 answers;" in html
        assert re.findall(r"<h3>Theme: [^<]*</h3>", html) == [
            "<h3>Theme: Police patrols (5 answers, 50.0%)</h3>",
            "<h3>Theme: Street lighting (5 answers, 50.0%)</h3>",
        ]
