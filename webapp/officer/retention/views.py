"""Retention: the policy, the last run and what falls due next (every officer); changing the periods
(administrators). A change is audited with the months before and after, and nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

from analysis.exports.dates import date_in_words, moment_in_words
from survey.officers.audit import record_event
from survey.retention import falls_due
from survey.retention.policy import KIND_LABELS, KIND_OUTCOMES, DataKind, local_date, periods_of, save_periods
from survey.retention.run import COUNT_LABELS, last_run
from survey.storage.types import utcnow
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.retention.forms import RetentionForm

bp = Blueprint("officer_retention", __name__, url_prefix="/officer/retention")
DUE_WITHIN_DAYS = 30


@bp.route("")
@officer_required(Role.VIEWER)
def retention_page() -> Any:
    officer = signed_in_officer()
    partnership = officer.partnership
    periods = periods_of(db_session(), partnership)
    today = local_date(utcnow())
    run = last_run(db_session(), partnership.id)
    policy = [
        {"label": KIND_LABELS[kind], "months": periods.months(kind), "outcome": KIND_OUTCOMES[kind]}
        for kind in DataKind
    ]
    due = [
        {"label": item.label, "count": item.count, "due_on": date_in_words(item.due_on)}
        for item in falls_due(db_session(), partnership.id, today, DUE_WITHIN_DAYS)
    ]
    last = None
    if run is not None:
        last = {
            "ran_at": moment_in_words(run.ran_at),
            "as_of": date_in_words(run.as_of),
            "counts": [
                (label, run.counts.get(key, 0))
                for key, label in COUNT_LABELS.items()
                if run.counts.get(key, 0)
            ],
        }
    return render_template(
        "officer/retention/retention.html",
        title="Data retention",
        policy=policy,
        saved=periods.saved,
        due=due,
        last=last,
        within=DUE_WITHIN_DAYS,
        until=date_in_words(today + dt.timedelta(days=DUE_WITHIN_DAYS)),
        is_admin=officer.role.allows(Role.ADMIN),
    )


@bp.route("/edit", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def edit_periods() -> Any:
    officer = signed_in_officer()
    partnership = officer.partnership
    before = periods_of(db_session(), partnership)
    form = RetentionForm() if request.method == "POST" else RetentionForm.filled_from(before)
    if form.validate_on_submit():
        months = form.months()
        if months != before.by_kind() or not before.saved:
            save_periods(db_session(), partnership, months, officer_id=officer.id)
            record_event(
                db_session(),
                partnership_id=partnership.id,
                officer_id=officer.id,
                action="retention_periods_changed",
                target_type="partnership",
                target_id=partnership.id,
                details={
                    "before": {k.value: v for k, v in before.by_kind().items()},
                    "after": {k.value: v for k, v in months.items()},
                },
            )
        flash("Retention periods saved. The privacy notice now shows them.")
        return redirect(url_for("officer_retention.retention_page"))
    return render_template("officer/retention/edit.html", title="Change retention periods", form=form)
