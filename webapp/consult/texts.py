"""The consultation flow's own words in Python (page titles, errors, the character count's messages).

Marked for translation (``N_``) and shown with ``t()`` in the page's language. The words a
consultation's definition gives (its title, questions, options) are the definition's, not these.
"""

from __future__ import annotations

from survey.languages import N_

SAVED_TITLE = N_("Your answers have been saved")
RESUME_TITLE = N_("Continue where you left off")
CHECK_ANSWERS_TITLE = N_("Check your answers before sending")
SENT_TITLE = N_("Response sent")
ENTER_RESUME_CODE = N_("Enter your resume code")
RESUME_CODE_NOT_FOUND = N_("Enter the resume code exactly as it was shown, like K7QX-M2PA-9DRT")
CHANGE = N_("Change")
PLEASE_SPECIFY = N_("Please specify")
DIVIDER = N_("or")

# GOV.UK character count: %{count} is filled in by its script. The script picks a message by the
# plural category of the page's language, so each language words its "other" message to fit every
# number (see survey/translations/work/consult.json).
UP_TO_CHARACTERS = N_("You can enter up to %{count} characters")
CHARACTER_REMAINING = N_("You have %{count} character remaining")
CHARACTERS_REMAINING = N_("You have %{count} characters remaining")
NO_CHARACTERS_REMAINING = N_("You have 0 characters remaining")
CHARACTER_TOO_MANY = N_("You have %{count} character too many")
CHARACTERS_TOO_MANY = N_("You have %{count} characters too many")
