"""Publishing results: who may, when, what is frozen, and what the public can reach."""

from __future__ import annotations

import pytest

from analysis.published import publish
from survey.consultations import definition_of, set_status
from survey.publications import PUBLISHED_ACTION, UNPUBLISHED_ACTION
from survey.responses.store import store_response
from survey.vocabulary import ConsultationStatus, Role
from tests.analysis_data import COMMENT
from tests.factories import make_partnership
from tests.published import (
    LATER,
    OFFICER_PAGE,
    PUBLIC_PAGE,
    SLUG,
    closed_consultation,
    events,
    officer_client,
    post_button,
    publications,
    without_nonces,
)


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session)


class TestPublishOnTheWeb:
    def test_an_analyst_publishes_a_closed_consultation(self, app, db_session, partnership):
        closed_consultation(db_session, partnership)
        client = officer_client(app, db_session, partnership, Role.ANALYST)
        assert client.get(PUBLIC_PAGE).status_code == 404
        response = post_button(client, "publish")
        assert response.status_code == 302 and response.location.endswith(OFFICER_PAGE)
        page = client.get(OFFICER_PAGE).get_data(as_text=True)
        assert "The results are published" in page and "Unpublish results" in page
        [publication] = publications(db_session)
        [event] = events(db_session, PUBLISHED_ACTION)
        assert event.details == {"publication": publication.id, "via": "web"} and event.officer_id is not None
        public = app.test_client().get(PUBLIC_PAGE).get_data(as_text=True)
        assert "Fixture consultation: results" in public and "45</strong> people responded" in public

    def test_an_open_consultation_is_refused_with_a_reason(self, app, db_session, partnership):
        closed_consultation(db_session, partnership, status=ConsultationStatus.OPEN)
        client = officer_client(app, db_session, partnership, Role.ADMIN)
        assert "close it before you publish its results" in client.get(OFFICER_PAGE).get_data(as_text=True)
        page = client.get(post_button(client, "publish").location).get_data(as_text=True)
        assert "The consultation &#39;fixture&#39; is open: close it before you publish its results" in page
        assert publications(db_session) == [] and events(db_session, PUBLISHED_ACTION) == []

    def test_a_viewer_can_read_but_not_publish(self, app, db_session, partnership):
        closed_consultation(db_session, partnership)
        client = officer_client(app, db_session, partnership, Role.VIEWER)
        page = client.get(OFFICER_PAGE).get_data(as_text=True)
        assert "Publish results</h1>" in page and "Publish results</button>" not in page
        assert post_button(client, "publish").status_code == 403
        assert publications(db_session) == []

    def test_another_partnerships_officer_finds_nothing(self, app, db_session, partnership):
        closed_consultation(db_session, partnership)
        client = officer_client(app, db_session, make_partnership(db_session, "south"), Role.ADMIN)
        assert client.get(OFFICER_PAGE).status_code == 404
        assert post_button(client, "publish").status_code == 404
        assert publications(db_session) == []

    def test_unpublishing_takes_the_page_down_and_is_audited(self, app, db_session, partnership):
        closed_consultation(db_session, partnership)
        client = officer_client(app, db_session, partnership, Role.ANALYST)
        post_button(client, "publish")
        post_button(client, "unpublish")
        assert "The results are no longer published" in client.get(OFFICER_PAGE).get_data(as_text=True)
        for path in (PUBLIC_PAGE, f"{PUBLIC_PAGE}/data.csv", f"{PUBLIC_PAGE}/data.json"):
            assert app.test_client().get(path).status_code == 404
        assert SLUG not in app.test_client().get("/results").get_data(as_text=True)
        assert len(events(db_session, UNPUBLISHED_ACTION)) == 1

    def test_unpublishing_what_is_not_published_changes_nothing(self, app, db_session, partnership):
        closed_consultation(db_session, partnership)
        client = officer_client(app, db_session, partnership, Role.ANALYST)
        page = client.get(post_button(client, "unpublish").location).get_data(as_text=True)
        assert "The results of &#39;fixture&#39; are not published" in page
        assert events(db_session, UNPUBLISHED_ACTION) == []

    def test_a_button_without_its_csrf_token_is_refused(self, app, db_session, partnership):
        closed_consultation(db_session, partnership)
        client = officer_client(app, db_session, partnership, Role.ADMIN)
        assert client.post(f"/officer/consultations/{SLUG}/results/publish").status_code == 400
        assert publications(db_session) == []


class TestPublishFromTheCommandLine:
    def test_publish_then_unpublish(self, runner, db_session, partnership):
        closed_consultation(db_session, partnership)
        result = runner.invoke(args=["results", "publish", SLUG])
        assert result.exit_code == 0, result.output
        assert f"Published the results of '{SLUG}'" in result.output
        assert [event.details["via"] for event in events(db_session, PUBLISHED_ACTION)] == ["cli"]
        result = runner.invoke(args=["results", "unpublish", SLUG])
        assert result.exit_code == 0 and "no longer published" in result.output
        assert all(publication.withdrawn_at for publication in publications(db_session))

    def test_an_unknown_slug_is_a_clear_error(self, runner, db_session, partnership):
        result = runner.invoke(args=["results", "publish", "nope"])
        assert result.exit_code == 1 and "There is no consultation with the slug 'nope'" in result.output
        assert publications(db_session) == []

    @pytest.mark.parametrize("status", [ConsultationStatus.DRAFT, ConsultationStatus.OPEN])
    def test_a_draft_or_open_consultation_is_refused(self, runner, db_session, partnership, status):
        closed_consultation(db_session, partnership, status=status)
        result = runner.invoke(args=["results", "publish", SLUG])
        assert result.exit_code == 1
        assert f"is {status.value}: close it before you publish its results" in result.output
        assert publications(db_session) == []

    def test_unpublishing_what_is_not_published_is_an_error(self, runner, db_session, partnership):
        closed_consultation(db_session, partnership)
        result = runner.invoke(args=["results", "unpublish", SLUG])
        assert result.exit_code == 1 and "are not published" in result.output


class TestSnapshotIsFrozen:
    def test_later_responses_change_nothing_published(self, app, db_session, partnership):
        consultation = closed_consultation(db_session, partnership)
        publish(db_session, consultation)
        public = app.test_client()
        before = [without_nonces(public.get(PUBLIC_PAGE + suffix).get_data())
                  for suffix in ("", "/data.csv", "/data.json")]
        set_status(db_session, consultation, ConsultationStatus.OPEN)
        definition = definition_of(consultation)
        for answers, channel, when in LATER:
            store_response(db_session, consultation, definition, answers, channel=channel, submitted_at=when)
        after = [without_nonces(public.get(PUBLIC_PAGE + suffix).get_data())
                 for suffix in ("", "/data.csv", "/data.json")]
        assert after == before

    def test_publishing_again_makes_a_new_dated_snapshot(self, app, db_session, partnership):
        import datetime as dt

        consultation = closed_consultation(db_session, partnership)
        publish(db_session, consultation, now=dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC))
        definition = definition_of(consultation)
        for answers, channel, when in LATER:
            store_response(db_session, consultation, definition, answers, channel=channel, submitted_at=when)
        publish(db_session, consultation, now=dt.datetime(2026, 12, 3, 10, tzinfo=dt.UTC))
        page = app.test_client().get(PUBLIC_PAGE).get_data(as_text=True)
        assert "Published 3 December 2026." in page and "70</strong> people responded" in page
        assert len(publications(db_session)) == 2


class TestWhatThePublicCanReach:
    def test_unpublished_results_do_not_exist(self, app, db_session, partnership):
        closed_consultation(db_session, partnership)
        client = app.test_client()
        for path in (PUBLIC_PAGE, f"{PUBLIC_PAGE}/data.csv", f"{PUBLIC_PAGE}/data.json", "/results/nope"):
            assert client.get(path).status_code == 404
        assert "No results have been published yet" in client.get("/results").get_data(as_text=True)

    def test_no_free_text_is_ever_published(self, app, db_session, partnership):
        publish(db_session, closed_consultation(db_session, partnership))
        client = app.test_client()
        for path in (PUBLIC_PAGE, f"{PUBLIC_PAGE}/data.csv", f"{PUBLIC_PAGE}/data.json",
                     "/results/feed.atom"):
            body = client.get(path).get_data(as_text=True)
            assert COMMENT not in body and "What would make you feel safer?" not in body

    def test_the_home_page_lists_published_results(self, app, db_session, partnership):
        publish(db_session, closed_consultation(db_session, partnership))
        home = app.test_client().get("/").get_data(as_text=True)
        assert f'href="{PUBLIC_PAGE}"' in home and 'href="/results"' in home

    def test_the_page_shows_charts_with_their_tables_and_findings(self, app, db_session, partnership):
        publish(db_session, closed_consultation(db_session, partnership))
        page = app.test_client().get(PUBLIC_PAGE).get_data(as_text=True)
        assert page.count("<h1") == 1 and page.count('role="img"') >= 3 and page.count("<table") >= 3
        assert "Key findings" in page and "Ranked highest overall: “Alpha”" in page
        assert "Exit this page" in page
