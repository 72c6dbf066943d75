"""What the question types say to a respondent: their errors, the options they add, "Not answered".

Marked for translation (``N_``) and written in English; a value is filled in with
:class:`survey.languages.Filled`, so every channel can still translate the whole sentence where it
is shown (``t()`` on the web, ``translate()`` in the bot). The English words are the GOV.UK wording
the forms have always used.
"""

from __future__ import annotations

from survey.languages import N_

NOT_ANSWERED = N_("Not answered")
OTHER_LABEL = N_("Other - please specify")
DONT_KNOW_LABEL = N_("Don't know")

# What to say when a required question is left empty (unless the definition says otherwise).
SELECT_AN_ANSWER = N_("Select an answer")
SELECT_AT_LEAST_ONE = N_("Select at least one option")
RANK_AT_LEAST_ONE = N_("Rank at least one option")
ENTER_YOUR_ANSWER = N_("Enter your answer")
ENTER_A_NUMBER = N_("Enter a number")
ENTER_A_DATE = N_("Enter a date")

# Options
NOT_AN_OPTION = N_("Select from the options shown")
NOT_ONE_OF_THEM = N_("Select from the options shown ({value} is not one of them)")
ONE_OPTION_ONLY = N_("Select one option only")
NO_MORE_THAN = N_("Select no more than {number} options")
EITHER_EXCLUSIVE = N_("Select either '{label}' or other options, not both")
ENTER_OTHER = N_("Enter the other option")
OTHER_TOO_LONG = N_("Other option must be {limit} characters or fewer")
ENTER_AS_TEXT = N_("Enter your answer as text")

# Ranking
RANKED_TWICE = N_("Each option can only be ranked once")
RANK_ONE_ONLY = N_("Rank one option only")
RANK_AT_MOST = N_("Rank at most {rank} options")
RANKS_FROM_ONE = N_("Ranks must be whole numbers from 1 to {rank}")
RANK_GIVEN_TWICE = N_("Give each rank to one option only")
RANKS_IN_ORDER = N_("Rank options in order from 1, without leaving gaps")

# Free text, numbers
ANSWER_TOO_LONG = N_("Answer must be {limit} characters or fewer")
ENTER_A_WHOLE_NUMBER = N_("Enter a whole number")
NUMBER_BETWEEN = N_("Enter a number between {low} and {high}")
NUMBER_OR_MORE = N_("Enter a number that is {low} or more")
NUMBER_OR_LESS = N_("Enter a number that is {high} or less")

# Dates
DATE_NOT_IN_FUTURE = N_("Date must be today or in the past")
DATE_ON_OR_AFTER = N_("Date must be on or after {date}")
DATE_ON_OR_BEFORE = N_("Date must be on or before {date}")
ENTER_A_REAL_DATE = N_("Enter a real date")
ENTER_A_REAL_ISO_DATE = N_("Enter a real date, for example 2025-03-27")
YEAR_FOUR_NUMBERS = N_("Year must include 4 numbers")
DATE_MUST_INCLUDE: dict[tuple[str, ...], str] = {
    ("day",): N_("Date must include a day"),
    ("month",): N_("Date must include a month"),
    ("year",): N_("Date must include a year"),
    ("day", "month"): N_("Date must include a day and month"),
    ("day", "year"): N_("Date must include a day and year"),
    ("month", "year"): N_("Date must include a month and year"),
}

# Places
NO_PLACE = N_("Drop a pin on the map, choose a place from the list or describe the place")
BOTH_COORDINATES = N_("Enter both a latitude and a longitude")
PIN_OR_PLACE = N_("Either drop a pin on the map or name the place, not both")
AREA_OR_LANDMARK = N_("Choose an area or a landmark, not both")
PLACE_FROM_LIST = N_("Choose a place from the list")
DESCRIPTION_TOO_LONG = N_("Description must be {limit} characters or fewer")
COORDINATE_NOT_A_NUMBER = {
    "Latitude": N_("Latitude must be a number"),
    "Longitude": N_("Longitude must be a number"),
}
COORDINATE_OUT_OF_RANGE = {
    "Latitude": N_("Latitude must be between -90 and 90"),
    "Longitude": N_("Longitude must be between -180 and 180"),
}
