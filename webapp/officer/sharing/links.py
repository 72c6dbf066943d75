"""Download links for an agency outside the installation: making one (administrators), reading its state
(every officer) and revoking it (administrators).

The link is shown once, on the page that answers the form: only a hash of its token is stored. That
page is not cached, and a re-sent form finds the link it made rather than making a second.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, make_response, redirect, render_template, url_for

from analysis.published.dates import long_date
from survey.places.safe_havens import LOCAL_TIME
from survey.sharing import links as store
from survey.sharing.agreements import shareable_consultations
from survey.sharing.places import Area, area_name
from survey.storage.types import utcnow
from survey.vocabulary import LawfulBasis, Role, SharedExport
from survey.wards.register import partnership_wards
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.sharing.blueprint import bp, own_link
from webapp.officer.sharing.forms import WHOLE_AREA, ConfirmForm, LinkForm, new_submission_key


def _form() -> LinkForm:
    me = signed_in_officer()
    session = db_session()
    return LinkForm().offer(
        [(c.id, c.title) for c in shareable_consultations(session, me.partnership_id)],
        [(w.code, w.name) for w in partnership_wards(session, me.partnership_id)],
    )


def _values(form: LinkForm) -> store.LinkValues:
    return store.LinkValues(
        recipient=form.recipient.data or "",
        purpose=form.purpose.data or "",
        lawful_basis=LawfulBasis(form.lawful_basis.data),
        export=SharedExport(form.export.data),
        days=form.days.data or 0,
        consultation_id=int(form.consultation_id.data)
        if (form.consultation_id.data or "").isdigit()
        else None,
        ward_code=form.ward_code.data if form.ward_code.data != WHOLE_AREA else None,
        include_free_text=bool(form.include_free_text.data),
    )


@bp.route("/links/new", methods=["GET", "POST"])
@officer_required(Role.ADMIN)
def new_link() -> Any:
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
            link, token = store.create_link(
                db_session(),
                me.partnership_id,
                values,
                officer_id=me.id,
                submission_key=form.submission_key.data or None,
            )
            if token is None:
                flash("This link was made already. If you did not copy it, revoke it and make a new one.")
                return redirect(url_for(".link_page", link_id=link.id))
            page = render_template(
                "officer/sharing/link_created.html",
                title="Download link made",
                link=link,
                url=url_for("shared_links.link_page", token=token, _external=True),
                expires=link.expires_at.astimezone(LOCAL_TIME).strftime("%-d %B %Y at %H:%M"),
            )
            response = make_response(page)
            response.headers["Cache-Control"] = "no-store"  # the link is on this page and nowhere else
            return response
    return render_template("officer/sharing/link_form.html", title="Make a download link", form=form)


@bp.route("/links/<int:link_id>")
@officer_required(Role.VIEWER)
def link_page(link_id: int) -> Any:
    link = own_link(link_id)
    area = area_name(db_session(), Area(link.partnership_id, link.ward_code))
    return render_template(
        "officer/sharing/link.html",
        title=f"Download link for {link.recipient}",
        link=link,
        area=area,
        state=store.state_of(link, utcnow()),
        confirm=ConfirmForm(),
        long_date=long_date,
        can_change=signed_in_officer().role.allows(Role.ADMIN),
    )


@bp.route("/links/<int:link_id>/revoke", methods=["POST"])
@officer_required(Role.ADMIN)
def revoke_link(link_id: int) -> Any:
    link = own_link(link_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if store.revoke_link(db_session(), link, officer_id=signed_in_officer().id):
        flash("Link revoked. It can no longer be used.")
    return redirect(url_for(".link_page", link_id=link.id))
