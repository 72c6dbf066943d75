"""The partnership's action plan for officers: the plan with its priorities and actions, creating and
editing them (``views``); one action with its history and a form for a progress update (``action``);
and the plan in and out of files: CSV import and export, the quarterly board update (``files``).
All add their routes to one blueprint (``blueprint``, named ``officer_plans``).

Viewers read; analysts and administrators change and export. Every change is audited by
``survey.plans.store`` (never with the plan's words). Another partnership's id is a 404.
"""

from __future__ import annotations

from flask import Flask

from webapp.officer.plans import action, blueprint, files, views

#: Importing these adds their routes to the blueprint.
ROUTE_MODULES = (views, action, files)


def init_app(app: Flask) -> None:
    app.register_blueprint(blueprint.bp)
