"""Retention (``/officer/retention``): how long the partnership keeps each kind of data, the last
retention run and what falls due in the next 30 days. Every officer reads it; administrators change
the periods, and every change is an audit event."""

from __future__ import annotations

from flask import Flask

from webapp.officer.retention import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
