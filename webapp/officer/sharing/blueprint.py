"""The data sharing area's blueprint (``officer_sharing``, under ``/officer/sharing``), and the lookups
its views share: each finds a record only from the signed-in officer's side of it, else a 404."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort

from survey.sharing.agreements import given_agreement, received_agreement
from survey.sharing.links import partnership_link
from survey.storage.models import ExportLink, SharingAgreement
from webapp.auth import signed_in_officer
from webapp.database import db_session

bp = Blueprint("officer_sharing", __name__, url_prefix="/officer/sharing")


def today() -> dt.date:
    """Today, read on every request: access is never decided from a cached date."""
    return dt.date.today()


def own_agreement(agreement_id: int) -> SharingAgreement:
    agreement = given_agreement(db_session(), signed_in_officer().partnership_id, agreement_id)
    if agreement is None:
        abort(404)
    return agreement


def agreement_received(agreement_id: int) -> SharingAgreement:
    agreement = received_agreement(db_session(), signed_in_officer().partnership_id, agreement_id)
    if agreement is None:
        abort(404)
    return agreement


def own_link(link_id: int) -> ExportLink:
    link = partnership_link(db_session(), signed_in_officer().partnership_id, link_id)
    if link is None:
        abort(404)
    return link
