"""One list of export formats: the command line, the officers' download page and export_report all
offer exactly the registry's formats; a format without a public variant is refused for --public;
and the JSON the command prints (with --compare) satisfies the committed JSON Schema."""

from __future__ import annotations

import json
import re

import click
import pytest

from analysis.exports.build import ExportError, export_report
from analysis.exports.formats import FORMATS, public_formats
from analysis.report.schema import SCHEMA_PATH
from survey.vocabulary import Role
from tests.analysis_data import make_fixture_consultation
from tests.factories import PASSWORD, make_officer, make_partnership
from tests.json_schema import schema_errors
from tests.web import sign_in
from webapp.cli.report import report

NOT_PUBLIC = [name for name, export in FORMATS.items() if not export.public]
BINARY = [name for name, export in FORMATS.items() if export.binary]
RESULTS = "/officer/consultations/fixture/results"


@pytest.fixture
def consultation(db_session):
    return make_fixture_consultation(db_session, make_partnership(db_session))


def _signed_in(app, db_session, consultation, role: Role):
    officer = make_officer(db_session, consultation.partnership, role)
    client = app.test_client()
    assert sign_in(client, officer.email, PASSWORD).status_code == 302
    return client


def _linked_formats(page: str, route: str) -> list[str]:
    return re.findall(rf'href="/officer/consultations/fixture/{route}/(\w+)[?"]', page)


class TestTheRegistryIsTheOneList:
    def test_registry_has_formats_with_and_without_a_public_variant(self):
        assert list(FORMATS) == ["json", "csv", "xlsx", "html", "pdf", "docx"]
        assert NOT_PUBLIC == ["csv"] and BINARY == ["xlsx", "pdf", "docx"]
        assert [name for name, export in FORMATS.items() if export.marked] == ["xlsx", "html", "pdf", "docx"]

    def test_command_line_choices_are_the_registry(self):
        [choice] = [param for param in report.params if param.name == "fmt"]
        assert isinstance(choice.type, click.Choice) and list(choice.type.choices) == list(FORMATS)

    def test_download_page_offers_the_registry(self, app, db_session, consultation):
        analyst = _signed_in(app, db_session, consultation, Role.ANALYST)
        page = analyst.get(RESULTS).get_data(as_text=True)
        assert _linked_formats(page, "export") == list(FORMATS)
        assert _linked_formats(page, "public-export") == [export.name for export in public_formats()]
        for export in FORMATS.values():
            assert f">{export.label}</a>" in page
        viewer = _signed_in(app, db_session, consultation, Role.VIEWER)
        assert _linked_formats(viewer.get(RESULTS).get_data(as_text=True), "export") == []

    def test_download_routes_accept_the_registry(self, app, db_session, consultation):
        client = _signed_in(app, db_session, consultation, Role.ANALYST)
        for name, export in FORMATS.items():
            response = client.get(f"/officer/consultations/fixture/export/{name}")
            assert response.status_code == 200 and response.headers["Content-Type"] == export.media_type
            disposition = response.headers["Content-Disposition"]
            assert disposition.startswith('attachment; filename="fixture-')
            assert disposition.endswith(f'.{export.extension}"')
        assert client.get("/officer/consultations/fixture/export/odt").status_code == 404
        for name in NOT_PUBLIC:
            assert client.get(f"/officer/consultations/fixture/public-export/{name}").status_code == 404

    def test_export_report_accepts_the_registry_and_nothing_else(self, db_session, consultation):
        for name, export in FORMATS.items():
            exported = export_report(db_session, consultation, name)
            assert exported.media_type == export.media_type
            assert exported.filename.endswith(f".{export.extension}")
        with pytest.raises(ExportError) as error:
            export_report(db_session, consultation, "odt")
        assert str(error.value) == "Choose a format from: json, csv, xlsx, html, pdf, docx"

    @pytest.mark.parametrize("name", NOT_PUBLIC)
    def test_a_format_without_a_public_variant_is_refused(self, runner, db_session, consultation, name):
        with pytest.raises(ExportError) as error:
            export_report(db_session, consultation, name, public=True)
        assert str(error.value) == FORMATS[name].public_refusal
        db_session.commit()  # a failed command rolls back its own work; keep the fixture outside it
        result = runner.invoke(args=["report", "fixture", "--format", name, "--public"])
        assert result.exit_code != 0 and FORMATS[name].public_refusal in result.output

    @pytest.mark.parametrize("name", BINARY)
    def test_a_binary_format_needs_a_file(self, runner, consultation, name):
        result = runner.invoke(args=["report", "fixture", "--format", name])
        assert result.exit_code != 0
        assert f"{name} is a binary format: give a file with -o FILE" in result.output


class TestJsonReport:
    @pytest.fixture
    def earlier(self, db_session, consultation):
        return make_fixture_consultation(db_session, consultation.partnership, slug="fixture-2025")

    def test_compare_adds_the_comparison_to_the_officer_json(self, runner, consultation, earlier):
        result = runner.invoke(args=["report", "fixture", "--compare", "fixture-2025"])
        assert result.exit_code == 0, result.output
        comparison = json.loads(result.stdout)["comparison"]
        assert (comparison["earlier"], comparison["earlier_title"]) == ("fixture-2025", earlier.title)
        safety = next(q for q in comparison["questions"] if q["id"] == "safety")
        assert all(option["change"] == 0.0 and not option["significant"] for option in safety["options"])
        assert not any(q["id"].startswith("about_") for q in comparison["questions"])
        public = runner.invoke(args=["report", "fixture", "--compare", "fixture-2025", "--public"])
        assert "comparison" not in json.loads(public.stdout)

    @pytest.mark.parametrize("arguments", [
        [], ["--public"], ["--channel", "paper"], ["--compare", "fixture-2025"]])
    def test_printed_json_satisfies_the_committed_schema(self, runner, consultation, earlier, arguments):
        result = runner.invoke(args=["report", "fixture", "--format", "json", *arguments])
        assert result.exit_code == 0, result.output
        schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
        assert schema_errors(json.loads(result.stdout), schema) == []
