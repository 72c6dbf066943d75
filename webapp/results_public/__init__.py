"""Published results for everyone (``/results``): the list, each consultation's page with its
charts, tables, key findings and "You said, we did", the CSV and JSON downloads (Open Government
Licence) and an Atom feed. Only a live publication's frozen snapshot is ever shown: anything
unpublished is a 404, and nothing here reads responses."""

from __future__ import annotations

from flask import Flask

from webapp.results_public import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
