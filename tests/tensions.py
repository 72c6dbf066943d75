"""Builders for tension tests: wards made directly (not from a boundary file), and place reports
counted in a ward by setting ``Answer.ward_id`` as the wards code would."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy.orm import Session

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.storage.models import Answer, Consultation, Partnership, Response, Ward
from survey.tensions.assessment import LOCAL_TIME
from survey.tensions.entries import TensionValues, create_entry
from survey.vocabulary import Channel, ConsultationStatus, TensionCategory, TensionLevel

SQUARE = (
    '{"type": "Polygon", "coordinates": [[[-0.13, 51.50], [-0.11, 51.50], [-0.11, 51.51], [-0.13, 51.50]]]}'
)


def make_ward(
    session: Session, partnership: Partnership, code: str = "E05000001", name: str = "Riverside"
) -> Ward:
    ward = Ward(
        partnership_id=partnership.id,
        code=code,
        name=name,
        geometry_geojson=SQUARE,
        min_longitude=-0.13,
        min_latitude=51.50,
        max_longitude=-0.11,
        max_latitude=51.51,
    )
    session.add(ward)
    session.flush()
    return ward


def make_report_consultation(
    session: Session, partnership: Partnership, template: str = "place-report"
) -> Consultation:
    return create_consultation(
        session,
        partnership,
        template_path(template).read_text(encoding="utf-8"),
        slug=f"{partnership.slug}-{template}",
        status=ConsultationStatus.OPEN,
    )


def add_reports(
    session: Session, consultation: Consultation, ward: Ward | None, day: dt.date, count: int
) -> None:
    """``count`` reports submitted at noon (UK time) on ``day`` with a location answer in ``ward``."""
    at = dt.datetime.combine(day, dt.time(12), LOCAL_TIME)
    for _n in range(count):
        response = Response(
            partnership_id=consultation.partnership_id,
            consultation_id=consultation.id,
            channel=Channel.WEB,
            reference=secrets.token_hex(8),
            submitted_at=at,
        )
        response.answers.append(
            Answer(
                consultation_id=consultation.id,
                question_id="place",
                latitude=51.505,
                longitude=-0.12,
                ward_id=ward.id if ward else None,
            )
        )
        session.add(response)
    session.flush()


def log_entry(
    session: Session,
    partnership: Partnership,
    ward: Ward,
    day: dt.date,
    level: TensionLevel = TensionLevel.MEDIUM,
    **overrides: object,
):  # type: ignore[no-untyped-def]
    values = TensionValues(
        entry_date=day,
        ward_id=ward.id,
        category=TensionCategory.PROTEST,
        level=level,
        source="Neighbourhood team",
        narrative="Words for officers only.",
    )
    values = TensionValues(**{**values.__dict__, **overrides})
    entry, _new = create_entry(session, partnership.id, values, officer_id=None)
    return entry
