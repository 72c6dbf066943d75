"""Settings: an officer's own daily digest and two-factor authentication, and (administrators) the
urgent alert addresses, the emails that could not be sent, and whether every officer must use a
second factor to sign in.

Every change is an audit event. An alert address of another partnership is a 404, exactly like
one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, url_for

from survey.notifications.alerts import (
    AlertAddressError,
    add_alert_address,
    alert_addresses,
    remove_alert_address,
)
from survey.notifications.digest import set_daily_digest
from survey.notifications.sending import MAX_ATTEMPTS, recent_problems
from survey.notifications.texts import LOCAL_TIME
from survey.officers import two_factor
from survey.officers.audit import record_event
from survey.vocabulary import NotificationKind, NotificationStatus, Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import app_state, db_session
from webapp.officer.settings.forms import AlertAddressForm, DigestForm, RemoveForm, TwoFactorRuleForm

bp = Blueprint("officer_settings", __name__, url_prefix="/officer/settings")

KIND_LABELS = {NotificationKind.URGENT_ALERT: "Urgent alert", NotificationKind.DAILY_DIGEST: "Daily summary"}


@bp.route("/")
@officer_required(Role.VIEWER)
def settings_page() -> Any:
    officer = signed_in_officer()
    form = DigestForm(data={"daily_digest": officer.daily_digest})
    database = db_session()
    rule_form = TwoFactorRuleForm(
        data={"all_officers": two_factor.all_officers_required(database, officer.partnership_id)}
    )
    enrolled = two_factor.is_enrolled(database, officer)
    return render_template("officer/settings/settings.html", title="Settings", form=form, officer=officer,
                           is_admin=officer.role.allows(Role.ADMIN), rule_form=rule_form,
                           two_factor_enrolled=enrolled,
                           recovery_codes_left=two_factor.recovery_codes_left(database, officer) if enrolled
                           else 0)


@bp.route("/two-factor", methods=["POST"])
@officer_required(Role.ADMIN)
def save_two_factor_rule() -> Any:
    officer = signed_in_officer()
    form = TwoFactorRuleForm()
    if not form.validate_on_submit():
        abort(400)
    wanted = bool(form.all_officers.data)
    if two_factor.set_all_officers_required(db_session(), officer.partnership_id, wanted):
        record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                     action="two_factor_rule_changed", target_type="partnership",
                     target_id=officer.partnership_id, details={"all_officers": wanted})
    flash("Every officer must now use an authenticator app to sign in" if wanted
          else "Only administrators must use an authenticator app to sign in")
    return redirect(url_for("officer_settings.settings_page"))


@bp.route("/digest", methods=["POST"])
@officer_required(Role.VIEWER)
def save_digest() -> Any:
    officer = signed_in_officer()
    form = DigestForm()
    if not form.validate_on_submit():
        abort(400)
    wanted = bool(form.daily_digest.data)
    if wanted != officer.daily_digest:
        set_daily_digest(db_session(), officer, wanted)
        record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                     action="daily_digest_on" if wanted else "daily_digest_off",
                     target_type="officer", target_id=officer.id)
    flash("You will get a daily summary" if wanted else "You will not get a daily summary")
    return redirect(url_for("officer_settings.settings_page"))


@bp.route("/alerts", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def alerts_page() -> Any:
    officer = signed_in_officer()
    form = AlertAddressForm()
    if form.validate_on_submit():
        try:
            added = add_alert_address(db_session(), officer.partnership_id, form.email.data or "")
        except AlertAddressError as error:
            form.email.errors = [str(error)]
        else:
            record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                         action="alert_address_added", target_type="alert_address", target_id=added.id,
                         details={"email": added.email})
            flash(f"{added.email} will be told of urgent reports")
            return redirect(url_for("officer_settings.alerts_page"))
    problems = [
        {
            "when": _local(notification.created_at),
            "kind": KIND_LABELS[notification.kind],
            "recipient": notification.recipient,
            "status": "Failed" if notification.status == NotificationStatus.FAILED else "Trying again",
            "attempts": f"{notification.attempts} of {MAX_ATTEMPTS}",
            "reason": notification.last_error,
        }
        for notification in recent_problems(db_session(), officer.partnership_id)
    ]
    return render_template(
        "officer/settings/alerts.html", title="Urgent alerts", form=form, remove_form=RemoveForm(),
        addresses=alert_addresses(db_session(), officer.partnership_id), problems=problems,
        mail_server_set=app_state().settings.smtp is not None,
    )


@bp.route("/alerts/<int:address_id>/remove", methods=["POST"])
@officer_required(Role.ADMIN)
def remove_address(address_id: int) -> Any:
    officer = signed_in_officer()
    if not RemoveForm().validate_on_submit():
        abort(400)
    removed = remove_alert_address(db_session(), officer.partnership_id, address_id)
    if removed is None:
        abort(404)
    record_event(db_session(), partnership_id=officer.partnership_id, officer_id=officer.id,
                 action="alert_address_removed", target_type="alert_address", target_id=address_id,
                 details={"email": removed.email})
    flash(f"{removed.email} will no longer be told of urgent reports")
    return redirect(url_for("officer_settings.alerts_page"))


def _local(moment: dt.datetime) -> str:
    local = moment.astimezone(LOCAL_TIME)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"
