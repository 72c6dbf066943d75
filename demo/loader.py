"""Demo content: a partnership, an officer and content to explore.

Idempotent: running it again finds what exists, adds what is missing and never duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from demo.places import load_demo_places
from demo.plans import load_demo_plan
from demo.responses import generate_demo_responses
from demo.services import load_demo_services
from demo.tensions import load_demo_tensions
from demo.wards import load_demo_wards
from survey.consultations import consultation_by_slug, create_consultation
from survey.definitions.definition import template_path
from survey.officers import accounts as officers
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Consultation, Partnership
from survey.vocabulary import ConsultationStatus, Role

DEMO_PARTNERSHIP_SLUG = "demo"
DEMO_PARTNERSHIP_NAME = "Demo Borough Community Safety Partnership"
DEMO_OFFICER_EMAIL = "officer@demo.example"
# template name -> the demo consultation's slug
DEMO_CONSULTATIONS = {
    "community-safety": "community-safety-2026",
    "place-report": "safe-spaces",
    "worry": "worries",
}


@dataclass(frozen=True)
class DemoCredentials:
    partnership: Partnership
    email: str
    password: str


def load_demo(session: Session) -> DemoCredentials:
    """Create or refresh the demo partnership, its admin officer and its open consultations.

    The officer's password is set afresh on every run (only its hash is stored, so the only way to
    print working credentials is to make new ones).
    """
    partnership = get_or_create_partnership(session, DEMO_PARTNERSHIP_SLUG, DEMO_PARTNERSHIP_NAME)
    load_demo_services(session, partnership)  # "Get help" and the bot point to the demo's own services
    password = officers.generate_password()
    officer = officers.officer_by_email(session, DEMO_OFFICER_EMAIL)
    if officer is None:
        officers.create_officer(
            session, email=DEMO_OFFICER_EMAIL, password=password, role=Role.ADMIN, partnership=partnership
        )
    else:
        officers.set_password(session, officer, password)
        officers.set_active(session, officer, True)
    for template, slug in DEMO_CONSULTATIONS.items():
        consultation = demo_consultation(session, partnership, template, slug)
        if template == "community-safety":
            generate_demo_responses(session, consultation)  # only tops up to a few hundred
    load_demo_places(session, partnership)
    load_demo_wards(session, partnership)
    load_demo_plan(session, partnership)
    load_demo_tensions(session, partnership)  # after the wards, whose entries need them
    return DemoCredentials(partnership=partnership, email=DEMO_OFFICER_EMAIL, password=password)


def demo_consultation(session: Session, partnership: Partnership, template: str, slug: str) -> Consultation:
    """The open demo consultation running ``template`` (created the first time)."""
    existing = consultation_by_slug(session, slug)
    if existing is not None:
        return existing
    source = template_path(template).read_text(encoding="utf-8")
    return create_consultation(session, partnership, source, source_name=f"{template}.yaml", slug=slug,
                               status=ConsultationStatus.OPEN)

