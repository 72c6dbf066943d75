"""Demo content: a partnership, an officer and (as features land) content to explore.

Idempotent: running it again finds what exists, adds what is missing and never duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from survey import officers
from survey.partnerships import get_or_create_partnership
from survey.storage.models import Partnership, Role

DEMO_PARTNERSHIP_SLUG = "demo"
DEMO_PARTNERSHIP_NAME = "Demo Borough Community Safety Partnership"
DEMO_OFFICER_EMAIL = "officer@demo.example"


@dataclass(frozen=True)
class DemoCredentials:
    partnership: Partnership
    email: str
    password: str


def load_demo(session: Session) -> DemoCredentials:
    """Create or refresh the demo partnership and its admin officer.

    The officer's password is set afresh on every run (only its hash is stored, so the only way to
    print working credentials is to make new ones).
    """
    partnership = get_or_create_partnership(session, DEMO_PARTNERSHIP_SLUG, DEMO_PARTNERSHIP_NAME)
    password = officers.generate_password()
    officer = officers.officer_by_email(session, DEMO_OFFICER_EMAIL)
    if officer is None:
        officers.create_officer(
            session, email=DEMO_OFFICER_EMAIL, password=password, role=Role.ADMIN, partnership=partnership
        )
    else:
        officers.set_password(session, officer, password)
        officers.set_active(session, officer, True)
    return DemoCredentials(partnership=partnership, email=DEMO_OFFICER_EMAIL, password=password)
