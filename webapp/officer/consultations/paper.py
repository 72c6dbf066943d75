"""The printable questionnaire of a consultation, for officers to print for events: standard or
large print. Viewers may download it (it holds no responses); another partnership's consultation
is a 404. It is numbered as paper entry numbers questions, so forms are typed up in order."""

from __future__ import annotations

import io
from typing import Any

from flask import abort, send_file

from survey.vocabulary import DefinitionKind, Role
from webapp.auth import officer_required
from webapp.officer.consultations.views import _own_consultation, _public_url, bp


@bp.route("/<slug>/questionnaire.pdf")
@officer_required(Role.VIEWER)
def questionnaire_pdf(slug: str) -> Any:
    return _questionnaire(slug, large_print=False)


@bp.route("/<slug>/questionnaire-large-print.pdf")
@officer_required(Role.VIEWER)
def questionnaire_large_print_pdf(slug: str) -> Any:
    return _questionnaire(slug, large_print=True)


def _questionnaire(slug: str, *, large_print: bool) -> Any:
    # reportlab loads with the first questionnaire, not with the app (as the other PDF exports do).
    from analysis.exports.questionnaire.build import consultation_questionnaire, questionnaire_file_name

    consultation = _own_consultation(slug)
    if consultation.kind != DefinitionKind.CONSULTATION:
        abort(404)  # place reports and worries are not printed: they have no public page to point to
    pdf = consultation_questionnaire(
        consultation, online_url=_public_url(consultation.slug), large_print=large_print
    )
    return send_file(
        io.BytesIO(pdf),
        mimetype="application/pdf",
        as_attachment=True,
        download_name=questionnaire_file_name(consultation.slug, large_print=large_print),
    )
