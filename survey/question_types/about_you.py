"""The reusable "About you" equality questions, expanded into ordinary questions.

A definition asks for them with one item in a page's ``questions``::

    - about_you: [relationship, age_band, gender, ethnicity, disability, sexual_orientation, area]
      areas: [Abbey, Castle, Riverside]     # only needed for ``area``

Each name becomes an optional question with a fixed id (see :data:`ABOUT_YOU_QUESTION_IDS`), always
offering "Prefer not to say", and marked ``about_you: true`` so analysis can offer cross-tabs by it
(partnerships must look for disproportionate impact on groups). Wording follows ONS 2021 Census
categories at the high level, with plain labels.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from survey.languages import N_

PREFER_NOT_TO_SAY = {"value": "prefer_not_to_say", "label": N_("Prefer not to say")}

_AGE_BANDS = [
    ("11_15", N_("11 to 15")),
    ("16_17", N_("16 to 17")),
    ("18_24", N_("18 to 24")),
    ("25_34", N_("25 to 34")),
    ("35_44", N_("35 to 44")),
    ("45_54", N_("45 to 54")),
    ("55_64", N_("55 to 64")),
    ("65_74", N_("65 to 74")),
    ("75_and_over", N_("75 and over")),
]


def _options(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"value": value, "label": label} for value, label in pairs] + [dict(PREFER_NOT_TO_SAY)]


_QUESTIONS: dict[str, dict[str, Any]] = {
    "relationship": {
        "type": "multiple_choice",
        "text": N_("What is your connection to the area?"),
        "hint": N_("Select all that apply."),
        "options": _options(
            ("live", N_("I live here")),
            ("work", N_("I work here")),
            ("study", N_("I study here")),
            ("visit", N_("I visit")),
        ),
        "exclusive": ["prefer_not_to_say"],
    },
    "age_band": {
        "type": "single_choice",
        "text": N_("How old are you?"),
        "options": _options(*_AGE_BANDS),
    },
    "gender": {
        "type": "single_choice",
        "text": N_("Which of these best describes you?"),
        "options": _options(
            ("woman", N_("Woman or girl")),
            ("man", N_("Man or boy")),
            ("non_binary", N_("Non-binary")),
            ("another_way", N_("In another way")),
        ),
    },
    "ethnicity": {
        "type": "single_choice",
        "text": N_("What is your ethnic group?"),
        "options": _options(
            ("asian", N_("Asian or Asian British")),
            ("black", N_("Black, Black British, Caribbean or African")),
            ("mixed", N_("Mixed or multiple ethnic groups")),
            ("white", N_("White")),
            ("other_ethnic_group", N_("Other ethnic group")),
        ),
    },
    "disability": {
        "type": "single_choice",
        "text": N_("Do you consider yourself to have a disability?"),
        "hint": N_(
            "The Equality Act 2010 says you are disabled if you have a physical or mental impairment "
            "that has a substantial and long-term negative effect on your ability to do normal daily "
            "activities."
        ),
        "options": _options(("yes", N_("Yes")), ("no", N_("No"))),
    },
    "sexual_orientation": {
        "type": "single_choice",
        "text": N_("Which of the following best describes your sexual orientation?"),
        "options": _options(
            ("straight", N_("Straight or heterosexual")),
            ("gay_or_lesbian", N_("Gay or lesbian")),
            ("bisexual", N_("Bisexual")),
            ("other_sexual_orientation", N_("Other sexual orientation")),
        ),
    },
    "area": {
        "type": "single_choice",
        "text": N_("Which area do you live in, or spend most time in?"),
    },
}

ABOUT_YOU_NAMES: tuple[str, ...] = tuple(_QUESTIONS)
"""The names accepted in ``about_you: [...]``, in the order they are asked."""

ABOUT_YOU_QUESTION_IDS: tuple[str, ...] = tuple(f"about_{name}" for name in ABOUT_YOU_NAMES)
"""Fixed ids of the expanded questions, for cross-tabs in analysis."""

SOMEWHERE_ELSE = {"value": "somewhere_else", "label": N_("Somewhere else")}


def is_about_you_block(item: Any) -> bool:
    """Whether a raw ``questions`` item is an ``about_you:`` block rather than a question."""
    return isinstance(item, Mapping) and "about_you" in item and "type" not in item


def expand_about_you(block: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The raw question mappings an ``about_you:`` block stands for.

    Raises ValueError (with a message a definition author can act on) for an unknown name, a
    repeated name, a missing ``areas:`` list, or keys the block does not take.
    """
    unknown_keys = sorted(set(block) - {"about_you", "areas"})
    if unknown_keys:
        raise ValueError(f"about_you: unknown key {unknown_keys[0]!r} (only 'about_you' and 'areas')")
    names = block["about_you"]
    if not isinstance(names, list) or not names or not all(isinstance(name, str) for name in names):
        raise ValueError("about_you: give a list of names, e.g. [age_band, gender]")
    questions = []
    for name in names:
        if name not in _QUESTIONS:
            raise ValueError(f"about_you: unknown name {name!r} (use any of: {', '.join(ABOUT_YOU_NAMES)})")
        if names.count(name) > 1:
            raise ValueError(f"about_you: {name!r} is listed more than once")
        questions.append(_expand_one(name, block.get("areas")))
    if "areas" in block and "area" not in names:
        raise ValueError("about_you: 'areas' is only used with 'area'")
    return questions


def _expand_one(name: str, areas: Any) -> dict[str, Any]:
    question = {
        "id": f"about_{name}",
        "about_you": True,
        "required": False,
        **copy.deepcopy(_QUESTIONS[name]),
    }
    if name == "area":
        if not isinstance(areas, list) or not areas:
            raise ValueError("about_you: 'area' needs an 'areas:' list of wards or postcode districts")
        question["options"] = [*areas, dict(SOMEWHERE_ELSE), dict(PREFER_NOT_TO_SAY)]
    return question
