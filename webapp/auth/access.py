"""Who is signed in, and the decorator every officer page uses to say who may use it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort
from flask_login import LoginManager, UserMixin, current_user

from survey.officers import accounts as officers
from survey.storage.models import Officer
from survey.vocabulary import Role
from webapp.database import db_session

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
            if not current_user.role.allows(role):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_role = role  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def signed_in_officer() -> Officer:
    """The signed-in officer's record (only call inside an ``officer_required`` view)."""
    return current_user.officer


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
        officer = officers.officer_by_session_token(db_session(), token)
        return SignedInOfficer(officer) if officer is not None else None
