"""The blueprint every action plan page belongs to (``officer_plans``, under ``/officer/plan``)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("officer_plans", __name__, url_prefix="/officer/plan")
