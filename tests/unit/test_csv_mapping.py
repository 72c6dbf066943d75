"""Column-mapping files: read with the line of any mistake; values translated item by item."""

from __future__ import annotations

import pytest

from survey.definitions.definition import load_template
from survey.responses.csv_mapping import ColumnMapping, MappingError, load_mapping


@pytest.fixture(scope="module")
def definition():
    return load_template("community-safety")


class TestLoadMapping:
    def test_reads_columns_and_values_as_text(self):
        text = 'columns:\n  " Q1 ": priorities\n  2: ignore\nvalues:\n  safety_day:\n    1: very_safe\n'
        mapping = load_mapping(text)
        assert mapping.columns == {"Q1": "priorities", "2": "ignore"}
        assert mapping.values == {"safety_day": {"1": "very_safe"}}

    def test_an_empty_file_maps_nothing(self):
        assert load_mapping("") == ColumnMapping()

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("columns:\n  a: b\ncolumn:\n  c: d\n", "map.yaml, line 3: unknown key 'column'"),
            ("columns: [a, b]\n", "map.yaml, line 1: columns must be a mapping"),
            ("columns:\n  a: [b]\n", "map.yaml, line 2: columns: write each entry as 'their text: ours'"),
            ("values:\n  q:\n    x: [y]\n", "map.yaml, line 3: values of 'q': write each entry"),
            ("values: [a]\n", "map.yaml, line 1: 'values' must map question ids to mappings"),
            ("columns:\n  a: b\n  a: c\n", "map.yaml, line 3: the key 'a' is given twice"),
            ("- a\n", "map.yaml, line 1: a mapping file is a mapping"),
            ("columns:\n  a: 'b\n", "map.yaml, line 3: while scanning a quoted scalar on line 2"),
        ],
    )
    def test_a_mistake_names_the_file_and_line(self, text, message):
        with pytest.raises(MappingError) as raised:
            load_mapping(text, "map.yaml")
        assert str(raised.value).startswith(message)


class TestTranslate:
    def test_each_item_is_translated_and_other_words_are_left_alone(self, definition):
        mapping = ColumnMapping(values={"town_centre_issues": {"Drugs": "drugs", "Robbery": "robbery"}})
        question = definition.question("town_centre_issues")
        assert mapping.translate(question, "Drugs; Robbery;other:Drugs") == "drugs;robbery;other:Drugs"

    def test_a_whole_cell_match_wins(self, definition):
        mapping = ColumnMapping(values={"safety_day": {"Safe; mostly": "fairly_safe"}})
        assert mapping.translate(definition.question("safety_day"), "Safe; mostly") == "fairly_safe"

    def test_unmapped_cells_are_unchanged(self, definition):
        mapping = ColumnMapping(values={"safety_day": {"Safe": "fairly_safe"}})
        assert mapping.translate(definition.question("safety_dark"), "Safe") == "Safe"
        assert mapping.translate(definition.question("safety_day"), "very_safe") == "very_safe"

    def test_problems_name_questions_that_cannot_be_mapped(self, definition):
        mapping = ColumnMapping(values={"nope": {"a": "b"}, "feel_safer": {"a": "b"}})
        assert [question for question, _ in mapping.problems(definition)] == ["nope", "feel_safer"]
