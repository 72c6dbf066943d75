"""The forms for correcting a response: redacting words from an answer, deleting a response, and
keeping a flagged answer as it is. GOV.UK error wording; the reason is required in both changes."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired, Length

from survey.responses.redaction import MAX_REASON, words_to_remove


def _reason(label: str) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[
            InputRequired("Enter the reason"),
            Length(max=MAX_REASON, message=f"The reason must be {MAX_REASON} characters or fewer"),
        ],
    )


class RedactForm(FlaskForm):
    found = SelectMultipleField("Words that look like personal details", choices=[], validate_choice=False)
    words = TextAreaField("Other words to remove")
    reason = _reason("Why are you removing these words?")
    confirmed = HiddenField()

    def pieces(self) -> list[str]:
        """The words chosen from the list and typed (one piece a line), once each, in that order."""
        chosen = [piece.strip() for piece in self.found.data or []]
        typed = words_to_remove(self.words.data or "")
        return list(dict.fromkeys(piece for piece in [*chosen, *typed] if piece))


class DeleteForm(FlaskForm):
    reason = _reason("Why are you deleting this response?")


class KeepForm(FlaskForm):
    """Only the CSRF token: the button is the decision."""
