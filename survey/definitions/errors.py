"""Turning what is wrong with a definition into messages that name the file and the line.

Model validators raise :class:`DefinitionProblem` with paths relative to the model; pydantic wraps
it with the model's location; :func:`describe_validation_error` joins the two and looks the full
path up in the line-carrying YAML data (see :mod:`survey.definitions.yaml_source`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from survey.definitions.yaml_source import line_of
from survey.question_types.base import DefinitionProblem

Path = tuple[Any, ...]


class DefinitionError(ValueError):
    """A definition could not be loaded. ``problems`` holds one "file, line N: what" text per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))

    @classmethod
    def single(cls, source_name: str, line: int | None, message: str) -> DefinitionError:
        return cls([located(source_name, line, message)])


def located(source_name: str, line: int | None, message: str) -> str:
    """``"community.yaml, line 42: message"`` (without the line when it is not known)."""
    return f"{source_name}, line {line}: {message}" if line else f"{source_name}: {message}"


def describe_validation_error(error: ValidationError, data: Any, source_name: str) -> list[str]:
    """One located message per problem in a pydantic ValidationError raised while validating ``data``."""
    messages = []
    details = error.errors()
    for detail in details:
        location = tuple(detail["loc"])
        if detail["type"] == "too_short" and _has_errors_inside(location, details):
            continue  # pydantic also counts a tuple whose items failed as too short
        cause = (detail.get("ctx") or {}).get("error")
        if isinstance(cause, DefinitionProblem):
            for path, message in cause.problems:
                messages.append(_locate(data, location + tuple(path), message, source_name))
        else:
            if detail["type"] == "union_tag_invalid":
                location += ("type",)
            path = _present_path(data, location)
            messages.append(_locate(data, location, _explain(detail, path), source_name))
    return list(dict.fromkeys(messages))


def _has_errors_inside(location: Path, details: Sequence[Any]) -> bool:
    return any(
        tuple(other["loc"])[: len(location)] == location and len(other["loc"]) > len(location)
        for other in details
    )


def _locate(data: Any, path: Path, message: str, source_name: str) -> str:
    subject = _subject(data, path)
    return located(source_name, line_of(data, path), f"{subject}: {message}" if subject else message)


def _subject(data: Any, path: Path) -> str:
    if len(path) < 2 or path[0] != "pages" or not isinstance(path[1], int):
        return ""
    if len(path) < 4 or path[2] != "questions" or not isinstance(path[3], int):
        return f"page {path[1] + 1}"
    question = _get(data, path[:4])
    if isinstance(question, dict) and isinstance(question.get("id"), str):
        return f"question {question['id']!r}"
    return f"question {path[3] + 1} on page {path[1] + 1}"


def _get(data: Any, path: Path) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _present_path(data: Any, location: Path) -> Path:
    """The location without pydantic's union tags (elements that are not keys in the data)."""
    kept: list[Any] = []
    node = data
    for key in location:
        if isinstance(node, dict) and key not in node and node.get("type") == key:
            continue  # the discriminated-union tag pydantic adds for the question type
        kept.append(key)
        node = _get(node, (key,))
    return tuple(kept)


def _field(path: Path) -> str:
    # Drop the pages/questions prefix the subject already names.
    if len(path) >= 4 and path[0] == "pages" and path[2] == "questions":
        path = path[4:]
    elif len(path) >= 2 and path[0] == "pages":
        path = path[2:]
    text = ""
    for key in path:
        text += f"[{key + 1}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


def _explain(detail: Any, path: Path) -> str:
    kind = detail["type"]
    field = _field(path)
    parent, _, last = field.rpartition(".")
    where = f"{parent}: " if parent else ""
    if kind == "missing":
        return f"{where}{last!r} is missing"
    if kind == "extra_forbidden":
        return f"{where}unknown field {last!r}"
    if kind == "union_tag_invalid":
        expected = detail["ctx"]["expected_tags"].replace("'", "")
        return f"unknown question type {detail['ctx']['tag']!r} (use one of: {expected})"
    if kind == "union_tag_not_found":
        return "'type' is missing"
    if kind in ("bool_type", "bool_parsing"):
        return f"{field} must be true or false, not {detail['input']!r}"
    message = detail["msg"]
    cause = (detail.get("ctx") or {}).get("error")
    if kind == "value_error" and cause is not None:
        message = str(cause)
    return f"{field}: {message}" if field else message
