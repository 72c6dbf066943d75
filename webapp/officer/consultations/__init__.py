"""Officers running consultations (``/officer/consultations``): create, open and close, dates, QR
codes, the printable questionnaire (``paper``), paper entry and CSV import."""

from __future__ import annotations

from flask import Flask

from webapp.officer.consultations import paper, views

#: Importing these adds their routes to the blueprint.
ROUTE_MODULES = (views, paper)


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
