"""Officers running consultations (``/officer/consultations``): create, open and close, dates, QR
codes, paper entry and CSV import, the definition as YAML and its versions."""

from __future__ import annotations

from flask import Flask

from webapp.officer.consultations import creating, definitions, views

__all__ = ["creating", "definitions", "views"]


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
