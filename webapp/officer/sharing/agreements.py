"""The data sharing page, and the agreements the partnership makes: recording one, reading it and
revoking it. Administrators record and revoke; every officer reads."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, url_for

from analysis.published.dates import long_date
from survey.sharing import agreements as store
from survey.sharing.links import partnership_links, state_of
from survey.sharing.places import Area, area_name
from survey.storage.types import utcnow
from survey.vocabulary import LawfulBasis, Role
from survey.wards.register import partnership_wards
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.sharing.blueprint import bp, own_agreement, today
from webapp.officer.sharing.forms import WHOLE_AREA, AgreementForm, ConfirmForm, new_submission_key


@bp.route("")
@officer_required(Role.VIEWER)
def sharing_page() -> Any:
    me = signed_in_officer()
    session = db_session()
    return render_template(
        "officer/sharing/index.html",
        title="Data sharing",
        given=store.given_agreements(session, me.partnership_id),
        received=store.received_agreements(session, me.partnership_id),
        links=partnership_links(session, me.partnership_id),
        today=today(),
        now=utcnow(),
        access_of=store.access_of,
        link_state=state_of,
        long_date=long_date,
        can_change=me.role.allows(Role.ADMIN),
    )


def _form() -> AgreementForm:
    me = signed_in_officer()
    session = db_session()
    form = AgreementForm()
    return form.offer(
        [(p.id, p.name) for p in store.recipients(session, me.partnership_id)],
        [(c.id, c.title) for c in store.shareable_consultations(session, me.partnership_id)],
        [(w.code, w.name) for w in partnership_wards(session, me.partnership_id)],
    )


def _values(form: AgreementForm) -> store.AgreementValues:
    return store.AgreementValues(
        recipient_id=int(form.recipient_id.data) if (form.recipient_id.data or "").isdigit() else 0,
        purpose=form.purpose.data or "",
        lawful_basis=LawfulBasis(form.lawful_basis.data),
        starts_on=form.starts_on.data,
        review_on=form.review_on.data,
        consultation_ids=tuple(int(v) for v in form.consultation_ids.data or () if v.isdigit()),
        share_places=bool(form.share_places.data),
        ward_code=form.ward_code.data if form.ward_code.data != WHOLE_AREA else None,
        include_free_text=bool(form.include_free_text.data),
        section_115=bool(form.section_115.data),
    )


@bp.route("/agreements/new", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def new_agreement() -> Any:
    me = signed_in_officer()
    form = _form()
    if not form.is_submitted():
        form.submission_key.data = new_submission_key()
    if form.validate_on_submit():
        values = _values(form)
        problems = store.problems_with(db_session(), me.partnership_id, values)
        for name, message in problems.items():
            getattr(form, name).errors = [message]
        if not problems:
            agreement, _new = store.create_agreement(
                db_session(),
                me.partnership_id,
                values,
                officer_id=me.id,
                submission_key=form.submission_key.data or None,
            )
            flash(
                f"Agreement saved. {agreement.recipient.name} can read what it shares "
                f"from {agreement.starts_on:%-d %B %Y}."
            )
            return redirect(url_for(".agreement_page", agreement_id=agreement.id))
    return render_template(
        "officer/sharing/agreement_form.html", title="Record a data sharing agreement", form=form
    )


@bp.route("/agreements/<int:agreement_id>")
@officer_required(Role.VIEWER)
def agreement_page(agreement_id: int) -> Any:
    agreement = own_agreement(agreement_id)
    me = signed_in_officer()
    return render_template(
        "officer/sharing/agreement.html",
        title=f"Agreement with {agreement.recipient.name}",
        agreement=agreement,
        access=store.access_of(agreement, today()),
        confirm=ConfirmForm(),
        area=area_name(db_session(), Area(agreement.partnership_id, agreement.ward_code)),
        can_change=me.role.allows(Role.ADMIN),
        long_date=long_date,
        given=True,
    )


@bp.route("/agreements/<int:agreement_id>/revoke", methods=["POST"])
@officer_required(Role.ADMIN)
def revoke_agreement(agreement_id: int) -> Any:
    agreement = own_agreement(agreement_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if store.revoke_agreement(db_session(), agreement, officer_id=signed_in_officer().id):
        flash(f"Agreement revoked. {agreement.recipient.name} can no longer read what it shared.")
    return redirect(url_for(".agreement_page", agreement_id=agreement.id))
