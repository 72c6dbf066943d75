"""Helpers for driving the app through its test client the way a browser would."""

from __future__ import annotations

import re
import time

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


def away_from_a_window_edge(margin_seconds: float) -> None:
    """Wait, if need be, until at least ``margin_seconds`` are left in the current minute.

    Rate limits count in fixed one-minute windows (and their keys change on the hour), so a test
    that counts requests across a minute boundary would see its count start again: a test that
    expects a 429 starts far enough from the edge to finish inside one window.
    """
    left = 60 - time.time() % 60
    if left < margin_seconds:
        time.sleep(left + 0.5)
