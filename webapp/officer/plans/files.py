"""The action plan in and out of files: importing a CSV (all or nothing, every problem by row and
column), the CSV export, and the quarterly board update as PDF or Word. Exports are audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, flash, redirect, render_template, url_for

from analysis.exports.quarterly.build import build_board_update
from analysis.exports.quarterly.plan_csv import plan_csv
from analysis.exports.quarterly.quarter import Quarter
from analysis.exports.quarterly.render import render_board_update
from survey.officers.audit import record_event
from survey.plans.csv_import import ImportFileError, import_plan
from survey.responses.csv_import import decode_csv
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.plans.blueprint import bp
from webapp.officer.plans.forms import BoardUpdateForm, ImportForm

MAX_ERRORS_SHOWN = 100
QUARTERS_OFFERED = 6


def _audit(action: str, **details: object) -> None:
    me = signed_in_officer()
    record_event(db_session(), partnership_id=me.partnership_id, officer_id=me.id, action=action,
                 target_type="partnership", target_id=me.partnership_id, details={"via": "web", **details})


@bp.route("/import", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def import_page() -> Any:
    me = signed_in_officer()
    form = ImportForm()
    result = None
    if form.validate_on_submit():
        try:
            text = decode_csv(form.plan_file.data.read())
            result = import_plan(db_session(), me.partnership_id, text, officer_id=me.id)
        except ImportFileError as error:
            form.plan_file.errors = [str(error)]
        else:
            if result.ok:
                _audit("plan_imported", actions_added=result.actions_added,
                       actions_changed=result.actions_changed)
                flash(f"Action plan imported. {result.summary}")
                return redirect(url_for(".plan_page"))
    return render_template("officer/plans/import.html", title="Import an action plan", form=form,
                           result=result, max_errors=MAX_ERRORS_SHOWN,
                           error_title=bool(result and result.errors))


@bp.route("/export.csv")
@officer_required(Role.ANALYST)
def export_csv() -> Any:
    me = signed_in_officer()
    text = plan_csv(db_session(), me.partnership_id)
    _audit("plan_exported", format="csv")
    response = Response("\ufeff" + text, mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{me.partnership.slug}-action-plan.csv"'
    return response


def _quarters(today: dt.date) -> list[tuple[str, str]]:
    quarter, offered = Quarter.of(today), []
    for _ in range(QUARTERS_OFFERED):
        offered.append((quarter.code, f"{quarter.months} ({quarter.code})"))
        quarter = quarter.previous
    return offered


@bp.route("/board-update", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def board_update() -> Any:
    me = signed_in_officer()
    offered = _quarters(dt.date.today())
    form = BoardUpdateForm(data={"quarter": offered[0][0], "file_format": "pdf"}).offer(offered)
    if form.validate_on_submit():
        quarter = Quarter.parse(form.quarter.data)
        public = bool(form.public.data)
        paper = build_board_update(db_session(), me.partnership, quarter, public=public)
        file_format = form.file_format.data
        rendered = render_board_update(paper, file_format, me.partnership.slug, quarter, public=public)
        _audit("plan_board_update_exported", format=file_format, quarter=quarter.code, public=public)
        response = Response(rendered.content, mimetype=rendered.media_type)
        response.headers["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
        return response
    return render_template("officer/plans/board_update.html", title="Quarterly board update", form=form)
