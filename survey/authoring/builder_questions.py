"""Questions as the builder edits them: fields from a form, options from lines, ids, conditions.

:func:`question_from_fields` makes a question's YAML mapping from what an officer typed (the same
names as the definition's fields, with ``options``, ``areas`` and ``landmarks`` as text, one per
line). Anything the builder does not show (an option's own value or score) is kept from the
question being changed. A new question gets an id made from its text
(:func:`new_question_id`); options keep their values when only their wording changes
(:func:`options_from_lines`), so answers already given still match.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from survey.authoring.editing import EditableDefinition, EditError, clean_text, item, question_ids
from survey.question_types import CONDITION_TYPES, QUESTION_TYPES, SCALE_PRESETS, slugify
from survey.question_types.about_you import ABOUT_YOU_NAMES, expand_about_you

ABOUT_YOU = "about_you"
"""The builder's "type" for an about-you block."""
BUILDER_TYPES = (*QUESTION_TYPES, ABOUT_YOU)
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "single_choice": ("options", "other"),
    "multiple_choice": ("options", "other", "max_choices", "exclusive"),
    "ranking": ("options", "rank"),
    "scale": ("preset", "options", "dont_know"),
    "free_text": ("max_length", "sentiment"),
    "number": ("min", "max", "integer"),
    "date": ("min", "max", "not_in_future"),
    "location": ("areas", "landmarks", "allow_description"),
}
"""The fields the builder shows for each type (besides text, hint and required)."""
FALSE_BY_DEFAULT = ("other", "dont_know", "sentiment", "integer", "not_in_future")
CUSTOM = "custom"
"""The scale "preset" meaning the officer's own points."""
MAX_ID_LENGTH = 40


def new_question_id(text: str, taken: list[str] | set[str]) -> str:
    """An id made from the question's words, unique among ``taken``: ``"How safe do you feel?"`` ->
    ``how_safe_do_you_feel`` (then ``how_safe_do_you_feel_2`` ...)."""
    base = slugify(text)[:MAX_ID_LENGTH].rstrip("_") or "question"
    if not base[0].isalpha():
        base = f"q_{base}"[:MAX_ID_LENGTH]
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


def lines_of(text: str | None) -> list[str]:
    """Non-blank lines, stripped (a textarea with one item per line)."""
    return [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n") if line.strip()]


def options_from_lines(lines: list[str], previous: list[Any] | None = None) -> list[Any]:
    """Options written as the YAML is: a plain label, or ``{value, label}`` when the value is not the
    label slugified. A line whose label is unchanged keeps its value; a changed line keeps the value
    of the option that was in its place (a wording fix), unless that option is still listed."""
    old = [_as_option(option) for option in previous or []]
    by_label = {option["label"]: option for option in old}
    kept = {option["label"] for option in old if option["label"] in lines}
    used: set[str] = set()
    result = []
    for position, label in enumerate(lines):
        option = by_label.get(label)
        if option is None and position < len(old) and old[position]["label"] not in kept:
            option = {**old[position], "label": label}
        value = (
            option["value"] if option and option["value"] not in used else _new_value(label, used, position)
        )
        used.add(value)
        written = {**(option or {}), "value": value, "label": label}
        result.append(label if _is_shorthand(written) else written)
    return result


def _as_option(option: Any) -> dict[str, Any]:
    if isinstance(option, str):
        return {"value": slugify(option), "label": option}
    return dict(option)


def _new_value(label: str, used: set[str], position: int) -> str:
    value = slugify(label) or f"option_{position + 1}"
    base, number = value, 1
    while value in used:
        number += 1
        value = f"{base}_{number}"[:63]
    return value


def _is_shorthand(option: dict[str, Any]) -> bool:
    return set(option) == {"value", "label"} and option["value"] == slugify(option["label"])


def option_lines(options: list[Any] | None) -> str:
    """The labels of ``options``, one per line (what the options textarea shows)."""
    return "\n".join(_as_option(option)["label"] for option in options or [])


def scale_points(lines: list[str], previous: list[Any] | None = None) -> list[dict[str, Any]]:
    """A scale's points from lines, best first: scores run down from the top, through 0 for a middle
    point, like the safety preset (2, 1, -1, -2). With as many points as before, scores are kept."""
    options = [_as_option(option) for option in options_from_lines(lines, previous)]
    old_scores = [_as_option(option).get("score") for option in previous or []]
    count = len(options)
    for position, option in enumerate(options):
        if len(old_scores) == count and old_scores[position] is not None:
            option["score"] = old_scores[position]
        else:
            option["score"] = _score(position, count)
    return options


def _score(position: int, count: int) -> int:
    half = count // 2
    score = half - position
    if count % 2 == 0 and score <= 0:
        score -= 1
    return score


def question_from_fields(
    kind: str, fields: Mapping[str, Any], *, previous: dict[str, Any] | None, taken: list[str]
) -> dict[str, Any]:
    """A question's mapping from the builder's fields for type ``kind``.

    ``fields`` holds ``text``, ``hint``, ``required`` and the type's fields (:data:`TYPE_FIELDS`);
    numbers may be ``None`` (not set). ``previous`` is the question being changed (its id and the
    fields the builder does not show are kept); a new question's id is made from its text, unique
    among ``taken``. A changed type starts again from the new type's fields.
    """
    if kind not in QUESTION_TYPES:
        raise EditError(f"There is no question type {kind!r}")
    same_type = previous is not None and previous.get("type") == kind
    kept = {key: value for key, value in (previous or {}).items() if same_type or key in ("id", "show_if")}
    question: dict[str, Any] = {**kept, "type": kind, "text": (fields.get("text") or "").strip()}
    if "id" not in question:
        question["id"] = new_question_id(question["text"], taken)
    _set_or_drop(question, "hint", clean_text(fields.get("hint") or "") or None)
    _set_or_drop(question, "required", True if fields.get("required") else None)
    message = (
        (fields.get("error_message") or "").strip()
        if "error_message" in fields
        else question.get("error_message")
    )
    _set_or_drop(question, "error_message", message if fields.get("required") and message else None)
    for name in TYPE_FIELDS[kind]:
        _set_field(question, name, fields, kept)
    return question


def _set_field(question: dict[str, Any], name: str, fields: Mapping[str, Any], kept: dict[str, Any]) -> None:
    value = fields.get(name)
    if name in ("options", "areas", "landmarks") and question["type"] != "scale":
        lines = lines_of(value)
        _set_or_drop(question, name, options_from_lines(lines, kept.get(name)) if lines else None)
        if name == "options" and not lines:
            question[name] = []  # the loader then says a choice needs options
    elif name == "exclusive":
        _set_or_drop(
            question, name, _exclusive_values(lines_of(value), question.get("options") or []) or None
        )
    elif name == "preset":
        preset = value if value in SCALE_PRESETS else None
        _set_or_drop(question, "preset", preset)
    elif name == "options":  # a scale's own points (ignored with a preset)
        lines = lines_of(value)
        own = question.get("preset") is None
        _set_or_drop(question, "options", scale_points(lines, kept.get("options")) if own and lines else None)
    elif name == "dont_know" and question.get("preset"):
        question[name] = bool(value)  # a preset offers "Don't know" unless told not to
    elif name in FALSE_BY_DEFAULT:
        _set_or_drop(question, name, True if value else (False if name in kept else None))
    elif name == "allow_description":
        _set_or_drop(question, name, None if value else False)
    else:  # numbers: max_choices, rank, max_length, min, max
        _set_or_drop(question, name, value)


def _exclusive_values(labels: list[str], options: list[Any]) -> list[str]:
    by_label = {_as_option(option)["label"]: _as_option(option)["value"] for option in options}
    for label in labels:
        if label not in by_label:
            raise EditError(f"‘{label}’ is not one of the options: write it exactly as it is in the options")
    return [by_label[label] for label in labels]


def _set_or_drop(question: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        question.pop(key, None)
    else:
        question[key] = value


def fields_of(question: dict[str, Any]) -> dict[str, Any]:
    """What the builder's form shows for a question: the fields, with options as lines of text."""
    shown: dict[str, Any] = {
        "text": question.get("text", ""),
        "hint": question.get("hint") or "",
        "required": bool(question.get("required")),
        "error_message": question.get("error_message") or "",
    }
    for name in TYPE_FIELDS.get(question.get("type", ""), ()):
        value = question.get(name)
        if name in ("options", "areas", "landmarks"):
            shown[name] = option_lines(value if question.get("preset") is None else None)
        elif name == "preset":
            shown[name] = value or CUSTOM
        elif name == "exclusive":
            labels = {
                _as_option(option)["value"]: _as_option(option)["label"]
                for option in question.get("options") or []
            }
            shown[name] = "\n".join(labels.get(item, item) for item in value or [])
        elif name == "allow_description":
            shown[name] = value is not False
        elif name == "dont_know":
            shown[name] = bool(question.get("preset")) if value is None else value
        else:
            shown[name] = value
    return shown


# --- conditions -----------------------------------------------------------------------------


def condition_targets(data: EditableDefinition, key: str) -> list[dict[str, Any]]:
    """The questions before ``key`` a condition may depend on (choice, ranking, scale), in order."""
    targets = []
    for page in data["pages"]:
        for entry in page.get("questions") or []:
            questions = expand_about_you(entry) if _is_block(entry) else [entry]
            if _key(entry) == key:
                return targets
            targets.extend(question for question in questions if question.get("type") in CONDITION_TYPES)
    raise EditError(f"There is no question {key!r}")


def _is_block(entry: Any) -> bool:
    return isinstance(entry, dict) and "about_you" in entry and "type" not in entry


def _key(entry: dict[str, Any]) -> str:
    return (
        f"about_{(entry.get('about_you') or ['about_you'])[0]}" if _is_block(entry) else entry.get("id", "")
    )


def answer_options(question: dict[str, Any]) -> list[tuple[str, str]]:
    """``(value, label)`` of every answer a condition can name: the options, "Other", "Don't know"."""
    options = question.get("options") or []
    if question.get("preset") in SCALE_PRESETS:
        options = [option.model_dump() for option in SCALE_PRESETS[question["preset"]]]
    pairs = [(_as_option(option)["value"], _as_option(option)["label"]) for option in options]
    if question.get("other"):
        pairs.append(("other", "Other"))
    if question.get("dont_know") or (question.get("type") == "scale" and question.get("preset")):
        pairs.append(("dont_know", "Don't know"))
    return pairs


def set_condition(data: EditableDefinition, key: str, target_id: str, values: list[str]) -> None:
    """Show question ``key`` only if the answer to ``target_id`` includes any of ``values``."""
    question = item(data, key)
    if _is_block(question):
        raise EditError("About you questions are always asked, so they cannot have a condition")
    if not values:
        raise EditError("Select at least one answer")
    question["show_if"] = {"question": target_id, "in": list(values)}


def clear_condition(data: EditableDefinition, key: str) -> None:
    """Always show question ``key``."""
    item(data, key).pop("show_if", None)


# --- about you ------------------------------------------------------------------------------


def about_you_block(names: list[str], areas_text: str | None) -> dict[str, Any]:
    """An ``about_you:`` block asking ``names`` (in the standard order); ``areas`` only with ``area``."""
    chosen = [name for name in ABOUT_YOU_NAMES if name in names]
    if not chosen:
        raise EditError("Select at least one question about the respondent")
    block: dict[str, Any] = {"about_you": chosen}
    areas = lines_of(areas_text)
    if "area" in chosen:
        if not areas:
            raise EditError("Enter the areas people can choose from, one on each line")
        block["areas"] = areas
    return block


def taken_ids(data: EditableDefinition, except_key: str | None = None) -> list[str]:
    """Question ids in use (those of the item ``except_key`` left out, so it can keep its own)."""
    ids = question_ids(data)
    if except_key is not None:
        own = item(data, except_key)
        mine = [f"about_{name}" for name in own.get("about_you") or []] if _is_block(own) else [own.get("id")]
        ids = [question_id for question_id in ids if question_id not in mine]
    return ids
