"""The officers' morning dashboard: new and urgent reports since the last sign-in, responses this week
against last, open consultations' rates and overdue actions, each counted from data made here under a
frozen clock, for one partnership only, in a number of statements that does not grow with the rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from sqlalchemy import event

from survey.consultations import set_dates, set_status
from survey.dashboard import new_and_urgent_reports, open_consultation_rates, report_window, weekly_responses
from survey.officers.audit import record_event
from survey.storage.types import utcnow
from survey.triage.actions import record_opened
from survey.vocabulary import ConsultationStatus, RagStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.plans import make_action, make_priority
from tests.triage import KNIFE, Forms
from tests.web import sign_in

# Wednesday 11 March 2026, 10:00 in London (GMT): this week began on Monday 9 March, last week on 2 March.
NOW = dt.datetime(2026, 3, 11, 10, 0, tzinfo=dt.UTC)


def utc(day: int, hour: int = 12, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def forms(db_session, north):
    with time_machine.travel(utc(1), tick=False):  # created on 1 March
        return Forms(db_session, north)


@pytest.fixture
def south_forms(db_session):
    with time_machine.travel(utc(1), tick=False):
        return Forms(db_session, make_partnership(db_session, "south"), "-s")


def rows_by_title(weekly):
    return {row.title: (row.this_week, row.last_week) for row in weekly.rows}


class TestResponsesThisWeekAgainstLast:
    def test_counts_each_consultation_by_uk_week_beginning_monday(self, db_session, forms, south_forms):
        forms.survey("earlier", at=utc(1, 23, 59))  # the week before last: not counted
        forms.survey("first minute of last week", at=utc(2, 0, 0))
        forms.survey("last minute of last week", at=utc(8, 23, 59))
        forms.survey("first minute of this week", at=utc(9, 0, 0))
        forms.survey("this morning", at=utc(11, 9))
        forms.worry(at=utc(10))
        south_forms.survey("another partnership's", at=utc(10))
        weekly = weekly_responses(db_session, forms.by_template["worry"].partnership_id, NOW)
        assert weekly.this_week_began == dt.date(2026, 3, 9)
        assert weekly.last_week_began == dt.date(2026, 3, 2)
        titles = {template: consultation.title for template, consultation in forms.by_template.items()}
        assert rows_by_title(weekly) == {
            titles["community-safety"]: (2, 2),
            titles["worry"]: (1, 0),
            titles["place-report"]: (0, 0),  # open, so shown even with nothing this week or last
        }
        assert (weekly.this_week, weekly.last_week) == (3, 2)
        assert weekly.rows[0].title == titles["community-safety"] and weekly.rows[0].change == 0

    def test_a_week_that_begins_in_summer_time_begins_at_midnight_in_london(self, db_session, forms):
        # Monday 30 March 2026 began at 23:00 UTC on Sunday 29 March (clocks went forward on the 29th).
        forms.survey("Sunday night in London, already Monday", at=utc(29, 23, 30))
        forms.survey("Sunday evening", at=utc(29, 22, 30))
        weekly = weekly_responses(db_session, forms.by_template["worry"].partnership_id, utc(1, 9, month=4))
        assert weekly.this_week_began == dt.date(2026, 3, 30)
        assert rows_by_title(weekly)[forms.by_template["community-safety"].title] == (1, 1)

    def test_a_closed_consultation_shows_only_when_it_had_responses_in_the_two_weeks(self, db_session, forms):
        forms.survey("a paper form typed in late", at=utc(3))
        set_status(db_session, forms.by_template["community-safety"], ConsultationStatus.CLOSED)
        set_status(db_session, forms.by_template["place-report"], ConsultationStatus.CLOSED)
        weekly = weekly_responses(db_session, forms.by_template["worry"].partnership_id, NOW)
        assert rows_by_title(weekly) == {
            forms.by_template["community-safety"].title: (0, 1),
            forms.by_template["worry"].title: (0, 0),
        }


class TestOpenConsultationRates:
    def test_rate_is_responses_a_day_since_opening_today_included(self, db_session, forms):
        survey = forms.by_template["community-safety"]
        set_dates(db_session, survey, dt.date(2026, 3, 2), dt.date(2026, 3, 31))
        for day in range(2, 12):
            forms.survey(f"day {day}", at=utc(day, 8))
            forms.survey(f"day {day} again", at=utc(day, 9))
        set_dates(db_session, forms.by_template["place-report"], dt.date(2026, 3, 20), None)
        set_status(db_session, forms.by_template["worry"], ConsultationStatus.CLOSED)
        rates = {
            rate.slug: rate for rate in open_consultation_rates(db_session, survey.partnership_id, NOW.date())
        }
        assert set(rates) == {survey.slug, forms.by_template["place-report"].slug}  # not the closed one
        survey_rate = rates[survey.slug]
        assert (survey_rate.responses, survey_rate.days_open, survey_rate.per_day) == (20, 10, 2.0)
        assert survey_rate.days_left == 20 and not survey_rate.from_creation
        not_yet = rates[forms.by_template["place-report"].slug]
        assert (not_yet.days_open, not_yet.per_day) == (0, None)

    def test_without_an_opening_date_the_rate_runs_from_the_day_it_was_created(self, db_session, forms):
        forms.worry(at=utc(5))
        forms.worry(at=utc(6))
        rates = open_consultation_rates(db_session, forms.by_template["worry"].partnership_id, NOW.date())
        worry = next(rate for rate in rates if rate.slug == forms.by_template["worry"].slug)
        assert worry.from_creation and worry.opened_on == dt.date(2026, 3, 1)
        assert (worry.days_open, worry.per_day) == (11, pytest.approx(2 / 11))


class TestNewAndUrgentReports:
    def test_new_means_since_the_previous_sign_in_or_24_hours_whichever_is_earlier(self, db_session, north):
        officer = make_officer(db_session, north)
        assert report_window(db_session, officer.id, NOW, NOW).since == NOW - dt.timedelta(hours=24)
        with time_machine.travel(utc(7, 17), tick=False):
            record_event(db_session, partnership_id=north.id, officer_id=officer.id, action="sign_in")
        db_session.flush()
        window = report_window(db_session, officer.id, NOW, NOW)
        assert window.since == utc(7, 17) and window.from_last_sign_in
        with time_machine.travel(utc(11, 8), tick=False):
            record_event(db_session, partnership_id=north.id, officer_id=officer.id, action="sign_in")
        db_session.flush()
        window = report_window(db_session, officer.id, NOW, NOW)
        assert window.since == NOW - dt.timedelta(hours=24) and window.last_sign_in == utc(11, 8)
        assert not window.from_last_sign_in
        # The sign-in that began this session is not "the last time".
        assert report_window(db_session, officer.id, utc(11, 7), NOW).last_sign_in == utc(7, 17)

    def test_urgent_first_unopened_urgent_kept_however_old_and_nothing_else_old(
        self, db_session, north, forms, south_forms
    ):
        officer = make_officer(db_session, north)
        old_place = forms.place(at=utc(8))
        old_urgent = forms.worry(KNIFE, at=utc(6))
        old_urgent_opened = forms.worry(KNIFE, at=utc(6, 13))
        record_opened(db_session, old_urgent_opened, officer)
        new_place = forms.place(at=utc(11, 9))
        new_urgent = forms.worry(KNIFE, at=utc(10, 18))
        forms.survey("a survey answer with no urgent words", at=utc(11, 8))
        south_forms.worry(KNIFE, at=utc(11, 8))
        window = report_window(db_session, officer.id, None, NOW)
        found = new_and_urgent_reports(db_session, north.id, window)
        references = [item.reference for item in found.items]
        assert references == [new_urgent.reference, old_urgent.reference, new_place.reference]
        assert old_place.reference not in references and old_urgent_opened.reference not in references
        assert (found.total, found.urgent, found.waiting) == (3, 2, 2)

    def test_the_list_is_cut_short_but_the_counts_are_not(self, db_session, north, forms):
        for hour in range(1, 9):
            forms.place(at=utc(11, hour))
        window = report_window(db_session, make_officer(db_session, north).id, None, NOW)
        found = new_and_urgent_reports(db_session, north.id, window, limit=5)
        assert len(found.items) == 5 and found.total == 8 and found.urgent == 0


def dashboard_html(client):
    response = client.get("/officer/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def signed_in_client(app, email):
    client = app.test_client()
    assert sign_in(client, email, PASSWORD).status_code == 302
    return client


class TestDashboardPage:
    def test_an_officer_sees_what_arrived_since_they_last_signed_in(self, app, db_session, north, forms):
        officer = make_officer(db_session, north, Role.VIEWER)
        with time_machine.travel(utc(6, 9), tick=False):
            signed_in_client(app, officer.email)  # Friday morning
        before = forms.place(at=utc(6, 8))
        weekend = forms.place(at=utc(7, 14))
        urgent = forms.worry(KNIFE, at=utc(8, 22))
        forms.survey("first this week", at=utc(9, 10))
        with time_machine.travel(utc(9, 8, 30), tick=False):  # Monday morning
            html = dashboard_html(signed_in_client(app, officer.email))
        assert "Since you last signed in, on 6 March 2026 at 9:00am" in html
        assert f'href="/officer/reports/{urgent.reference}"' in html
        assert html.index(urgent.reference) < html.index(weekend.reference)
        assert before.reference not in html
        assert "1 urgent report has not been opened by anyone yet" in html
        assert "Nothing falls due for deletion or anonymising in the next 30 days." in html

    def test_weekly_totals_rates_and_overdue_actions_are_on_the_page(self, app, db_session, north, forms):
        officer = make_officer(db_session, north, Role.VIEWER)
        set_dates(db_session, forms.by_template["community-safety"], dt.date(2026, 3, 2), None)
        for day in (3, 4, 10):
            forms.survey(f"day {day}", at=utc(day))
        priority = make_priority(db_session, north)
        make_action(db_session, priority, "Review the underpass lighting", due_on=dt.date(2026, 3, 1))
        make_action(db_session, priority, "Not due yet", due_on=dt.date(2026, 4, 1))
        make_action(db_session, priority, "Done late", due_on=dt.date(2026, 3, 1), status=RagStatus.COMPLETE)
        with time_machine.travel(NOW, tick=False):
            html = dashboard_html(signed_in_client(app, officer.email))
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        assert "Monday 9 March 2026" in text and "Monday 2 March 2026" in text
        assert "All consultations 1 2 -1" in text
        assert "Consultations have no target number of responses" in text
        assert "3 0.3 2 March 2026, 10 days" in text  # 3 responses over 10 days
        assert "Overdue actions (1)" in text and "Review the underpass lighting" in text
        assert "due 1 March 2026, led by Council" in text
        assert "Not due yet" not in text and "Done late" not in text

    def test_another_partnerships_reports_and_responses_never_show(
        self, app, db_session, north, forms, south_forms
    ):
        forms.survey("north", at=utc(10))
        south_urgent = south_forms.worry(KNIFE, at=utc(11, 8))
        for n in range(5):
            south_forms.survey(f"south {n}", at=utc(10, 9, n))
        with time_machine.travel(NOW, tick=False):
            html = dashboard_html(signed_in_client(app, make_officer(db_session, north, Role.VIEWER).email))
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        assert south_urgent.reference not in html
        assert "In the last 24 hours: 0 new or unopened urgent reports." in html
        assert "All consultations 1 0 +1" in text

    def test_the_number_of_statements_does_not_grow_with_the_rows(
        self, app, db_session, engine, north, forms
    ):
        officer = make_officer(db_session, north, Role.VIEWER)
        forms.place(at=utc(11, 8))
        forms.survey("one", at=utc(10))
        make_action(db_session, make_priority(db_session, north), "One overdue", due_on=dt.date(2026, 3, 1))
        with time_machine.travel(NOW, tick=False):
            client = signed_in_client(app, officer.email)
            few = statements_for(engine, client)
        for n in range(6):
            forms.place(at=utc(11, 8, n))
            forms.worry(KNIFE, at=utc(11, 7, n))
            forms.survey(f"more {n}", at=utc(9, 9, n))
            make_action(
                db_session,
                make_priority(db_session, north, f"Priority {n}"),
                f"Overdue {n}",
                due_on=dt.date(2026, 3, 2),
                status=RagStatus.RED,
            )
        with time_machine.travel(NOW, tick=False):
            many = statements_for(engine, client)
        assert many == few, f"{few} statements with a few rows, {many} with more"
        assert few <= 26  # the summary's reads, the retention due (one per kind) and the layout's


def statements_for(engine, client) -> int:
    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):  # not the test's savepoints
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        dashboard_html(client)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def test_utcnow_is_frozen_by_time_machine():
    """The dashboard's clock is survey.storage.types.utcnow; these tests rely on time-machine moving it."""
    with time_machine.travel(NOW, tick=False):
        assert utcnow() == NOW
