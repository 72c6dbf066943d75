"""The words residents read about safe havens: kinds of place, days, opening hours and distances.

English is the source; each text is marked for translation (``N_``) and shown in the reader's
language with :func:`survey.languages.translate`. havens-near.mjs says distances the same way in the
browser: its words come from the page (``webapp.places.texts.map_texts``), so they are these.
"""

from __future__ import annotations

from survey.languages import N_

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = dict(zip(WEEKDAYS, (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
                                    N_("Friday"), N_("Saturday"), N_("Sunday")), strict=True))
HAVEN_KINDS = {
    "shop": N_("Shop"),
    "cafe": N_("Cafe or restaurant"),
    "library": N_("Library"),
    "leisure": N_("Leisure centre"),
    "community": N_("Community centre"),
    "pharmacy": N_("Pharmacy"),
    "transport": N_("Station or transport hub"),
    "other": N_("Other"),
}
CLOSED = N_("Closed")
HOURS_SPAN = N_("{start} to {end}")
#: What day and time it is now, beside the count of havens open ("Monday 14:05").
DAY_AND_TIME = N_("{day} {time}")

UNDER_100_METRES = N_("Less than 100 metres away")
ABOUT_METRES = N_("About {metres} metres away")
ABOUT_KILOMETRES = N_("About {kilometres} km away")
