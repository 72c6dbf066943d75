"""Officer pages for community tensions and events of risk (``/officer/tensions``): the borough
overview, each ward's weekly tension view, tension entries and events.

Viewers read; analysts and administrators log and change. Every change is an audit event that names
the record, never the words of a narrative. Another partnership's record is a 404.
"""

from __future__ import annotations

from flask import Flask

from webapp.officer.tensions import entries, events, wards
from webapp.officer.tensions.blueprint import bp

__all__ = ["entries", "events", "wards"]


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
