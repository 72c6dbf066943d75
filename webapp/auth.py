"""Signing officers in and out, and the decorator every officer page uses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from survey.officers import accounts as officers
from survey.officers.audit import record_event
from survey.storage.models import Officer
from survey.vocabulary import Role
from webapp.database import app_state, db_session
from webapp.extensions import limiter

bp = Blueprint("auth", __name__)
login_manager = LoginManager()

SIGN_IN_FAILED = "Enter a correct email address and password"


class SignedInOfficer(UserMixin):
    """The signed-in officer as Flask-Login sees them. The id is the officer's current session
    token, so rotating it (sign-out, deactivation) ends every session at once."""

    def __init__(self, officer: Officer) -> None:
        self.officer = officer
        self.partnership_id = officer.partnership_id
        self.role = officer.role

    def get_id(self) -> str:
        return self.officer.session_token


class SignInForm(FlaskForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[InputRequired("Enter your email address"), Length(max=254)],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your password"), Length(max=1024)],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class SignOutForm(FlaskForm):
    submit = SubmitField("Sign out", widget=GovSubmitInput())


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


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def sign_in() -> Any:
    form = SignInForm()
    error = None
    if form.validate_on_submit():
        settings = app_state().settings
        policy = officers.SignInPolicy(
            max_failures=settings.login_max_failures,
            lockout=dt.timedelta(minutes=settings.login_lockout_minutes),
        )
        officer = officers.authenticate(db_session(), form.email.data, form.password.data, policy=policy)
        if officer is not None:
            destination = _safe_next(request.args.get("next"))
            session.clear()  # a fresh session: nothing from before sign-in carries over
            login_user(SignedInOfficer(officer))
            record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                         action="sign_in")
            return redirect(destination or url_for("officer.dashboard"))
        error = SIGN_IN_FAILED
        form.password.errors = [SIGN_IN_FAILED]
    return render_template("auth/sign_in.html", title="Sign in", form=form, error=error)


@bp.route("/sign-out", methods=["GET", "POST"])
def sign_out() -> Any:
    form = SignOutForm()
    if not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in"))
    if form.validate_on_submit():
        officer = signed_in_officer()
        officers.end_sessions(db_session(), officer)
        record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                     action="sign_out")
        logout_user()
        session.clear()
        return redirect(url_for("auth.signed_out"))
    return render_template("auth/sign_out.html", title="Sign out", form=form)


@bp.route("/signed-out")
def signed_out() -> Any:
    return render_template("auth/signed_out.html", title="You have signed out")


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths: a sign-in link must never bounce an officer to another site."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def init_app(app: Flask) -> None:
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

    app.register_blueprint(bp)
