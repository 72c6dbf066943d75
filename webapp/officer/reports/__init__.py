"""The officers' reports: the list of place reports, worries and urgent responses with its filters,
search and pages (``views``), and one report with its status, assignee, notes and reply (``report``).
Both add their routes to one blueprint (``blueprint``, named ``officer_reports``).

Viewers read; analysts and administrators change. Another partnership's reference is a 404.
"""

from __future__ import annotations

from flask import Flask

from webapp.officer.reports import blueprint, report, views

#: Importing these adds their routes to the blueprint.
ROUTE_MODULES = (views, report)


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint.bp)
