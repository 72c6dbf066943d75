"""The reports list: filters, search, sort and pages. It shows no content of any report.

Urgent reports nobody has opened come first, whatever the sort. A page number past the last page
shows the last page (and one before the first, the first), so "page 9 of 8" cannot happen.
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request, url_for

from survey.consultations import definition_of, partnership_consultations
from survey.officers.accounts import partnership_officers
from survey.safeguarding.risk import RiskCategory
from survey.triage.actions import STATUS_LABELS
from survey.triage.listing import AREA_QUESTION_ID, area_values, list_reports
from survey.vocabulary import Role
from survey.wards.register import partnership_wards
from webapp.auth import officer_required, signed_in_officer
from webapp.database import db_session
from webapp.officer.reports.blueprint import bp
from webapp.officer.reports.filters import (
    CHANNEL_LABELS,
    KIND_LABELS,
    ME,
    NOBODY,
    SORT_LABELS,
    URGENCY_LABELS,
    link_args,
    page_number,
    pagination,
    read_filters,
)

PAGE_SIZE = 50


def risk_label(value: str) -> str:
    """A risk category in words (one no longer known still reads sensibly)."""
    try:
        return RiskCategory(value).label
    except ValueError:
        return value.replace("_", " ").capitalize()


def area_choices(partnership_id: int) -> list[tuple[str, str]]:
    """The areas named in the partnership's reports, with the labels their definitions give them."""
    session = db_session()
    values = area_values(session, partnership_id)
    if not values:
        return []
    labels: dict[str, str] = {}
    for consultation in partnership_consultations(session, partnership_id):
        for question in definition_of(consultation).questions:
            if question.id == AREA_QUESTION_ID:
                labels.update({option.value: option.label for option in question.all_options})
    return [(value, labels.get(value, value)) for value in values]


@bp.route("")
@officer_required(Role.VIEWER)
def inbox_page() -> Any:
    me = signed_in_officer()
    session = db_session()
    officers = partnership_officers(session, me.partnership_id)
    filters = read_filters(request.args, me, officers)
    page = list_reports(session, me.partnership_id, filters.query, page=page_number(request.args),
                        per_page=PAGE_SIZE)
    args = link_args(filters)
    assignees = [("", "Anyone"), (ME, "Me"), (NOBODY, "Nobody"),
                 *((str(officer.id), officer.email) for officer in officers if officer.id != me.id)]
    return render_template(
        "officer/reports.html", title="Reports", page=page, filters=filters, error_title=bool(filters.errors),
        pagination=pagination(page.page, page.pages, lambda n: url_for(".inbox_page", page=n, **args)),
        status_labels=STATUS_LABELS, kind_labels=KIND_LABELS, channel_labels=CHANNEL_LABELS,
        sort_labels=SORT_LABELS, urgency_labels=URGENCY_LABELS, assignees=assignees,
        areas=area_choices(me.partnership_id), risk_label=risk_label,
        wards=[(ward.code, ward.name) for ward in partnership_wards(session, me.partnership_id)],
    )
