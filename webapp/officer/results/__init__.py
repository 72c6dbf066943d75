"""What officers read from responses: each consultation's results and exports
(``/officer/consultations/<slug>/results``, ``views``). The reports list is ``webapp.officer.reports``."""

from __future__ import annotations

from flask import Flask

from webapp.officer.results import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
