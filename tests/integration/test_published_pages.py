"""The published results' downloads (Open Government Licence), Atom feed and "You said, we did"."""

from __future__ import annotations

import csv
import io
import json
import re
from xml.etree import ElementTree

import pytest

from analysis.published import publish
from survey.publications import ENTRY_ADDED_ACTION, ENTRY_CHANGED_ACTION
from survey.vocabulary import Role
from tests.factories import make_partnership
from tests.published import PUBLIC_PAGE, SLUG, closed_consultation, events, officer_client
from tests.web import csrf_token

ATOM = "{http://www.w3.org/2005/Atom}"
NEW_ENTRY = f"/officer/consultations/{SLUG}/results/you-said-we-did/new"
ENTRY = {"you_said": "Alpha in the town centre", "we_did": "Two extra evening patrols each week.",
         "lead": "Council community safety team", "status": "in_progress"}


@pytest.fixture
def partnership(db_session):
    return make_partnership(db_session)


@pytest.fixture
def published(db_session, partnership):
    consultation = closed_consultation(db_session, partnership)
    publish(db_session, consultation)
    db_session.commit()
    return consultation


class TestDownloads:
    def test_csv_has_the_figures_and_the_licence(self, app, published):
        response = app.test_client().get(f"{PUBLIC_PAGE}/data.csv")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        assert "attachment" in response.headers["Content-Disposition"]
        assert 'rel="license"' in response.headers["Link"]
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
        assert rows[0]["measure"] == "responses" and rows[0]["value"] == "45"
        assert {row["licence"] for row in rows} == {"Open Government Licence v3.0"}
        [alpha] = [row for row in rows if row["question_id"] == "priorities" and row["answer"] == "Alpha"
                   and row["measure"] == "count"]
        assert alpha["value"] == "45" and alpha["base"] == "45"
        assert not any(row["question_id"] == "comments" for row in rows)

    def test_json_has_the_licence_and_the_frozen_report(self, app, published):
        response = app.test_client().get(f"{PUBLIC_PAGE}/data.json")
        document = json.loads(response.get_data(as_text=True))
        assert document["licence"]["name"] == "Open Government Licence v3.0"
        assert document["licence"]["url"].startswith("https://www.nationalarchives.gov.uk/")
        assert "Open Government Licence" in document["attribution"] and document["published_at"]
        assert document["report"]["public"] is True and document["report"]["responses"] == 45
        assert "comments" not in {question["id"] for question in document["report"]["questions"]}

    def test_the_page_says_the_figures_are_under_the_licence(self, app, published):
        page = app.test_client().get(PUBLIC_PAGE).get_data(as_text=True)
        assert "Open Government Licence v3.0" in page and f'href="{PUBLIC_PAGE}/data.csv"' in page


class TestAtomFeed:
    def test_valid_atom_with_an_entry_per_publication_and_update(self, app, db_session, published):
        client = officer_client(app, db_session, published.partnership, Role.ANALYST)
        client.post(NEW_ENTRY, data={**ENTRY, "csrf_token": csrf_token(client, NEW_ENTRY)})
        response = app.test_client().get("/results/feed.atom")
        assert response.status_code == 200 and response.mimetype == "application/atom+xml"
        feed = ElementTree.fromstring(response.get_data())
        assert feed.tag == f"{ATOM}feed"
        for name in ("id", "title", "updated"):
            assert feed.find(f"{ATOM}{name}").text
        assert feed.find(f"{ATOM}author/{ATOM}name").text == "North Community Safety Partnership"
        assert {link.get("rel") for link in feed.findall(f"{ATOM}link")} == {"self", "alternate"}
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 2
        for entry in entries:
            for name in ("id", "title", "updated", "summary"):
                assert entry.find(f"{ATOM}{name}").text
            assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost/results/fixture")
        assert len({entry.find(f"{ATOM}id").text for entry in entries}) == 2

    def test_an_empty_feed_is_still_valid(self, app, db_session, partnership):
        db_session.commit()
        feed = ElementTree.fromstring(app.test_client().get("/results/feed.atom").get_data())
        assert feed.find(f"{ATOM}updated").text and feed.findall(f"{ATOM}entry") == []


class TestYouSaidWeDid:
    def test_an_analyst_adds_an_entry_the_public_reads_with_its_date(self, app, db_session, published):
        client = officer_client(app, db_session, published.partnership, Role.ANALYST)
        response = client.post(NEW_ENTRY, data={**ENTRY, "csrf_token": csrf_token(client, NEW_ENTRY)})
        assert response.status_code == 302
        page = app.test_client().get(PUBLIC_PAGE).get_data(as_text=True)
        assert "You said: Alpha in the town centre" in page and "Two extra evening patrols" in page
        assert "Council community safety team" in page and "In progress" in page and "Updated " in page
        [event] = events(db_session, ENTRY_ADDED_ACTION)
        assert "patrols" not in json.dumps(event.details)  # the audit log records the change, not the words

    def test_changing_an_entry_updates_it_in_place(self, app, db_session, published):
        client = officer_client(app, db_session, published.partnership, Role.ANALYST)
        client.post(NEW_ENTRY, data={**ENTRY, "csrf_token": csrf_token(client, NEW_ENTRY)})
        [added] = events(db_session, ENTRY_ADDED_ACTION)
        path = f"/officer/consultations/{SLUG}/results/you-said-we-did/{added.target_id}"
        assert "Alpha in the town centre" in client.get(path).get_data(as_text=True)
        client.post(path, data={**ENTRY, "status": "done", "csrf_token": csrf_token(client, path)})
        page = app.test_client().get(PUBLIC_PAGE).get_data(as_text=True)
        assert page.count("You said: Alpha in the town centre") == 1 and re.search(r">\s*Done\s*<", page)
        assert len(events(db_session, ENTRY_CHANGED_ACTION)) == 1

    def test_a_blank_field_is_an_error_and_nothing_is_saved(self, app, db_session, published):
        client = officer_client(app, db_session, published.partnership, Role.ANALYST)
        token = csrf_token(client, NEW_ENTRY)
        page = client.post(NEW_ENTRY, data={**ENTRY, "lead": "   ", "csrf_token": token})
        text = page.get_data(as_text=True)
        assert page.status_code == 200 and "Enter who leads this" in text and "<title>Error:" in text
        assert events(db_session, ENTRY_ADDED_ACTION) == []

    def test_a_viewer_cannot_write_entries(self, app, db_session, published):
        client = officer_client(app, db_session, published.partnership, Role.VIEWER)
        assert client.get(NEW_ENTRY).status_code == 403

    def test_another_partnerships_entry_is_not_found(self, app, db_session, published):
        client = officer_client(app, db_session, published.partnership, Role.ANALYST)
        client.post(NEW_ENTRY, data={**ENTRY, "csrf_token": csrf_token(client, NEW_ENTRY)})
        [added] = events(db_session, ENTRY_ADDED_ACTION)
        other = officer_client(app, db_session, make_partnership(db_session, "south"), Role.ADMIN)
        path = f"/officer/consultations/{SLUG}/results/you-said-we-did/{added.target_id}"
        assert other.get(path).status_code == 404
        assert client.get(f"/officer/consultations/{SLUG}/results/you-said-we-did/999999").status_code == 404
