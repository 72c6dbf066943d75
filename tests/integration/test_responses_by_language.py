"""Answers stay comparable across languages (issue 20): options by value, free text with its language,
sentiment only where its model reads the language, themes found apart per language, counts by language."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from analysis.free_text import FreeTextQuery, free_text_items
from analysis.languages import responses_by_language, unscored_by_language
from analysis.report.consultation import consultation_report
from analysis.summary import build_summary
from analysis.themes import themes_by_language
from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.responses.rescore import rescore_sentiment
from survey.responses.store import NewResponse, store_response, store_responses
from survey.storage import migrate
from survey.storage.db import create_database_engine
from survey.storage.models import Answer, Response
from survey.vocabulary import Channel, ConsultationStatus
from tests.factories import make_partnership

DEFINITION = """\
id: languages
kind: consultation
title: Languages
intro: Two questions.
privacy_notice: Anonymous.
pages:
  - questions:
      - {id: issue, type: single_choice, text: Issue, options: [Drugs, Robbery]}
      - {id: views, type: free_text, text: Your views, sentiment: true, required: false}
"""


@pytest.fixture
def consultation(db_session):
    partnership = make_partnership(db_session, "north")
    return create_consultation(db_session, partnership, DEFINITION, slug="languages",
                               status=ConsultationStatus.OPEN)


def answer(option: str, words: str | None = None) -> dict:
    answers = {"issue": [AnswerPart(option=option)]}
    if words:
        answers["views"] = [AnswerPart(text=words)]
    return answers


def store(db_session, consultation, option, words=None, language="en"):
    return store_response(db_session, consultation, definition_of(consultation), answer(option, words),
                          channel=Channel.WEB, language=language).response


def scores(db_session, response):
    return db_session.execute(select(Answer.sentiment_compound).where(
        Answer.response_id == response.id, Answer.question_id == "views")).scalar_one()


def test_options_are_stored_by_value_and_free_text_with_its_language(db_session, consultation):
    english = store(db_session, consultation, "drugs", "I love the new park, it is great", "en")
    welsh = store(db_session, consultation, "drugs", "Rwy'n caru'r parc newydd, mae'n wych", "cy")
    urdu = store(db_session, consultation, "robbery", "نیا پارک بہت اچھا ہے", "ur")
    assert (english.language, welsh.language, urdu.language) == ("en", "cy", "ur")
    options = db_session.scalars(select(Answer.option).where(Answer.question_id == "issue")
                                 .order_by(Answer.id)).all()
    assert options == ["drugs", "drugs", "robbery"]
    # The sentiment models read English: the Welsh and Urdu words are left unscored, not called neutral.
    assert scores(db_session, english) > 0.3
    assert scores(db_session, welsh) is None and scores(db_session, urdu) is None


def test_rescoring_leaves_words_in_other_languages_unscored(db_session, consultation):
    welsh = store(db_session, consultation, "drugs", "Mae'n ofnadwy yma", "pl")
    english = store(db_session, consultation, "drugs", "It is awful and scary here", "en")
    result = rescore_sentiment(db_session, consultation, everything=True)
    assert result.scored == 1
    assert scores(db_session, english) < 0 and scores(db_session, welsh) is None


def test_an_unknown_language_is_refused_and_nothing_is_stored(db_session, consultation):
    with pytest.raises(ValueError, match="No such language 'fr'"):
        store(db_session, consultation, "drugs", "Bonjour", "fr")
    with pytest.raises(ValueError):
        store_responses(db_session, consultation, definition_of(consultation),
                        [NewResponse(answer("drugs"), Channel.PAPER),
                         NewResponse(answer("drugs"), Channel.PAPER, language="xx")])
    assert db_session.scalar(select(Response.id)) is None


def test_the_report_counts_responses_by_language_for_officers_only(db_session, consultation):
    for language, n in (("en", 3), ("ur", 2), ("cy", 1)):
        for _ in range(n):
            store(db_session, consultation, "drugs", None, language)
    assert responses_by_language(db_session, consultation) == {"en": 3, "cy": 1, "ur": 2}
    officer = consultation_report(db_session, consultation)
    assert officer.as_json()["languages"] == {"en": 3, "cy": 1, "ur": 2}
    assert list(officer.as_json()["languages"]) == ["en", "cy", "ur"]  # the order languages are offered
    # Options count together whatever language they were shown in.
    assert officer.question("issue").options[0].count == 6
    public = consultation_report(db_session, consultation, public=True)
    assert "languages" not in public.as_json()


def test_summary_themes_each_language_apart_and_says_what_sentiment_left_out(db_session, consultation):
    english = ["Street lighting is poor at night", "Better street lighting please", "More police patrols",
               "Police patrols at night would help", "Street lighting near the station is broken"]
    polish = ["Słabe oświetlenie ulic w nocy", "Potrzeba więcej patroli policji", "Oświetlenie ulic jest złe",
              "Więcej patroli policji wieczorem", "Oświetlenie ulic przy stacji nie działa"]
    for words in english:
        store(db_session, consultation, "drugs", words, "en")
    for words in polish:
        store(db_session, consultation, "robbery", words, "pl")
    summary = build_summary(db_session, consultation)
    assert summary.themes["views"].analysed == 5
    polish_themes = summary.language_themes["views"]["pl"]
    assert polish_themes.analysed == 5 and polish_themes.themes
    named = " ".join(theme.name.lower() + " " + " ".join(theme.key_phrases) for theme in polish_themes.themes)
    assert "oświetlenie" in named or "patroli" in named  # Polish words, accents kept
    assert summary.unscored == {"views": {"pl": 5}}
    assert unscored_by_language(db_session, consultation, ["views"]) == {"pl": 5}


def test_urdu_words_are_themed_not_dropped():
    from analysis.free_text import FreeTextItem

    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    texts = ["سڑک پر روشنی نہیں ہے", "سڑک پر روشنی کم ہے", "پولیس گشت کم ہے", "پولیس گشت چاہیے",
             "سڑک پر روشنی خراب ہے"]
    items = [FreeTextItem("views", words, f"REF{i}", "web", now, False, (), None, None, language="ur")
             for i, words in enumerate(texts)]
    found = themes_by_language(items)
    assert list(found) == ["ur"]
    assert found["ur"].analysed == 5 and found["ur"].themes
    words = [theme.name + " " + " ".join(theme.key_phrases) for theme in found["ur"].themes]
    assert any("روشنی" in each for each in words)


def test_free_text_items_carry_their_language(db_session, consultation):
    store(db_session, consultation, "drugs", "Dim digon o olau stryd", "cy")
    items, total = free_text_items(db_session, consultation, definition_of(consultation), FreeTextQuery())
    assert total == 1 and items[0].language == "cy"


def test_migration_0024_gives_every_earlier_response_english_and_keeps_its_answers(databases):
    engine = create_database_engine(databases.create())
    now = {"now": dt.datetime(2026, 12, 1)}
    try:
        migrate.upgrade(engine, "0022")
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO partnership (id, slug, name, created_at) "
                                    "VALUES (1, 'n', 'N', :now)"), now)
            connection.execute(text("INSERT INTO definition (id, partnership_id, key, kind, source, "
                                    "created_at, version) VALUES (7, 1, 'k', 'consultation', 'id: k', "
                                    ":now, 1)"), now)
            connection.execute(text("INSERT INTO consultation (id, partnership_id, definition_id, slug, "
                                    "title, kind, status, created_at) VALUES (3, 1, 7, 'a', 'A', "
                                    "'consultation', 'open', :now)"), now)
            connection.execute(text("INSERT INTO response (id, partnership_id, consultation_id, channel, "
                                    "reference, urgent, submitted_at, status) VALUES (5, 1, 3, 'web', "
                                    "'AAAA-BBBB-CC', false, :now, 'new')"), now)
            connection.execute(text("INSERT INTO answer (response_id, consultation_id, question_id, option) "
                                    "VALUES (5, 3, 'issue', 'drugs')"))
        migrate.upgrade(engine, "0024")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT language FROM response")).scalar_one() == "en"
            assert connection.execute(text("SELECT count(*) FROM answer")).scalar_one() == 1
    finally:
        engine.dispose()


def test_officers_see_responses_by_language_and_which_words_were_not_scored(app, db_session, consultation):
    from survey.vocabulary import Role
    from tests.factories import PASSWORD, make_officer
    from tests.web import sign_in

    store(db_session, consultation, "drugs", "Za mało światła na ulicy", "pl")
    store(db_session, consultation, "drugs", "Too little light", "en")
    officer = make_officer(db_session, consultation.partnership, Role.ADMIN)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    page = client.get("/officer/consultations/languages/results").get_data(as_text=True)
    table = page[page.index('id="responses-by-language"'):]
    table = table[:table.index("</table>")]
    assert ">English</th>" in table and ">Polish</th>" in table and ">Welsh</th>" not in table
    words = client.get("/officer/consultations/languages/results/free-text").get_data(as_text=True)
    assert '<span lang="pl">Za mało światła na ulicy</span>' in words
    assert "Not scored (written in Polish)" in words and ", in Polish" in words
