"""Column-mapping files: reading another tool's CSV headers and answer values as this platform's.

A mapping file is YAML::

    columns:                           # their header -> a question id, an extra column, or ignore
      "Q1. Rank these issues": priorities
      "How safe do you feel after dark?": safety_dark
      "Respondent ID": ignore
      "Date completed": submitted_at
    values:                            # optional: per question id, their answer -> an option value
      safety_dark:
        "Very safe": very_safe
        "Fairly safe": fairly_safe
        "N/A": ""                      # an empty value means "not answered"

Values apply to choice, scale and ranking questions, to the whole cell and to each ``;``-separated
item of it (never to the words after ``other:`` where the question has ``other: true``). Headers and
values are matched exactly, after trimming spaces at either end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from survey.definitions.definition import Definition, Question
from survey.definitions.errors import located
from survey.definitions.yaml_source import LineDict, YAMLSourceError, load_yaml
from survey.question_types import CONDITION_TYPES
from survey.question_types.choice import OTHER_PREFIX

IGNORE = "ignore"


class MappingError(ValueError):
    """A mapping file that cannot be read: the message names the file, the line and what is wrong."""


@dataclass(frozen=True)
class ColumnMapping:
    """``columns``: their header -> question id, ``reference``/``channel``/``submitted_at`` or ``ignore``;
    ``values``: question id -> {their value: option value}."""

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def translate(self, question: Question, cell: str) -> str:
        """The cell with their values replaced by option values (unchanged if none are mapped)."""
        table = self.values.get(question.id)
        if not table or not cell.strip():
            return cell
        if cell.strip() in table:
            return table[cell.strip()]
        items = cell.split(";")
        translated = []
        offers_other = bool(getattr(question, "other", False))
        for index, item in enumerate(items):
            if offers_other and item.startswith(OTHER_PREFIX):
                translated.extend(items[index:])  # the rest is the respondent's own words
                break
            translated.append(table.get(item.strip(), item))
        return ";".join(item for item in translated if item)

    def problems(self, definition: Definition) -> Iterator[tuple[str, str]]:
        """``(question id, what is wrong)`` for value mappings this definition cannot use."""
        for question_id, table in self.values.items():
            try:
                question = definition.question(question_id)
            except KeyError:
                yield question_id, f"The mapping file maps values of '{question_id}', which is not a question"
                continue
            if question.type not in CONDITION_TYPES:
                yield question_id, (
                    f"The mapping file maps values of a {question.type} question; "
                    "only choice, scale and ranking answers can be mapped"
                )
                continue
            for theirs, ours in table.items():
                if ours and question.option(ours) is None:
                    yield question_id, (
                        f"The mapping file maps '{theirs}' to '{ours}', "
                        "which is not an option of this question"
                    )


def load_mapping(text: str, source_name: str = "mapping.yaml") -> ColumnMapping:
    """Read a mapping file (format in the module docstring); :class:`MappingError` says where it is wrong."""
    try:
        data = load_yaml(text)
    except YAMLSourceError as error:
        raise MappingError(located(source_name, error.line, error.message)) from None
    if data is None:
        return ColumnMapping()
    if not isinstance(data, LineDict):
        raise MappingError(located(source_name, 1, "a mapping file is a mapping with 'columns' and 'values'"))
    for key in data:
        if key not in ("columns", "values"):
            message = f"unknown key {key!r} (only 'columns' and 'values')"
            raise MappingError(located(source_name, data.key_lines[key], message))
    columns = _strings(data.get("columns"), data.key_lines.get("columns", 1), "columns", source_name)
    values: dict[str, dict[str, str]] = {}
    raw_values = data.get("values")
    if raw_values is not None:
        line = data.key_lines["values"]
        if not isinstance(raw_values, LineDict):
            raise MappingError(located(source_name, line, "'values' must map question ids to mappings"))
        for question_id, table in raw_values.items():
            where = raw_values.key_lines[question_id]
            values[str(question_id)] = _strings(table, where, f"values of {question_id!r}", source_name)
    return ColumnMapping(columns=columns, values=values)


def _strings(data: Any, line: int, what: str, source_name: str) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, LineDict):
        raise MappingError(located(source_name, line, f"{what} must be a mapping of 'their text: ours'"))
    mapped = {}
    for key, value in data.items():
        key_line = data.key_lines[key]
        if not _scalar(key) or not (value is None or _scalar(value)):
            message = f"{what}: write each entry as 'their text: ours'"
            raise MappingError(located(source_name, key_line, message))
        mapped[str(key).strip()] = "" if value is None else str(value).strip()
    return mapped


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)
