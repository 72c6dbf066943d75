"""The Flask web app: thin views that translate HTTP to the core and back.

One package per area of the site, by audience, each registering its own blueprints and template
globals in its ``init_app``: ``public``, ``help``, ``consult``, ``places``, ``check`` (for everyone),
``results_public``, ``auth``, and ``officer/`` (``team``, ``consultations``, ``results``, ``places``,
``reports``, ``settings``). ``cli`` is the ``safer-voices`` command. Beside them, what every area shares:
``database`` (a session per request, a transaction per command), ``extensions``, ``security``
(headers), ``errors`` and ``server``.
"""

from __future__ import annotations

import logging

from flask import Flask, request
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from survey.boundary import MAX_BOUNDARY_BYTES
from survey.settings import Settings
from survey.storage.db import engine_from_settings, make_session_factory
from survey.worker.queue import attach_task_queue
from webapp import auth, check, consult, errors, places, public, results_public, security, shared_links
from webapp import help as get_help
from webapp.database import DatabaseState
from webapp.extensions import csrf, govuk_wtf, limiter
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
    public, get_help, consult, places, check, results_public, shared_links,  # for everyone
    auth,  # officers signing in and out
    officer_team, officer_consultations, officer_results, officer_places, officer_reports,  # officers
    officer_settings, officer_plans, officer_tensions, officer_sharing, officer_retention,
    officer_redaction,
)


REQUEST_LIMIT = 5 * 1024 * 1024
#: Endpoints that take a larger upload: a full-resolution ONS boundary runs to several megabytes.
LARGER_UPLOADS = {"officer_havens.boundary": MAX_BOUNDARY_BYTES + 1024 * 1024,
                  "officer_wards.upload": MAX_BOUNDARY_BYTES + 1024 * 1024}


def _larger_upload_limits() -> None:
    # Runs before the CSRF check, which is the first thing to read a form's body.
    limit = LARGER_UPLOADS.get(request.endpoint or "")
    if limit is not None:
        request.max_content_length = limit


def create_app(settings: Settings | None = None) -> Flask:
    """Build the web app for ``settings`` (read from the environment when not given)."""
    settings = settings or Settings()
    app = Flask(__name__, static_url_path="/assets", static_folder="static")
    app.config.update(
        SECRET_KEY=settings.resolved_secret_key(),
        SESSION_COOKIE_NAME="safer_voices_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        WTF_CSRF_TIME_LIMIT=None,  # valid for the session's life: a long consultation must not fail
        MAX_CONTENT_LENGTH=REQUEST_LIMIT,
        RATELIMIT_STORAGE_URI=settings.ratelimit_storage_uri,
        RATELIMIT_HEADERS_ENABLED=False,
        TESTING=settings.environment == "test",
    )
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("webapp"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    if settings.trusted_proxies:
        # Only trust as many X-Forwarded-* hops as there are proxies we run: more would let a
        # client forge its scheme or address.
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n)  # type: ignore[method-assign]

    engine = engine_from_settings(settings)
    session_factory = make_session_factory(engine)
    attach_task_queue(session_factory, settings)  # urgent alerts go to the worker after their commit
    app.extensions["safer_voices"] = DatabaseState(
        settings=settings, engine=engine, session_factory=session_factory
    )
    # The development server logs each client's address: keep it quiet.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

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
