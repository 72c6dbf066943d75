"""The Flask web app: thin views that translate HTTP to the core and back.

One package per area of the site, by audience, each registering its own blueprints and template
globals in its ``init_app``: ``public``, ``help``, ``consult``, ``places``, ``check`` (for everyone),
``results_public``, ``auth``, and ``officer/`` (``team``, ``consultations``, ``results``, ``places``,
``reports``, ``settings``). ``cli`` is the ``safer-voices`` command. Beside them, what every area shares:
``database`` (a session per request, a transaction per command), ``extensions``, ``security``
(headers), ``errors`` and ``server``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from survey.settings import Settings

REQUEST_LIMIT = 5 * 1024 * 1024
"""The largest request body most pages take (a few endpoints take more: ``webapp.app.LARGER_UPLOADS``)."""


def create_app(settings: Settings | None = None) -> Flask:
    """Build the web app for ``settings`` (read from the environment when not given).

    The areas are imported here, not when the package is: the command line starts at once and
    loads them only for a command that needs the site.
    """
    from webapp.app import build_app

    return build_app(settings)
