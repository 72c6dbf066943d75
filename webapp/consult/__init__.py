"""The public consultation flow (``/consultations/<slug>/...``): one question per page, check
answers, confirmation. Officers use the same pages to preview and to enter paper responses."""

from __future__ import annotations

from flask import Flask

from webapp.consult import fields, views


def init_app(app: Flask) -> None:
    app.add_template_global(fields.choice_items)
    app.register_blueprint(views.bp)
