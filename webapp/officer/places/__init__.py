"""Officer pages for places: safe havens and the partnership's boundary (``havens``), hotspots, the
place reports behind them and GIS exports (``hotspots``)."""

from __future__ import annotations

from flask import Flask

from webapp.officer.places import havens, hotspots


def init_app(app: Flask) -> None:
    app.register_blueprint(havens.bp)
    app.register_blueprint(hotspots.bp)
