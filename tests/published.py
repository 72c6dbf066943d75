"""A closed consultation with enough responses for its public figures to show, and ways to publish it."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from analysis.published import publish
from survey.consultations import set_status
from survey.storage.models import AuditEvent, Consultation, Partnership, ResultsPublication
from survey.vocabulary import ConsultationStatus, Role
from tests.analysis_data import RESPONSES, make_fixture_consultation
from tests.factories import PASSWORD, make_officer
from tests.web import csrf_token, sign_in

SLUG = "fixture"
OFFICER_PAGE = f"/officer/consultations/{SLUG}/results/publication"
PUBLIC_PAGE = f"/results/{SLUG}"
# R1 (with its free-text comment) 20 times, R2 15 times, R4 10 times: 45 responses.
MANY = [RESPONSES[0]] * 20 + [RESPONSES[1]] * 15 + [RESPONSES[3]] * 10
LATER = [RESPONSES[2]] * 12 + [RESPONSES[6]] * 11


def closed_consultation(session: Session, partnership: Partnership, *, status: ConsultationStatus =
                        ConsultationStatus.CLOSED) -> Consultation:
    consultation = make_fixture_consultation(session, partnership, SLUG, responses=MANY)
    set_status(session, consultation, status)
    session.commit()  # an error page rolls back its request's changes: keep what the test set up
    return consultation


def published_consultation(session: Session, partnership: Partnership) -> Consultation:
    """The closed consultation, its results published (and committed, as a public page reads them)."""
    consultation = closed_consultation(session, partnership)
    publish(session, consultation)
    session.commit()
    return consultation


def officer_client(app, session: Session, partnership: Partnership, role: Role) -> FlaskClient:  # type: ignore[no-untyped-def]
    officer = make_officer(session, partnership, role)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client


def without_nonces(page: bytes) -> bytes:
    """A page without its per-request CSP nonces, to compare two responses."""
    return re.sub(rb'nonce="[^"]*"', b"", page)


def post_button(client: FlaskClient, action: str) -> TestResponse:
    """Press "Publish results" or "Unpublish results" (``action``: publish or unpublish)."""
    token = csrf_token(client, "/change-password")
    return client.post(f"/officer/consultations/{SLUG}/results/{action}", data={"csrf_token": token})


def publications(session: Session) -> list[ResultsPublication]:
    return list(session.scalars(select(ResultsPublication).order_by(ResultsPublication.id)))


def events(session: Session, action: str) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))
