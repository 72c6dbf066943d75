"""Place reports: filters, officers placing reports on the map, and
reading reports back for officers.

A place report is a response to a ``place_report`` definition; its place is the answer to the
definition's location question: a pin (``latitude``/``longitude``), or an area or landmark and/or
words. An officer can later put a report named without the map on the map: the answer row keeps
its area and words and gains coordinates, which is how "placed by an officer" is told apart (a
respondent's pin never has words with it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from survey.answers import AnswerPart
from survey.boundary import Boundary, is_on_earth
from survey.consultations import definition_of
from survey.definitions.definition import Definition
from survey.question_types import display
from survey.responses.store import response_answers
from survey.storage.models import Answer, Consultation, Response, Ward
from survey.vocabulary import Channel, DefinitionKind
from survey.wards.index import assign_answer

FEELING = "feeling"
REASONS = "reasons"
SAFE_REASONS = "safe_reasons"
TIME_OF_DAY = "time_of_day"
DAY_TYPE = "day_type"
AGE_BAND = "about_age_band"
# Question ids (of the shipped place-report definition) that hotspots count by and filter on.
BREAKDOWN_QUESTIONS = (FEELING, REASONS, SAFE_REASONS, TIME_OF_DAY, DAY_TYPE, AGE_BAND)
# The ward filter's value for pins outside every ward (no ward file uses "-" as a code).
NO_WARD = "-"


class PlaceError(ValueError):
    """A place that cannot be saved, in words an officer can act on."""


@dataclass(frozen=True)
class PlaceFilters:
    """What an officer narrows hotspots to. Dates are local (Europe/London) and inclusive."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    feeling: str | None = None
    reason: str | None = None
    age_band: str | None = None
    channel: Channel | None = None
    ward: str | None = None
    """A ward's code, or :data:`NO_WARD` for pins outside every ward."""

    def option_conditions(self) -> list[tuple[str, str]]:
        """``(question_id, option)`` pairs a report must have chosen."""
        pairs = [(FEELING, self.feeling), (REASONS, self.reason), (AGE_BAND, self.age_band)]
        return [(question_id, option) for question_id, option in pairs if option]

    def as_dict(self) -> dict[str, str]:
        """The filters set, as text (for audit events and links)."""
        values = {
            "date_from": self.date_from and self.date_from.isoformat(),
            "date_to": self.date_to and self.date_to.isoformat(),
            "feeling": self.feeling, "reason": self.reason, "age_band": self.age_band,
            "channel": self.channel and self.channel.value, "ward": self.ward,
        }
        return {key: value for key, value in values.items() if value}


@dataclass(frozen=True)
class PlaceScope:
    """The partnership's place-report consultations and their location question ids."""

    consultation_ids: tuple[int, ...]
    location_question_ids: tuple[str, ...]
    definitions: dict[int, Definition] = field(default_factory=dict)


def place_scope(session: Session, partnership_id: int) -> PlaceScope:
    """Every place-report consultation of the partnership (any status) and where the place is asked."""
    consultations = session.scalars(
        select(Consultation)
        .where(Consultation.partnership_id == partnership_id,
               Consultation.kind == DefinitionKind.PLACE_REPORT)
        .options(selectinload(Consultation.definition))
    ).all()
    definitions = {consultation.id: definition_of(consultation) for consultation in consultations}
    location_ids = sorted({
        question.id
        for definition in definitions.values()
        for question in definition.questions
        if question.type == "location"
    })
    return PlaceScope(tuple(definitions), tuple(location_ids), definitions)


# --- reports for officers ---------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceReportView:
    """One place report as an officer reads it."""

    response_id: int
    reference: str
    submitted_at: dt.datetime
    channel: Channel
    urgent: bool
    place: AnswerPart | None
    answers: list[tuple[str, str]]
    """``(question text, answer as a person reads it)`` for each answered question, in order."""
    ward: str | None = None
    """The ward the pin lies in, as "Name (code)"; ``None`` without a pin or outside every ward."""

    @property
    def placed_by_officer(self) -> bool:
        place = self.place
        return bool(place and place.latitude is not None and (place.option or place.text))


def place_reports(session: Session, partnership_id: int, response_ids: list[int]) -> list[PlaceReportView]:
    """The partnership's place reports with these ids, in the order given (others are left out)."""
    if not response_ids:
        return []
    scope = place_scope(session, partnership_id)
    responses = session.scalars(
        select(Response)
        .where(Response.id.in_(response_ids), Response.partnership_id == partnership_id,
               Response.consultation_id.in_(scope.consultation_ids))
        .options(selectinload(Response.answers))
    ).all()
    by_id = {response.id: response for response in responses}
    ward_ids = {answer.ward_id for response in responses for answer in response.answers if answer.ward_id}
    wards = {ward.id: f"{ward.name} ({ward.code})" for ward in session.scalars(
        select(Ward).where(Ward.id.in_(ward_ids), Ward.partnership_id == partnership_id))} if ward_ids else {}
    return [_view(by_id[rid], scope.definitions[by_id[rid].consultation_id], wards) for rid in response_ids
            if rid in by_id]


def _view(response: Response, definition: Definition, wards: dict[int, str]) -> PlaceReportView:
    parts = response_answers(response)
    place = None
    answers = []
    for question in definition.questions:
        if question.id not in parts:
            continue
        if question.type == "location":
            place = parts[question.id][0]
        answers.append((question.text, display(question, parts[question.id])))
    ward = next((wards.get(answer.ward_id) for answer in response.answers if answer.ward_id), None)
    return PlaceReportView(response.id, response.reference, response.submitted_at, response.channel,
                           response.urgent, place, answers, ward)


def unplaced_response_ids(session: Session, partnership_id: int, *, limit: int = 500) -> list[int]:
    """Place reports named without the map (no coordinates yet), newest first."""
    scope = place_scope(session, partnership_id)
    if not scope.consultation_ids:
        return []
    query = (
        select(Answer.response_id)
        .where(Answer.consultation_id.in_(scope.consultation_ids),
               Answer.question_id.in_(scope.location_question_ids),
               Answer.latitude.is_(None))
        .order_by(Answer.response_id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def place_on_map(
    session: Session,
    partnership_id: int,
    response_id: int,
    latitude: float,
    longitude: float,
    *,
    boundary: Boundary | None,
) -> Answer:
    """Give a report's place coordinates (an officer placing a report named without the map).

    The area and words the person gave are kept. Raises :class:`PlaceError` for a report that is
    not the partnership's, or a point outside the partnership's boundary.
    """
    if not is_on_earth(latitude, longitude):
        raise PlaceError("Enter a latitude between -90 and 90 and a longitude between -180 and 180")
    if boundary is not None and not boundary.contains(latitude, longitude):
        raise PlaceError("The place is outside the partnership's area: choose a place inside the boundary")
    scope = place_scope(session, partnership_id)
    row = session.scalar(
        select(Answer).join(Response, Response.id == Answer.response_id)
        .where(Answer.response_id == response_id, Response.partnership_id == partnership_id,
               Answer.consultation_id.in_(scope.consultation_ids or (-1,)),
               Answer.question_id.in_(scope.location_question_ids or ("",)))
    )
    if row is None:
        raise PlaceError("There is no such place report")
    row.latitude, row.longitude = latitude, longitude
    assign_answer(session, partnership_id, row)
    session.flush()
    return row
