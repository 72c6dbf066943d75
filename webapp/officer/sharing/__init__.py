"""Data sharing for officers (``/officer/sharing``): agreements the partnership makes with another
partnership on this installation and revokes (``agreements``); what other partnerships share with it,
read-only and marked with where it comes from (``received``); and single-use download links for an
agency outside the installation (``links``).

Viewers read; administrators make and revoke agreements and links. Every access to shared data is
audited in both partnerships' logs. Another partnership's agreement or link is a 404.
"""

from __future__ import annotations

from flask import Flask

from webapp.officer.sharing import agreements, links, received
from webapp.officer.sharing.blueprint import bp

__all__ = ["agreements", "links", "received"]


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
