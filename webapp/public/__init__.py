"""Public pages that belong to no one flow (home, privacy, accessibility, health check), and what
every page's layout needs (the site's partnership, the header and the navigation)."""

from __future__ import annotations

from flask import Flask

from webapp.public import language, site, views


def init_app(app: Flask) -> None:
    language.init_app(app)
    app.context_processor(site.layout_context)
    app.register_blueprint(views.bp)
