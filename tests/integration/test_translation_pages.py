"""Officers see which texts of a consultation lack Welsh, Polish or Urdu, download them as CSV for a
translator and upload the translations back as a new version (issue 20)."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from survey.authoring.versions import versions
from survey.consultations import consultation_by_slug, create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.storage.models import AuditEvent
from survey.vocabulary import ConsultationStatus, Role
from tests.factories import make_partnership
from tests.web import csrf_token, officer_client

BASE = "/officer/consultations"
SOURCE = """\
id: town-survey
kind: consultation
title: Town survey
intro: Tell us what you think.
privacy_notice: We do not ask for your name.
pages:
  - questions:
      - id: feeling
        type: single_choice
        text:
          en: How do you feel in the town centre?
          cy: Sut ydych chi'n teimlo yng nghanol y dref?
        options:
          - {value: safe, label: {en: Safe, cy: Diogel}}
          - Unsafe
"""


@pytest.fixture
def owner(db_session):
    return make_partnership(db_session, "owner", "Owner Community Safety Partnership")


@pytest.fixture
def town(db_session, owner):
    return create_consultation(db_session, owner, SOURCE, slug="town", status=ConsultationStatus.OPEN)


@pytest.fixture
def signed_in(app, db_session, owner):
    return lambda role: officer_client(app, db_session, owner, role)


def _fresh(session, slug="town"):
    session.expire_all()
    return consultation_by_slug(session, slug)


def _rows(client, slug="town"):
    response = client.get(f"{BASE}/{slug}/translations.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _upload(client, rows, slug="town"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    url = f"{BASE}/{slug}/translations/upload"
    return client.post(url, content_type="multipart/form-data", data={
        "spreadsheet": (io.BytesIO(buffer.getvalue().encode("utf-8-sig")), "texts.csv"),
        "csrf_token": csrf_token(client, url),
    })


class TestWhatIsMissing:
    def test_the_page_lists_each_language_with_the_texts_it_lacks(self, signed_in, town):
        page = signed_in(Role.VIEWER).get(f"{BASE}/town/translations").get_data(as_text=True)
        assert "Welsh: 4 of 6 texts are not translated" in page
        assert "Polish: 6 of 6 texts are not translated" in page
        assert "question &#39;feeling&#39;: options[2]</span>: Unsafe" in page
        assert "Upload the translated spreadsheet" not in page  # a viewer cannot upload

    def test_the_builder_summary_says_how_many_texts_each_language_lacks(self, signed_in, town):
        page = signed_in(Role.VIEWER).get(f"{BASE}/town/build").get_data(as_text=True)
        assert "Welsh 4 not translated; Polish 6 not translated; Urdu 6 not translated" in page
        assert f'href="{BASE}/town/translations"' in page

    def test_a_shipped_template_lacks_nothing(self, signed_in, db_session, owner):
        source = template_path("place-report").read_text(encoding="utf-8")
        create_consultation(db_session, owner, source, slug="places")
        page = signed_in(Role.ANALYST).get(f"{BASE}/places/translations").get_data(as_text=True)
        for language in ("Welsh", "Polish", "Urdu"):
            assert f"{language}: every text is translated." in page
        assert "Upload the translated spreadsheet" in page


class TestDownloadAndUpload:
    def test_the_csv_has_a_row_per_text_with_its_languages(self, signed_in, town):
        rows = _rows(signed_in(Role.VIEWER))
        assert rows[0] == ["key", "en", "cy", "pl", "ur"]
        assert rows[4] == ["question.feeling.text", "How do you feel in the town centre?",
                           "Sut ydych chi'n teimlo yng nghanol y dref?", "", ""]
        keys = [row[0] for row in rows[5:]]
        assert keys == ["question.feeling.options.safe", "question.feeling.options.unsafe"]

    def test_an_upload_is_a_new_version_and_answers_keep_their_values(self, signed_in, db_session, town):
        client = signed_in(Role.ANALYST)
        rows = _rows(client)
        rows[6][1:] = ["Unsafe", "Anniogel", "Niebezpiecznie", "غیر محفوظ"]
        rows[1][3] = "Ankieta miejska"
        response = _upload(client, rows)
        assert response.status_code == 302
        town = _fresh(db_session)
        assert town.definition.version == 2
        polish = definition_of(town).in_language("pl")
        assert polish.title == "Ankieta miejska"
        assert [(o.value, o.label) for o in polish.question("feeling").options] == [
            ("safe", "Safe"), ("unsafe", "Niebezpiecznie")]
        welsh = definition_of(town).in_language("cy")
        assert welsh.question("feeling").text == "Sut ydych chi'n teimlo yng nghanol y dref?"
        event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "definition_changed"))
        assert event.details["via"] == "translations"
        page = client.get(f"{BASE}/town/translations").get_data(as_text=True)
        assert "The translations were saved. This is now version 2." in page

    def test_the_same_file_again_changes_nothing(self, signed_in, db_session, town):
        client = signed_in(Role.ANALYST)
        assert _upload(client, _rows(client)).status_code == 302
        assert len(versions(db_session, _fresh(db_session))) == 1

    def test_a_wrong_file_is_refused_whole_with_a_reason_per_row(self, signed_in, db_session, town):
        client = signed_in(Role.ANALYST)
        rows = _rows(client)
        rows[1][2] = "Arolwg y dref"  # fine on its own, but the file is all or nothing
        rows[2][1] = "Tell us what you really think."
        rows[3][0] = "question.nope.text"
        rows[4][1] = ""
        response = _upload(client, rows)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "Row 3: the English is not what the consultation says now" in page
        assert "Row 4: this consultation has no text with the key &#39;question.nope.text&#39;" in page
        assert "Row 5: the English is empty" in page
        assert "Nothing was changed" in page
        town = _fresh(db_session)
        assert town.definition.version == 1 and definition_of(town).in_language("cy").title == "Town survey"

    def test_a_file_that_is_not_utf8_is_refused(self, signed_in, town):
        client = signed_in(Role.ANALYST)
        url = f"{BASE}/town/translations/upload"
        response = client.post(url, content_type="multipart/form-data", data={
            "spreadsheet": (io.BytesIO("key,en\ntitle,Café\n".encode("cp1252")), "texts.csv"),
            "csrf_token": csrf_token(client, url),
        })
        assert response.status_code == 200
        assert "The file must be saved as CSV UTF-8" in response.get_data(as_text=True)
