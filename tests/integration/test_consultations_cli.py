"""``safer-voices consultations`` and ``safer-voices responses import``: clear errors, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from survey.consultations import consultation_by_slug, create_consultation
from survey.definitions.definition import template_path
from survey.storage.models import AuditEvent, Consultation, Response
from survey.vocabulary import ConsultationStatus
from tests.factories import make_partnership

BAD_DEFINITION = """\
id: broken
kind: consultation
title: Broken
intro: Hello
privacy_notice: Anonymous
pages:
  - questions:
      - id: q1
        type: ranking
        text: Rank these
        options: [A, B]
        rank: 3
"""


def _count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def north(db_session):
    return make_partnership(db_session, "north")


@pytest.fixture
def annual(db_session, north):
    source = template_path("community-safety").read_text(encoding="utf-8")
    return create_consultation(db_session, north, source, slug="annual", status=ConsultationStatus.OPEN)


class TestCreate:
    def test_creates_a_draft_from_a_file(self, runner, db_session, north, tmp_path):
        path = tmp_path / "survey.yaml"
        path.write_text(template_path("community-safety").read_text(encoding="utf-8"), encoding="utf-8")
        result = runner.invoke(args=["consultations", "create", str(path), "--partnership", "north",
                                     "--slug", "survey-2026"])
        assert result.exit_code == 0, result.output
        assert "Created consultation 'survey-2026' (draft)" in result.output
        created = consultation_by_slug(db_session, "survey-2026")
        assert created.status == ConsultationStatus.DRAFT and created.partnership_id == north.id
        assert _count(db_session, AuditEvent, AuditEvent.action == "consultation_created") == 1

    def test_open_flag_opens_it_and_the_slug_defaults_to_the_definition_id(self, runner, db_session, north,
                                                                             tmp_path):
        path = tmp_path / "survey.yaml"
        path.write_text(template_path("worry").read_text(encoding="utf-8"), encoding="utf-8")
        result = runner.invoke(args=["consultations", "create", str(path), "--partnership", "north",
                                     "--open"])
        assert result.exit_code == 0, result.output
        assert consultation_by_slug(db_session, "worry").status == ConsultationStatus.OPEN

    def test_a_bad_definition_prints_file_line_and_problem_and_stores_nothing(self, runner, db_session, north,
                                                                                tmp_path):
        path = tmp_path / "broken.yaml"
        path.write_text(BAD_DEFINITION, encoding="utf-8")
        before = _count(db_session, Consultation)
        result = runner.invoke(args=["consultations", "create", str(path), "--partnership", "north"])
        assert result.exit_code == 1
        assert "broken.yaml, line 12: question 'q1': rank (3) is more than the number of options (2)" in (
            result.output
        )
        assert "broken.yaml has 1 problem; nothing was stored" in result.output
        assert _count(db_session, Consultation) == before

    def test_a_deeply_nested_definition_is_refused_with_its_line_not_a_traceback(self, runner, db_session,
                                                                                  north, tmp_path):
        path = tmp_path / "definition.yaml"
        path.write_text("id: deep\nkind: worry\npages: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
        before = _count(db_session, Consultation)
        result = runner.invoke(args=["consultations", "create", str(path), "--partnership", "north"])
        assert result.exit_code == 1 and not isinstance(result.exception, RecursionError)
        assert "definition.yaml, line 3: the definition is nested too deeply (more than 50 levels)" in (
            result.output
        )
        assert _count(db_session, Consultation) == before

    def test_a_taken_slug_and_an_unknown_partnership_are_refused(self, runner, annual, tmp_path):
        path = tmp_path / "survey.yaml"
        path.write_text(template_path("community-safety").read_text(encoding="utf-8"), encoding="utf-8")
        taken = runner.invoke(args=["consultations", "create", str(path), "--partnership", "north",
                                    "--slug", "annual"])
        assert taken.exit_code == 1 and "The slug 'annual' is already used" in taken.output
        nowhere = runner.invoke(args=["consultations", "create", str(path), "--partnership", "nowhere"])
        assert nowhere.exit_code == 1 and "There is no partnership with the slug 'nowhere'" in nowhere.output


class TestListOpenClose:
    def test_list_shows_status_dates_and_response_counts(self, runner, db_session, annual):
        annual.closes_on = annual.opens_on = None
        result = runner.invoke(args=["consultations", "list", "--partnership", "north"])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert lines[0].split() == ["PARTNERSHIP", "SLUG", "KIND", "STATUS", "OPENS", "CLOSES", "RESPONSES",
                                    "TITLE"]
        assert lines[1].split()[:7] == ["north", "annual", "consultation", "open", "-", "-", "0"]
        assert lines[1].endswith("Community safety consultation")

    def test_list_of_an_unknown_partnership_is_an_error(self, runner, db_session):
        result = runner.invoke(args=["consultations", "list", "--partnership", "nowhere"])
        assert result.exit_code == 1

    def test_close_and_reopen_are_audited(self, runner, db_session, annual):
        closed = runner.invoke(args=["consultations", "close", "annual"])
        assert closed.exit_code == 0 and "'annual' is now closed." in closed.output
        assert consultation_by_slug(db_session, "annual").status == ConsultationStatus.CLOSED
        reopened = runner.invoke(args=["consultations", "open", "annual"])
        assert reopened.exit_code == 0
        assert consultation_by_slug(db_session, "annual").status == ConsultationStatus.OPEN
        actions = db_session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
        assert actions[-2:] == ["consultation_closed", "consultation_opened"]

    def test_opening_outside_its_dates_warns(self, runner, db_session, annual):
        annual.closes_on = dt.date(2020, 1, 31)
        result = runner.invoke(args=["consultations", "open", "annual"])
        assert "mean the public cannot answer it today" in result.output

    def test_an_unknown_slug_is_an_error(self, runner, db_session):
        result = runner.invoke(args=["consultations", "open", "nope"])
        assert result.exit_code == 1 and "There is no consultation with the slug 'nope'" in result.output


class TestImport:
    def test_stores_the_rows_and_says_how_many(self, runner, db_session, annual, tmp_path):
        path = tmp_path / "paper.csv"
        path.write_bytes(b"\xef\xbb\xbfsafety_day,priorities\r\nvery_safe,violence\r\nfairly_safe,\r\n")
        result = runner.invoke(args=["responses", "import", "annual", str(path)])
        assert result.exit_code == 0, result.output
        assert "Stored 2 responses" in result.output
        assert _count(db_session, Response, Response.consultation_id == annual.id) == 2
        assert _count(db_session, AuditEvent, AuditEvent.action == "responses_imported") == 1

    def test_a_bad_row_is_reported_and_nothing_is_stored(self, runner, db_session, annual, tmp_path):
        path = tmp_path / "paper.csv"
        path.write_text("safety_day,priorities\nvery_safe,violence\nsafe,\n", encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "annual", str(path)])
        assert result.exit_code == 1
        assert "row 3, column safety_day: Select from the options shown ('safe' is not one of them)" in (
            result.output
        )
        assert "Nothing was stored" in result.output
        assert _count(db_session, Response, Response.consultation_id == annual.id) == 0

    def test_skip_invalid_stores_the_rest_but_still_exits_1(self, runner, db_session, annual, tmp_path):
        path = tmp_path / "paper.csv"
        path.write_text("safety_day\nvery_safe\nsafe\nfairly_safe\n", encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "annual", str(path), "--skip-invalid"])
        assert result.exit_code == 1
        assert "Stored 2 responses" in result.output and "row 3, column safety_day" in result.output
        assert _count(db_session, Response, Response.consultation_id == annual.id) == 2

    def test_a_mapping_file_renames_columns_and_values(self, runner, db_session, annual, tmp_path):
        csv_path, mapping_path = tmp_path / "other.csv", tmp_path / "mapping.yaml"
        csv_path.write_text("ID,How safe by day?\n1,Very safe\n", encoding="utf-8")
        mapping_path.write_text(
            'columns:\n  ID: ignore\n  "How safe by day?": safety_day\n'
            'values:\n  safety_day:\n    "Very safe": very_safe\n', encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "annual", str(csv_path),
                                     "--mapping", str(mapping_path)])
        assert result.exit_code == 0, result.output
        assert "Stored 1 response" in result.output

    def test_a_bad_mapping_file_names_its_line(self, runner, db_session, annual, tmp_path):
        csv_path, mapping_path = tmp_path / "other.csv", tmp_path / "mapping.yaml"
        csv_path.write_text("safety_day\nvery_safe\n", encoding="utf-8")
        mapping_path.write_text("columns:\n  a: b\ncolums: {}\n", encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "annual", str(csv_path),
                                     "--mapping", str(mapping_path)])
        assert result.exit_code == 1 and "mapping.yaml, line 3: unknown key 'colums'" in result.output

    def test_a_file_that_is_not_utf8_is_refused(self, runner, db_session, annual, tmp_path):
        path = tmp_path / "latin.csv"
        path.write_bytes("feel_safer\nmore café patrols\n".encode("latin-1"))
        result = runner.invoke(args=["responses", "import", "annual", str(path)])
        assert result.exit_code == 1 and "not UTF-8" in result.output and "CSV UTF-8" in result.output

    def test_an_unknown_consultation_is_an_error(self, runner, db_session, tmp_path):
        path = tmp_path / "paper.csv"
        path.write_text("safety_day\nvery_safe\n", encoding="utf-8")
        result = runner.invoke(args=["responses", "import", "nope", str(path)])
        assert result.exit_code == 1 and "There is no consultation with the slug 'nope'" in result.output
