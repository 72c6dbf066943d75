"""Hostile YAML: deep nesting, alias bombs and huge files are refused with the file and the line,
never a RecursionError, a hang or memory exhaustion."""

from __future__ import annotations

import time

import pytest

from survey.definitions.definition import DefinitionError, parse_definition
from survey.definitions.yaml_source import MAX_YAML_CHARS, MAX_YAML_DEPTH, MAX_YAML_VALUES, load_yaml
from survey.responses.csv_mapping import MappingError, load_mapping
from survey.signposting.services import ServicesError, parse_services

HEADER = "id: deep\nkind: worry\ntitle: T\nintro: I.\nprivacy_notice: P.\n"

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def problem(text: str, source: str = "definition.yaml") -> str:
    with pytest.raises(DefinitionError) as raised:
        parse_definition(text, source)
    return str(raised.value)


class TestNesting:
    def test_deep_flow_nesting_names_the_file_and_line(self) -> None:
        text = HEADER + "pages:\n  - questions:\n" + "      - " + "[" * 5000 + "]" * 5000 + "\n"
        message = problem(text)
        assert message.startswith("definition.yaml, line 8: ")
        assert message.endswith(f"the definition is nested too deeply (more than {MAX_YAML_DEPTH} levels)")

    def test_deep_block_nesting_names_the_line_where_it_goes_too_deep(self) -> None:
        # one-space indents: deep enough to exhaust Python's recursion within the size limit
        text = "a:\n" + "".join(" " * depth + "b:\n" for depth in range(1, 600)) + " " * 600 + "c: 1\n"
        message = problem(text)
        # the top mapping is level 1, so level MAX+1 opens on the key MAX lines below it
        assert message == (
            f"definition.yaml, line {MAX_YAML_DEPTH + 1}: "
            f"the definition is nested too deeply (more than {MAX_YAML_DEPTH} levels)"
        )

    def test_nesting_up_to_the_limit_is_still_read(self) -> None:
        text = "[" * MAX_YAML_DEPTH + "]" * MAX_YAML_DEPTH
        data = load_yaml(text)
        for _ in range(MAX_YAML_DEPTH - 1):
            data = data[0]
        assert data == []


class TestAliases:
    def test_an_alias_bomb_is_refused_quickly(self) -> None:
        started = time.monotonic()
        message = problem(BILLION_LAUGHS)
        assert time.monotonic() - started < 5
        assert message.startswith("definition.yaml, line ")
        assert f"aliases expand the definition to more than {MAX_YAML_VALUES:,} values" in message

    def test_an_alias_inside_what_it_names_is_refused(self) -> None:
        message = problem("a: &loop\n  - *loop\n")
        assert message == "definition.yaml, line 2: an alias cannot refer to a list or mapping it is inside"

    def test_a_few_ordinary_aliases_still_work(self) -> None:
        data = load_yaml("options: &o [Red, Green]\nagain: *o\n")
        assert data["again"] == ["Red", "Green"]


class TestSize:
    def test_a_file_over_the_limit_is_refused_before_it_is_parsed(self) -> None:
        message = problem("# " + "x" * MAX_YAML_CHARS + "\n")
        assert message == (
            f"definition.yaml: the definition is too long ({MAX_YAML_CHARS + 3:,} characters); "
            f"it must be {MAX_YAML_CHARS:,} characters or fewer"
        )


class TestOtherYAMLFiles:
    def test_a_deeply_nested_services_file_names_the_file_and_line(self) -> None:
        text = "services:\n  - " + "[" * 3000 + "]" * 3000 + "\n"
        with pytest.raises(ServicesError) as raised:
            parse_services(text, source_name="services.yaml")
        assert str(raised.value).startswith("services.yaml, line 2: ")
        assert "is nested too deeply" in str(raised.value)

    def test_an_alias_bomb_in_a_mapping_file_is_refused(self) -> None:
        with pytest.raises(MappingError, match="mapping.yaml, line .*aliases expand the file to more than"):
            load_mapping(BILLION_LAUGHS, "mapping.yaml")


def test_a_control_character_is_a_problem_not_a_crash() -> None:
    message = problem(HEADER + "pages: []\n\x00\n")
    assert message.startswith("definition.yaml: not valid YAML (unacceptable character #x0000")
