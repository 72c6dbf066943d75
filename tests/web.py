"""Helpers for driving the app through its test client the way a browser would."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/sign-in") -> str:
    """The CSRF token of the client's session, read from a page's form as a browser would."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_PATTERN.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: FlaskClient, email: str, password: str) -> TestResponse:
    return client.post(
        "/sign-in", data={"email": email, "password": password, "csrf_token": csrf_token(client)}
    )
