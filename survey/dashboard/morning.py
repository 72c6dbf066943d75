"""The whole of the officers' morning dashboard, read in a fixed handful of statements."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from survey.dashboard.reports import NewReports, new_and_urgent_reports, report_window
from survey.dashboard.responses import (
    ConsultationRate,
    WeeklyResponses,
    local_date,
    open_consultation_rates,
    weekly_responses,
)
from survey.plans.store import Attention, needing_attention
from survey.tensions.dashboard import TensionDashboard, tension_dashboard


@dataclass(frozen=True)
class Morning:
    """What an officer needs each morning, for their partnership only."""

    today: dt.date
    reports: NewReports
    weekly: WeeklyResponses
    rates: list[ConsultationRate]
    plan: Attention
    tensions: TensionDashboard


def morning(
    session: Session,
    partnership_id: int,
    officer_id: int,
    session_began: dt.datetime | None,
    now: dt.datetime,
) -> Morning:
    """The dashboard for ``officer_id`` of ``partnership_id``, whose current session began at
    ``session_began``, as it stands at ``now`` (aware)."""
    today = local_date(now)
    window = report_window(session, officer_id, session_began, now)
    return Morning(
        today=today,
        reports=new_and_urgent_reports(session, partnership_id, window),
        weekly=weekly_responses(session, partnership_id, now),
        rates=open_consultation_rates(session, partnership_id, today),
        plan=needing_attention(session, partnership_id, today),
        tensions=tension_dashboard(session, partnership_id, today),
    )
