"""What an officer needs each morning, for the officers' dashboard: new and urgent reports since they
last signed in, responses this week against last, the open consultations and their response rates.

Read-only queries, each a fixed number of statements whatever the number of rows, all scoped to one
partnership. Days and weeks are UK local days (Europe/London); weeks begin on Monday.
"""

from survey.dashboard.morning import Morning, morning
from survey.dashboard.reports import NewReports, ReportWindow, new_and_urgent_reports, report_window
from survey.dashboard.responses import (
    ConsultationRate,
    WeekCounts,
    WeeklyResponses,
    open_consultation_rates,
    weekly_responses,
)

__all__ = [
    "ConsultationRate",
    "Morning",
    "NewReports",
    "ReportWindow",
    "WeekCounts",
    "WeeklyResponses",
    "morning",
    "new_and_urgent_reports",
    "open_consultation_rates",
    "report_window",
    "weekly_responses",
]
