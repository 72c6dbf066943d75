"""The words of the public pages that are set in Python (page titles, the visitors' menu), marked for
translation here and shown in the page's language with :func:`webapp.public.language.t`."""

from __future__ import annotations

from survey.languages import N_

HOME = N_("Home")
PRIVACY = N_("Privacy")
ACCESSIBILITY = N_("Accessibility statement")
SAFE_SPACES_MAP = N_("Safe spaces map")
SAFE_HAVENS = N_("Safe havens")
GET_HELP = N_("Get help")
RESULTS = N_("Results")
RESULTS_OF = N_("Results: {title}")
