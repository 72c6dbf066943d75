"""Helpers for driving the app through its test client the way a browser would."""

from __future__ import annotations

import re
import time

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session, sessionmaker
from werkzeug.test import TestResponse

from survey.officers import accounts as officers
from survey.officers import two_factor
from survey.storage.models import Partnership
from survey.vocabulary import Role
from tests.factories import PASSWORD, make_officer

CSRF_PATTERN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
KEY_PATTERN = re.compile(r'id="two-factor-key">([^<]+)<')
CODE_PAGE = "/sign-in/code"
SET_UP_PAGE = "/two-factor/set-up"
# A code for the step before now is only sent with this many seconds of the step left, so the step
# cannot end between working it out here and the server checking it.
MARGIN_SECONDS = 3


def csrf_token(client: FlaskClient, path: str = "/sign-in") -> str:
    """The CSRF token of the client's session, read from a page's form as a browser would."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_PATTERN.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def sign_in(client: FlaskClient, email: str, password: str) -> TestResponse:
    """Sign in through the pages: the password, then (for an officer who needs one) a real code from
    the officer's real authenticator key, or setting up an app from the key the set-up page shows.

    Returns the last response: the redirect into the officer pages once signed in, the sign-in page
    again for a wrong password, the recovery codes page after setting up an app.
    """
    response = client.post(
        "/sign-in", data={"email": email, "password": password, "csrf_token": csrf_token(client)}
    )
    location = response.headers.get("Location", "") if response.status_code == 302 else ""
    if location == CODE_PAGE:
        return enter_code(client, email)
    if location == SET_UP_PAGE:
        return set_up_app(client)
    return response


def officer_client(app: Flask, session: Session, partnership: Partnership, role: Role) -> FlaskClient:
    """A new test client signed in (both factors, where the role needs them) as a new officer of
    ``partnership`` with ``role``."""
    officer = make_officer(session, partnership, role)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client


def enter_code(client: FlaskClient, email: str) -> TestResponse:
    """Enter the next unused code from the officer's authenticator app on the code page."""
    code = next_code_for(client.application, email)
    return client.post(CODE_PAGE, data={"code": code, "csrf_token": csrf_token(client, CODE_PAGE)})


def set_up_app(client: FlaskClient) -> TestResponse:
    """Set up an authenticator app as a person would: read the key off the set-up page, enter its code."""
    page = client.get(SET_UP_PAGE).get_data(as_text=True)
    code = pyotp.TOTP(key_on_page(page), interval=two_factor.TIME_STEP_SECONDS).now()
    return client.post(SET_UP_PAGE, data={"code": code, "csrf_token": CSRF_PATTERN.search(page).group(1)})


def key_on_page(page: str) -> str:
    """The authenticator key the set-up page shows to type (without its spaces)."""
    match = KEY_PATTERN.search(page)
    assert match, "no authenticator key on the page"
    return match.group(1).replace(" ", "")


def next_code_for(app: Flask, email: str) -> str:
    """A code from the officer's authenticator key, as stored, for the earliest time step the server
    will still accept and has not accepted yet (waiting for the next step if the officer has used up
    the ones around now)."""
    factory = app.extensions["safer_voices"].session_factory
    session = factory()
    try:
        return next_code(session, email)
    finally:
        if isinstance(factory, sessionmaker):  # the live server's own session; tests share theirs
            session.close()


def next_code(session: Session, email: str) -> str:
    officer = officers.officer_by_email(session, email)
    assert officer is not None, f"no officer {email}"
    record = two_factor.enrolment(session, officer)
    assert record is not None and record.confirmed_at is not None, f"{email} has no authenticator app"
    session.refresh(record)
    totp = pyotp.TOTP(record.secret, interval=two_factor.TIME_STEP_SECONDS)
    while True:
        now = time.time()
        current = two_factor.time_step(now)
        left = two_factor.TIME_STEP_SECONDS - now % two_factor.TIME_STEP_SECONDS
        steps = ([current - 1] if left > MARGIN_SECONDS else []) + [current, current + 1]
        for step in steps:
            if record.last_time_step is None or step > record.last_time_step:
                return totp.generate_otp(step)
        time.sleep(left + 0.1)
        assert time.time() > now, "the clock is frozen: no new code will come; let it tick"


def away_from_a_window_edge(margin_seconds: float) -> None:
    """Wait, if need be, until at least ``margin_seconds`` are left in the current minute.

    Rate limits count in fixed one-minute windows (and their keys change on the hour), so a test
    that counts requests across a minute boundary would see its count start again: a test that
    expects a 429 starts far enough from the edge to finish inside one window.
    """
    left = 60 - time.time() % 60
    if left < margin_seconds:
        time.sleep(left + 0.5)
