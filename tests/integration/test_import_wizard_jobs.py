"""Importing runs as a background job: "Import responses" queues it and leads to a status page that
refreshes itself (no JavaScript) while the worker runs it, then shows what was stored or the problems.
The task's payload is the job's token and nothing else; the file is deleted whatever the outcome; only
the consultation's own partnership finds the job."""

from __future__ import annotations

import pickle
import re

import pytest

from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.responses.csv_import import PROGRESS_ROWS, import_records
from survey.vocabulary import ConsultationStatus, Role
from survey.worker.imports import JobState, import_job, save_job
from survey.worker.queue import TaskQueue
from tests.factories import make_partnership
from tests.integration.test_import_wizard import (  # noqa: F401  (fixtures)
    GOOGLE,
    RESPONSES,
    WIZARD,
    analyst,
    annual,
    import_file,
    kept,
    owner,
    stored,
    upload,
    worker,
)
from tests.web import officer_client

REFRESH = '<meta http-equiv="refresh" content="3">'


def queued(client) -> str:
    """Upload the Google Forms sample and press "Import responses": the status page's address."""
    upload(client, GOOGLE)
    response = import_file(client)
    assert response.status_code == 303
    return response.headers["Location"]


def token_of(status: str) -> str:
    return status.rsplit("/", 1)[1]


@pytest.fixture
def wizard(analyst, kept):  # noqa: F811
    return analyst, kept


class TestTheStatusPage:
    def test_it_refreshes_itself_until_the_worker_has_run_the_import_then_shows_what_was_stored(
        self, wizard, db_session, annual, worker  # noqa: F811
    ):
        client, kept_files = wizard
        status = queued(client)
        waiting = client.get(status).get_data(as_text=True)
        assert REFRESH in waiting and "The import is waiting to start." in waiting
        assert "<h1 class=\"govuk-heading-l\">Importing responses</h1>" in waiting
        assert stored(db_session, annual) == 0 and len(kept_files()) == 1  # the worker has the file now
        assert worker() >= 1
        done = client.get(status).get_data(as_text=True)
        assert 'http-equiv="refresh"' not in done
        assert f"Stored {RESPONSES} responses." in done and "Answers added" in done
        assert stored(db_session, annual) == RESPONSES and kept_files() == []

    def test_the_officer_can_turn_the_refresh_off(self, wizard):
        client, _files = wizard
        status = queued(client)
        assert "Stop refreshing this page" in client.get(status).get_data(as_text=True)
        page = client.get(f"{status}?refresh=off").get_data(as_text=True)
        assert 'http-equiv="refresh"' not in page and "See how far the import has got" in page
        assert "The import is waiting to start." in page

    def test_a_running_job_shows_the_rows_checked_of_all_rows(self, wizard, settings):
        client, _files = wizard
        status = queued(client)
        queue = TaskQueue(settings)
        job = import_job(queue, token_of(status))
        # As the worker's progress saves it, part way through a big file.
        job.state, job.done_rows, job.rows = JobState.RUNNING, 1500, 12000
        save_job(queue, job)
        page = client.get(status).get_data(as_text=True)
        assert "Checked 1,500 of 12,000 rows." in page and REFRESH in page
        bar = r'<progress [^>]*max="12000" value="1500" aria-labelledby="import-progress-text"'
        assert re.search(bar, page)

    def test_the_task_carries_the_jobs_token_and_nothing_else(self, wizard, settings):
        client, _files = wizard
        status = queued(client)
        (raw,) = TaskQueue(settings).huey.storage.enqueued_items()
        assert pickle.loads(raw).args == (token_of(status),)
        assert b"Very safe" not in raw

    def test_a_file_gone_before_the_worker_ran_stores_nothing_and_says_so(
        self, wizard, db_session, annual, worker  # noqa: F811
    ):
        client, kept_files = wizard
        status = queued(client)
        for name in kept_files():
            (client.application.extensions["safer_voices"].settings.instance_path / "imports" / name).unlink()
        worker()
        page = client.get(status).get_data(as_text=True)
        assert "No responses were imported" in page and "the uploaded file was no longer kept" in page
        assert stored(db_session, annual) == 0


class TestAccess:
    def test_another_partnerships_officer_finds_no_job(self, app, wizard, db_session, worker):  # noqa: F811
        client, _files = wizard
        status = queued(client)
        worker()
        elsewhere = make_partnership(db_session, "elsewhere")
        source = template_path("community-safety").read_text(encoding="utf-8")
        create_consultation(db_session, elsewhere, source, slug="theirs", status=ConsultationStatus.OPEN)
        other = officer_client(app, db_session, elsewhere, Role.ADMIN)
        assert other.get(status).status_code == 404
        assert other.get(f"/officer/consultations/theirs/import/jobs/{token_of(status)}").status_code == 404
        assert client.get(status).status_code == 200

    def test_an_unknown_job_is_not_found(self, wizard):
        client, _files = wizard
        assert client.get(f"{WIZARD}/jobs/{'0' * 32}").status_code == 404


class TestProgress:
    def test_the_import_says_how_many_rows_it_has_checked_as_it_goes(self, db_session, annual):  # noqa: F811
        rows = 2 * PROGRESS_ROWS + 1
        records = [["safety_dark"], *(["very_safe"] for _ in range(rows))]
        said: list[tuple[int, int]] = []
        result = import_records(db_session, annual, records,
                                progress=lambda done, total: said.append((done, total)))
        assert result.stored == rows
        assert said == [(0, rows), (PROGRESS_ROWS, rows), (2 * PROGRESS_ROWS, rows)]
