"""The officers' reports pages: the list (filters, search, sort, pages) and one report with its
status, assignee, notes and reply; who may read and who may change."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from survey.answers import AnswerPart
from survey.consultations import definition_of
from survey.responses.store import NewResponse, store_responses
from survey.storage.models import AuditEvent, ReportNote, Response
from survey.vocabulary import Channel, ReportStatus, Role
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.fuzz.conftest import assert_no_5xx, fuzz, text
from tests.triage import KNIFE, Forms, at
from tests.web import csrf_token, sign_in

REPORTS = "/officer/reports"
SELECT_SHARE = "Select whether to send a reply or only the status"


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def forms(db_session, partnership):
    return Forms(db_session, partnership)


def signed_in(app, db_session, partnership, role=Role.ANALYST, email=None):
    officer = make_officer(db_session, partnership, role, email=email)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client, officer


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def post(client, reference, action, **data):
    token = csrf_token(client, "/sign-out")  # a page with a form for every officer, viewers too
    return client.post(f"{REPORTS}/{reference}/{action}", data={"csrf_token": token, **data})


def events(db_session, action):
    return list(db_session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def fresh(db_session, report):
    db_session.expire_all()
    return db_session.get(Response, report.id)


class TestTheList:
    def test_filters_come_from_a_get_form_and_narrow_the_list(self, app, db_session, partnership, forms):
        urgent_bot = forms.worry(KNIFE, channel=Channel.BOT, at=at(3))
        place = forms.place("the dark alley behind Tesco", at=at(2))
        client, me = signed_in(app, db_session, partnership)
        page = page_of(client, REPORTS)
        assert '<form method="get"' in page and "2 reports" in page
        assert "Not opened" in page and "behind Tesco" not in page  # the list never shows content
        assert place.reference not in page_of(client, f"{REPORTS}?urgent=yes")
        assert urgent_bot.reference not in page_of(client, f"{REPORTS}?channel=web")
        assert urgent_bot.reference not in page_of(client, f"{REPORTS}?kind=place_report")
        searched = page_of(client, f"{REPORTS}?q=TESCO")
        assert place.reference in searched and urgent_bot.reference not in searched
        assert "1 report<" in searched and 'value="TESCO"' in searched
        post(client, place.reference, "assignee", assignee=str(me.id))
        mine = page_of(client, f"{REPORTS}?assignee=me")
        assert place.reference in mine and urgent_bot.reference not in mine and me.email in mine
        nobody = page_of(client, f"{REPORTS}?assignee=nobody")
        assert urgent_bot.reference in nobody and place.reference not in nobody
        post(client, place.reference, "status", new_status="reviewing")
        reviewing = page_of(client, f"{REPORTS}?status=reviewing&status=closed")
        assert place.reference in reviewing and urgent_bot.reference not in reviewing

    def test_sorting_keeps_an_unopened_urgent_report_on_top(self, app, db_session, partnership, forms):
        old, urgent, new = forms.place(at=at(1)), forms.worry(KNIFE, at=at(2)), forms.place(at=at(3))
        client, _ = signed_in(app, db_session, partnership)
        oldest = page_of(client, f"{REPORTS}?sort=oldest")
        assert oldest.index(urgent.reference) < oldest.index(old.reference) < oldest.index(new.reference)
        page_of(client, f"{REPORTS}/{urgent.reference}")  # opening it lets it take its place
        oldest = page_of(client, f"{REPORTS}?sort=oldest")
        assert oldest.index(old.reference) < oldest.index(urgent.reference) < oldest.index(new.reference)
        assert "Not opened" not in oldest

    def test_a_bad_date_is_named_and_the_rest_of_the_filters_still_apply(self, app, db_session, partnership,
                                                                          forms):
        place = forms.place(at=at(2))
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        page = page_of(client, f"{REPORTS}?from=2026-02-30&kind=place_report")
        assert "<title>Error: Reports" in page and "There is a problem with the filters" in page
        assert 'href="#filter-from"' in page and "Enter a real date" in page
        assert place.reference in page
        backwards = page_of(client, f"{REPORTS}?from=2026-03-05&to=2026-03-01")
        assert "The end date must be the same as or after the start date" in backwards

    def test_dates_filter_by_uk_day(self, app, db_session, partnership, forms):
        late = forms.place(at=at(29, 23))  # 00:00 on 30 March, UK summer time
        early = forms.place(at=at(29, 10))
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        page = page_of(client, f"{REPORTS}?from=2026-03-30&to=2026-03-30")
        assert late.reference in page and early.reference not in page

    def test_the_area_filter_appears_once_an_area_is_answered(self, app, db_session, partnership, forms):
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        forms.worry(KNIFE)
        assert 'name="area"' not in page_of(client, REPORTS)
        abbey = forms.survey("i want to end it all", area="abbey")
        page = page_of(client, REPORTS)
        assert '<option value="abbey">Abbey</option>' in page
        filtered = page_of(client, f"{REPORTS}?area=abbey")
        assert abbey.reference in filtered and "1 report<" in filtered


class TestPages:
    @pytest.fixture
    def many(self, db_session, forms):
        consultation = forms.by_template["place-report"]
        answers = {"feeling": (AnswerPart(option="unsafe"),), "place": (AnswerPart(text="the park"),)}
        batch = [NewResponse(answers, Channel.WEB, submitted_at=at(1 + n // 24, n % 24)) for n in range(53)]
        store_responses(db_session, consultation, definition_of(consultation), batch)

    def test_asking_past_the_last_page_shows_the_last_page(self, app, db_session, partnership, many):
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        page = page_of(client, f"{REPORTS}?page=9&kind=place_report")
        assert "53 reports, page 2 of 2" in page and "page 9" not in page
        assert page.count('class="govuk-table__row"') == 1 + 3  # the header and the last three
        assert 'class="govuk-pagination"' in page and 'aria-current="page"' in page
        previous = re.search(r'<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="prev"', page)
        assert previous and "page=1" in previous.group(1) and "kind=place_report" in previous.group(1)
        assert 'rel="next"' not in page

    @pytest.mark.parametrize("asked", ["0", "-1", "two", "1e3", ""])
    def test_a_page_that_is_not_a_number_is_the_first(self, app, db_session, partnership, many, asked):
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        page = page_of(client, f"{REPORTS}?page={asked}")
        assert "53 reports, page 1 of 2" in page and 'rel="next"' in page and 'rel="prev"' not in page

    def test_one_page_has_no_pagination(self, app, db_session, partnership, forms):
        forms.place()
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        page = page_of(client, f"{REPORTS}?page=4")
        assert "govuk-pagination" not in page and "1 report<" in page


class TestAReport:
    def test_the_urgent_tag_is_on_the_answer_that_raised_it(self, app, db_session, partnership, forms):
        report = forms.store("place-report", {
            "feeling": (AnswerPart(option="unsafe"),), "place": (AnswerPart(text="the bus station"),),
            "details": (AnswerPart(text="older boys there carry a knife"),)})
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        page = page_of(client, f"{REPORTS}/{report.reference}")
        assert page.count("Urgent: Weapons</strong>") == 1
        tagged = page.index("Urgent: Weapons</strong>")
        assert page.index("the bus station") < tagged < page.index("older boys there carry a knife")

    def test_opening_is_audited_and_unpins_it(self, app, db_session, partnership, forms):
        report = forms.worry(KNIFE)
        client, officer = signed_in(app, db_session, partnership, Role.VIEWER)
        page = page_of(client, f"{REPORTS}/{report.reference}")
        assert "he carries a knife<br>every day" in page
        [event] = events(db_session, "report_viewed")
        assert (event.officer_id, event.target_id) == (officer.id, report.reference)
        assert event.details == {"first": True}
        assert fresh(db_session, report).opened_at is not None

    def test_a_viewer_reads_but_cannot_change(self, app, db_session, partnership, forms):
        report = forms.worry(KNIFE)
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)
        page = page_of(client, f"{REPORTS}/{report.reference}")
        assert "Only analysts and administrators can change" in page and "Change status" not in page
        for action, data in (("status", {"new_status": "closed"}), ("assignee", {"assignee": ""}),
                             ("notes", {"note": "hello"}), ("reply", {"share": "reply", "reply": "hi"})):
            assert post(client, report.reference, action, **data).status_code == 403
        report = fresh(db_session, report)
        assert (report.status, report.reply) == (ReportStatus.NEW, None)
        assert db_session.scalars(select(ReportNote)).all() == []

    def test_another_partnerships_report_is_not_found(self, app, db_session, partnership, forms):
        report = forms.worry(KNIFE)
        client, _ = signed_in(app, db_session, make_partnership(db_session, "south"), Role.ADMIN)
        assert client.get(f"{REPORTS}/{report.reference}").status_code == 404
        token = csrf_token(client, "/sign-out")
        answer = client.post(f"{REPORTS}/{report.reference}/status", data={"csrf_token": token,
                                                                          "new_status": "closed"})
        assert answer.status_code == 404 and fresh(db_session, report).status == ReportStatus.NEW
        assert events(db_session, "report_viewed") == []

    def test_a_post_without_the_csrf_token_is_refused(self, app, db_session, partnership, forms):
        report = forms.place()
        client, _ = signed_in(app, db_session, partnership)
        answer = client.post(f"{REPORTS}/{report.reference}/status", data={"new_status": "closed"})
        assert answer.status_code == 400
        assert fresh(db_session, report).status == ReportStatus.NEW


class TestChanges:
    def test_status_assignee_and_note_are_saved_audited_and_shown(self, app, db_session, partnership, forms):
        report = forms.worry(KNIFE)
        colleague = make_officer(db_session, partnership, Role.VIEWER, email="sam@north.example")
        client, me = signed_in(app, db_session, partnership)
        answer = post(client, report.reference, "status", new_status="actioned")
        assert answer.status_code == 302 and answer.location.endswith(f"{REPORTS}/{report.reference}")
        assert post(client, report.reference, "assignee", assignee=str(colleague.id)).status_code == 302
        assert post(client, report.reference, "notes", note="Passed to the\nschool's DSL").status_code == 302
        page = page_of(client, f"{REPORTS}/{report.reference}")
        assert "Note added" in page and "Passed to the<br>school&#39;s DSL" in page
        assert "Actioned" in page and "sam@north.example" in page
        report = fresh(db_session, report)
        assert (report.status, report.assigned_officer_id) == (ReportStatus.ACTIONED, colleague.id)
        [status] = events(db_session, "report_status_changed")
        assert status.officer_id == me.id
        assert status.details == {"via": "web", "from": "new", "to": "actioned"}
        [assigned] = events(db_session, "report_assigned")
        assert assigned.details == {"via": "web", "assigned_officer_id": colleague.id}
        [noted] = events(db_session, "report_note_added")
        assert "DSL" not in repr(noted.details) and "knife" not in repr(noted.details)

    def test_bad_input_shows_a_govuk_error_and_changes_nothing(self, app, db_session, partnership, forms):
        report = forms.place()
        elsewhere = make_officer(db_session, make_partnership(db_session, "south"), Role.ADMIN)
        client, _ = signed_in(app, db_session, partnership)
        for action, data, message, anchor in (
            ("status", {"new_status": "done"}, "Select a status", "#new_status"),
            ("status", {}, "Select a status", "#new_status"),
            ("assignee", {"assignee": str(elsewhere.id)}, "Select an officer from the list", "#assignee"),
            ("notes", {"note": "   "}, "Enter a note", "#note"),
            ("reply", {"share": "reply", "reply": " "}, "Enter a reply, or choose to send only the status",
             "#reply"),
            ("reply", {}, SELECT_SHARE, "#share"),
            ("reply", {"share": "everything", "reply": "hi"}, SELECT_SHARE, "#share"),
        ):
            answer = post(client, report.reference, action, **data)
            page = answer.get_data(as_text=True)
            assert answer.status_code == 200, (action, data)
            assert "<title>Error: Report" in page and 'class="govuk-error-summary"' in page
            assert message in page and f'href="{anchor}"' in page, (action, data)
        report = fresh(db_session, report)
        assert (report.status, report.assigned_officer_id, report.reply) == (ReportStatus.NEW, None, None)
        assert db_session.scalars(select(ReportNote)).all() == []
        assert events(db_session, "report_status_changed") == events(db_session, "report_reply_set") == []

    def test_the_reply_form_warns_and_a_reply_is_sent_only_when_chosen(self, app, db_session, partnership,
                                                                       forms):
        report = forms.worry("someone is selling vapes to year 7s", topic="drugs")
        client, _ = signed_in(app, db_session, partnership)
        page = page_of(client, f"{REPORTS}/{report.reference}")
        assert "Whoever holds the reporter&#39;s phone may read this reply" in page
        assert re.search(r'value="reply" checked', page)  # not about home: a reply is offered first
        post(client, report.reference, "reply", share="reply", reply="Thank you. We have told the police.")
        assert fresh(db_session, report).reply == "Thank you. We have told the police."
        post(client, report.reference, "reply", share="status_only", reply="Thank you. We told the police.")
        assert fresh(db_session, report).reply is None
        assert [e.details["shared"] for e in events(db_session, "report_reply_set")] == [True, False]

    def test_a_worry_about_home_starts_at_status_only(self, app, db_session, partnership, forms):
        report = forms.worry("my step dad shouts and hits my mum", topic="home")
        client, _ = signed_in(app, db_session, partnership)
        page = page_of(client, f"{REPORTS}/{report.reference}")
        assert re.search(r'value="status_only" checked', page)
        assert not re.search(r'value="reply" checked', page)
        assert "This worry is about something at home" in page
        post(client, report.reference, "reply", share="status_only", reply="")
        assert fresh(db_session, report).reply is None
        post(client, report.reference, "reply", share="reply", reply="We are looking into this.")
        assert fresh(db_session, report).reply == "We are looking into this."


class TestGeneratedQueries:
    """Whatever a query string or a form holds, the reports pages answer without a 5xx."""

    NAMES = ["status", "urgent", "kind", "channel", "area", "from", "to", "assignee", "q", "sort", "page"]

    def test_the_list_never_fails(self, app, db_session, partnership, forms):
        forms.worry(KNIFE)
        forms.survey("i want to end it all", area="abbey")
        client, _ = signed_in(app, db_session, partnership, Role.VIEWER)

        @fuzz
        @given(params=st.lists(st.tuples(st.sampled_from(self.NAMES) | text, text), max_size=8))
        def check(params):
            path = f"{REPORTS}?{urlencode(params)}"
            assert_no_5xx(client.get(path), path)

        check()
        for nul in ("q=a%00b", "area=%00", "assignee=%00", "from=%00", "kind=%00&status=%00"):
            assert client.get(f"{REPORTS}?{nul}").status_code == 200, nul  # PostgreSQL refuses a NUL

    def test_the_forms_never_fail(self, app, db_session, partnership, forms):
        report = forms.worry(KNIFE, topic="home")
        client, _ = signed_in(app, db_session, partnership)
        token = csrf_token(client, "/sign-out")
        fields = ["new_status", "assignee", "note", "share", "reply"]

        @fuzz
        @given(action=st.sampled_from(["status", "assignee", "notes", "reply"]),
               data=st.dictionaries(st.sampled_from(fields) | text, text, max_size=4))
        def check(action, data):
            path = f"{REPORTS}/{report.reference}/{action}"
            assert_no_5xx(client.post(path, data={**data, "csrf_token": token}), path)

        check()
