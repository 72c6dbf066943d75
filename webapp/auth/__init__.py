"""Officers' sign-in and sign-out, and the access rule every officer page uses.

Other areas import ``officer_required`` and ``signed_in_officer`` from here.
"""

from __future__ import annotations

from flask import Flask

from webapp.auth import two_factor, views
from webapp.auth.access import init_login, officer_required, signed_in_officer

__all__ = ["init_app", "officer_required", "signed_in_officer"]


def init_app(app: Flask) -> None:
    init_login(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(two_factor.bp)
