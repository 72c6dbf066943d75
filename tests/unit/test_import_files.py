"""Reading spreadsheets and matching another tool's headers and answers: no database."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from survey.definitions.definition import load_template
from survey.responses.csv_import import MAX_ROWS, ImportFileError
from survey.responses.imports.matching import closest, match_header, normalise, question_choices
from survey.responses.imports.plan import plan_import
from survey.responses.imports.presets import PRESETS, detect_tool
from survey.responses.imports.preview import preview
from survey.responses.imports.spreadsheets import read_table
from survey.responses.imports.translate import translate

DEFINITION = load_template("community-safety")
ODS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
)


def _ods(tables: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        tail = "</office:spreadsheet></office:body></office:document-content>"
        archive.writestr("content.xml", ODS_HEAD + tables + tail)
    return out.getvalue()


def _xlsx(*sheets: tuple[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class TestSpreadsheets:
    def test_xlsx_first_sheet_or_the_one_named(self):
        data = _xlsx(("Notes", [["ignore me"]]), ("Responses", [["safety_dark"], ["very_safe"], [3.0]]))
        assert read_table(data, "a.xlsx") == [["ignore me"]]
        assert read_table(data, "a.xlsx", "Responses") == [["safety_dark"], ["very_safe"], ["3"]]

    def test_a_missing_sheet_names_the_sheets_there_are(self):
        with pytest.raises(ImportFileError, match="no sheet called 'Answers'. Its sheets are: Responses"):
            read_table(_xlsx(("Responses", [["a"]])), "a.xlsx", "Answers")

    def test_an_xlsx_formula_is_refused_naming_row_and_column(self):
        data = _xlsx(("Sheet", [["safety_dark", "n"], ["very_safe", "=1+1"]]))
        with pytest.raises(ImportFileError, match="Row 2, column B holds a formula"):
            read_table(data, "a.xlsx")

    def test_ods_repeats_are_expanded_and_the_empty_rest_is_not(self):
        table = (
            '<table:table table:name="Sheet1"><table:table-row><table:table-cell office:value-type="string">'
            '<text:p>safety_dark</text:p></table:table-cell><table:table-cell table:number-columns-repeated='
            '"16000"/></table:table-row><table:table-row table:number-rows-repeated="2">'
            '<table:table-cell office:value-type="string"><text:p>very_safe</text:p></table:table-cell>'
            '</table:table-row><table:table-row table:number-rows-repeated="1048573"><table:table-cell/>'
            "</table:table-row></table:table>"
        )
        assert read_table(_ods(table), "a.ods") == [["safety_dark"], ["very_safe"], ["very_safe"]]

    def test_ods_repeated_rows_past_the_limit_are_refused(self):
        table = (
            f'<table:table table:name="S"><table:table-row table:number-rows-repeated="{MAX_ROWS + 5}">'
            '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
            "</table:table-row></table:table>"
        )
        with pytest.raises(ImportFileError, match="more than 50,000 rows"):
            read_table(_ods(table), "a.ods")

    def test_an_ods_formula_is_refused(self):
        table = (
            '<table:table table:name="S"><table:table-row><table:table-cell/><table:table-cell '
            'table:formula="of:=1+1" office:value-type="float" office:value="2"/>'
            "</table:table-row></table:table>"
        )
        with pytest.raises(ImportFileError, match="Row 1, column B holds a formula"):
            read_table(_ods(table), "a.ods")

    def test_xml_entities_are_refused(self):
        bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("content.xml", bomb)
        with pytest.raises(ImportFileError, match="cannot be read safely"):
            read_table(out.getvalue(), "a.ods")


class TestMatching:
    @pytest.mark.parametrize("header", [
        "Q4. How safe do you feel walking alone in your local area during the day?",
        "4) how safe do you feel walking alone in your local area during the day",
        "Question 4: How safe do you feel walking alone in your local area during the day ?",
    ])
    def test_numbering_case_and_punctuation_do_not_matter(self, header):
        assert match_header(DEFINITION, header).question.id == "safety_day"

    def test_a_near_miss_is_not_matched_but_offered(self):
        header = "How safe do you feel walking in your area after dark?"
        assert match_header(DEFINITION, header) is None
        assert "(safety_dark)" in closest(header, question_choices(DEFINITION))[0]

    def test_normalise_treats_curly_quotes_as_straight(self):
        assert normalise("Don\u2019t know") == normalise("Don't know") == "dont know"

    def test_detects_each_tool_from_its_header(self):
        assert detect_tool(["Timestamp", "What would make you feel safer?"]) == "google-forms"
        assert detect_tool(["ID", "Start time", "Completion time", "Email"]) == "microsoft-forms"
        assert detect_tool(["safety_dark"]) == "safer-voices"


class TestLabelsWithCommas:
    def test_a_checkbox_label_with_a_comma_is_resolved_against_the_options(self):
        from survey.definitions.definition import parse_definition

        definition = parse_definition(
            "id: t\nkind: consultation\ntitle: T\nintro: I\nprivacy_notice: P\npages:\n  - questions:\n"
            "      - id: where\n        type: multiple_choice\n        text: Where?\n        other: true\n"
            "        options:\n          - {value: parks, label: 'Parks, play areas and fields'}\n"
            "          - {value: station, label: Station}\n"
        )
        records = [["Where?"], ["Parks, play areas and fields, Station, Under the bridge, by the canal"]]
        plan = plan_import(definition, records, PRESETS["google-forms"])
        assert translate(plan).records[1] == ["parks;station;other:Under the bridge, by the canal"]

    def test_an_answer_that_is_no_option_is_reported_with_the_closest(self):
        records = [["Timestamp", "How safe do you feel walking alone in your local area after dark?"],
                   ["01/02/2026 10:00:00", "Fairly unsafe"]]
        table = translate(plan_import(DEFINITION, records, PRESETS["google-forms"]))
        assert len(table.errors) == 1
        assert "'Fairly unsafe' is not an answer to this question. The closest are: 'Fairly safe'" in str(
            table.errors[0])


class TestPreview:
    """What the officer wizard shows before anything is stored."""

    SAMPLE = Path(__file__).parents[1] / "data" / "imports" / "google-forms.csv"

    def _records(self):
        return read_table(self.SAMPLE.read_bytes(), self.SAMPLE.name)

    def test_detects_the_tool_and_shows_each_column_with_samples(self):
        _plan, shown = preview(DEFINITION, self._records())
        assert shown.tool == "google-forms"
        assert not shown.problems and not shown.errors
        by_header = {column.header: column for column in shown.columns}
        assert by_header["Email address"].target == "ignore"
        dark = by_header["How safe do you feel walking alone in your local area after dark?"]
        assert (dark.target, dark.how) == ("safety_dark", "question")
        assert dark.samples == ("A bit unsafe", "Very unsafe", "Don't know")
        assert shown.responses == 6
        assert shown.counts[("safety_dark", "very_unsafe")] == 2
        assert shown.counts[("town_centre_issues", "other")] == 2

    def test_an_override_changes_the_counts(self):
        records = self._records()
        index = records[0].index("How safe do you feel walking alone in your local area after dark?")
        _plan, shown = preview(DEFINITION, records, overrides={index: "ignore"})
        assert not any(question == "safety_dark" for question, _option in shown.counts)

    def test_cells_that_will_not_map_are_counted_per_column(self):
        records = self._records()
        column = records[0].index("How safe do you feel walking alone in your local area during the day?")
        records[1][column] = "Quite safe"
        records[2][column] = "Safe-ish"
        _plan, shown = preview(DEFINITION, records)
        by_index = {report.index: report for report in shown.columns}
        assert by_index[column].unmatched_cells == 2
        assert shown.responses == 4

    def test_an_identifying_column_cannot_be_sent_to_a_question(self):
        records = self._records()
        with pytest.raises(ValueError, match="identifies people"):
            preview(DEFINITION, records, overrides={records[0].index("Email address"): "feel_safer"})
