"""Who is signed in, how long their session lasts, and the decorator every officer page uses to say
who may use it.

Signing in takes two steps for an officer who needs a second factor (every administrator; everyone in
a partnership that says so; anyone who has set one up): after the password, the browser holds a
login session that is *not yet authenticated*. ``current_user.is_authenticated`` stays false, so no
page that asks it (officer pages, previews of draft consultations) treats the browser as signed in,
and ``officer_required`` sends it to enter a code, or to set up an app first.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, redirect, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user

from survey.officers import accounts as officers
from survey.officers import two_factor
from survey.officers.audit import record_event
from survey.officers.sessions import SessionPolicy, session_expired
from survey.storage.models import Officer
from survey.vocabulary import Role
from webapp.database import app_state, db_session

# The session's times, in seconds since the epoch, beside Flask-Login's keys in the signed cookie.
SIGNED_IN_AT = "officer_signed_in_at"
LAST_SEEN_AT = "officer_last_seen_at"
# Set when a session ended by time, so the sign-in page can say why.
TIMED_OUT = "officer_timed_out"
# When this session's second factor was entered (absent until it is).
SECOND_FACTOR_AT = "officer_second_factor_at"
# Where to go once the second factor is done (a same-site path from the sign-in page's ``next``).
AFTER_SIGN_IN = "officer_after_sign_in"
LOGIN_KEYS = ("_user_id", "_fresh", "_id", SIGNED_IN_AT, LAST_SEEN_AT, SECOND_FACTOR_AT, AFTER_SIGN_IN)
# Pages an officer who must choose a new password may still use.
CHANGE_PASSWORD_PAGES = {"auth.change_password", "auth.sign_out"}

login_manager = LoginManager()


class SignedInOfficer(UserMixin):
    """The signed-in officer as Flask-Login sees them. The id is the officer's current session
    token, so rotating it (sign-out, deactivation) ends every session at once."""

    def __init__(self, officer: Officer, *, enrolled: bool, required: bool, second_factor_done: bool) -> None:
        self.officer = officer
        self.partnership_id = officer.partnership_id
        self.role = officer.role
        self.enrolled = enrolled
        self.required = required
        self.second_factor_done = second_factor_done

    @property
    def is_authenticated(self) -> bool:  # type: ignore[override]
        return not self.awaiting_second_factor

    @property
    def awaiting_second_factor(self) -> bool:
        """Password given, second factor not yet: no officer page until it is."""
        return (self.required or self.enrolled) and not self.second_factor_done

    def get_id(self) -> str:
        return self.officer.session_token


def signed_in_officer_for(officer: Officer) -> SignedInOfficer:
    """Flask-Login's view of ``officer`` in this browser session, with their second-factor state."""
    database = db_session()
    return SignedInOfficer(
        officer,
        enrolled=two_factor.is_enrolled(database, officer),
        required=two_factor.is_required(database, officer),
        second_factor_done=session.get(SECOND_FACTOR_AT) is not None,
    )


def half_signed_in() -> SignedInOfficer | None:
    """The officer whose password this browser has given but not yet their second factor, if any."""
    user = current_user._get_current_object()  # noqa: SLF001
    if isinstance(user, SignedInOfficer) and user.awaiting_second_factor:
        return user
    return None


def second_factor_page(user: SignedInOfficer) -> str:
    """Where an officer goes for their second factor: the code page, or setting up an app first."""
    return url_for("two_factor.enter_code" if user.enrolled else "two_factor.set_up")


F = TypeVar("F", bound=Callable[..., Any])


def officer_required(role: Role = Role.VIEWER) -> Callable[[F], F]:
    """Only signed-in, active officers with at least ``role`` may use the view (others get 403).

    An officer who has given their password but not their second factor is sent to give it (or to
    set up an app, if they must have one and have none); one whose password was reset is sent to
    choose a new one first."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                waiting = half_signed_in()
                if waiting is not None:
                    return redirect(second_factor_page(waiting))
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


def start_officer_session(officer: Officer, *, second_factor_done: bool = False) -> SignedInOfficer:
    """Sign ``officer`` in on this browser with a fresh session: nothing from before carries over,
    and the idle and absolute limits start now. Unless ``second_factor_done`` (a password change in
    a session that already had it), an officer who needs a second factor is only half signed in."""
    session.clear()
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now
    if second_factor_done:
        session[SECOND_FACTOR_AT] = now
    user = signed_in_officer_for(officer)
    login_user(user)
    return user


def sign_in_policy() -> officers.SignInPolicy:
    """How many wrong passwords, or wrong codes, pause an account and for how long."""
    settings = app_state().settings
    return officers.SignInPolicy(
        max_failures=settings.login_max_failures,
        lockout=dt.timedelta(minutes=settings.login_lockout_minutes),
    )


def complete_sign_in(officer: Officer, *, second_factor: str | None) -> None:
    """Audit a finished sign-in (password, and the second factor if one was given)."""
    record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id, action="sign_in",
                 details={"second_factor": second_factor} if second_factor else None)


def destination_after_sign_in(officer: Officer, destination: str | None) -> str:
    """Where a signed-in officer goes: to choose a new password first if theirs was reset."""
    if officer.must_change_password:
        return url_for("auth.change_password")
    return destination or url_for("officer.dashboard")


def second_factor_given() -> None:
    """This browser's officer has given their second factor: they are signed in."""
    session[SECOND_FACTOR_AT] = time.time()
    user = current_user._get_current_object()  # noqa: SLF001
    if isinstance(user, SignedInOfficer):  # this request sees it too
        user.second_factor_done = True


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
        return signed_in_officer_for(officer)
