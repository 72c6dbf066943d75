"""Signing officers in and out."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from survey.officers import accounts as officers
from survey.officers.audit import record_event
from webapp.auth.access import SignedInOfficer, signed_in_officer
from webapp.database import app_state, db_session
from webapp.extensions import PER_ACCOUNT_SIGN_IN, PER_ADDRESS_SIGN_IN, account_key, limiter

bp = Blueprint("auth", __name__)

SIGN_IN_FAILED = "Enter a correct email address and password"


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


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(PER_ACCOUNT_SIGN_IN, methods=["POST"], key_func=account_key)
@limiter.limit(PER_ADDRESS_SIGN_IN, methods=["POST"])
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

