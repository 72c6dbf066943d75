"""Generated responses to the community safety template, so the demo has results worth looking at.

The mix follows what district consultations report: anti-social behaviour and drugs ranked highest,
most people feel safe by day and far fewer after dark (women and older people less so), some skip
questions, about one in ten respondents is under 18, and a few comments need urgent attention. Every
answer goes through :func:`survey.runner.navigation.from_cell` and
:func:`survey.responses.store.store_response`, the same path a CSV import takes. Generated data is
deterministic for a given ``seed``.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.consultations import definition_of
from survey.definitions.definition import Definition
from survey.responses.sentiment import SentimentScore, default_scorer
from survey.responses.store import store_response
from survey.runner.navigation import from_cell
from survey.storage.models import Consultation, Response
from survey.vocabulary import Channel

DEMO_SEED = 2026
WEEKS = 8

# Weights per option value; "" means the question is skipped.
_PRIORITY_WEIGHTS = {
    "anti_social_behaviour": 34, "drug_dealing_and_drug_use": 30, "violence": 16,
    "town_centre_safety": 11, "burglary_and_theft": 9,
}
_TOWN_CENTRE = {
    "drugs": 0.55, "street_drinking": 0.45, "groups_gathering": 0.42, "rough_sleeping": 0.3,
    "aggressive_begging": 0.22, "low_footfall": 0.2, "street_lighting": 0.28, "night_time_violence": 0.18,
    "street_harassment": 0.16, "public_space_violence": 0.12, "robbery": 0.1, "business_burglary": 0.06,
}
_VIOLENCE = {
    "drug_related": 0.5, "alcohol_related": 0.36, "gun_knife_crime": 0.32, "domestic_abuse": 0.3,
    "youth_violence": 0.28, "night_time_economy": 0.24, "robbery": 0.18, "sexual_violence": 0.12,
    "hate_crime": 0.09, "modern_slavery": 0.04,
}
_SAFETY_DAY = {"very_safe": 38, "fairly_safe": 43, "a_bit_unsafe": 12, "very_unsafe": 4, "dont_know": 3}
_SAFETY_DARK = {"very_safe": 11, "fairly_safe": 34, "a_bit_unsafe": 35, "very_unsafe": 15, "dont_know": 5}
_AGE = {
    "11_15": 6, "16_17": 5, "18_24": 9, "25_34": 15, "35_44": 18, "45_54": 17, "55_64": 13,
    "65_74": 9, "75_and_over": 4, "prefer_not_to_say": 2, "": 2,
}
_GENDER = {"woman": 51, "man": 43, "non_binary": 1.5, "another_way": 0.5, "prefer_not_to_say": 2, "": 2}
_ETHNICITY = {
    "white": 70, "asian": 12, "black": 6, "mixed": 4, "other_ethnic_group": 2, "prefer_not_to_say": 3, "": 3,
}
_DISABILITY = {"no": 74, "yes": 16, "prefer_not_to_say": 5, "": 5}
_ORIENTATION = {
    "straight": 76, "gay_or_lesbian": 3, "bisexual": 3, "other_sexual_orientation": 1,
    "prefer_not_to_say": 9, "": 8,
}
_OTHER_ISSUES = ["E-scooters on the pavement", "Speeding cars at night", "Shoplifting", "Dog fouling"]
_COMMENTS = [
    "Better street lighting on the way home from the station.",
    "More police on foot in the town centre, especially on Friday and Saturday nights.",
    "Something for young people to do in the evenings so they are not hanging around.",
    "Stop the drug dealing outside the shops on the high street. Everyone can see it happening.",
    "CCTV that actually works in the underpass.",
    "I feel fine during the day but the park is really dark after 5pm in winter.",
    "Faster response when you report anti-social behaviour. Nobody came last time.",
    "Fix the broken lights on the footpath behind the school.",
    "More youth workers and open youth clubs.",
    "Cut back the bushes along the canal path, people hide there.",
    "Deal with the groups drinking on the benches by the bus station.",
    "Regular patrols near the takeaways late at night.",
    "It is generally a safe place to live, I am happy here.",
    "Neighbours looking out for each other. Bring back neighbourhood watch.",
    "Safer crossings near the primary school.",
    "Knowing who to call when something happens that is not an emergency.",
    "More people around in the evening. The town centre is empty after the shops shut.",
    "Stop the boy racers on the retail park.",
    "Better lit bus stops and buses that run later.",
    "Support for people sleeping rough instead of moving them on.",
    "Action on the house on our street where people come and go all night.",
    "Teachers and police talking to kids about knives before it is too late.",
    "I do not go out after dark any more since I was followed home.",
    "More visible wardens in the shopping centre.",
    "Quicker repairs of vandalised bus shelters and phone boxes.",
    "Safe places for girls to go if they are being harassed.",
    "Less litter and graffiti. It makes the place feel neglected and unsafe.",
    "Nothing really, I feel safe.",
    "Talk to young people, not just about them.",
    "Do something about the e-scooters on the pavement.",
]
# Words the safeguarding check flags, so officers see urgent items first in the demo.
_URGENT_COMMENTS = [
    "My friend carries a knife to school because he is scared. Please do something before someone gets hurt.",
    "Older boys make me sell stuff for them and say they will hurt my family if I stop.",
]


def generate_demo_responses(
    session: Session,
    consultation: Consultation,
    count: int = 300,
    *,
    seed: int = DEMO_SEED,
    now: dt.datetime | None = None,
) -> int:
    """Top the consultation up to ``count`` generated responses; returns how many were added.

    Idempotent: a consultation that already has ``count`` or more responses gets none. The
    consultation must run the community safety template (or one with the same question ids).
    """
    existing = session.scalar(
        select(func.count()).select_from(Response).where(Response.consultation_id == consultation.id)
    ) or 0
    wanted = max(count - existing, 0)
    if not wanted:
        return 0
    definition = definition_of(consultation)
    rng = random.Random(f"{seed}:{consultation.slug}:{existing}")
    now = now or dt.datetime.now(dt.UTC)
    urgent_at = set(rng.sample(range(wanted), min(len(_URGENT_COMMENTS), wanted)))
    urgent = iter(_URGENT_COMMENTS)
    scorer = _MemoScorer()
    for index in range(wanted):
        cells = _respondent(rng, definition, next(urgent) if index in urgent_at else None)
        answers = {qid: from_cell(definition.question(qid), cell) for qid, cell in cells.items() if cell}
        channel = Channel.PAPER if rng.random() < (0.3 if _older(cells) else 0.1) else Channel.WEB
        store_response(session, consultation, definition, answers, channel=channel,
                       submitted_at=_when(rng, now), scorer=scorer)
    return wanted


class _MemoScorer:
    """The default scorer, remembering the score of each comment (the pool repeats)."""

    def score(self, text: str) -> SentimentScore:
        return _score(text)


@cache
def _score(text: str) -> SentimentScore:
    return default_scorer().score(text)


def _respondent(rng: random.Random, definition: Definition, urgent_comment: str | None) -> dict[str, str]:
    age = _pick(rng, _AGE)
    young = age in ("11_15", "16_17", "18_24")
    gender = _pick(rng, _GENDER)
    cells = {
        "about_age_band": age,
        "about_gender": gender,
        "about_relationship": _relationship(rng, age),
        "about_ethnicity": _pick(rng, _ETHNICITY),
        "about_disability": _pick(rng, _DISABILITY),
        "about_sexual_orientation": "" if age == "11_15" and rng.random() < 0.5 else _pick(rng, _ORIENTATION),
        "priorities": _priorities(rng, young),
        "town_centre_issues": _several(rng, _TOWN_CENTRE, skip=0.12, other=0.05),
        "violence_features": _several(rng, {**_VIOLENCE, "gun_knife_crime": 0.55 if young else 0.3},
                                      skip=0.15, other=0.03),
        "safety_day": _pick(rng, _SAFETY_DAY) if rng.random() > 0.04 else "",
        "safety_dark": _safety_dark(rng, gender, age) if rng.random() > 0.05 else "",
        "feel_safer": urgent_comment or (rng.choice(_COMMENTS) if rng.random() < 0.55 else ""),
    }
    cells.update(_victim(rng))
    if "about_area" in _ids(definition):
        areas = [option.value for option in definition.question("about_area").all_options]
        cells["about_area"] = rng.choice(areas[:-2]) if rng.random() < 0.9 else rng.choice(areas[-2:] + [""])
    return {qid: cell for qid, cell in cells.items() if qid in _ids(definition)}


def _ids(definition: Definition) -> frozenset[str]:
    return frozenset(question.id for question in definition.questions)


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _priorities(rng: random.Random, young: bool) -> str:
    if rng.random() < 0.08:
        return ""
    weights = dict(_PRIORITY_WEIGHTS)
    if young:
        weights["violence"] *= 2  # young people put violence (and knives) higher
    depth = rng.choices([5, 3, 2, 1], weights=[62, 20, 8, 10])[0]
    order: list[str] = []
    while len(order) < depth:  # weighted sampling without replacement (Plackett-Luce)
        left = {value: weight for value, weight in weights.items() if value not in order}
        order.append(_pick(rng, left))
    return ";".join(order)


def _several(rng: random.Random, chances: dict[str, float], *, skip: float, other: float) -> str:
    if rng.random() < skip:
        return ""
    chosen = [value for value, chance in chances.items() if rng.random() < chance]
    if not chosen:
        chosen = [max(chances, key=chances.__getitem__)]
    if rng.random() < other:
        chosen.append(f"other:{rng.choice(_OTHER_ISSUES)}")
    return ";".join(chosen)


def _safety_dark(rng: random.Random, gender: str, age: str) -> str:
    weights = dict(_SAFETY_DARK)
    if gender == "woman" or age in ("65_74", "75_and_over"):
        weights["very_unsafe"] *= 1.3
        weights["very_safe"] *= 0.7
    return _pick(rng, weights)


def _victim(rng: random.Random) -> dict[str, str]:
    victim = rng.choices(["yes", "no", "prefer_not_to_say", ""], weights=[17, 72, 6, 5])[0]
    if victim != "yes":
        return {"victim": victim}
    reported = rng.choices(["yes", "no", "prefer_not_to_say", ""], weights=[44, 46, 5, 5])[0]
    return {"victim": victim, "reported": reported}


def _relationship(rng: random.Random, age: str) -> str:
    if rng.random() < 0.04:
        return rng.choice(["prefer_not_to_say", ""])
    chances = {"live": 0.86, "work": 0.05 if age in ("11_15", "16_17") else 0.32,
               "study": 0.85 if age in ("11_15", "16_17") else 0.06, "visit": 0.12}
    chosen = [value for value, chance in chances.items() if rng.random() < chance]
    return ";".join(chosen or ["live"])


def _older(cells: dict[str, str]) -> bool:
    return cells.get("about_age_band") in ("65_74", "75_and_over")


def _when(rng: random.Random, now: dt.datetime) -> dt.datetime:
    """Over the past eight weeks: a launch peak, a steady middle, a late push before closing."""
    span = WEEKS * 7
    days_ago = rng.choices(
        [rng.uniform(span - 14, span), rng.uniform(7, span - 14), rng.uniform(0, 7)], weights=[40, 38, 22]
    )[0]
    # Most people answer between 8am and 10pm.
    moment = now - dt.timedelta(days=days_ago)
    hour = rng.choices(range(24), weights=[1, 1, 0, 0, 0, 0, 1, 3, 5, 6, 6, 6, 8, 7, 6, 6, 7, 8, 9, 10,
                                            10, 8, 5, 2])[0]
    at = moment.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60), microsecond=0)
    return max(now - dt.timedelta(days=span), min(at, now))
