"""What the officers' dashboard shows of tensions and events: upcoming events and flagged wards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from survey.storage.models import RiskEvent
from survey.tensions.assessment import borough_assessment, local_today
from survey.tensions.events import upcoming_events


@dataclass(frozen=True)
class TensionDashboard:
    events: list[RiskEvent]  # under way or starting in the next 28 days
    flagged_wards: list[str]  # names of the wards with an unusual rise this week


def tension_dashboard(
    session: Session, partnership_id: int, today: dt.date | None = None
) -> TensionDashboard:
    """The dashboard's part for tensions and events of risk."""
    today = today or local_today()
    flagged = [
        assessment.ward.name
        for assessment in borough_assessment(session, partnership_id, today, weeks=1)
        if assessment.latest.check.flagged
    ]
    return TensionDashboard(events=upcoming_events(session, partnership_id, today), flagged_wards=flagged)
