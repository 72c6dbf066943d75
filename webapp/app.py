"""Building the web app: its settings, database, extensions and every area's blueprints.

Kept apart from the package's ``__init__`` so that importing any part of ``webapp`` (the
``safer-voices`` command above all) does not import every area of the site: only building the
app does.
"""

from __future__ import annotations

from flask import Flask, request

from survey.boundary import MAX_BOUNDARY_BYTES
from survey.responses.csv_import import MAX_FILE_BYTES
from survey.settings import Settings
from webapp import auth, chat, check, consult, errors, places, public, results_public, security, shared_links
from webapp import help as get_help
from webapp.bare import bare_app
from webapp.database import DatabaseState, app_state
from webapp.extensions import csrf, govuk_wtf, limiter
from webapp.officer import builder as officer_builder
from webapp.officer import consultations as officer_consultations
from webapp.officer import places as officer_places
from webapp.officer import plans as officer_plans
from webapp.officer import redaction as officer_redaction
from webapp.officer import reports as officer_reports
from webapp.officer import results as officer_results
from webapp.officer import retention as officer_retention
from webapp.officer import settings as officer_settings
from webapp.officer import sharing as officer_sharing
from webapp.officer import team as officer_team
from webapp.officer import tensions as officer_tensions

#: Each area of the site, by audience: its package registers its own blueprints and template globals.
AREAS = (
    public, get_help, consult, places, check, chat, results_public, shared_links,  # for everyone
    auth,  # officers signing in and out
    officer_team, officer_consultations, officer_results, officer_places, officer_reports,  # officers
    officer_settings, officer_plans, officer_tensions, officer_sharing, officer_retention, officer_builder,
    officer_redaction,
)

#: Endpoints that take a larger upload: a full-resolution ONS boundary runs to several megabytes.
LARGER_UPLOADS = {"officer_havens.boundary": MAX_BOUNDARY_BYTES + 1024 * 1024,
                  "officer_wards.upload": MAX_BOUNDARY_BYTES + 1024 * 1024,
                  "officer_consultations.import_upload": MAX_FILE_BYTES + 1024 * 1024}


def _larger_upload_limits() -> None:
    # Runs before the CSRF check, which is the first thing to read a form's body.
    limit = LARGER_UPLOADS.get(request.endpoint or "")
    if limit is not None:
        request.max_content_length = limit


def build_app(settings: Settings | None = None) -> Flask:
    """Build the web app for ``settings`` (read from the environment when not given)."""
    app = bare_app(settings or Settings())
    settings = app_state(app).settings
    app.before_request(_larger_upload_limits)
    csrf.init_app(app)
    limiter.init_app(app)
    govuk_wtf.init_app(app)
    security.init_app(app, settings)
    DatabaseState.init_app(app)
    for area in AREAS:
        area.init_app(app)
    errors.init_app(app)
    return app
