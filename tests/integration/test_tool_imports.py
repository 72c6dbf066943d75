"""Other tools' exports imported with ``--from`` and no mapping file: the stored counts are the file's own.

The expected counts are read from each sample file here, by plain substring and cell checks that share
nothing with the importer's matching, so a translation that drops, splits or guesses an answer fails.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from survey.consultations import create_consultation
from survey.definitions.definition import load_template, template_path
from survey.storage.models import Answer, Response
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership
from tests.imports_samples import SAMPLES

DEFINITION = load_template("community-safety")
TOOLS = {
    "google-forms": ("google-forms.csv", 1),
    "microsoft-forms": ("microsoft-forms.xlsx", 1),
    "smartsurvey": ("smartsurvey.xlsx", 2),
    "citizen-space": ("citizen-space.csv", 1),
}


@pytest.fixture
def annual(db_session):
    partnership = make_partnership(db_session)
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, partnership, source, slug="annual", status=ConsultationStatus.OPEN)


def _rows(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    sheet = load_workbook(path).worksheets[0]
    return [["" if value is None else str(value) for value in row]
            for row in sheet.iter_rows(values_only=True)]


def _headers(rows: list[list[str]], header_rows: int) -> list[str]:
    if header_rows == 1:
        return rows[0]
    headers, question = [], ""
    for top, part in zip(rows[0], rows[1], strict=True):
        question = top or question
        headers.append(f"{question} {part}".strip())
    return headers


def _file_counts(path: Path, header_rows: int) -> tuple[Counter, Counter, Counter, int]:
    """(answers per (question, label), first places per label, other words per question, responses)."""
    rows = _rows(path)
    headers = _headers(rows, header_rows)
    chosen: Counter = Counter()
    first: Counter = Counter()
    other: Counter = Counter()
    data = [row for row in rows[header_rows:] if any(cell.strip() for cell in row)]
    for row in data:
        for header, cell in zip(headers, row, strict=False):
            question = next((q for q in DEFINITION.questions if q.text in header), None)
            if question is None or not cell.strip():
                continue
            part = header[header.index(question.text) + len(question.text):].strip(" :[]")
            labels = [option.label for option in question.all_options if option.value != "other"]
            if question.id == "priorities":
                if part.startswith("Rank"):
                    chosen[(question.id, cell)] += 1
                    first[cell] += part == "Rank 1"
                elif part:
                    chosen[(question.id, part)] += 1
                    first[part] += cell == "1"
                else:
                    order = [item for item in cell.split(";") if item]
                    chosen.update((question.id, item) for item in order)
                    first[order[0]] += 1
            elif part.startswith("Other"):
                other[question.id] += 1
            elif part:
                chosen[(question.id, part)] += 1
            elif question.type == "multiple_choice":
                found = [label for label in labels if label in cell]
                chosen.update((question.id, label) for label in found)
                rest = cell
                for label in found:
                    rest = rest.replace(label, "")
                other[question.id] += any(ch.isalpha() for ch in rest)
            elif question.all_options:
                chosen[(question.id, cell)] += 1
    return chosen, first, other, len(data)


def _stored_counts(db_session, consultation) -> tuple[Counter, Counter, Counter, int]:
    labels = {(q.id, o.value): o.label for q in DEFINITION.questions for o in q.all_options}
    parts = db_session.execute(
        select(Answer.question_id, Answer.option, Answer.rank, Answer.text)
        .where(Answer.consultation_id == consultation.id)
    ).all()
    chosen: Counter = Counter()
    first: Counter = Counter()
    other: Counter = Counter()
    for question_id, option, rank, text in parts:
        if option == "other" and text:
            other[question_id] += 1
        elif option is not None:
            chosen[(question_id, labels[(question_id, option)])] += 1
            if rank == 1:
                first[labels[(question_id, option)]] += 1
    responses = db_session.scalars(select(Response).where(Response.consultation_id == consultation.id)).all()
    return chosen, first, other, len(responses)


class TestEachToolsExport:
    @pytest.mark.parametrize("tool", list(TOOLS))
    def test_imports_with_no_mapping_and_stores_the_files_own_counts(self, runner, db_session, annual, tool):
        name, header_rows = TOOLS[tool]
        result = runner.invoke(args=["responses", "import", "annual", str(SAMPLES / name), "--from", tool])
        assert result.exit_code == 0, result.output
        assert "Stored 6 responses." in result.output
        chosen, first, other, responses = _stored_counts(db_session, annual)
        assert (chosen, first, other, responses) == _file_counts(SAMPLES / name, header_rows)
        assert other == Counter({"town_centre_issues": 2, "violence_features": 1})

    @pytest.mark.parametrize("tool", ["google-forms", "smartsurvey", "citizen-space"])
    def test_uk_summer_time_is_stored_as_utc(self, runner, db_session, annual, tool):
        name, _rows_ = TOOLS[tool]
        runner.invoke(args=["responses", "import", "annual", str(SAMPLES / name), "--from", tool])
        times = {r.submitted_at.astimezone(dt.UTC).replace(tzinfo=None) for r in db_session.scalars(
            select(Response).where(Response.consultation_id == annual.id))}
        assert dt.datetime(2026, 7, 14, 17, 5, 9) in times  # 18:05:09 BST
        assert dt.datetime(2026, 1, 20, 9, 15, 0) in times  # GMT: unchanged

    def test_words_with_commas_stay_whole(self, runner, db_session, annual):
        runner.invoke(args=["responses", "import", "annual", str(SAMPLES / "google-forms.csv"),
                            "--from", "google-forms"])
        texts = set(db_session.scalars(select(Answer.text).where(Answer.consultation_id == annual.id)))
        assert {"E-scooters, on pavements", "Better lighting, more patrols"} <= texts
        ethnicity = select(Answer.option).where(Answer.question_id == "about_ethnicity")
        options = set(db_session.scalars(ethnicity))
        assert "black" in options

    def test_identifying_columns_are_never_stored_even_if_mapped(self, runner, db_session, annual, tmp_path):
        mapping = tmp_path / "mapping.yaml"
        mapping.write_text('columns:\n  "Email": feel_safer\n', encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "annual", str(SAMPLES / "microsoft-forms.xlsx"),
                                     "--from", "microsoft-forms", "--mapping", str(mapping)])
        assert result.exit_code == 0, result.output
        assert "'Email' identifies people" in result.output
        texts = set(db_session.scalars(select(Answer.text).where(Answer.consultation_id == annual.id)))
        assert "anonymous" not in texts


class TestMatchingAtTheCommandLine:
    def test_an_unmatched_column_is_named_with_the_closest_questions_and_nothing_is_stored(
        self, runner, db_session, annual, tmp_path
    ):
        path = tmp_path / "form.csv"
        path.write_text("Timestamp,How safe do you feel in your area after dark?\n"
                        "01/02/2026 10:00:00,Very safe\n", encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "annual", str(path), "--from", "google-forms"])
        assert result.exit_code == 1
        assert ("row 1, column How safe do you feel in your area after dark?: No question matches this "
                "column. The closest are: 'How safe do you feel walking alone in your local area after "
                "dark?' (safety_dark)") in result.output
        assert _stored_counts(db_session, annual)[3] == 0

    def test_the_saved_mapping_imports_the_file_again_as_its_own_tool(self, runner, db_session, annual,
                                                                       tmp_path):
        saved = tmp_path / "next-year.yaml"
        source = str(SAMPLES / "citizen-space.csv")
        first = runner.invoke(args=["responses", "import", "annual", source, "--from", "citizen-space",
                                    "--save-mapping", str(saved)])
        assert first.exit_code == 0, first.output
        text = saved.read_text(encoding="utf-8")
        assert "Email: ignore" in text
        rank_one = "How would you rank these issues by their impact on community safety?: Rank 1"
        assert f"'{rank_one}': priorities[1]" in text
        once = _stored_counts(db_session, annual)
        again = runner.invoke(args=["responses", "import", "annual", source, "--from", "citizen-space",
                                    "--mapping", str(saved), "--allow-duplicate"])
        assert again.exit_code == 0, again.output
        twice = _stored_counts(db_session, annual)
        assert twice[0] == Counter({key: 2 * count for key, count in once[0].items()})

    def test_a_sheet_is_chosen_by_name(self, runner, db_session, annual, tmp_path):
        from openpyxl import Workbook

        book = Workbook()
        book.active.append(["notes"])
        answers = book.create_sheet("Answers")
        answers.append(["safety_dark", "feel_safer"])
        answers.append(["very_safe", "More buses"])
        path = tmp_path / "officer.xlsx"
        book.save(path)
        result = runner.invoke(args=["responses", "import", "annual", str(path), "--sheet", "Answers"])
        assert result.exit_code == 0, result.output
        assert "Stored 1 response." in result.output


class TestImportingTwice:
    def test_the_same_file_again_is_refused_and_stores_nothing(self, runner, db_session, annual):
        args = ["responses", "import", "annual", str(SAMPLES / "google-forms.csv"), "--from", "google-forms"]
        assert runner.invoke(args=args).exit_code == 0
        again = runner.invoke(args=args)
        assert again.exit_code == 1
        assert "This file was already imported into 'annual' on" in again.output
        assert "use --allow-duplicate" in again.output
        assert _stored_counts(db_session, annual)[3] == 6

    def test_the_same_export_downloaded_again_is_noticed_by_its_response_ids(
        self, runner, db_session, annual, tmp_path
    ):
        # A new download: other bytes (a changed name cell the importer ignores), the same response ids.
        text = (SAMPLES / "citizen-space.csv").read_text(encoding="utf-8")
        path = tmp_path / "downloaded-again.csv"
        path.write_text(text.replace(",Name,", ",name,", 1), encoding="utf-8")
        first = runner.invoke(args=["responses", "import", "annual", str(SAMPLES / "citizen-space.csv"),
                                    "--from", "citizen-space"])
        assert first.exit_code == 0, first.output
        again = runner.invoke(args=["responses", "import", "annual", str(path), "--from", "citizen-space"])
        assert again.exit_code == 1
        assert "already imported" in again.output

    def test_allow_duplicate_imports_it_again(self, runner, db_session, annual):
        args = ["responses", "import", "annual", str(SAMPLES / "smartsurvey.xlsx"), "--from", "smartsurvey"]
        runner.invoke(args=args)
        again = runner.invoke(args=[*args, "--allow-duplicate"])
        assert again.exit_code == 0, again.output
        assert _stored_counts(db_session, annual)[3] == 12

    def test_identical_answers_in_another_file_are_no_duplicate(self, runner, db_session, annual, tmp_path):
        text = (SAMPLES / "google-forms.csv").read_text(encoding="utf-8")
        path = tmp_path / "another-week.csv"
        path.write_text(text.replace("/2026 ", "/2025 "), encoding="utf-8")
        runner.invoke(args=["responses", "import", "annual", str(SAMPLES / "google-forms.csv"),
                            "--from", "google-forms"])
        other = runner.invoke(args=["responses", "import", "annual", str(path), "--from", "google-forms"])
        assert other.exit_code == 0, other.output

    def test_the_audit_names_the_tool(self, runner, db_session, annual):
        from survey.storage.models import AuditEvent

        runner.invoke(args=["responses", "import", "annual", str(SAMPLES / "microsoft-forms.xlsx"),
                            "--from", "microsoft-forms"])
        event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "responses_imported")).one()
        assert event.details["from"] == "microsoft-forms"
        assert event.details["stored"] == 6

    def test_save_mapping_without_a_tool_or_mapping_writes_the_headers_as_they_are(
        self, runner, db_session, annual, tmp_path
    ):
        path = tmp_path / "ours.csv"
        path.write_text("safety_dark,feel_safer\nvery_safe,More buses\n", encoding="utf-8")
        saved = tmp_path / "map.yaml"
        args = ["responses", "import", "annual", str(path), "--save-mapping", str(saved)]
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
        written = saved.read_text(encoding="utf-8")
        assert written == "columns:\n  safety_dark: safety_dark\n  feel_safer: feel_safer\n"
