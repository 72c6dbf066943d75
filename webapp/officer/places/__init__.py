"""Officer pages for places: safe havens and the partnership's boundary (``havens``), hotspots, the
place reports behind them and GIS exports (``hotspots``), and the partnership's wards (``wards``)."""

from __future__ import annotations

from flask import Flask

from webapp.officer.places import havens, hotspots, wards


def init_app(app: Flask) -> None:
    app.register_blueprint(havens.bp)
    app.register_blueprint(hotspots.bp)
    app.register_blueprint(wards.bp)
