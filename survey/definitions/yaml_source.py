"""YAML that remembers where each mapping key and list item came from.

Survey definitions are written by hand, so a mistake must be reported with the line it is on.
:func:`load_yaml` returns plain-looking data whose dicts and lists also carry the source lines of
their keys and items; :func:`line_of` then walks a validation error's path through that data to
the nearest line it can find.

Two deliberate differences from PyYAML's ``safe_load``:

* only ``true``/``false`` are booleans (YAML 1.2), so an option written ``- Yes`` or a value
  ``no`` stays text instead of silently becoming ``True``/``False``;
* a key given twice in one mapping is an error rather than "the last one wins".
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Sequence
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode, SequenceNode


class LineDict(dict):
    """A mapping from YAML: ``line`` is where it starts, ``key_lines[key]`` where each key is."""

    line: int = 0
    key_lines: dict[Any, int]


class LineList(list):
    """A sequence from YAML: ``line`` is where it starts, ``item_lines[i]`` where each item is."""

    line: int = 0
    item_lines: list[int]


class YAMLSourceError(ValueError):
    """The text is not valid YAML; ``line`` is 1-based (``None`` if YAML could not say)."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_BOOL_TAG = "tag:yaml.org,2002:bool"


class _LineLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and line-carrying containers."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


_LineLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _LineLoader, node: MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise ConstructorError(None, None, "a mapping key must be a plain value", key_node.start_mark)
        if key in data:
            raise ConstructorError(None, None, f"the key {key!r} is given twice", key_node.start_mark)
        data[key] = loader.construct_object(value_node, deep=False)
        data.key_lines[key] = key_node.start_mark.line + 1


def _construct_sequence(loader: _LineLoader, node: SequenceNode) -> Iterator[LineList]:
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    data.extend(loader.construct_object(item, deep=False) for item in node.value)


def _construct_timestamp(loader: _LineLoader, node: ScalarNode) -> Any:
    # PyYAML raises a bare ValueError (no line) for dates such as 2025-02-30.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as error:
        raise ConstructorError(
            None, None, f"{node.value!r} is not a real date ({error})", node.start_mark
        ) from None


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(text: str) -> Any:
    """Parse one YAML document, raising :class:`YAMLSourceError` with the line of any syntax error."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        context = error.context
        if context and error.context_mark and mark and error.context_mark.line != mark.line:
            context += f" on line {error.context_mark.line + 1}"  # e.g. where an unclosed bracket opened
        parts = [part for part in (context, error.problem) if part]
        line = mark.line + 1 if mark else None
        raise YAMLSourceError(line, "; ".join(parts) or "not valid YAML") from error
    except yaml.YAMLError as error:
        raise YAMLSourceError(None, f"not valid YAML ({error})") from error


def line_of(data: Any, path: Sequence[Any]) -> int | None:
    """The source line of the deepest element of ``path`` found in ``data``.

    Path elements that are not in the data (a pydantic union tag, or a key the author left out)
    are skipped, so a "missing field" error points at the mapping it is missing from.
    """
    line = getattr(data, "line", None)
    node = data
    for key in path:
        if isinstance(node, LineDict) and isinstance(key, Hashable) and key in node:
            line = node.key_lines.get(key, line)
            node = node[key]
        elif isinstance(node, LineList) and isinstance(key, int) and 0 <= key < len(node):
            line = node.item_lines[key]
            node = node[key]
    return line
