"""YAML that remembers where each mapping key and list item came from.

Survey definitions are written by hand, so a mistake must be reported with the line it is on.
:func:`load_yaml` returns plain-looking data whose dicts and lists also carry the source lines of
their keys and items; :func:`line_of` then walks a validation error's path through that data to
the nearest line it can find.

Two deliberate differences from PyYAML's ``safe_load``:

* only ``true``/``false`` are booleans (YAML 1.2), so an option written ``- Yes`` or a value
  ``no`` stays text instead of silently becoming ``True``/``False``;
* a key given twice in one mapping is an error rather than "the last one wins".

Uploaded YAML is hostile until read, so the loader also refuses, with the line where it happens,
text longer than :data:`MAX_YAML_CHARS`, lists and mappings nested more than :data:`MAX_YAML_DEPTH`
deep (PyYAML composes recursively, so deep nesting would otherwise end in ``RecursionError``),
aliases that expand to more than :data:`MAX_YAML_VALUES` values (the "billion laughs") and an alias
inside the list or mapping it names (a cycle nothing downstream could walk).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Sequence
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# The largest shipped file is about 5,000 characters and 700 values, nested 7 deep; these leave
# room for any real definition while keeping the pure-Python parser to a few seconds at worst.
MAX_YAML_CHARS = 200_000
MAX_YAML_DEPTH = 50
MAX_YAML_VALUES = 100_000


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
    """SafeLoader with YAML 1.2 booleans, line-carrying containers and limits on the node graph."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, text: str, what: str) -> None:
        super().__init__(text)
        self._what = what
        self._open: list[int] = []  # values so far inside each list or mapping being composed
        self._values: dict[int, int] = {}  # id(node) -> the values it stands for, aliases expanded
        self._total = 0  # values in the document so far, aliases expanded
        self._aliased = False

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        start = self.peek_event().start_mark
        if self.check_event(yaml.AliasEvent):
            node = super().compose_node(parent, index)
            if id(node) not in self._values:  # anchored but not finished: it is an ancestor
                problem = "an alias cannot refer to a list or mapping it is inside"
                raise ComposerError(None, None, problem, start)
            self._aliased = True
            return self._counted(node, self._values[id(node)], start)
        if self.check_event(yaml.ScalarEvent):
            return self._counted(super().compose_node(parent, index), 1, start)
        if len(self._open) >= MAX_YAML_DEPTH:
            problem = f"{self._what} is nested too deeply (more than {MAX_YAML_DEPTH} levels)"
            raise ComposerError(None, None, problem, start)
        self._add(1, start)
        self._open.append(1)
        node = super().compose_node(parent, index)
        values = self._open.pop()
        self._values[id(node)] = values
        if self._open:
            self._open[-1] += values
        return node

    def _counted(self, node: Node, values: int, start: yaml.Mark) -> Node:
        self._add(values, start)
        self._values.setdefault(id(node), values)
        if self._open:
            self._open[-1] += values
        return node

    def _add(self, values: int, start: yaml.Mark) -> None:
        # Checked as the document grows, so an alias bomb stops at its first oversized alias.
        self._total += values
        if self._total > MAX_YAML_VALUES:
            problem = (f"aliases expand {self._what} to more than {MAX_YAML_VALUES:,} values" if self._aliased
                       else f"{self._what} has more than {MAX_YAML_VALUES:,} values")
            raise ComposerError(None, None, problem, start)


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


def load_yaml(text: str, *, what: str = "the file") -> Any:
    """Parse one YAML document, raising :class:`YAMLSourceError` with the line of any syntax error.

    ``what`` names the document in messages about the limits ("the definition is nested too deeply").
    """
    if len(text) > MAX_YAML_CHARS:
        limit = f"it must be {MAX_YAML_CHARS:,} characters or fewer"
        raise YAMLSourceError(None, f"{what} is too long ({len(text):,} characters); {limit}")
    loader = None
    try:
        loader = _LineLoader(text, what)  # the reader refuses control characters here, without a line
        return loader.get_single_data()
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
    finally:
        if loader is not None:
            loader.dispose()


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
