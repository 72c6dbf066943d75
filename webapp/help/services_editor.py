"""The officers' editor of their partnership's local services (``/officer/services``): the services
the public help pages and the bot list after the national helplines.

Every officer reads the list; analysts and administrators add, change and remove services, one form
per service (and the CSV import and export in :mod:`webapp.help.services_files`). Every change is
audited with the service's id and name, never more.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for

from survey.officers.audit import record_event
from survey.signposting.local_store import (
    ServiceFieldsError,
    add_service,
    as_service,
    change_service,
    fields_of,
    local_services,
    own_service,
    remove_service,
    ward_names,
)
from survey.storage.models import LocalService
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.help.blueprint import bp
from webapp.help.service_forms import RemoveServiceForm, ServiceForm, new_submission_key
from webapp.help.views import contact_links


@bp.route("/officer/services")
@officer_required(Role.VIEWER)
def services_list() -> Any:
    me = signed_in_officer()
    names = ward_names(db_session(), me.partnership_id)
    rows = local_services(db_session(), me.partnership_id)
    services = []
    for row in rows:
        shown = as_service(row, names)
        services.append(
            {
                "row": row,
                "areas": shown.areas if shown else (),
                "topics": [topic.label for topic in fields_of(row).topics],
                "links": contact_links(shown) if shown else [],
            }
        )
    return render_template(
        "officer/services.html",
        title="Local services",
        services=services,
        can_edit=me.role.allows(Role.ANALYST),
    )


@bp.route("/officer/services/new", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def new_service() -> Any:
    return _service_form(None)


@bp.route("/officer/services/<int:service_id>", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def edit_service(service_id: int) -> Any:
    return _service_form(_own(service_id))


@bp.route("/officer/services/<int:service_id>/remove", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def remove_service_page(service_id: int) -> Any:
    row = _own(service_id)
    form = RemoveServiceForm()
    if form.validate_on_submit():
        _audit("service_removed", row)
        remove_service(db_session(), row)
        flash(f"{row.name} removed. The Get help pages and the bot no longer show it.")
        return redirect(url_for("help.services_list"))
    return render_template("officer/services_remove.html", title=f"Remove {row.name}", row=row, form=form)


def _own(service_id: int) -> LocalService:
    row = own_service(db_session(), signed_in_officer().partnership_id, service_id)
    if row is None:
        abort(404)
    return row


def _service_form(row: LocalService | None) -> Any:
    me = signed_in_officer()
    wards = ward_names(db_session(), me.partnership_id)
    form = ServiceForm().offer_wards(wards)
    if not form.is_submitted():
        if row is not None:
            form.fill(row)
        else:
            form.submission_key.data = new_submission_key()
    if form.validate_on_submit():
        try:
            if row is None:
                saved, changed = add_service(
                    db_session(), me.partnership_id, form.values(), submission_key=form.submission_key.data
                )
            else:
                saved, changed = row, change_service(db_session(), row, form.values())
        except ServiceFieldsError as error:
            for name, message in error.errors.items():
                getattr(form, name).errors = [message]
        else:
            if changed:
                _audit("service_added" if row is None else "service_changed", saved)
            flash(f"{saved.name} saved. The Get help pages and the bot show it now.")
            return redirect(url_for("help.services_list"))
    title = "Add a service" if row is None else f"Change {row.name}"
    return render_template(
        "officer/services_form.html", title=title, form=form, row=row, has_wards=bool(wards)
    )


def _audit(action: str, row: LocalService) -> None:
    me = signed_in_officer()
    record_event(
        db_session(),
        partnership_id=me.partnership_id,
        officer_id=me.id,
        action=action,
        target_type="local_service",
        target_id=row.id,
        details={"name": row.name},
    )
