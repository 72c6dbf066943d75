"""Public place pages (the safe spaces map, the safe havens list, the public cells API) and what
every page with a map needs (``maps``: its settings, its data, and the headers that let it work).

The officers' pages for havens, the boundary and hotspots are ``webapp.officer.places``.
"""

from __future__ import annotations

from flask import Flask

from webapp.places import maps, views


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(maps.TEMPLATE_GLOBALS)
    app.register_blueprint(views.bp)
