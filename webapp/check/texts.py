"""The words of "Check a report" set in Python (titles and form errors), marked for translation and
shown in the page's language with :func:`webapp.public.language.t`."""

from __future__ import annotations

from survey.languages import N_

CHECK_A_REPORT = N_("Check a report")
WITHDRAW_A_REPORT = N_("Withdraw a report")
YOUR_REPORT = N_("Your report")
ARE_YOU_SURE = N_("Are you sure you want to withdraw your report?")
WITHDRAWN = N_("Your report has been withdrawn")
NO_MATCH = N_("The reference and check code do not match a report. Check them and try again.")
LOCKED = N_("You have tried too many times. Try again tomorrow.")
ENTER_REFERENCE = N_("Enter your reference")
ENTER_CODE = N_("Enter your check code")
