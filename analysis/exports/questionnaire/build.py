"""A consultation's paper questionnaire as PDF bytes, and the name to save it under: what the
``consultations paper`` command and the officers' download both call."""

from __future__ import annotations

from analysis.exports.dates import date_in_words
from analysis.exports.questionnaire.pdf import questionnaire_pdf
from analysis.exports.questionnaire.questions import build_questionnaire
from survey.consultations import definition_of
from survey.storage.models import Consultation


def consultation_questionnaire(
    consultation: Consultation, *, online_url: str, large_print: bool = False
) -> bytes:
    """The printable questionnaire of ``consultation`` (its current definition), with a QR code and
    the address ``online_url`` for answering online, in large print on request."""
    questionnaire = build_questionnaire(
        definition_of(consultation),
        partnership=consultation.partnership.name,
        online_url=online_url,
        return_by=date_in_words(consultation.closes_on) if consultation.closes_on else None,
        large_print=large_print,
    )
    return questionnaire_pdf(questionnaire)


def questionnaire_file_name(slug: str, *, large_print: bool = False) -> str:
    """``annual-questionnaire.pdf``, or ``annual-questionnaire-large-print.pdf``."""
    return f"{slug}-questionnaire{'-large-print' if large_print else ''}.pdf"
