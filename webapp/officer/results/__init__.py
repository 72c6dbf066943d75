"""What officers read from responses: each consultation's results and exports
(``/officer/consultations/<slug>/results``, ``views``), and publishing them with "You said, we did"
(``publication``). The reports list is ``webapp.officer.reports``."""

from __future__ import annotations

from flask import Flask

from webapp.officer.results import publication, views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(publication.bp)
