"""The second step of signing in: a code from an authenticator app, or a recovery code; and setting up
the app, by QR code or a key to type, confirmed by a code from it.

An officer reaches these pages after their password (``webapp.auth.access``); an officer already
signed in may also set up an app by choice from Settings. Codes are rate-limited per officer and per
address, and every attempt is audited (never the code itself).
"""

from __future__ import annotations

from typing import Any

import segno
from flask import Blueprint, redirect, render_template, session, url_for
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from markupsafe import Markup
from wtforms import StringField, SubmitField
from wtforms.validators import InputRequired, Length, Regexp

from survey.officers import two_factor
from survey.officers.audit import record_event
from survey.storage.models import Officer
from survey.vocabulary import Role
from webapp.auth.access import (
    AFTER_SIGN_IN,
    SignedInOfficer,
    complete_sign_in,
    destination_after_sign_in,
    half_signed_in,
    second_factor_given,
    sign_in_policy,
)
from webapp.database import db_session
from webapp.extensions import PER_ADDRESS_CODE, PER_OFFICER_CODE, limiter, officer_key

bp = Blueprint("two_factor", __name__)

CODE_FORMAT = r"^\s*\d{3}[\s-]?\d{3}\s*$"
WRONG_CODE = "The code is not correct or has already been used. Enter the code your app shows now"
WRONG_RECOVERY_CODE = "The recovery code is not correct or has already been used"


def _code_field(label: str) -> StringField:
    return StringField(
        label,
        widget=GovTextInput(),
        description="It is 6 numbers. A new code shows every 30 seconds.",
        validators=[
            InputRequired("Enter the code from your authenticator app"),
            Regexp(CODE_FORMAT, message="Enter the code in the correct format, like 123456"),
        ],
    )


class CodeForm(FlaskForm):
    code = _code_field("Code from your authenticator app")
    submit = SubmitField("Continue", widget=GovSubmitInput())


class SetUpForm(FlaskForm):
    code = _code_field("Enter the code the app shows now")
    submit = SubmitField("Finish setting up", widget=GovSubmitInput())


class RecoveryCodeForm(FlaskForm):
    code = StringField(
        "Recovery code",
        widget=GovTextInput(),
        description="One of the 10 codes you saved when you set up your app, like abcde-fgh23.",
        validators=[
            InputRequired("Enter a recovery code"),
            Length(max=64, message="Enter a recovery code, like abcde-fgh23"),
        ],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


def _waiting_for_code() -> SignedInOfficer | Any:
    """The half-signed-in officer who has an app to give a code from, or where to send the browser."""
    waiting = half_signed_in()
    if waiting is None:
        return redirect(url_for("officer.dashboard" if current_user.is_authenticated else "auth.sign_in"))
    if not waiting.enrolled:
        return redirect(url_for("two_factor.set_up"))
    return waiting


def _event(officer: Officer, action: str, **details: Any) -> None:
    record_event(
        db_session(),
        partnership_id=officer.partnership_id,
        officer_id=officer.id,
        action=action,
        target_type="officer",
        target_id=officer.id,
        details=details or None,
    )


def _paused(officer: Officer) -> Any:
    """Too many wrong codes: the account is paused and every session ended; this one too."""
    _event(officer, "signed_out_after_wrong_codes")
    logout_user()
    session.clear()
    return redirect(url_for("auth.sign_in"))


def _signed_in(officer: Officer, how: str) -> Any:
    second_factor_given()
    complete_sign_in(officer, second_factor=how)
    return redirect(destination_after_sign_in(officer, session.pop(AFTER_SIGN_IN, None)))


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(PER_OFFICER_CODE, methods=["POST"], key_func=officer_key)
@limiter.limit(PER_ADDRESS_CODE, methods=["POST"])
def enter_code() -> Any:
    waiting = _waiting_for_code()
    if not isinstance(waiting, SignedInOfficer):
        return waiting
    officer = waiting.officer
    form = CodeForm()
    if form.validate_on_submit():
        outcome = two_factor.verify_code(db_session(), officer, form.code.data or "", policy=sign_in_policy())
        if outcome is two_factor.Outcome.ACCEPTED:
            _event(officer, "two_factor_verified")
            return _signed_in(officer, "app")
        _event(officer, "two_factor_failed", method="app")
        if outcome is two_factor.Outcome.PAUSED:
            return _paused(officer)
        form.code.errors = [WRONG_CODE]
    return render_template(
        "auth/two_factor_code.html", title="Enter the code from your authenticator app", form=form
    )


@bp.route("/sign-in/recovery-code", methods=["GET", "POST"])
@limiter.limit(PER_OFFICER_CODE, methods=["POST"], key_func=officer_key)
@limiter.limit(PER_ADDRESS_CODE, methods=["POST"])
def enter_recovery_code() -> Any:
    waiting = _waiting_for_code()
    if not isinstance(waiting, SignedInOfficer):
        return waiting
    officer = waiting.officer
    form = RecoveryCodeForm()
    if form.validate_on_submit():
        result = two_factor.use_recovery_code(
            db_session(), officer, form.code.data or "", policy=sign_in_policy()
        )
        if result.outcome is two_factor.Outcome.ACCEPTED:
            _event(officer, "two_factor_recovery_code_used", remaining=result.remaining)
            return _signed_in(officer, "recovery_code")
        _event(officer, "two_factor_failed", method="recovery_code")
        if result.outcome is two_factor.Outcome.PAUSED:
            return _paused(officer)
        form.code.errors = [WRONG_RECOVERY_CODE]
    return render_template("auth/two_factor_recovery.html", title="Enter a recovery code", form=form)


@bp.route("/two-factor/set-up", methods=["GET", "POST"])
@limiter.limit(PER_OFFICER_CODE, methods=["POST"], key_func=officer_key)
@limiter.limit(PER_ADDRESS_CODE, methods=["POST"])
def set_up() -> Any:
    waiting = half_signed_in()
    user = waiting or (current_user if current_user.is_authenticated else None)
    if user is None:
        return redirect(url_for("auth.sign_in"))
    officer = user.officer
    if two_factor.is_enrolled(db_session(), officer):
        return redirect(url_for("two_factor.enter_code" if waiting else "officer_settings.settings_page"))
    secret = two_factor.start_enrolment(db_session(), officer)
    form = SetUpForm()
    if form.validate_on_submit():
        try:
            codes = two_factor.confirm_enrolment(db_session(), officer, form.code.data or "")
        except two_factor.TwoFactorError as error:
            form.code.errors = [str(error)]
        else:
            _event(officer, "two_factor_enrolled")
            second_factor_given()
            if waiting:  # setting up the app was this sign-in's second factor
                complete_sign_in(officer, second_factor="set_up")
            settings_page = url_for("officer_settings.settings_page")
            destination = session.pop(AFTER_SIGN_IN, None) if waiting else settings_page
            return render_template(
                "auth/two_factor_recovery_codes.html",
                title="Save your recovery codes",
                codes=codes,
                continue_to=destination_after_sign_in(officer, destination),
            )
    return render_template(
        "auth/two_factor_set_up.html",
        title="Set up an authenticator app",
        form=form,
        waiting=waiting,
        required=user.required,
        is_admin=officer.role.allows(Role.ADMIN),
        qr_code=_qr_svg(two_factor.provisioning_uri(secret, officer.email)),
        key=two_factor.grouped_secret(secret),
    )


def _qr_svg(uri: str) -> Markup:
    """The QR code drawn on the server as inline SVG: nothing is fetched, no script runs."""
    code = segno.make(uri, error="m")
    svg = code.svg_inline(
        scale=5, border=4, title="QR code for your authenticator app", dark="#0b0c0c", light="#ffffff"
    )
    # role="img" with segno's <title> gives it a name; the key to type is beside it for anyone who
    # cannot scan it.
    return Markup(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))
