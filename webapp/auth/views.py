"""Signing officers in and out, and officers changing their own password."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from survey.officers import accounts as officers
from survey.officers.audit import record_event
from survey.officers.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from webapp.auth.access import (
    AFTER_SIGN_IN,
    SECOND_FACTOR_AT,
    TIMED_OUT,
    complete_sign_in,
    destination_after_sign_in,
    half_signed_in,
    officer_required,
    second_factor_page,
    sign_in_policy,
    signed_in_officer,
    start_officer_session,
)
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


NEW_PASSWORD_HINT = (
    f"Use at least {MIN_PASSWORD_LENGTH} characters. A few unrelated words together are easy to remember "
    "and hard to guess. Common passwords are not accepted."
)


def _new_password_field() -> PasswordField:
    return PasswordField(
        "New password",
        description=NEW_PASSWORD_HINT,
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter a new password"),
                    Length(max=MAX_PASSWORD_LENGTH,
                           message=f"Enter a password that is {MAX_PASSWORD_LENGTH} characters or fewer")],
    )


class ChangePasswordForm(FlaskForm):
    """An officer changing their password by choice: the current one proves it is them."""

    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter your current password"), Length(max=MAX_PASSWORD_LENGTH)],
    )
    new_password = _new_password_field()
    submit = SubmitField("Change password", widget=GovSubmitInput())


class ChooseNewPasswordForm(FlaskForm):
    """After an administrator's reset: the one-time password proves it is them, as the current one
    does in a change by choice."""

    current_password = PasswordField(
        "The password you were given",
        widget=GovPasswordInput(),
        validators=[InputRequired("Enter the password you were given"), Length(max=MAX_PASSWORD_LENGTH)],
    )
    new_password = _new_password_field()
    submit = SubmitField("Save new password", widget=GovSubmitInput())


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(PER_ACCOUNT_SIGN_IN, methods=["POST"], key_func=account_key)
@limiter.limit(PER_ADDRESS_SIGN_IN, methods=["POST"])
def sign_in() -> Any:
    form = SignInForm()
    error = None
    if form.validate_on_submit():
        officer = officers.authenticate(db_session(), form.email.data, form.password.data,
                                        policy=sign_in_policy())
        if officer is not None:
            destination = _safe_next(request.args.get("next"))
            user = start_officer_session(officer)  # a fresh session: nothing from before sign-in carries over
            if user.awaiting_second_factor:
                if destination:
                    session[AFTER_SIGN_IN] = destination
                return redirect(second_factor_page(user))
            complete_sign_in(officer, second_factor=None)
            return redirect(destination_after_sign_in(officer, destination))
        error = SIGN_IN_FAILED
        form.password.errors = [SIGN_IN_FAILED]
    timed_out = request.method == "GET" and session.pop(TIMED_OUT, False)
    return render_template("auth/sign_in.html", title="Sign in", form=form, error=error, timed_out=timed_out,
                           settings=app_state().settings)


@bp.route("/sign-out", methods=["GET", "POST"])
def sign_out() -> Any:
    form = SignOutForm()
    waiting = half_signed_in()
    if not current_user.is_authenticated and waiting is None:
        return redirect(url_for("auth.sign_in"))
    if form.validate_on_submit():
        officer = waiting.officer if waiting is not None else signed_in_officer()
        officers.end_sessions(db_session(), officer)
        record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                     action="sign_out")
        logout_user()
        session.clear()
        return redirect(url_for("auth.signed_out"))
    return render_template("auth/sign_out.html", title="Sign out", form=form)


@bp.route("/change-password", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
@officer_required()
def change_password() -> Any:
    officer = signed_in_officer()
    forced = officer.must_change_password
    form = ChooseNewPasswordForm() if forced else ChangePasswordForm()
    if form.validate_on_submit():
        try:
            officers.change_password(db_session(), officer, current=form.current_password.data,
                                     new=form.new_password.data, policy=sign_in_policy())
        except officers.PasswordChangeError as error:
            if error.signed_out:
                record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                             action="signed_out_after_wrong_passwords")
                return redirect(url_for("auth.sign_in"))
            getattr(form, error.field).errors = [str(error)]
        else:
            # Every session of theirs has ended; this browser carries on with a fresh one, keeping
            # the second factor it gave at sign-in.
            start_officer_session(officer, second_factor_done=session.get(SECOND_FACTOR_AT) is not None)
            record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                         action="password_changed", target_type="officer", target_id=officer.id,
                         details={"after_reset": forced})
            return redirect(url_for("auth.password_changed"))
    title = "Choose a new password" if forced else "Change your password"
    return render_template("auth/change_password.html", title=title, form=form, forced=forced)


@bp.route("/change-password/done")
@officer_required()
def password_changed() -> Any:
    return render_template("auth/password_changed.html", title="Your password has been changed")


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

