"""Triage in the core: the reports list (filters, search, sort, pages) and what officers do with a
report (open, status, assignee, notes, reply), each change audited without the report's words."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from survey.officers import accounts as officers
from survey.storage.models import AuditEvent
from survey.triage import actions
from survey.triage.actions import Actor, TriageError, status_only_by_default
from survey.triage.listing import (
    ReportQuery,
    ReportSort,
    area_values,
    list_reports,
    report_by_reference,
    report_notes,
)
from survey.vocabulary import Channel, DefinitionKind, ReportStatus, Role
from tests.factories import make_officer, make_partnership
from tests.triage import KNIFE, Forms, at


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def forms(db_session, partnership):
    return Forms(db_session, partnership)


def references(page):
    return [item.reference for item in page.items]


def events(db_session, action):
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return list(db_session.scalars(query))


class TestWhatIsListed:
    def test_reports_and_urgent_survey_responses_but_not_calm_survey_answers(self, db_session, partnership,
                                                                              forms):
        worry, place = forms.worry(at=at(1)), forms.place(at=at(2))
        urgent_survey = forms.survey("i want to end it all", at=at(3))
        forms.survey("more lights please", at=at(4))
        page = list_reports(db_session, partnership.id)
        assert set(references(page)) == {worry.reference, place.reference, urgent_survey.reference}
        assert page.total == 3

    def test_another_partnerships_reports_are_never_listed_or_found(self, db_session, partnership, forms):
        mine = forms.worry()
        south = make_partnership(db_session, "south")
        theirs = Forms(db_session, south).worry()
        assert references(list_reports(db_session, partnership.id)) == [mine.reference]
        assert report_by_reference(db_session, theirs.reference, partnership.id) is None
        assert report_by_reference(db_session, theirs.reference) is theirs  # the command line sees all

    def test_a_reference_is_found_however_it_is_typed(self, db_session, partnership, forms):
        report = forms.place()
        typed = report.reference.replace("-", " ").lower()
        assert report_by_reference(db_session, typed, partnership.id) is report


class TestOrder:
    def test_an_unopened_urgent_report_is_on_top_whatever_the_sort_until_it_is_opened(
        self, db_session, partnership, forms
    ):
        first, second = forms.place(at=at(1)), forms.worry(at=at(2))
        urgent = forms.worry(KNIFE, at=at(3))
        newest = forms.place(at=at(4))
        oldest_first = ReportQuery(sort=ReportSort.OLDEST)
        assert references(list_reports(db_session, partnership.id, oldest_first)) == [
            urgent.reference, first.reference, second.reference, newest.reference]
        actions.record_opened(db_session, urgent, make_officer(db_session, partnership, Role.VIEWER))
        assert references(list_reports(db_session, partnership.id, oldest_first)) == [
            first.reference, second.reference, urgent.reference, newest.reference]
        newest_first = list_reports(db_session, partnership.id, ReportQuery(sort=ReportSort.NEWEST))
        assert references(newest_first) == [newest.reference, urgent.reference, second.reference,
                                            first.reference]

    def test_urgent_first_puts_opened_urgent_reports_above_calm_ones(self, db_session, partnership, forms):
        opened_urgent = forms.worry(KNIFE, at=at(1))
        calm = forms.place(at=at(2))
        waiting = forms.survey("i want to end it all", at=at(3))
        actions.record_opened(db_session, opened_urgent, make_officer(db_session, partnership))
        newer_waiting_first = list_reports(db_session, partnership.id)
        assert references(newer_waiting_first) == [waiting.reference, opened_urgent.reference, calm.reference]
        assert [item.waiting for item in newer_waiting_first.items] == [True, False, False]

    def test_an_urgent_report_moved_on_from_new_is_no_longer_pinned(self, db_session, partnership, forms):
        urgent = forms.worry(KNIFE, at=at(1))
        calm = forms.place(at=at(2))
        actions.set_status(db_session, urgent, ReportStatus.CLOSED, by=Actor.cli())
        page = list_reports(db_session, partnership.id, ReportQuery(sort=ReportSort.NEWEST))
        assert references(page) == [calm.reference, urgent.reference]


class TestFilters:
    @pytest.fixture
    def mixed(self, db_session, partnership, forms):
        officer = make_officer(db_session, partnership, Role.ANALYST)
        bot_worry = forms.worry(KNIFE, channel=Channel.BOT, at=at(10))
        web_place = forms.place("The Old Underpass by the station", at=at(20))
        abbey = forms.survey("i want to end it all", area="abbey", at=at(29, 23))  # 30 March, UK time
        actions.set_status(db_session, web_place, ReportStatus.REVIEWING, by=Actor.web(officer))
        actions.assign(db_session, bot_worry, officer, by=Actor.web(officer))
        return officer, bot_worry, web_place, abbey

    def listed(self, db_session, partnership, **wanted):
        return set(references(list_reports(db_session, partnership.id, ReportQuery(**wanted))))

    def test_each_filter_narrows_the_list(self, db_session, partnership, mixed):
        officer, bot_worry, web_place, abbey = mixed
        reviewing = (ReportStatus.REVIEWING,)
        assert self.listed(db_session, partnership, statuses=reviewing) == {web_place.reference}
        assert self.listed(db_session, partnership, urgent=True) == {bot_worry.reference, abbey.reference}
        assert self.listed(db_session, partnership, urgent=False) == {web_place.reference}
        assert self.listed(db_session, partnership, kinds=(DefinitionKind.CONSULTATION,)) == {abbey.reference}
        assert self.listed(db_session, partnership, channels=(Channel.BOT,)) == {bot_worry.reference}
        assert self.listed(db_session, partnership, area="abbey") == {abbey.reference}
        assert self.listed(db_session, partnership, area="castle") == set()
        assert self.listed(db_session, partnership, assigned_to=officer.id) == {bot_worry.reference}
        assert self.listed(db_session, partnership, unassigned=True) == {web_place.reference, abbey.reference}

    def test_dates_are_whole_uk_days(self, db_session, partnership, mixed):
        _officer, bot_worry, web_place, abbey = mixed
        # 23:00 UTC on 29 March 2026 is 00:00 on 30 March in UK summer time.
        day = dt.date(2026, 3, 30)
        assert self.listed(db_session, partnership, since=day, until=day) == {abbey.reference}
        assert self.listed(db_session, partnership, until=dt.date(2026, 3, 29)) == {
            bot_worry.reference, web_place.reference}
        assert self.listed(db_session, partnership, since=dt.date(2026, 3, 20)) == {
            web_place.reference, abbey.reference}

    def test_search_is_case_insensitive_and_finds_a_reference(self, db_session, partnership, mixed):
        _officer, bot_worry, web_place, _abbey = mixed
        assert self.listed(db_session, partnership, text="old UNDERPASS") == {web_place.reference}
        assert self.listed(db_session, partnership, text="KNIFE") == {bot_worry.reference}
        assert self.listed(db_session, partnership, text=bot_worry.reference.lower()) == {bot_worry.reference}
        assert self.listed(db_session, partnership, text="%") == set()  # a wildcard is searched as text
        assert self.listed(db_session, partnership, text="under_pass") == set()

    def test_filters_combine(self, db_session, partnership, mixed):
        _officer, bot_worry, _web_place, _abbey = mixed
        assert self.listed(db_session, partnership, urgent=True, channels=(Channel.BOT,), text="knife") == {
            bot_worry.reference}
        places = (DefinitionKind.PLACE_REPORT,)
        assert self.listed(db_session, partnership, urgent=True, kinds=places) == set()

    def test_the_areas_offered_are_those_answered(self, db_session, partnership, mixed):
        assert area_values(db_session, partnership.id) == ["abbey"]


class TestPages:
    @pytest.mark.parametrize(("asked", "shown"), [(1, 1), (2, 2), (3, 3), (9, 3), (0, 1), (-4, 1)])
    def test_the_page_shown_always_exists(self, db_session, partnership, forms, asked, shown):
        made = [forms.place(at=at(day)).reference for day in range(1, 6)]
        page = list_reports(db_session, partnership.id, ReportQuery(sort=ReportSort.OLDEST), page=asked,
                            per_page=2)
        assert (page.page, page.pages, page.total) == (shown, 3, 5)
        assert references(page) == made[(shown - 1) * 2: shown * 2]

    def test_an_empty_list_is_page_1_of_1(self, db_session, partnership):
        page = list_reports(db_session, partnership.id, page=5)
        assert (page.page, page.pages, page.items) == (1, 1, [])

    def test_a_full_last_page_makes_no_empty_page_after_it(self, db_session, partnership, forms):
        for day in range(1, 5):
            forms.place(at=at(day))
        page = list_reports(db_session, partnership.id, page=3, per_page=2)
        assert (page.page, page.pages, len(page.items)) == (2, 2, 2)


class TestActions:
    @pytest.fixture
    def officer(self, db_session, partnership):
        return make_officer(db_session, partnership, Role.ANALYST)

    def test_opening_sets_opened_at_once_and_is_audited_every_time(self, db_session, forms, officer):
        report = forms.worry(KNIFE)
        actions.record_opened(db_session, report, officer, now=at(5))
        actions.record_opened(db_session, report, officer, now=at(6))
        assert report.opened_at == at(5)
        first, second = events(db_session, "report_viewed")
        assert (first.details, second.details) == ({"first": True}, {})
        assert first.officer_id == officer.id and first.target_id == report.reference

    def test_a_status_change_is_audited_with_both_statuses(self, db_session, forms, officer):
        report = forms.worry(KNIFE)
        assert actions.set_status(db_session, report, "actioned", by=Actor.web(officer), now=at(7))
        assert (report.status, report.status_changed_at) == (ReportStatus.ACTIONED, at(7))
        [event] = events(db_session, "report_status_changed")
        assert event.details == {"via": "web", "from": "new", "to": "actioned"}
        assert event.officer_id == officer.id and event.target_type == "response"
        assert not actions.set_status(db_session, report, ReportStatus.ACTIONED, by=Actor.web(officer))
        assert len(events(db_session, "report_status_changed")) == 1

    def test_an_unknown_status_is_refused(self, db_session, forms, officer):
        report = forms.place()
        with pytest.raises(TriageError, match="Select a status"):
            actions.set_status(db_session, report, "done", by=Actor.cli())
        assert report.status == ReportStatus.NEW and events(db_session, "report_status_changed") == []

    def test_assigning_only_to_an_active_officer_of_the_same_partnership(self, db_session, forms, officer,
                                                                         partnership):
        report = forms.place()
        elsewhere = make_officer(db_session, make_partnership(db_session, "south"), Role.ADMIN)
        with pytest.raises(TriageError, match="this report's partnership"):
            actions.assign(db_session, report, elsewhere, by=Actor.web(officer))
        gone = make_officer(db_session, partnership, Role.VIEWER, email="gone@north.example")
        officers.set_active(db_session, gone, False)
        with pytest.raises(TriageError, match="deactivated"):
            actions.assign(db_session, report, gone, by=Actor.web(officer))
        assert report.assigned_officer_id is None
        assert actions.assign(db_session, report, officer, by=Actor.cli())
        assert actions.assign(db_session, report, None, by=Actor.cli())
        assert [e.details for e in events(db_session, "report_assigned")] == [
            {"via": "cli", "assigned_officer_id": officer.id}, {"via": "cli", "assigned_officer_id": None}]

    def test_a_note_is_kept_but_its_words_are_not_audited(self, db_session, forms, officer):
        report = forms.worry(KNIFE)
        note = actions.add_note(db_session, report, "  Spoke to the school safeguarding lead.  ",
                                by=Actor.web(officer))
        assert [n.text for n in report_notes(db_session, report)] == [
            "Spoke to the school safeguarding lead."]
        [event] = events(db_session, "report_note_added")
        assert event.details == {"via": "web", "note_id": note.id}
        for bad, message in (("   ", "Enter a note"), ("x" * 5001, "5,000 characters or fewer")):
            with pytest.raises(TriageError, match=message):
                actions.add_note(db_session, report, bad, by=Actor.web(officer))
        assert [n.id for n in report_notes(db_session, report)] == [note.id]

    def test_a_reply_is_stored_only_when_sent_and_can_be_taken_back(self, db_session, forms, officer):
        report = forms.worry(KNIFE)
        assert actions.set_reply(db_session, report, "We have told the school. Thank you.", by=Actor.cli(),
                                 now=at(8))
        assert (report.reply, report.replied_at) == ("We have told the school. Thank you.", at(8))
        assert actions.set_reply(db_session, report, None, by=Actor.web(officer))
        assert (report.reply, report.replied_at) == (None, None)
        assert not actions.set_reply(db_session, report, None, by=Actor.web(officer))
        details = [e.details for e in events(db_session, "report_reply_set")]
        assert details == [{"via": "cli", "shared": True}, {"via": "web", "shared": False}]
        assert "school" not in repr(details)

    def test_an_empty_or_long_reply_is_refused(self, db_session, forms):
        report = forms.place()
        for bad, message in (("  ", "Enter a reply"), ("x" * 2001, "2,000 characters or fewer")):
            with pytest.raises(TriageError, match=message):
                actions.set_reply(db_session, report, bad, by=Actor.cli())
        assert report.reply is None and events(db_session, "report_reply_set") == []

    def test_a_worry_about_home_shares_only_the_status_by_default(self, db_session, forms):
        home = forms.worry("things at home are bad", topic="home")
        bullying = forms.worry("they push me in the corridor")
        place = forms.place()
        consultation = forms.by_template
        assert status_only_by_default(consultation["worry"], home)
        assert not status_only_by_default(consultation["worry"], bullying)
        assert not status_only_by_default(consultation["place-report"], place)
