"""Questions as GOV.UK form fields: what a question page posts, and how to show it again.

One ``match question.type`` each way: the form's fields become the runner's channel-neutral raw
input (``survey.question_types.parsing``), and a stored answer becomes the values that refill the form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from survey.answers import Answer
from survey.definitions.definition import Question
from survey.question_types.parsing import date_text, number_text

LOCATION_FIELDS = ("latitude", "longitude", "area", "landmark", "description")
FIELD_LIMIT = 6000  # longer than any question allows: the runner says how long is too long


def raw_from_form(question: Question, form: MultiDict[str, str]) -> tuple[Any, str | None]:
    """``(raw, other_text)`` for the runner from a question page's posted fields."""
    other_text = _clip(form.get("other_text"))
    match question.type:
        case "single_choice" | "scale" | "free_text" | "number":
            return _clip(form.get("answer")), other_text
        case "multiple_choice":
            return [_clip(value) for value in form.getlist("answer")], other_text
        case "ranking":
            return {
                option.value: _clip(form.get(f"rank-{option.value}")) or "" for option in question.options
            }, None
        case "date":
            parts = tuple(_clip(form.get(f"answer-{part}")) or "" for part in ("day", "month", "year"))
            return (None if not any(p.strip() for p in parts) else parts), None
        case "location":
            return {
                key: _clip(form.get(key)) for key in LOCATION_FIELDS if (form.get(key) or "").strip()
            }, None
    raise AssertionError(question.type)  # pragma: no cover


def values_from_form(form: MultiDict[str, str]) -> dict[str, Any]:
    """What the respondent typed, to show again beside an error (lists for repeated fields)."""
    return {
        key: (values if len(values) > 1 or key == "answer" else values[0])
        for key, values in form.lists()
        if key != "csrf_token"
    }


def values_from_answer(question: Question, answer: Answer) -> dict[str, Any]:
    """The form values that show a stored answer again (the Change link on check-your-answers)."""
    if not answer:
        return {}
    match question.type:
        case "single_choice" | "multiple_choice" | "scale":
            values: dict[str, Any] = {"answer": [part.option for part in answer]}
            other = next((part.text for part in answer if part.text), None)
            if other:
                values["other_text"] = other
            return values
        case "ranking":
            return {f"rank-{part.option}": str(part.rank) for part in answer}
        case "free_text":
            return {"answer": [answer[0].text]}
        case "number":
            return {"answer": [number_text(answer[0].number)]}
        case "date":
            day, month, year = answer[0].date.day, answer[0].date.month, answer[0].date.year
            return {
                "answer-day": str(day),
                "answer-month": str(month),
                "answer-year": str(year),
                "iso": date_text(answer[0].date),
            }
        case "location":
            return _location_values(question, answer)
    raise AssertionError(question.type)  # pragma: no cover


def _location_values(question: Any, answer: Answer) -> dict[str, Any]:
    part = answer[0]
    if part.latitude is not None:
        return {"latitude": repr(part.latitude), "longitude": repr(part.longitude)}
    values: dict[str, Any] = {}
    if part.option:
        areas = {option.value for option in question.areas}
        values["area" if part.option in areas else "landmark"] = part.option
    if part.text:
        values["description"] = part.text
    return values


def first_field_id(question: Question) -> str:
    """Where the error summary's link for this question should land."""
    match question.type:
        case "date":
            return "answer-day"
        case "ranking":
            return f"rank-{question.options[0].value}"
        case "location":
            return "place"
    return "answer"


def _clip(value: str | None) -> str | None:
    return None if value is None else value[:FIELD_LIMIT]


def selected(values: Mapping[str, Any], key: str = "answer") -> list[str]:
    value = values.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def choice_items(question: Question, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``items`` for govukRadios/govukCheckboxes: options, "Don't know" after a divider, and
    "Other - please specify" revealing its text box (always visible without JavaScript)."""
    chosen = set(selected(values))
    items: list[dict[str, Any]] = []
    exclusive = set(getattr(question, "exclusive", ()))
    for option in question.all_options:
        item: dict[str, Any] = {
            "value": option.value,
            "text": option.label,
            "checked": option.value in chosen,
        }
        if option.value == "dont_know" or option.value in exclusive:
            items.append({"divider": "or"})
            if option.value in exclusive:
                item["behaviour"] = "exclusive"
        if option.value == "other":
            other = values.get("other_text")
            other = other if isinstance(other, str) else ""
            item["conditional"] = {
                "html": Markup(
                    '<div class="govuk-form-group">'
                    '<label class="govuk-label" for="other_text">Please specify</label>'
                    '<input class="govuk-input govuk-!-width-two-thirds" id="other_text" name="other_text" '
                    'type="text" maxlength="200" value="{}"></div>'
                ).format(other)
            }
        items.append(item)
    return items
