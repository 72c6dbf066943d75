"""What officers read from responses: each consultation's results and exports
(``/officer/consultations/<slug>/results``, ``views``) and the reports inbox (``/officer/reports``,
``inbox``)."""

from __future__ import annotations

from flask import Flask

from webapp.officer.results import inbox, views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.register_blueprint(inbox.bp)
