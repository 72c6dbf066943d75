"""Check a report (``/check-a-report``): a reporter, still anonymous, sees what happened to their
report with its reference and check code, and can withdraw it."""

from __future__ import annotations

from flask import Flask

from webapp.check import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
