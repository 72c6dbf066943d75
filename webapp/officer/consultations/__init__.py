"""Officers running consultations (``/officer/consultations``): create, open and close, dates, QR
codes, the printable questionnaire (``paper``), paper entry and CSV import, the definition as YAML and its
versions, and its texts in other languages (``translations``)."""

from __future__ import annotations

from flask import Flask

from webapp.officer.consultations import creating, definitions, import_wizard, paper, translations, views

#: Importing these adds their routes to the blueprint.
ROUTE_MODULES = (views, creating, definitions, paper, import_wizard, translations)


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
