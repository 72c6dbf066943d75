"""Builders for the data sharing tests: a partnership with published figures and place reports in two
wards, agreements made through the core, and clients signed in as a partnership's officers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from analysis.published import publish
from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.sharing.agreements import AgreementValues, create_agreement
from survey.sharing.links import LinkValues, create_link
from survey.storage.models import AuditEvent, Consultation, Partnership, SharingAgreement
from survey.vocabulary import ConsultationStatus, LawfulBasis, Role, SharedExport
from survey.wards.register import import_wards
from tests.factories import PASSWORD, make_officer
from tests.places import INSIDE, make_place_consultation, store_place_report
from tests.published import closed_consultation
from tests.wards import two_demo_wards
from tests.web import csrf_token, sign_in

WEST = INSIDE  # in Westgate (E05000001)
EAST = (51.5032, -0.1150)  # in Eastgate (E05000002)
SECRET = "The man at the bus stop on Mill Lane"


def published_consultation(session: Session, partnership: Partnership) -> Consultation:
    """The fixture consultation (45 responses), closed and published."""
    consultation = closed_consultation(session, partnership)
    publish(session, consultation, via="test")
    session.commit()
    return consultation


def place_reports(
    session: Session, partnership: Partnership, *, west: int = 1, east: int = 1
) -> Consultation:
    """Pinned place reports with free text in Westgate and Eastgate (the two demo wards)."""
    consultation = make_place_consultation(session, partnership)
    import_wards(session, partnership.id, two_demo_wards())
    for point, count in ((WEST, west), (EAST, east)):
        for _ in range(count):
            store_place_report(
                session, consultation, place={"latitude": point[0], "longitude": point[1]}, details=SECRET
            )
    session.commit()
    return consultation


def make_agreement(
    session: Session, giver: Partnership, recipient: Partnership, **overrides: Any
) -> SharingAgreement:
    today = dt.date.today()
    values = {
        "recipient_id": recipient.id,
        "purpose": "Joint strategic assessment",
        "lawful_basis": LawfulBasis.PUBLIC_TASK,
        "starts_on": today,
        "review_on": today + dt.timedelta(days=365),
        **overrides,
    }
    agreement, _new = create_agreement(session, giver.id, AgreementValues(**values), officer_id=None)
    session.commit()
    return agreement


def client_for(
    app,
    session: Session,
    partnership: Partnership,
    role: Role = Role.VIEWER,  # type: ignore[no-untyped-def]
    email: str | None = None,
) -> FlaskClient:
    officer = make_officer(session, partnership, role, email=email)
    session.commit()
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client


def post(
    client: FlaskClient, path: str, data: dict[str, Any] | None = None, token_from: str = "/change-password"
):  # type: ignore[no-untyped-def]
    return client.post(path, data={"csrf_token": csrf_token(client, token_from), **(data or {})})


def events(session: Session, partnership: Partnership, action: str) -> list[AuditEvent]:
    # A request's end closes the shared session, which lets go of (and may expire) the test's objects.
    partnership_id = session.merge(partnership).id
    session.expire_all()
    query = select(AuditEvent).where(AuditEvent.partnership_id == partnership_id, AuditEvent.action == action)
    return list(session.scalars(query))


def sharing_records(session, owner, third) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """An agreement the owner gives (to a third partnership), one it receives (from it, sharing a
    consultation and place reports), and a download link of the owner's."""
    today = dt.date.today()
    survey = template_path("community-safety").read_text(encoding="utf-8")
    theirs = create_consultation(session, third, survey, slug="third", status=ConsultationStatus.CLOSED)
    common = {
        "purpose": "Assessment",
        "lawful_basis": LawfulBasis.PUBLIC_TASK,
        "starts_on": today,
        "review_on": today + dt.timedelta(days=30),
        "share_places": True,
    }
    given, _ = create_agreement(
        session, owner.id, AgreementValues(recipient_id=third.id, **common), officer_id=None
    )
    received, _ = create_agreement(
        session,
        third.id,
        AgreementValues(recipient_id=owner.id, consultation_ids=(theirs.id,), **common),
        officer_id=None,
    )
    link, token = create_link(
        session,
        owner.id,
        LinkValues(
            recipient="Agency",
            purpose="Assessment",
            lawful_basis=LawfulBasis.PUBLIC_TASK,
            export=SharedExport.PLACES_CSV,
        ),
        officer_id=None,
    )
    return {
        "agreement_id": given.id,
        "received_agreement_id": received.id,
        "shared_slug": theirs.slug,
        "export_link_id": link.id,
        "link_token": token,
    }
