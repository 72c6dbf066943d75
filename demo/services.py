"""The demo partnership's local services: invented youth, victim, health and diversion services, so
that "Get help" and the bot point to local places as well as the national helplines."""

from __future__ import annotations

from importlib.resources import files

from sqlalchemy.orm import Session

from survey.signposting.local_services import fields_from_yaml
from survey.signposting.local_store import add_service, local_services
from survey.storage.models import Partnership


def demo_local_yaml() -> str:
    """The example local services file for the demo partnership ("Demo Borough")."""
    return files("demo").joinpath("data/services-local-demo.yaml").read_text(encoding="utf-8")


def load_demo_services(session: Session, partnership: Partnership) -> int:
    """Add the demo's local services to a partnership that has none; returns how many were added."""
    if local_services(session, partnership.id):
        return 0
    added = [add_service(session, partnership.id, fields) for fields in fields_from_yaml(demo_local_yaml())]
    return len(added)
