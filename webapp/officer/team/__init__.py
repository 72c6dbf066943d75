"""The officers' dashboard, managing officers and the audit log (``/officer/``, blueprint ``officer``)."""

from __future__ import annotations

from flask import Flask

from webapp.officer.team import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
