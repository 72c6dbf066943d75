"""What other partnerships share with this one, read-only: each page is marked with the partnership it
comes from and the agreement, and nothing here is mixed into this partnership's own figures.

Whether the agreement gives access is decided on every request (``survey.sharing.agreements.access_of``):
once it is revoked or past its review date, its data pages say so and show nothing. Every page of
shared data is audited in both partnerships' logs.
"""

from __future__ import annotations

from typing import Any

from flask import abort, render_template

from analysis.exports.html import figure, question_chart
from analysis.published import snapshot_report
from analysis.published.dates import long_date
from survey.publications import current_publication
from survey.sharing import agreements as store
from survey.sharing.places import Area, area_name, shared_cells, shared_reports
from survey.storage.models import SharingAgreement
from survey.vocabulary import Role
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.sharing.blueprint import agreement_received, bp, today


def _no_access(agreement: SharingAgreement, access: store.Access) -> tuple[str, int]:
    page = render_template(
        "officer/sharing/no_access.html",
        title="You cannot see this shared data",
        agreement=agreement,
        access=access,
        long_date=long_date,
    )
    return page, 403


@bp.route("/received/<int:agreement_id>")
@officer_required(Role.VIEWER)
def received_page(agreement_id: int) -> Any:
    agreement = agreement_received(agreement_id)
    return render_template(
        "officer/sharing/agreement.html",
        title=f"Shared by {agreement.partnership.name}",
        agreement=agreement,
        access=store.access_of(agreement, today()),
        given=False,
        area=area_name(db_session(), Area(agreement.partnership_id, agreement.ward_code)),
        long_date=long_date,
        can_change=False,
    )


@bp.route("/received/<int:agreement_id>/figures/<slug>")
@officer_required(Role.VIEWER)
def shared_figures(agreement_id: int, slug: str) -> Any:
    agreement = agreement_received(agreement_id)
    consultation = store.shared_consultation(agreement, slug)
    if consultation is None:
        abort(404)
    access = store.access_of(agreement, today())
    if access != store.Access.ACTIVE:
        return _no_access(agreement, access)
    publication = current_publication(db_session(), consultation.id)
    report = snapshot_report(publication) if publication else None
    if publication is not None:
        store.record_access(
            db_session(),
            agreement,
            signed_in_officer(),
            "published_figures",
            consultation=consultation.slug,
            publication=publication.id,
        )
    return render_template(
        "officer/sharing/figures.html",
        title=f"Shared figures: {consultation.title}",
        agreement=agreement,
        consultation=consultation,
        publication=publication,
        data=report,
        figure=figure,
        question_chart=question_chart,
        long_date=long_date,
    )


@bp.route("/received/<int:agreement_id>/places")
@officer_required(Role.VIEWER)
def shared_places(agreement_id: int) -> Any:
    agreement = agreement_received(agreement_id)
    if not agreement.share_places:
        abort(404)
    access = store.access_of(agreement, today())
    if access != store.Access.ACTIVE:
        return _no_access(agreement, access)
    session = db_session()
    area = Area(agreement.partnership_id, agreement.ward_code)
    reports = shared_reports(session, area, free_text=agreement.include_free_text)
    cells = shared_cells(session, area, agreement.partnership)
    store.record_access(
        session,
        agreement,
        signed_in_officer(),
        "place_reports",
        ward=agreement.ward_code,
        reports=len(reports),
        free_text=agreement.include_free_text,
    )
    return render_template(
        "officer/sharing/places.html",
        title=f"Shared place reports: {agreement.partnership.name}",
        agreement=agreement,
        area=area_name(session, area),
        reports=reports,
        cells=cells,
        long_date=long_date,
    )
