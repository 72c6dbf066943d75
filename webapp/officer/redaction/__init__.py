"""Correcting responses (``/officer/responses``): the list of answers that may hold someone's personal
details (every officer reads it; analysts and administrators keep an answer as it is), redacting words
from a free-text answer and deleting a response (administrators, with a reason and a check page).
The work is done by ``survey.responses.redaction``; after it commits, the database's files are
rewritten so the words cannot be read from them either (``survey.retention.files``)."""

from __future__ import annotations

from flask import Flask

from webapp.officer.redaction import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
