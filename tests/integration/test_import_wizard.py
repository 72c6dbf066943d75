"""The officer import wizard: upload, check the matches (and change them), check the counts, import (a
job the background worker runs: here the real task, run from the queue on the test's connection)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.storage.models import Answer, AuditEvent, ImportFingerprint, Response
from survey.vocabulary import ConsultationStatus, Role
from survey.worker.queue import TaskQueue
from tests.factories import make_partnership
from tests.imports_samples import SAMPLES
from tests.integration.test_task_queue import run_everything_queued, sibling_sessions
from tests.web import csrf_token, officer_client

WIZARD = "/officer/consultations/annual/import"
GOOGLE = (SAMPLES / "google-forms.csv").read_bytes()
DAY = "How safe do you feel walking alone in your local area during the day?"
RESPONSES = 6


@pytest.fixture
def owner(db_session):
    return make_partnership(db_session, "owner")


@pytest.fixture
def annual(db_session, owner):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, owner, source, slug="annual", status=ConsultationStatus.OPEN)


@pytest.fixture
def analyst(app, db_session, owner, annual):
    return officer_client(app, db_session, owner, Role.ANALYST)


@pytest.fixture
def kept(app):
    """The files the wizard keeps in the instance folder."""
    folder = app.extensions["safer_voices"].settings.instance_path / "imports"
    return lambda: sorted(path.name for path in folder.glob("*")) if folder.exists() else []


def upload(client, data: bytes, name: str = "Community safety (Responses) - Form responses 1.csv", **extra):
    form = {"responses_file": (io.BytesIO(data), name), "tool": "auto", "sheet": "",
            "csrf_token": csrf_token(client, f"{WIZARD}/upload"), **extra}
    return client.post(f"{WIZARD}/upload", data=form, content_type="multipart/form-data")


def matches(client, **choices):
    token = csrf_token(client, f"{WIZARD}/matches")
    return client.post(f"{WIZARD}/matches", data={"csrf_token": token, **choices})


def import_file(client, **extra):
    token = csrf_token(client, f"{WIZARD}/check")
    return client.post(f"{WIZARD}/check", data={"csrf_token": token, **extra})


@pytest.fixture
def worker(settings, db_session):
    """Run what the app queued, as the worker does (the same tasks, from the same queue)."""
    queue = TaskQueue(settings, session_factory=sibling_sessions(db_session))
    return lambda: run_everything_queued(queue)


def imported(client, worker, **extra) -> str:
    """Import from the check page: the post queues the job and leads (303) to its status page; the
    worker runs it; the status page then says what happened."""
    response = import_file(client, **extra)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Location"].startswith(f"{WIZARD}/jobs/")
    assert worker() >= 1  # the import, and whatever it queues in turn (an urgent alert)
    return client.get(response.headers["Location"]).get_data(as_text=True)


def stored(session, consultation, question=None):
    if question is None:
        query = select(func.count()).select_from(Response).where(Response.consultation_id == consultation.id)
    else:
        query = (select(func.count()).select_from(Answer).join(Response)
                 .where(Response.consultation_id == consultation.id, Answer.question_id == question))
    return session.scalar(query)


def column_index(header: str, data: bytes = GOOGLE) -> int:
    return data.decode("utf-8").splitlines()[0].count(",", 0, data.decode("utf-8").index(header))


class TestUpload:
    def test_the_file_is_kept_under_a_random_name_and_matches_are_shown(self, analyst, kept):
        response = upload(analyst, GOOGLE)
        assert response.status_code == 302 and response.headers["Location"] == f"{WIZARD}/matches"
        names = kept()
        assert len(names) == 1 and "Community" not in names[0] and names[0].endswith(".upload")
        page = analyst.get(f"{WIZARD}/matches").get_data(as_text=True)
        assert "looks like an export from <strong>Google Forms</strong>" in page
        assert "Never stored: this column identifies people" in page  # Email address
        assert '<option value="safety_day" selected>' in page

    def test_a_formula_cell_is_refused_by_row_and_column_and_not_kept(self, analyst, kept):
        book = Workbook()
        sheet = book.active
        sheet.append([DAY, "What would make you feel safer?"])
        sheet.append(["Very safe", "Lights"])
        sheet.append(["Fairly safe", "=A2"])
        data = io.BytesIO()
        book.save(data)
        response = upload(analyst, data.getvalue(), "responses.xlsx")
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "Row 3, column B holds a formula" in page
        assert kept() == []

    def test_a_file_of_another_kind_is_refused(self, analyst, kept):
        page = upload(analyst, b"hello", "notes.txt").get_data(as_text=True)
        assert "is not a file that can be imported" in page and kept() == []


class TestMatches:
    def test_an_unmatched_column_shows_its_closest_candidates(self, analyst):
        data = GOOGLE.replace(DAY.encode(), b"How safe do you feel walking in the day")
        upload(analyst, data)
        page = analyst.get(f"{WIZARD}/matches").get_data(as_text=True)
        assert "Not matched. The closest are: " in page
        assert "(safety_day)" in page.split("Not matched. The closest are: ")[1].split("</div>")[0]
        response = matches(analyst, submit="Continue")
        assert response.status_code == 200
        assert "Choose where the column &#39;How safe do you feel walking in the day&#39; goes" in (
            response.get_data(as_text=True))

    def test_an_override_changes_what_is_stored(self, analyst, db_session, annual, worker):
        upload(analyst, GOOGLE)
        index = column_index(DAY)
        response = matches(analyst, **{f"column-{index}": "ignore"}, check_again="Check again")
        assert '<option value="ignore" selected>' in response.get_data(as_text=True).split(
            f'id="column-{index}"')[1].split("</select>")[0]
        assert matches(analyst, submit="Continue").headers["Location"] == f"{WIZARD}/check"
        assert f"Stored {RESPONSES} responses." in imported(analyst, worker)
        assert stored(db_session, annual) == RESPONSES
        assert stored(db_session, annual, "safety_day") == 0
        assert stored(db_session, annual, "safety_dark") > 0

    def test_an_identifying_column_has_no_select_and_is_never_stored(self, analyst, db_session, annual,
                                                                     worker):
        upload(analyst, GOOGLE.replace(b"18:05:09,,", b"18:05:09,someone@example.org,"))
        email, safer = column_index("Email address"), column_index("What would make you feel safer?")
        assert f'id="column-{email}"' not in analyst.get(f"{WIZARD}/matches").get_data(as_text=True)
        matches(analyst, **{f"column-{email}": "feel_safer", f"column-{safer}": "ignore"}, submit="Continue")
        imported(analyst, worker)
        assert stored(db_session, annual) == RESPONSES
        assert stored(db_session, annual, "feel_safer") == 0
        assert not any("@" in text for text in db_session.scalars(select(Answer.text)) if text)


class TestImport:
    def test_the_counts_are_shown_then_stored_audited_and_the_file_deleted(self, analyst, db_session,
                                                                             annual, kept, worker):
        upload(analyst, GOOGLE)
        page = analyst.get(f"{WIZARD}/check").get_data(as_text=True)
        assert f"<strong>{RESPONSES} responses</strong> can be added" in page and "Very safe" in page
        assert "I mean to import this file again" not in page
        done = imported(analyst, worker)
        assert stored(db_session, annual) == RESPONSES and kept() == []
        event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "responses_imported")).one()
        assert event.details["from"] == "google-forms" and event.details["via"] == "wizard"
        assert f"Stored {RESPONSES} responses." in done and "Answers added" in done
        assert 'http-equiv="refresh"' not in done

    def test_nothing_is_stored_when_any_row_fails(self, analyst, db_session, annual, kept, worker):
        lines = GOOGLE.decode("utf-8").splitlines(keepends=True)
        lines[2] = lines[2].replace(",Fairly", ",Extremely", 1)
        upload(analyst, "".join(lines).encode("utf-8"))
        page = analyst.get(f"{WIZARD}/check").get_data(as_text=True)
        assert "There is a problem with the file" in page and "Row 3, column" in page
        page = imported(analyst, worker)
        assert "No responses were imported" in page and "Nothing was stored" in page
        assert "Problems (1)" in page and stored(db_session, annual) == 0 and kept() == []
        upload(analyst, "".join(lines).encode("utf-8"))
        assert "Stored 5 responses." in imported(analyst, worker, skip_invalid="y")
        assert stored(db_session, annual) == RESPONSES - 1

    def test_a_second_import_of_the_same_file_is_refused_unless_ticked(self, analyst, db_session, annual,
                                                                        worker):
        upload(analyst, GOOGLE)
        imported(analyst, worker)
        upload(analyst, GOOGLE)
        assert "I mean to import this file again" in analyst.get(f"{WIZARD}/check").get_data(as_text=True)
        page = import_file(analyst).get_data(as_text=True)
        assert "This file was already imported into this consultation on" in page
        assert "<title>Error:" in page and stored(db_session, annual) == RESPONSES
        assert "Stored 6 responses." in imported(analyst, worker, allow_duplicate="y")
        assert stored(db_session, annual) == 2 * RESPONSES
        assert db_session.scalar(select(func.count()).select_from(ImportFingerprint)) == 2

    def test_without_an_upload_the_steps_lead_back_to_it(self, analyst):
        for step in ("matches", "check"):
            assert analyst.get(f"{WIZARD}/{step}").headers["Location"] == f"{WIZARD}/upload"


class TestAccess:
    @pytest.mark.parametrize("step", ["upload", "matches", "check", "mapping"])
    def test_another_partnerships_officer_gets_404(self, app, db_session, annual, step):
        client = officer_client(app, db_session, make_partnership(db_session, "elsewhere"), Role.ADMIN)
        assert client.get(f"{WIZARD}/{step}").status_code == 404

    def test_a_viewer_may_not_import(self, app, db_session, owner, annual):
        client = officer_client(app, db_session, owner, Role.VIEWER)
        assert client.get(f"{WIZARD}/upload").status_code == 403
