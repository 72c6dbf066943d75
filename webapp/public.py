"""Public pages that belong to no one flow: home, privacy, accessibility, health check."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, g, jsonify, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import text

from survey.consultations import open_consultations
from survey.partnerships import site_partnership
from survey.storage.models import Partnership
from survey.vocabulary import Role
from webapp.database import app_state, db_session

bp = Blueprint("public", __name__)
PRODUCT_NAME = "Safer Voices"


def current_site_partnership() -> Partnership | None:
    """The partnership whose public pages these are (looked up once per request)."""
    if "site_partnership" not in g:
        g.site_partnership = site_partnership(db_session(), app_state().settings.site_partnership)
    return g.site_partnership


@bp.route("/")
def home() -> Any:
    partnership = current_site_partnership()
    consultations = open_consultations(db_session(), partnership.id) if partnership else []
    return render_template(
        "public/home.html", title="Home", partnership=partnership, consultations=consultations
    )


@bp.route("/privacy")
def privacy() -> Any:
    return render_template("public/privacy.html", title="Privacy")


@bp.route("/accessibility")
def accessibility() -> Any:
    return render_template("public/accessibility.html", title="Accessibility statement")


@bp.route("/healthz")
def healthz() -> Any:
    try:
        db_session().execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


def init_app(app: Flask) -> None:
    @app.context_processor
    def _site() -> dict[str, Any]:
        partnership = _header_partnership()
        return {
            "site_name": partnership.name if partnership else PRODUCT_NAME,
            "home_endpoint": "public.home",
            "navigation_items": _navigation_items,
        }

    app.register_blueprint(bp)


def _header_partnership() -> Partnership | None:
    if current_user.is_authenticated:
        return current_user.officer.partnership
    return current_site_partnership()


def _navigation_items() -> list[dict[str, Any]]:
    if current_user.is_authenticated:
        items = [("Dashboard", "officer.dashboard"), ("Hotspots", "officer_hotspots.hotspots"),
                 ("Safe havens", "officer_havens.havens_list")]
        items.insert(1, ("Consultations", "officer_consultations.consultations_list"))
        items.insert(1, ("Reports", "officer_reports.inbox_page"))
        if current_user.role.allows(Role.ADMIN):
            items += [("Officers", "officer.officers_list"), ("Audit log", "officer.audit_log")]
            items.append(("Boundary", "officer_havens.boundary"))
            items.append(("Local services", "help.edit_services"))
        items.append(("Sign out", "auth.sign_out"))
    else:
        items = [("Home", "public.home")]
        items += [("Safe spaces map", "places.safe_spaces"), ("Safe havens", "places.safe_havens")]
        items.append(("Get help", "help.index"))
    return [
        {"text": label, "href": url_for(endpoint), "active": request.endpoint == endpoint}
        for label, endpoint in items
    ]
