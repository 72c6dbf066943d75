"""Every sentence the printed questionnaire says that is not the consultation's own words.

Plain English for someone with a pen: "tick", "write", "number", never "select" or "click".
"""

from __future__ import annotations

QUESTION = "Question {number}"
HOW_TO_TITLE = "How to fill in this form"
HOW_TO = (
    "Use a pen. Tick a box like this: \u2713. Where it says so, write a number in the box instead.",
    "Every question is optional unless it says you must answer it. Skip any you do not want to answer.",
    "Some questions are only for some people: the form tells you which ones to skip.",
)
PRIVACY_TITLE = "Your privacy"
ONLINE_TITLE = "Answer online instead"
ONLINE = "Scan the QR code with your phone's camera, or type this address into a web browser:"
QR_DESCRIPTION = "QR code that opens the online version of this form"
RETURN_BY = "Please give this form back by {date}."
RETURN = (
    "When you have finished, give this form to a member of staff at the event, or to the person who "
    "gave it to you."
)
THANK_YOU = "Thank you for taking part."
REQUIRED = "You must answer this question."
LARGE_PRINT = "Large print"

TICK_ONE = "Tick one."
TICK_ALL = "Tick all that apply."
TICK_UP_TO = "Tick up to {count}."
ON_ITS_OWN = "If you tick \u2018{labels}\u2019, tick nothing else."
RANK_ONE = "Write 1 in the box beside the one that matters most."
RANK_ALL = "Number them from 1 (most important) to {count}."
RANK_TOP = "Number your top {count} from 1 (most important) to {count}. Leave the rest blank."
WRITE = "Write your answer in the space below."
WRITE_NUMBER = "Write a number in the box."
WRITE_WHOLE_NUMBER = "Write a whole number in the box."
NUMBER_FROM_TO = " It must be from {low} to {high}."
NUMBER_AT_LEAST = " It must be {low} or more."
NUMBER_AT_MOST = " It must be {high} or less."
WRITE_DATE = "Write the date as numbers, for example 27 3 2026."
DATE_DAY, DATE_MONTH, DATE_YEAR = "Day", "Month", "Year"
PLACE_CHOOSE = "Tick one place from the list, or describe the place, or both."
PLACE_DESCRIBE = "Describe the place: a street, a building or a landmark nearby."
AREAS = "Areas"
LANDMARKS = "Places"
DESCRIBE = "Describe the place"
PLEASE_SPECIFY = "If you ticked \u2018{label}\u2019, write it here:"

ANSWER_ONLY_IF = "Answer question {number} only if you {verb} {labels} {at} question {parent}."
GO_TO = "If you {verb} {labels}, go to question {target}."
GO_TO_END = "If you {verb} {labels}, you have finished the questions."
VERB_ANSWERED = "answered"
VERB_TICKED = "ticked"
VERB_NUMBERED = "numbered"
VERB_DID_NOT_TICK = "did not tick"
VERB_DID_NOT_NUMBER = "did not number"
OR = " or "
