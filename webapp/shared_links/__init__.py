"""Download links for agencies outside the installation (``/shared/<token>``), made by officers in
``webapp.officer.sharing``. The page works without JavaScript and changes nothing; the download is a
button (a POST with its CSRF token), so a mail client's link preview cannot use the link up."""

from __future__ import annotations

from flask import Flask

from webapp.shared_links import views


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
