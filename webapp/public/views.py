"""Public pages that belong to no one flow: home, privacy, accessibility, health check."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template
from sqlalchemy import text

from survey.consultations import open_consultations
from survey.publications import published_results
from survey.retention.policy import DEFAULT_MONTHS, DataKind, periods_of
from webapp.database import db_session
from webapp.public import texts
from webapp.public.language import t
from webapp.public.site import current_site_partnership

bp = Blueprint("public", __name__)


@bp.route("/")
def home() -> Any:
    partnership = current_site_partnership()
    consultations = open_consultations(db_session(), partnership.id) if partnership else []
    results = published_results(db_session(), partnership.id) if partnership else []
    return render_template(
        "public/home.html",
        title=t(texts.HOME),
        partnership=partnership,
        consultations=consultations,
        results=results,
    )


@bp.route("/privacy")
def privacy() -> Any:
    # The periods come from the same setting the retention run reads, so what this page promises is
    # what the run does.
    partnership = current_site_partnership()
    periods = periods_of(db_session(), partnership) if partnership else None
    kept = {kind.value: periods.months(kind) if periods else DEFAULT_MONTHS for kind in DataKind}
    return render_template("public/privacy.html", title=t(texts.PRIVACY), kept=kept)


@bp.route("/accessibility")
def accessibility() -> Any:
    return render_template("public/accessibility.html", title=t(texts.ACCESSIBILITY))


@bp.route("/healthz")
def healthz() -> Any:
    try:
        db_session().execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
