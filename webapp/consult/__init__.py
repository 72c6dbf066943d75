"""The public consultation flow (``/consultations/<slug>/...``): one question per page, check
answers, confirmation. Officers use the same pages to preview and to enter paper responses."""

from __future__ import annotations

from flask import Flask

from webapp.consult import fields, views
from webapp.public.language import t


def init_app(app: Flask) -> None:
    app.add_template_global(fields.choice_items)
    app.add_template_global(fields.character_count_texts)
    app.add_template_global(fields.own_words)
    app.add_template_global(t, "t")  # also in macros imported without the page's context
    app.register_blueprint(views.bp)
