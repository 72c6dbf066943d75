"""Questions as GOV.UK form fields: what a question page needs beyond the question type itself.

Each question type turns the page's posted fields into its raw answer (``question.from_form``) and
an answer into the values that refill the page (``question.form_values``); what is left here is
presentation: the values typed in to show again beside an error, and the items of radios and checkboxes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from survey.answers import RawAnswer
from survey.definitions.definition import DONT_KNOW, OTHER, Question


def raw_from_form(question: Question, form: MultiDict[str, str]) -> RawAnswer:
    """The question type's raw answer from a question page's posted fields."""
    return question.from_form(form.to_dict(flat=False))


def values_from_form(form: MultiDict[str, str]) -> dict[str, Any]:
    """What the respondent typed, to show again beside an error (lists for repeated fields)."""
    return {
        key: (values if len(values) > 1 or key == "answer" else values[0])
        for key, values in form.lists()
        if key != "csrf_token"
    }


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
        if option.value == DONT_KNOW or option.value in exclusive:
            items.append({"divider": "or"})
            if option.value in exclusive:
                item["behaviour"] = "exclusive"
        if option.value == OTHER and getattr(question, "other", False):  # a plain "other" is just an option
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
