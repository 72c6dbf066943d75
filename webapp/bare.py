"""The app every ``safer-voices`` command runs in: settings, the database and the worker's queue.

The web app (:func:`webapp.app.build_app`) is this plus the extensions and every area of the site.
The command line builds only this for commands that do not serve pages, so they start at once.
"""

from __future__ import annotations

import logging

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from survey.settings import Settings
from survey.storage.db import engine_from_settings, make_session_factory
from survey.worker.teller import attach_task_queue
from webapp import REQUEST_LIMIT
from webapp.database import DatabaseState


def bare_app(settings: Settings | None = None) -> Flask:
    """An app with the settings, the database and the worker's queue, and no pages."""
    settings = settings or Settings()
    app = Flask("webapp", static_url_path="/assets", static_folder="static")
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

    return app
