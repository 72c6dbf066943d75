"""The import wizard beyond its first walk-through: files as big as the command line takes, the mapping
saved for next year, and every problem the import itself would find shown before anything is stored."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
import yaml
from sqlalchemy import func, select

from survey.consultations import create_consultation
from survey.definitions.definition import load_template, template_path
from survey.notifications.alerts import add_alert_addresses
from survey.notifications.outbox import TELL_WORKER
from survey.responses.csv_import import MAX_FILE_BYTES
from survey.responses.imports.preview import preview
from survey.storage.models import Answer, Notification, Response, TallyDelta
from survey.vocabulary import ConsultationStatus, NotificationKind
from tests.imports_samples import SAMPLES
from tests.integration.test_import_wizard import (  # noqa: F401  (fixtures)
    DAY,
    GOOGLE,
    WIZARD,
    analyst,
    annual,
    column_index,
    imported,
    kept,
    matches,
    owner,
    stored,
    upload,
    worker,
)
from webapp import REQUEST_LIMIT


def google_forms_of_size(size: int) -> bytes:
    """The Google Forms sample with its rows repeated until the file is at least ``size`` bytes."""
    header, *rows = GOOGLE.splitlines(keepends=True)
    body = b"".join(rows)
    return header + body * (size // len(body) + 1)


@pytest.fixture
def wizard(analyst, kept):  # noqa: F811
    return analyst, kept


class TestFileSize:
    def test_a_file_bigger_than_other_forms_take_but_within_the_limit_is_accepted(self, wizard):
        client, kept_files = wizard
        data = google_forms_of_size(REQUEST_LIMIT + 1024 * 1024)
        assert REQUEST_LIMIT < len(data) < MAX_FILE_BYTES
        response = upload(client, data)
        assert response.status_code == 302 and response.headers["Location"] == f"{WIZARD}/matches"
        assert len(kept_files()) == 1

    def test_a_file_just_over_the_limit_is_refused_on_the_form_with_the_limit(self, wizard):
        client, kept_files = wizard
        data = google_forms_of_size(MAX_FILE_BYTES + 100 * 1024)
        response = upload(client, data)
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "the most that can be imported at once is 20 MB" in page and kept_files() == []

    def test_a_file_far_over_the_limit_gets_the_too_large_page(self, wizard):
        client, kept_files = wizard
        response = upload(client, google_forms_of_size(MAX_FILE_BYTES + 2 * 1024 * 1024))
        assert response.status_code == 413
        assert "The file or answer you sent is too large" in response.get_data(as_text=True)
        assert kept_files() == []


def answers_of(session, consultation) -> tuple[int, Counter]:
    """(responses, every answer part as (question, option, rank, words)) stored for ``consultation``."""
    responses = session.scalars(select(Response.id).where(Response.consultation_id == consultation.id)).all()
    parts = session.execute(select(Answer.question_id, Answer.option, Answer.rank, Answer.text)
                            .where(Answer.consultation_id == consultation.id)).all()
    return len(responses), Counter(tuple(part) for part in parts)


class TestSavingTheMapping:
    def test_the_downloaded_mapping_makes_the_command_line_store_what_the_wizard_stored(
        self, analyst, runner, db_session, owner, annual, tmp_path, worker  # noqa: F811
    ):
        upload(analyst, GOOGLE)
        matches(analyst, **{f"column-{column_index(DAY)}": "ignore"}, check_again="Check again")
        assert "import/mapping" in analyst.get(f"{WIZARD}/check").get_data(as_text=True)
        download = analyst.get(f"{WIZARD}/mapping")
        assert download.status_code == 200 and download.mimetype == "application/yaml"
        assert download.headers["Content-Disposition"] == 'attachment; filename="annual-column-mapping.yaml"'
        mapping = yaml.safe_load(download.get_data(as_text=True))["columns"]
        assert mapping[DAY] == "ignore" and mapping["Email address"] == "ignore"
        assert mapping["What would make you feel safer?"] == "feel_safer"
        assert "Stored 6 responses." in imported(analyst, worker)
        by_wizard = answers_of(db_session, annual)

        saved = tmp_path / "next-year.yaml"
        saved.write_bytes(download.get_data())
        source = template_path("community-safety").read_text(encoding="utf-8")
        again = create_consultation(db_session, owner, source, slug="again", status=ConsultationStatus.OPEN)
        result = runner.invoke(args=["responses", "import", "again", str(SAMPLES / "google-forms.csv"),
                                     "--from", "google-forms", "--mapping", str(saved)])
        assert result.exit_code == 0, result.output
        assert answers_of(db_session, again) == by_wizard
        assert by_wizard[0] == 6 and not any(part[0] == "safety_day" for part in by_wizard[1])

    def test_without_a_file_there_is_nothing_to_download(self, analyst):  # noqa: F811
        assert analyst.get(f"{WIZARD}/mapping").headers["Location"] == f"{WIZARD}/upload"


def google_forms_with(row: int, **cells: str) -> bytes:
    """The Google Forms sample with some cells of file row ``row`` (the header is row 1) changed, by
    their column's header."""
    records = list(csv.reader(io.StringIO(GOOGLE.decode("utf-8"))))
    for header, value in cells.items():
        records[row - 1][records[0].index(header)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(records)
    return out.getvalue().encode("utf-8")


VICTIM = "Have you been a victim of crime in the area in the last 12 months?"
REPORTED = "Did you report it to the police?"
SAFER = "What would make you feel safer?"


class TestEveryProblemBeforeImporting:
    def test_a_hidden_question_answered_is_listed_by_row_and_column_and_nothing_is_stored(
        self, analyst, db_session, annual, kept, worker  # noqa: F811
    ):
        data = google_forms_with(3, **{VICTIM: "No", REPORTED: "Yes"})  # asked only of victims
        records = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        _plan, alone = preview(load_template("community-safety"), records, "google-forms")
        assert alone.errors == [] and alone.responses == 6  # reading the cells finds nothing wrong
        upload(analyst, data)
        page = analyst.get(f"{WIZARD}/check").get_data(as_text=True)
        assert "There is a problem with the file" in page
        assert f"Row 3, column {REPORTED}: " in page
        assert "<strong>5 responses</strong> can be added" in page
        assert stored(db_session, annual) == 0
        assert db_session.scalar(select(func.count()).select_from(TallyDelta)) == 0
        page = imported(analyst, worker)
        assert "Nothing was stored" in page
        assert f'<td data-label="Column" class="govuk-table__cell">{REPORTED}</td>' in page
        assert stored(db_session, annual) == 0 and kept() == []
        upload(analyst, data)
        assert "Stored 5 responses." in imported(analyst, worker, skip_invalid="y")
        assert stored(db_session, annual) == 5

    def test_the_trial_run_tells_the_worker_of_no_alert(
        self, analyst, db_session, owner, annual, worker  # noqa: F811
    ):
        add_alert_addresses(db_session, owner.id, ["duty@owner.example"])
        told: list[int] = []
        db_session.info[TELL_WORKER] = told.append
        upload(analyst, google_forms_with(2, **{SAFER: "A boy said he will bring a knife and stab me"}))
        page = analyst.get(f"{WIZARD}/check").get_data(as_text=True)
        assert "<strong>6 responses</strong> can be added" in page
        assert told == [] and db_session.scalar(select(func.count()).select_from(Notification)) == 0
        assert "Stored 6 responses." in imported(analyst, worker)
        (alert,) = db_session.scalars(select(Notification)).all()
        assert alert.kind == NotificationKind.URGENT_ALERT
