"""One question and one sample answer per question type, in every form a channel gives or shows it.

Keyed by the registry's kinds: a test asserts the keys equal :data:`survey.question_types.REGISTRY`'s,
so a new question type without samples here fails the suite.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from survey.answers import Answer, AnswerPart, RawAnswer
from survey.definitions.definition import parse_definition

INSIDE_DEMO_BOUNDARY = (51.5032, -0.1205)

EVERY_TYPE = """\
id: every-type
kind: consultation
title: Every question type
intro: One question of each type.
privacy_notice: Anonymous.
pages:
  - questions:
      - {id: single_choice, type: single_choice, text: Colour, options: [Red, Green], other: true}
      - id: multiple_choice
        type: multiple_choice
        text: Issues
        options: [Drugs, Robbery, Lighting]
        other: true
      - {id: ranking, type: ranking, text: Rank these, options: [Violence, Drugs, Burglary], rank: 2}
      - {id: scale, type: scale, preset: safety, text: How safe}
      - {id: free_text, type: free_text, text: Tell us}
      - {id: number, type: number, text: How many, integer: true}
      - {id: date, type: date, text: When}
      - id: location
        type: location
        text: Where
        areas: [Abbey]
        landmarks: [{value: station, label: The station}]
"""
"""A definition with one question per type, each question's id being its type."""
DEFINITION = parse_definition(EVERY_TYPE, "every-type.yaml")


@dataclass(frozen=True)
class Sample:
    answer: Answer
    form: dict[str, list[str]]
    """The fields a web question page posts for it."""
    bot: RawAnswer
    """What the bot gives for it (a button's value, typed text, a shared location)."""
    cell: str
    json: Any
    shown: str


SAMPLES: dict[str, Sample] = {
    "single_choice": Sample(
        answer=(AnswerPart(option="other", text="Scooters; on pavements"),),
        form={"answer": ["other"], "other_text": ["Scooters; on pavements"]},
        bot=RawAnswer("other", "Scooters; on pavements"),
        cell="other:Scooters; on pavements",
        json={"other": "Scooters; on pavements"},
        shown="Other: Scooters; on pavements",
    ),
    "multiple_choice": Sample(
        answer=(AnswerPart(option="drugs"), AnswerPart(option="lighting"),
                AnswerPart(option="other", text="Noise")),
        form={"answer": ["lighting", "drugs", "other"], "other_text": ["Noise"]},
        bot=RawAnswer(["drugs", "lighting", "other"], "Noise"),
        cell="drugs;lighting;other:Noise",
        json=["drugs", "lighting", {"other": "Noise"}],
        shown="Drugs\nLighting\nOther: Noise",
    ),
    "ranking": Sample(
        answer=(AnswerPart(option="burglary", rank=1), AnswerPart(option="violence", rank=2)),
        form={"rank-violence": ["2"], "rank-drugs": [""], "rank-burglary": ["1"]},
        bot=RawAnswer(["burglary", "violence"]),
        cell="burglary;violence",
        json=["burglary", "violence"],
        shown="1. Burglary\n2. Violence",
    ),
    "scale": Sample(
        answer=(AnswerPart(option="a_bit_unsafe", number=-1.0),),
        form={"answer": ["a_bit_unsafe"]},
        bot=RawAnswer("a_bit_unsafe"),
        cell="a_bit_unsafe",
        json="a_bit_unsafe",
        shown="A bit unsafe",
    ),
    "free_text": Sample(
        answer=(AnswerPart(text="More lighting, please"),),
        form={"answer": ["  More lighting, please  "]},
        bot=RawAnswer("More lighting, please"),
        cell="More lighting, please",
        json="More lighting, please",
        shown="More lighting, please",
    ),
    "number": Sample(
        answer=(AnswerPart(number=1250.0),),
        form={"answer": ["1,250"]},
        bot=RawAnswer("1250"),
        cell="1250",
        json=1250,
        shown="1250",
    ),
    "date": Sample(
        answer=(AnswerPart(date=dt.date(2025, 3, 27)),),
        form={"answer-day": ["27"], "answer-month": ["3"], "answer-year": ["2025"]},
        bot=RawAnswer("2025-03-27"),
        cell="2025-03-27",
        json="2025-03-27",
        shown="27 March 2025",
    ),
    "location": Sample(
        answer=(AnswerPart(latitude=INSIDE_DEMO_BOUNDARY[0], longitude=INSIDE_DEMO_BOUNDARY[1]),),
        form={"latitude": ["51.5032"], "longitude": ["-0.1205"], "area": [""], "description": [""]},
        bot=RawAnswer({"latitude": INSIDE_DEMO_BOUNDARY[0], "longitude": INSIDE_DEMO_BOUNDARY[1]}),
        cell="51.5032,-0.1205",
        json={"latitude": 51.5032, "longitude": -0.1205},
        shown="Pin on the map (51.50320, -0.12050)",
    ),
}
