"""The borough overview (every ward's current week, and upcoming events) and each ward's tension
view: a table by week and a chart of the same figures."""

from __future__ import annotations

from typing import Any

from flask import render_template

from analysis.tensions.chart import borough_chart, ward_chart
from survey.tensions.assessment import assess_wards, borough_assessment, local_today
from survey.tensions.entries import EntryFilter, partnership_entries
from survey.tensions.events import upcoming_events
from survey.tensions.rise import BASELINE_WEEKS, MIN_COUNT
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.tensions.blueprint import bp, own_ward


@bp.route("/")
@officer_required(Role.VIEWER)
def overview() -> Any:
    officer = signed_in_officer()
    today = local_today()
    assessments = borough_assessment(db_session(), officer.partnership_id, today)
    return render_template(
        "officer/tensions/overview.html",
        title="Community tensions",
        assessments=assessments,
        chart=borough_chart(assessments),
        events=upcoming_events(db_session(), officer.partnership_id, today),
        can_edit=officer.role.allows(Role.ANALYST),
        method=_method(),
    )


@bp.route("/wards/<int:ward_id>")
@officer_required(Role.VIEWER)
def ward_view(ward_id: int) -> Any:
    officer = signed_in_officer()
    ward = own_ward(ward_id)
    today = local_today()
    (assessment,) = assess_wards(db_session(), officer.partnership_id, [ward], today)
    return render_template(
        "officer/tensions/ward.html",
        title=f"Tensions in {ward.name}",
        ward=ward,
        assessment=assessment,
        chart=ward_chart(assessment, chart_id=f"ward-{ward.id}"),
        entries=partnership_entries(db_session(), officer.partnership_id, EntryFilter(ward_id=ward.id)),
        events=upcoming_events(db_session(), officer.partnership_id, today, ward_id=ward.id),
        can_edit=officer.role.allows(Role.ANALYST),
        method=_method(),
    )


def _method() -> dict[str, int]:
    return {"baseline_weeks": BASELINE_WEEKS, "min_count": MIN_COUNT}
