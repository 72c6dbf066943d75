"""Who is signed in, how long their session lasts, and the decorator every officer page uses to say
who may use it."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, redirect, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user

from survey.officers import accounts as officers
from survey.officers.sessions import SessionPolicy, session_expired
from survey.storage.models import Officer
from survey.vocabulary import Role
from webapp.database import app_state, db_session

# The session's times, in seconds since the epoch, beside Flask-Login's keys in the signed cookie.
SIGNED_IN_AT = "officer_signed_in_at"
LAST_SEEN_AT = "officer_last_seen_at"
# Set when a session ended by time, so the sign-in page can say why.
TIMED_OUT = "officer_timed_out"
LOGIN_KEYS = ("_user_id", "_fresh", "_id", SIGNED_IN_AT, LAST_SEEN_AT)
# Pages an officer who must choose a new password may still use.
CHANGE_PASSWORD_PAGES = {"auth.change_password", "auth.sign_out"}

login_manager = LoginManager()


class SignedInOfficer(UserMixin):
    """The signed-in officer as Flask-Login sees them. The id is the officer's current session
    token, so rotating it (sign-out, deactivation) ends every session at once."""

    def __init__(self, officer: Officer) -> None:
        self.officer = officer
        self.partnership_id = officer.partnership_id
        self.role = officer.role

    def get_id(self) -> str:
        return self.officer.session_token


F = TypeVar("F", bound=Callable[..., Any])


def officer_required(role: Role = Role.VIEWER) -> Callable[[F], F]:
    """Only signed-in, active officers with at least ``role`` may use the view (others get 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.officer.must_change_password and request.endpoint not in CHANGE_PASSWORD_PAGES:
                return redirect(url_for("auth.change_password"))
            if not current_user.role.allows(role):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = role  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def signed_in_officer() -> Officer:
    """The signed-in officer's record (only call inside an ``officer_required`` view)."""
    return current_user.officer


def start_officer_session(officer: Officer) -> None:
    """Sign ``officer`` in on this browser with a fresh session: nothing from before carries over,
    and the idle and absolute limits start now."""
    session.clear()
    login_user(SignedInOfficer(officer))
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now


def session_policy() -> SessionPolicy:
    settings = app_state().settings
    return SessionPolicy(
        idle=dt.timedelta(minutes=settings.officer_idle_minutes),
        absolute=dt.timedelta(hours=settings.officer_session_hours),
    )


def _end_login(*, timed_out: bool) -> None:
    """Forget the signed-in officer in this cookie, leaving anything else (a respondent's draft)."""
    for key in LOGIN_KEYS:
        session.pop(key, None)
    if timed_out:
        session[TIMED_OUT] = True


def init_login(app: Flask) -> None:
    """Attach Flask-Login: sessions name an officer by their current session token."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None
    # Flask-Login's session protection hashes the client's address and browser into the session;
    # we keep neither, and the rotating session token already ends stolen sessions on sign-out.
    login_manager.session_protection = None
    login_manager._session_identifier_generator = lambda: ""  # noqa: SLF001

    @login_manager.user_loader
    def _load(token: str) -> SignedInOfficer | None:
        now = time.time()
        if session_expired(signed_in_at=session.get(SIGNED_IN_AT), last_seen_at=session.get(LAST_SEEN_AT),
                           now=now, policy=session_policy()):
            _end_login(timed_out=True)
            return None
        officer = officers.officer_by_session_token(db_session(), token)
        if officer is None:
            _end_login(timed_out=False)
            return None
        session[LAST_SEEN_AT] = now
        return SignedInOfficer(officer)
