"""Every question type, end to end: stored through the web form, the CSV importer and store_response,
then found in the raw-responses export and in the report. And the pin rule on the web form."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from analysis.exports.raw import responses_csv
from analysis.report import report_data
from analysis.tallies import tally_consultation
from survey.boundary import save_boundary
from survey.consultations import create_consultation, definition_of
from survey.question_types import REGISTRY
from survey.responses.csv_import import import_responses
from survey.responses.store import store_response
from survey.storage.models import Answer, Response
from survey.vocabulary import Channel, ConsultationStatus
from tests.factories import make_partnership
from tests.places import DEMO_BOUNDARY, INSIDE, OUTSIDE, make_place_consultation
from tests.question_samples import EVERY_TYPE, SAMPLES
from tests.web import CSRF_PATTERN

CHANNELS = ("web", "import", "store_response")


@pytest.fixture
def partnership(db_session):
    partnership = make_partnership(db_session, "north")
    save_boundary(db_session, partnership, DEMO_BOUNDARY.read_text(encoding="utf-8"))  # pins must be inside
    return partnership


@pytest.fixture
def consultation(db_session, partnership):
    return create_consultation(db_session, partnership, EVERY_TYPE, slug="every-type",
                               status=ConsultationStatus.OPEN)


def _post(client, location, data):
    page = client.get(location).get_data(as_text=True)
    return client.post(location, data={"csrf_token": CSRF_PATTERN.search(page)[1], **data})


def _through_the_web(client, db_session, consultation):
    page = client.get("/consultations/every-type/").get_data(as_text=True)
    location = client.post("/consultations/every-type/start",
                           data={"csrf_token": CSRF_PATTERN.search(page)[1]}).headers["Location"]
    for kind in REGISTRY:
        assert location.endswith(f"/questions/{kind}"), location
        response = _post(client, location, SAMPLES[kind].form)
        assert response.status_code == 302, response.get_data(as_text=True)
        location = response.headers["Location"]
    assert location.endswith("/check-answers")
    check = client.get(location).get_data(as_text=True)
    for sample in SAMPLES.values():
        assert sample.shown.split("\n")[0] in check
    sent = _post(client, location, {})
    assert sent.headers["Location"].endswith("/confirmation")


def _through_the_importer(db_session, consultation):
    out = io.StringIO()
    csv.writer(out).writerows([list(REGISTRY), [SAMPLES[kind].cell for kind in REGISTRY]])
    result = import_responses(db_session, consultation, out.getvalue())
    assert result.ok and result.stored == 1, [str(error) for error in result.errors]


def _through_store_response(db_session, consultation):
    answers = {kind: sample.answer for kind, sample in SAMPLES.items()}
    store_response(db_session, consultation, definition_of(consultation), answers, channel=Channel.PAPER)


def _bases(data):
    questions = data["questions"] if isinstance(data, dict) else data.questions
    return {
        (question["id"] if isinstance(question, dict) else question.id):
        (question["base"] if isinstance(question, dict) else question.base)
        for question in questions
    }


@pytest.mark.parametrize("channel", CHANNELS)
def test_one_response_per_type_reaches_the_export_and_the_report(channel, client, db_session, consultation):
    assert set(SAMPLES) == set(REGISTRY)
    match channel:
        case "web":
            _through_the_web(client, db_session, consultation)
        case "import":
            _through_the_importer(db_session, consultation)
        case "store_response":
            _through_store_response(db_session, consultation)
    definition = definition_of(consultation)
    exported = responses_csv(db_session, consultation, definition).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert len(rows) == 1
    assert {kind: rows[0][kind] for kind in REGISTRY} == {kind: SAMPLES[kind].cell for kind in REGISTRY}
    data = report_data(tally_consultation(db_session, consultation, definition))
    assert _bases(data) == dict.fromkeys(REGISTRY, 1)


class TestPinOnTheWebForm:
    def _to_place_question(self, client):
        page = client.get("/consultations/places/").get_data(as_text=True)
        first = client.post("/consultations/places/start", data={"csrf_token": CSRF_PATTERN.search(page)[1]})
        return _post(client, first.headers["Location"], {"answer": "unsafe"}).headers["Location"]

    def test_a_pin_outside_the_demo_boundary_is_refused_and_nothing_is_stored(self, client, db_session):
        partnership = make_partnership(db_session, "south")
        consultation = make_place_consultation(db_session, partnership, slug="places")
        location = self._to_place_question(client)
        refused = _post(client, location, {"latitude": str(OUTSIDE[0]), "longitude": str(OUTSIDE[1])})
        assert refused.status_code == 200
        text = refused.get_data(as_text=True)
        assert "The place you chose is outside South Community Safety Partnership" in text
        # Continuing from the page does not skip the question: it is still unanswered.
        check = client.get("/consultations/places/check-answers").get_data(as_text=True)
        assert "Not answered" in check
        sent = _post(client, "/consultations/places/check-answers", {})
        assert sent.status_code == 200 and "Drop a pin on the map" in sent.get_data(as_text=True)
        responses = db_session.scalar(
            select(func.count()).select_from(Response).where(Response.consultation_id == consultation.id))
        pins = db_session.scalar(select(func.count()).select_from(Answer).where(Answer.latitude.is_not(None)))
        assert responses == 0 and pins == 0
        accepted = _post(client, location, {"latitude": str(INSIDE[0]), "longitude": str(INSIDE[1])})
        assert accepted.status_code == 302 and "/questions/reasons" in accepted.headers["Location"]
