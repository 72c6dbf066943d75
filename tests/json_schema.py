"""A small JSON Schema checker for the keywords the report's generated schema uses.

jsonschema is not a dependency; this covers ``$ref`` (to ``#/$defs/...``), ``type``, ``enum``,
``const``, ``properties``, ``required``, ``additionalProperties: false``, ``items``, ``anyOf`` and
``oneOf``, and ignores annotations (``title``, ``description``, ``default``, ``format``,
``discriminator``). It returns every problem with its JSON path, so a failing test says where.
"""

from __future__ import annotations

from typing import Any

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_KNOWN = {"$ref", "$defs", "$schema", "type", "enum", "const", "properties", "required",
          "additionalProperties", "items", "anyOf", "oneOf", "title", "description", "default", "format",
          "discriminator"}


def schema_errors(value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None,
                  path: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema`` (an empty list when it is valid)."""
    root = root or schema
    unknown = set(schema) - _KNOWN
    if unknown:
        return [f"{path}: the checker does not know {sorted(unknown)}"]
    if "$ref" in schema:
        return schema_errors(value, root["$defs"][schema["$ref"].removeprefix("#/$defs/")], root, path)
    if "type" in schema and not _TYPES[schema["type"]](value):
        return [f"{path}: {value!r} is not of type {schema['type']}"]
    errors = _value_errors(value, schema, path) + _choice_errors(value, schema, root, path)
    if isinstance(value, dict):
        errors += _object_errors(value, schema, root, path)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], root, f"{path}[{index}]")
    return errors


def _value_errors(value: Any, schema: dict[str, Any], path: str) -> list[str]:
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} is not {schema['const']!r}")
    return errors


def _choice_errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str) -> list[str]:
    errors = []
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            matching = [option for option in schema[keyword] if not schema_errors(value, option, root, path)]
            if not matching or (keyword == "oneOf" and len(matching) > 1):
                errors.append(f"{path}: matches {len(matching)} of the {keyword} schemas")
    return errors


def _object_errors(
    value: dict[str, Any], schema: dict[str, Any], root: dict[str, Any], path: str
) -> list[str]:
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties")
    errors = [f"{path}: {key!r} is missing" for key in schema.get("required", ()) if key not in value]
    for key, item in value.items():
        if key in properties:
            errors += schema_errors(item, properties[key], root, f"{path}.{key}")
        elif extra is False:
            errors.append(f"{path}: {key!r} is not allowed")
        elif isinstance(extra, dict):
            errors += schema_errors(item, extra, root, f"{path}.{key}")
    return errors
