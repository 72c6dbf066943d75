"""Settings (``/officer/settings/``): each officer's own email (the daily digest), and for
administrators the partnership's urgent alert addresses and the emails that could not be sent."""

from __future__ import annotations

from flask import Flask

from webapp.officer.settings import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
