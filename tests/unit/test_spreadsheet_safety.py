"""Formula injection: exported text must never run as a spreadsheet formula."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from analysis.spreadsheet_safety import FORMULA_TRIGGERS, safe_cell, safe_row


class TestSafeCell:
    @pytest.mark.parametrize(
        "text",
        [
            '=HYPERLINK("http://example.invalid","Click")',
            "+1+1",
            "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1",
            "\r=1+1",
        ],
    )
    def test_each_trigger_character_gets_an_apostrophe(self, text: str) -> None:
        assert safe_cell(text) == "'" + text

    def test_trigger_list_is_owasps(self) -> None:
        assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}

    @pytest.mark.parametrize("text", ["Better street lighting", "", " =not at the start", "'already", "1+1"])
    def test_ordinary_text_is_unchanged(self, text: str) -> None:
        assert safe_cell(text) == text

    @pytest.mark.parametrize("value", [-3, -2.5, 0, 12, None, True, dt.date(2024, 5, 1)])
    def test_non_text_values_are_unchanged(self, value: object) -> None:
        assert safe_cell(value) is value

    def test_negative_number_as_text_is_escaped(self) -> None:
        # Exporters should pass numbers as numbers: the string form looks like a formula.
        assert safe_cell("-3") == "'-3"


class TestSafeRow:
    def test_escapes_every_cell_and_keeps_order(self) -> None:
        assert safe_row(["=1+1", 46, "fine", -5, "@x"]) == ["'=1+1", 46, "fine", -5, "'@x"]

    def test_accepts_any_iterable(self) -> None:
        assert safe_row(value for value in ("+a", "b")) == ["'+a", "b"]


class TestRoundTrips:
    def test_csv_round_trip_keeps_the_escaped_text(self) -> None:
        rows = [["What would make you feel safer?", "count"], ["=cmd|' /C calc'!A0", 3], ["More patrols", -1]]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(safe_row(row))
        read_back = list(csv.reader(io.StringIO(buffer.getvalue())))
        assert read_back == [
            ["What would make you feel safer?", "count"],
            ["'=cmd|' /C calc'!A0", "3"],
            ["More patrols", "-1"],
        ]
        assert not any(cell.startswith(FORMULA_TRIGGERS) for row in read_back[:2] for cell in row)

    def test_excel_cell_is_text_not_formula(self) -> None:
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(safe_row(["=1+1", -4]))
        buffer = io.BytesIO()
        workbook.save(buffer)
        sheet = load_workbook(io.BytesIO(buffer.getvalue())).active
        assert sheet["A1"].data_type == "s"
        assert sheet["A1"].value == "'=1+1"
        assert sheet["B1"].value == -4

    def test_unescaped_text_would_have_been_a_formula(self) -> None:
        # Guards the test above: without safe_cell, openpyxl stores a formula.
        workbook = Workbook()
        workbook.active.append(["=1+1"])
        assert workbook.active["A1"].data_type == "f"
