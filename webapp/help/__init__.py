"""Get help: who can help with what. The public pages (``/help``) and the officers' editor of
the same directory (``/officer/services``) share the ``help`` blueprint, so their endpoint names
stay ``help.*``; each lives in its own module, by audience."""

from __future__ import annotations

from flask import Flask

from webapp.help import services_editor, services_files, views
from webapp.help.blueprint import bp

#: The modules whose routes are on ``bp``: importing them is what adds their routes.
ROUTE_MODULES = (views, services_editor, services_files)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
