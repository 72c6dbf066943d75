"""Tension entries: the list (filtered by ward, level and status), one entry, logging, changing,
closing and reopening."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from survey.officers.audit import record_event
from survey.storage.models import TensionEntry
from survey.tensions.assessment import local_today
from survey.tensions.entries import (
    EntryFilter,
    TensionError,
    close_entry,
    create_entry,
    partnership_entries,
    partnership_wards,
    reopen_entry,
    update_entry,
)
from survey.vocabulary import Role, TensionLevel, TensionStatus
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.tensions.blueprint import audit_details, bp, own_entry
from webapp.officer.tensions.forms import (
    CloseEntryForm,
    ReopenEntryForm,
    TensionEntryForm,
    new_submission_key,
    ward_choices,
)


@bp.route("/entries")
@officer_required(Role.VIEWER)
def entries_list() -> Any:
    officer = signed_in_officer()
    wards = partnership_wards(db_session(), officer.partnership_id)
    ward_ids = {str(ward.id): ward.id for ward in wards}
    chosen = {name: request.args.get(name, "") for name in ("ward", "level", "status")}
    where = EntryFilter(
        ward_id=ward_ids.get(chosen["ward"]),
        level=TensionLevel(chosen["level"]) if chosen["level"] in set(TensionLevel) else None,
        status=TensionStatus(chosen["status"]) if chosen["status"] in set(TensionStatus) else None,
    )
    entries = partnership_entries(db_session(), officer.partnership_id, where)
    return render_template(
        "officer/tensions/entries.html",
        title="Tension entries",
        entries=entries,
        chosen=chosen,
        ward_items=_items(chosen["ward"], "Any ward", [(str(ward.id), ward.name) for ward in wards]),
        level_items=_items(
            chosen["level"], "Any level", [(level.value, level.label) for level in TensionLevel]
        ),
        status_items=_items(chosen["status"], "Open or closed", [("open", "Open"), ("closed", "Closed")]),
        can_edit=officer.role.allows(Role.ANALYST),
    )


def _items(chosen: str, anything: str, options: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """A GOV.UK select's items, the chosen one selected."""
    return [
        {"value": value, "text": text, "selected": value == chosen}
        for value, text in [("", anything), *options]
    ]


@bp.route("/entries/new", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def new_entry() -> Any:
    return _entry_form(None)


@bp.route("/entries/<int:entry_id>")
@officer_required(Role.VIEWER)
def entry_detail(entry_id: int) -> Any:
    entry = own_entry(entry_id)
    officer = signed_in_officer()
    return render_template(
        "officer/tensions/entry.html",
        title=f"Tension entry: {entry.category.label}",
        entry=entry,
        can_edit=officer.role.allows(Role.ANALYST),
        close_form=CloseEntryForm(),
        reopen_form=ReopenEntryForm(),
    )


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@officer_required(Role.ANALYST)
def edit_entry(entry_id: int) -> Any:
    return _entry_form(own_entry(entry_id))


@bp.route("/entries/<int:entry_id>/close", methods=["POST"])
@officer_required(Role.ANALYST)
def close_entry_page(entry_id: int) -> Any:
    entry = own_entry(entry_id)
    if CloseEntryForm().validate_on_submit() and entry.status is TensionStatus.OPEN:
        close_entry(db_session(), entry, max(local_today(), entry.entry_date))
        _audit("tension_entry_closed", entry)
        flash("Entry closed")
    return redirect(url_for("officer_tensions.entry_detail", entry_id=entry.id))


@bp.route("/entries/<int:entry_id>/reopen", methods=["POST"])
@officer_required(Role.ANALYST)
def reopen_entry_page(entry_id: int) -> Any:
    entry = own_entry(entry_id)
    if ReopenEntryForm().validate_on_submit() and entry.status is TensionStatus.CLOSED:
        reopen_entry(db_session(), entry)
        _audit("tension_entry_reopened", entry)
        flash("Entry reopened")
    return redirect(url_for("officer_tensions.entry_detail", entry_id=entry.id))


def _entry_form(entry: TensionEntry | None) -> Any:
    officer = signed_in_officer()
    form = TensionEntryForm()
    form.ward_id.choices = ward_choices(
        partnership_wards(db_session(), officer.partnership_id), blank="Choose a ward"
    )
    if not form.is_submitted():
        if entry is not None:
            form.fill(entry)
        else:
            form.submission_key.data = new_submission_key()
            form.entry_date.data = local_today()
    if form.validate_on_submit():
        try:
            if entry is None:
                saved, new = create_entry(
                    db_session(),
                    officer.partnership_id,
                    form.values(),
                    officer_id=officer.id,
                    submission_key=form.submission_key.data,
                )
            else:
                saved, new = update_entry(db_session(), entry, form.values()), True
        except TensionError as error:
            for name, message in error.errors.items():
                getattr(form, name, form.narrative).errors = [message]
        else:
            if new:
                _audit("tension_entry_created" if entry is None else "tension_entry_updated", saved)
                flash("Entry saved")
            return redirect(url_for("officer_tensions.entry_detail", entry_id=saved.id))
    title = "Log a tension entry" if entry is None else "Change tension entry"
    return render_template("officer/tensions/entry_form.html", title=title, form=form, entry=entry)


def _audit(action: str, entry: TensionEntry) -> None:
    officer = signed_in_officer()
    record_event(
        db_session(),
        partnership_id=officer.partnership_id,
        officer_id=officer.id,
        action=action,
        target_type="tension_entry",
        target_id=entry.id,
        details=audit_details(entry),
    )
