"""The tensions area's blueprint, and the lookups every view of it shares."""

from __future__ import annotations

from flask import Blueprint, abort

from survey.storage.models import RiskEvent, TensionEntry, Ward
from survey.tensions.entries import partnership_entry, partnership_ward
from survey.tensions.events import partnership_event
from webapp.auth import signed_in_officer
from webapp.database import db_session

bp = Blueprint("officer_tensions", __name__, url_prefix="/officer/tensions")


def own_entry(entry_id: int) -> TensionEntry:
    entry = partnership_entry(db_session(), signed_in_officer().partnership_id, entry_id)
    if entry is None:
        abort(404)
    return entry


def own_event(event_id: int) -> RiskEvent:
    event = partnership_event(db_session(), signed_in_officer().partnership_id, event_id)
    if event is None:
        abort(404)
    return event


def own_ward(ward_id: int) -> Ward:
    ward = partnership_ward(db_session(), signed_in_officer().partnership_id, ward_id)
    if ward is None:
        abort(404)
    return ward


def audit_details(record: TensionEntry | RiskEvent) -> dict[str, str]:
    """What the audit log says about a change: the record's labels, never a narrative's words."""
    details = {"ward": record.ward.code} if record.ward is not None else {}
    if isinstance(record, TensionEntry):
        return {
            **details,
            "category": record.category.value,
            "level": record.level.value,
            "status": record.status.value,
        }
    return {
        **details,
        "type": record.event_type.value,
        "risk": record.risk_rating.value,
        "status": record.status.value,
    }
