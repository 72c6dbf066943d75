"""Officers running consultations (``/officer/consultations``): create, open and close, dates, QR
codes, paper entry and CSV import."""

from __future__ import annotations

from flask import Flask

from webapp.officer.consultations import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
