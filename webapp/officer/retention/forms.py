"""The retention periods form: one whole number of months per kind of data, with GOV.UK errors."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import IntegerField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from survey.retention.policy import KIND_LABELS, MAX_MONTHS, MIN_MONTHS, DataKind, RetentionPeriods


class MonthsField(IntegerField):
    """A whole number of months, with a GOV.UK error when it is not one."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0].strip())
            except ValueError:
                raise ValueError(f"{self.label.text} must be a whole number of months, like 24") from None


def _months(kind: DataKind, hint: str) -> MonthsField:
    label = KIND_LABELS[kind]
    return MonthsField(
        label,
        widget=GovTextInput(),
        description=hint,
        validators=[
            InputRequired(f"Enter how many months to keep {label.lower()}"),
            NumberRange(
                MIN_MONTHS,
                MAX_MONTHS,
                f"{label} must be kept for between {MIN_MONTHS} and {MAX_MONTHS} months",
            ),
        ],
    )


class RetentionForm(FlaskForm):
    free_text = _months(
        DataKind.FREE_TEXT,
        "Answers to consultations: the words people wrote, their references and check codes.",
    )
    place_reports = _months(DataKind.PLACE_REPORTS, "Reports of places where people feel unsafe or safe.")
    worries = _months(DataKind.WORRIES, "Worries told through the chat bot or the website, and any reply.")
    tension_narratives = _months(DataKind.TENSION_NARRATIVES, "What officers wrote about community tensions.")
    audit_log = _months(DataKind.AUDIT_LOG, "The record of who viewed, exported or changed what.")
    submit = SubmitField("Save retention periods", widget=GovSubmitInput())

    @classmethod
    def filled_from(cls, periods: RetentionPeriods) -> RetentionForm:
        return cls(data={kind.value: periods.months(kind) for kind in DataKind})

    def months(self) -> dict[DataKind, int]:
        return {kind: int(getattr(self, kind.value).data) for kind in DataKind}
