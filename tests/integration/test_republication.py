"""Publishing again, and public exports after publishing: never set against an earlier snapshot.

Each snapshot keeps the disclosure it was made with; the next publication, and every public export,
is protected together with every snapshot of the consultation, withdrawn ones included. The proof is
the independent attacker (tests/disclosure_attacker.py) reading every snapshot together.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analysis.exports.build import export_report
from analysis.filters import ResponseFilter
from analysis.published import publish, snapshot_report
from analysis.report.consultation import public_figures
from analysis.report.snapshots import published_before, stored_publication
from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of, set_status
from survey.publications import publication_history, unpublish
from survey.responses.store import store_response
from survey.storage.models import Response, ResultsPublication
from survey.vocabulary import Channel, ConsultationStatus
from tests.disclosure_attacker import Attacker
from tests.disclosure_model import Model, Question, Respondent
from tests.factories import make_partnership

DEFINITION = """
id: fruit
kind: consultation
title: Fruit consultation
intro: Hello
privacy_notice: Anonymous
pages:
  - questions:
      - id: q
        type: single_choice
        text: Which fruit?
        options: [Apples, Bananas, Cherries]
"""
FIRST_MONDAY = dt.date(2026, 11, 2)
# 20 apples and 20 bananas in the week of 2 November; published on 11 November, when that week had
# ended; then 3 cherries on 12 November and published again on 25 November. The second publication
# alone is safe, but a reader who kept the first knows the week of 2 November got nobody new, so
# the responses since are the new total less the old: from 1 to 9.
MODEL = Model(
    questions=(Question("q", "single_choice", ("apples", "bananas", "cherries")),), breakdowns=(), weeks=2,
    publications=2, first_week=FIRST_MONDAY, cuts=(1,),
    respondents=tuple([Respondent(("apples",), 0, 0)] * 20 + [Respondent(("bananas",), 0, 0)] * 20
                      + [Respondent(("cherries",), 1, 1)] * 3),
)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)


@pytest.fixture
def consultation(db_session):
    partnership = make_partnership(db_session)
    consultation = create_consultation(db_session, partnership, DEFINITION, slug="fruit",
                                       status=ConsultationStatus.OPEN)
    definition = definition_of(consultation)
    for fruit, n in (("apples", 20), ("bananas", 20)):
        for _ in range(n):
            store_response(db_session, consultation, definition, {"q": (AnswerPart(option=fruit),)},
                           channel=Channel.WEB, submitted_at=_at(dt.date(2026, 11, 3)))
    set_status(db_session, consultation, ConsultationStatus.CLOSED)
    return consultation


def _add_cherries(db_session, consultation) -> None:
    set_status(db_session, consultation, ConsultationStatus.OPEN)
    definition = definition_of(consultation)
    for _ in range(3):
        store_response(db_session, consultation, definition, {"q": (AnswerPart(option="cherries"),)},
                       channel=Channel.PAPER, submitted_at=_at(dt.date(2026, 11, 12)))
    set_status(db_session, consultation, ConsultationStatus.CLOSED)


class TestPublishingAgain:
    def test_the_second_publication_cannot_be_set_against_the_first_even_when_withdrawn(
            self, db_session, consultation):
        first = publish(db_session, consultation, now=_at(dt.date(2026, 11, 11)))
        unpublish(db_session, consultation)
        _add_cherries(db_session, consultation)
        second = publish(db_session, consultation, now=_at(dt.date(2026, 11, 25)))
        published = [stored_publication(p.snapshot_json) for p in (first, second)]
        assert Attacker(MODEL, published).leaks() == []
        # The same figures made without the first snapshot give the new responses away.
        alone = public_figures(db_session, consultation, earlier=(), as_of=dt.date(2026, 11, 25))
        leaks = Attacker(MODEL, [published[0], alone]).leaks()
        assert [(leak.what, leak.true_value) for leak in leaks] == [("('week', '2026-11-09')", 3)]

    def test_every_publication_is_kept_oldest_first_withdrawn_ones_included(self, db_session, consultation):
        first = publish(db_session, consultation, now=_at(dt.date(2026, 11, 11)))
        unpublish(db_session, consultation, now=_at(dt.date(2026, 11, 12)))
        second = publish(db_session, consultation, now=_at(dt.date(2026, 11, 13)))
        assert publication_history(db_session, consultation.id) == [first, second]
        assert published_before(db_session, consultation, ResponseFilter()).earlier == tuple(
            stored_publication(p.snapshot_json) for p in (first, second))

    def test_a_snapshot_from_before_it_kept_its_disclosure_still_reads(self, db_session, consultation):
        publication = publish(db_session, consultation, now=_at(dt.date(2026, 11, 11)))
        report = snapshot_report(publication)
        old = ResultsPublication(partnership_id=consultation.partnership_id, consultation_id=consultation.id,
                                 snapshot_json=report.json_text(), published_at=_at(dt.date(2026, 11, 1)))
        db_session.add(old)
        db_session.flush()
        assert snapshot_report(old) == report and stored_publication(old.snapshot_json) is None
        assert json.loads(publication.snapshot_json)["report"] == report.as_json()
        assert len(published_before(db_session, consultation, ResponseFilter()).earlier) == 1

    def test_responses_deleted_since_a_snapshot_that_kept_no_count_are_allowed_for(
            self, db_session, consultation):
        publication = publish(db_session, consultation, now=_at(dt.date(2026, 11, 11)))
        document = json.loads(publication.snapshot_json)
        del document["counted"]  # as a snapshot made before the count was kept
        publication.snapshot_json = json.dumps(document)
        for response in db_session.query(Response).filter_by(consultation_id=consultation.id).limit(12):
            db_session.delete(response)  # as the retention job deletes old responses
        db_session.flush()
        figures = public_figures(db_session, consultation, as_of=dt.date(2026, 11, 25))
        assert figures.responses == 30


class TestPublicFiguresAfterPublishing:
    def test_a_filtered_public_figure_knows_who_the_snapshot_counted_and_who_it_did_not(
            self, db_session, consultation):
        publish(db_session, consultation, now=_at(dt.date(2026, 11, 11)))
        _add_cherries(db_session, consultation)
        web = published_before(db_session, consultation, ResponseFilter(channels=(Channel.WEB,)))
        assert (len(web.earlier), web.left_out, web.added) == (1, 0, 0)
        paper = published_before(db_session, consultation, ResponseFilter(channels=(Channel.PAPER,)))
        assert (paper.left_out, paper.added) == (40, 3)
        everything = published_before(db_session, consultation, ResponseFilter())
        assert (everything.left_out, everything.added) == (0, 3)

    def test_public_figures_after_publishing_are_protected_with_the_snapshot(self, db_session, consultation):
        first = publish(db_session, consultation, now=_at(dt.date(2026, 11, 11)))
        _add_cherries(db_session, consultation)
        now = public_figures(db_session, consultation, as_of=dt.date(2026, 11, 25))
        assert Attacker(MODEL, [stored_publication(first.snapshot_json), now]).leaks() == []

    def test_an_officers_public_export_after_publishing_is_protected_with_the_snapshot(
            self, db_session, consultation):
        publish(db_session, consultation, now=_at(dt.date(2026, 11, 11)))
        _add_cherries(db_session, consultation)
        exported = json.loads(export_report(db_session, consultation, "json", public=True,
                                            now=_at(dt.date(2026, 11, 25))).as_bytes())
        # Alone the responses would be shown as 45; set against the snapshot they would give away how
        # many came since, so they are hidden.
        assert exported["public"] and exported["responses"] is None
        alone = public_figures(db_session, consultation, earlier=(), as_of=dt.date(2026, 11, 25))
        assert alone.responses == 45

    def test_a_filtered_public_export_after_publishing_can_be_made(self, db_session, consultation):
        publish(db_session, consultation, now=_at(dt.date(2026, 11, 11)))
        _add_cherries(db_session, consultation)
        responses = {}
        for channel in (Channel.WEB, Channel.PAPER):
            exported = export_report(db_session, consultation, "json", public=True,
                                     response_filter=ResponseFilter(channels=(channel,)))
            responses[channel] = json.loads(exported.as_bytes())["responses"]
        assert responses == {Channel.WEB: 40, Channel.PAPER: None}
