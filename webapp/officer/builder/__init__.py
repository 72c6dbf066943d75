"""Building a consultation on the web (``/officer/consultations/<slug>/build``): its start page,
pages and questions of every type, conditions and the about-you set, one thing per page.

The builder edits the definition's YAML as data (:mod:`survey.authoring.editing`) and saves each
change through :func:`survey.authoring.versions.save_definition`, so what it stores is exactly what
a YAML upload of the same definition would store.
"""

from __future__ import annotations

from flask import Flask

from webapp.officer.builder import conditions, overview, questions
from webapp.officer.builder.blueprint import bp

__all__ = ["conditions", "overview", "questions"]


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
