"""The forms on a report's page, one per action: status, assignee, a note and the reply.

Field names differ from form to form so that the four forms share one page without two elements
having the same id. The templates draw them with the GOV.UK macros; these classes check what comes
back, with GOV.UK error wording.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError

from survey.storage.models import Officer
from survey.triage.actions import NOTE_MAX_LENGTH, REPLY_MAX_LENGTH, STATUS_LABELS

SEND_REPLY, STATUS_ONLY = "reply", "status_only"


def _one_of(choices: list[SelectChoice], message: str) -> list[Any]:
    """Required, and one of ``choices``: GOV.UK wording for both, not WTForms' "Not a valid choice"."""
    return [InputRequired(message), AnyOf([choice.value for choice in choices], message=message)]


STATUS_CHOICES = [SelectChoice(s.value, label) for s, label in STATUS_LABELS.items()]
SHARE_CHOICES = [SelectChoice(SEND_REPLY, "The status and a reply"),
                 SelectChoice(STATUS_ONLY, "Send only the status")]


class StatusForm(FlaskForm):
    new_status = RadioField("Status", choices=STATUS_CHOICES, validate_choice=False,
                            validators=_one_of(STATUS_CHOICES, "Select a status"))


class AssignForm(FlaskForm):
    assignee = SelectField("Assigned to", validate_choice=False)

    def offer(self, officers: list[Officer]) -> AssignForm:
        """Offer "nobody" and the partnership's active officers; anything else is refused."""
        self.assignee.choices = [SelectChoice("", "Nobody"),
                                 *(SelectChoice(str(o.id), o.email) for o in officers)]
        self.assignee.validators = [AnyOf([choice.value for choice in self.assignee.choices],
                                          message="Select an officer from the list")]
        return self


class NoteForm(FlaskForm):
    note = TextAreaField("Add a note", validators=[
        InputRequired("Enter a note"),
        Length(max=NOTE_MAX_LENGTH, message=f"A note must be {NOTE_MAX_LENGTH:,} characters or fewer"),
    ])


class ReplyForm(FlaskForm):
    share = RadioField("What should the reporter see?", choices=SHARE_CHOICES, validate_choice=False,
                       validators=_one_of(SHARE_CHOICES, "Select whether to send a reply or only the status"))
    reply = TextAreaField("Reply to the reporter", validators=[
        Length(max=REPLY_MAX_LENGTH, message=f"A reply must be {REPLY_MAX_LENGTH:,} characters or fewer"),
    ])

    def validate_reply(self, field: Any) -> None:
        if self.share.data == SEND_REPLY and not (field.data or "").strip():
            raise ValidationError("Enter a reply, or choose to send only the status")

    @property
    def chosen_reply(self) -> str | None:
        """The reply to store: ``None`` when only the status is to be shared."""
        return self.reply.data if self.share.data == SEND_REPLY else None
