"""The words the signposting code puts around a service's own details, marked for translation.

A service's name, description, hours and contact labels come from the data files
(``data/services-national.yaml``); they are translated through the same catalogue, extracted from
the file itself (:mod:`survey.signposting.extract`), so each sentence has one source.
"""

from __future__ import annotations

from survey.languages import N_

CALL = N_("call {number}")
TEXT = N_("text {number}")
TEXTPHONE = N_("textphone {number}")
GO_TO = N_("go to {address}")
EITHER = N_("{first} or {second}")
"""Two ways to reach a service, the first first: "call 0800 1111 or go to https://..."."""
