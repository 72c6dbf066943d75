"""A small consultation whose every figure is worked out by hand in the tests that use it.

Seven respondents (R1-R7). Dates are UTC; R7 sent at 23:30 UTC on Sunday 29 March 2026, which is
00:30 on Monday 30 March in UK summer time (the clocks went forward that morning).

====  ====================  ==============  ============  ======  =====  ======  ====  =======
resp  priorities (rank 3)   issues          safety        colour  age    gender  via   when
====  ====================  ==============  ============  ======  =====  ======  ====  =======
R1    alpha, bravo, charlie xray, yankee    very_safe     red     11_15  woman   web   10 Mar
R2    bravo, alpha          xray            very_safe     -       11_15  man     web   10 Mar
R3    alpha                 yankee, zulu    fairly_safe   -       18_24  woman   paper 10 Mar
R4    charlie, alpha, bravo xray, yankee    very_unsafe   red     18_24  woman   web   10 Mar
R5    -                     -               dont_know     -       18_24  man     paper 25 Mar
R6    alpha, charlie, bravo xray,yankee,zulu -            -       11_15  -       web   25 Mar
R7    -                     -               -             blue    -      -       web   29 Mar*
====  ====================  ==============  ============  ======  =====  ======  ====  =======

R1 also wrote "Better street lighting in the park, please".
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from survey.answers import AnswerPart
from survey.consultations import create_consultation, definition_of
from survey.responses.store import store_response
from survey.storage.models import Consultation, Partnership
from survey.vocabulary import Channel, ConsultationStatus

FIXTURE_DEFINITION = """
id: fixture
kind: consultation
title: Fixture consultation
intro: Hello
privacy_notice: Anonymous
pages:
  - questions:
      - id: priorities
        type: ranking
        text: Rank these issues
        options: [Alpha, Bravo, Charlie, Delta]
        rank: 3
      - id: issues
        type: multiple_choice
        text: Which issues need addressing?
        options: [Xray, Yankee, Zulu]
      - id: safety
        type: scale
        preset: safety
        text: How safe do you feel after dark?
      - id: colour
        type: single_choice
        text: Which colour?
        options: [Red, Blue, Green]
      - id: comments
        type: free_text
        text: How do you feel about your local area?
        sentiment: true
      - about_you: [age_band, gender]
"""

COMMENT = "Better street lighting in the park, please"


def _rank(*values: str) -> tuple[AnswerPart, ...]:
    return tuple(AnswerPart(option=value, rank=rank) for rank, value in enumerate(values, start=1))


def _pick(*values: str) -> tuple[AnswerPart, ...]:
    return tuple(AnswerPart(option=value) for value in values)


SCORES = {"very_safe": 2.0, "fairly_safe": 1.0, "a_bit_unsafe": -1.0, "very_unsafe": -2.0, "dont_know": None}


def _scale(value: str) -> tuple[AnswerPart, ...]:
    return (AnswerPart(option=value, number=SCORES[value]),)


def _when(day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=dt.UTC)


RESPONSES = [
    (dict(priorities=_rank("alpha", "bravo", "charlie"), issues=_pick("xray", "yankee"),
          safety=_scale("very_safe"), colour=_pick("red"), about_age_band=_pick("11_15"),
          about_gender=_pick("woman"), comments=(AnswerPart(text=COMMENT),)), Channel.WEB, _when(10)),
    (dict(priorities=_rank("bravo", "alpha"), issues=_pick("xray"), safety=_scale("very_safe"),
          about_age_band=_pick("11_15"), about_gender=_pick("man")), Channel.WEB, _when(10)),
    (dict(priorities=_rank("alpha"), issues=_pick("yankee", "zulu"), safety=_scale("fairly_safe"),
          about_age_band=_pick("18_24"), about_gender=_pick("woman")), Channel.PAPER, _when(10)),
    (dict(priorities=_rank("charlie", "alpha", "bravo"), issues=_pick("xray", "yankee"),
          safety=_scale("very_unsafe"), colour=_pick("red"), about_age_band=_pick("18_24"),
          about_gender=_pick("woman")), Channel.WEB, _when(10)),
    (dict(safety=_scale("dont_know"), about_age_band=_pick("18_24"), about_gender=_pick("man")),
     Channel.PAPER, _when(25)),
    (dict(priorities=_rank("alpha", "charlie", "bravo"), issues=_pick("xray", "yankee", "zulu"),
          about_age_band=_pick("11_15")), Channel.WEB, _when(25)),
    (dict(colour=_pick("blue")), Channel.WEB, _when(29, 23, 30)),
]


def make_fixture_consultation(
    session: Session, partnership: Partnership, slug: str = "fixture", responses: list | None = None
) -> Consultation:
    """The consultation above with its seven responses (or ``responses`` instead)."""
    consultation = create_consultation(session, partnership, FIXTURE_DEFINITION, slug=slug,
                                       status=ConsultationStatus.OPEN)
    definition = definition_of(consultation)
    for answers, channel, when in RESPONSES if responses is None else responses:
        store_response(session, consultation, definition, answers, channel=channel, submitted_at=when)
    return consultation
