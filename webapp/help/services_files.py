"""Local services in and out of a CSV file: the import (all or nothing, every problem by row and
column) and the export, whose every cell is made safe to open in a spreadsheet. Both are audited."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response, flash, redirect, render_template, url_for

from analysis.spreadsheet_safety import safe_row
from survey.officers.audit import record_event
from survey.responses.csv_import import ImportFileError, decode_csv
from survey.signposting.services import HelpTopic
from survey.signposting.services_csv import (
    COLUMNS,
    SEPARATOR,
    WHOLE_AREA,
    ServicesFileError,
    export_rows,
    import_services,
)
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.help.blueprint import bp
from webapp.help.service_forms import ImportServicesForm

MAX_ERRORS_SHOWN = 100


def _audit(action: str, **details: object) -> None:
    me = signed_in_officer()
    record_event(
        db_session(),
        partnership_id=me.partnership_id,
        officer_id=me.id,
        action=action,
        target_type="partnership",
        target_id=me.partnership_id,
        details=details,
    )


@bp.route("/officer/services/import", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def import_services_page() -> Any:
    me = signed_in_officer()
    form = ImportServicesForm()
    result = None
    if form.validate_on_submit():
        try:
            text = decode_csv(form.services_file.data.read())
            result = import_services(db_session(), me.partnership_id, text)
        except (ImportFileError, ServicesFileError) as error:
            form.services_file.errors = [str(error)]
        else:
            if result.ok:
                _audit("services_imported", added=result.added, changed=result.changed)
                flash(f"Services imported. {result.summary}")
                return redirect(url_for("help.services_list"))
    return render_template(
        "officer/services_import.html",
        title="Import services",
        form=form,
        result=result,
        max_errors=MAX_ERRORS_SHOWN,
        error_title=bool(result and result.errors),
        columns=",".join(COLUMNS),
        topics=list(HelpTopic),
        separator=SEPARATOR,
        whole_area=WHOLE_AREA,
    )


@bp.route("/officer/services/export.csv")
@officer_required(Role.VIEWER)
def export_services() -> Any:
    me = signed_in_officer()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    count = -1
    for row in export_rows(db_session(), me.partnership_id):
        writer.writerow(safe_row(row))
        count += 1
    _audit("services_exported", services=count)
    response = Response("\ufeff" + out.getvalue(), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    filename = f"{me.partnership.slug}-local-services.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
